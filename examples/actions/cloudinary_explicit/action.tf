# The eager transformations of a preset, also generated for the assets
# uploaded before a change of the list: they carry the preset's tag.
locals {
  product_eager = ["c_fill,g_auto,w_400,h_400", "c_fill,g_auto,w_800,h_800/q_auto"]
}

resource "cloudinary_upload_preset" "products" {
  name  = "products"
  tags  = ["product"]
  eager = local.product_eager

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.cloudinary_explicit.products]
    }
  }
}

action "cloudinary_explicit" "products" {
  config {
    tag   = "product"
    eager = local.product_eager
  }
}

# Regenerate one asset's eager transformations in the background, on demand:
# terraform apply -invoke=action.cloudinary_explicit.hero
action "cloudinary_explicit" "hero" {
  config {
    public_ids    = ["site/hero"]
    resource_type = "image"
    type          = "upload"
    eager         = ["c_fill,w_1600,h_600/q_auto"]
    eager_async   = true
    invalidate    = true
  }
}
