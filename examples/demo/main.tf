# A realistic Cloudinary account in HCL, applied by `make demo` against the
# local emulator. Credentials come from CLOUDINARY_URL.
terraform {
  required_providers {
    cloudinary = {
      source = "mediaops/cloudinary"
    }
  }
}

provider "cloudinary" {}

# Signed uploads from the back end: resized on the way in, tagged, with
# thumbnails generated at once.
resource "cloudinary_upload_preset" "product_photos" {
  name            = "product_photos"
  asset_folder    = "products"
  use_filename    = true
  unique_filename = false
  overwrite       = true
  tags            = ["product", "catalog"]
  allowed_formats = ["jpg", "png", "webp"]
  transformation  = "c_limit,w_2400,h_2400/q_auto"
  eager           = ["c_fill,g_auto,w_400,h_400", "c_thumb,w_120,h_120"]
  context         = { team = "catalog" }
}

# Unsigned uploads from the mobile app, moderated before use.
resource "cloudinary_upload_preset" "user_avatars" {
  name               = "user_avatars"
  unsigned           = true
  disallow_public_id = true
  asset_folder       = "avatars"
  allowed_formats    = ["jpg", "png"]
  transformation     = "c_fill,g_face,w_512,h_512"
  moderation         = "manual"
  tags               = ["avatar"]
}

# Remote images fetched on first use.
resource "cloudinary_upload_mapping" "legacy_cdn" {
  folder   = "legacy"
  template = "https://legacy-cdn.example.com/images/"
}

resource "cloudinary_upload_mapping" "partner_feed" {
  folder   = "partners/acme"
  template = "https://feeds.acme.example.com/media/"
}

data "cloudinary_upload_preset" "avatars" {
  name       = cloudinary_upload_preset.user_avatars.name
  depends_on = [cloudinary_upload_preset.user_avatars]
}

output "avatar_preset_is_unsigned" {
  value = data.cloudinary_upload_preset.avatars.unsigned
}

output "mapped_folders" {
  value = [cloudinary_upload_mapping.legacy_cdn.folder, cloudinary_upload_mapping.partner_feed.folder]
}
