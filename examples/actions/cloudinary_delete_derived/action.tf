# Whenever the definition of a named transformation changes, delete the assets
# derived with the old one (Cloudinary applies a changed definition only to
# assets derived from then on). Each is generated again, with the new
# definition, on its next request.
resource "cloudinary_named_transformation" "card" {
  name           = "card"
  transformation = "c_fill,g_auto,w_300,h_200/q_auto"

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.cloudinary_delete_derived.card]
    }
  }
}

action "cloudinary_delete_derived" "card" {
  config {
    transformations = ["card"]
  }
}

# Every derived asset of two images, run on demand with
# terraform apply -invoke=action.cloudinary_delete_derived.banners
action "cloudinary_delete_derived" "banners" {
  config {
    public_ids = ["banners/spring", "banners/summer"]
    invalidate = true
  }
}
