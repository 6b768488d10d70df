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

# Named transformations used in delivery URLs as t_<name>.
resource "cloudinary_named_transformation" "card" {
  name           = "product_card"
  transformation = "c_fill,g_auto,w_600,h_400/q_auto/f_auto"
}

resource "cloudinary_named_transformation" "avatar_small" {
  name               = "avatar_small"
  transformation     = "c_thumb,g_face,w_96,h_96,r_max"
  allowed_for_strict = true
}

# A custom adaptive streaming profile, and the built-in "hd" profile tuned.
resource "cloudinary_streaming_profile" "square" {
  name         = "square_social"
  display_name = "Square for social"
  representations = [
    { transformation = "w_1080,h_1080,c_pad,vc_h264:main:3.1,br_4m" },
    { transformation = "w_720,h_720,c_pad,vc_h264:main:3.1,br_2m" },
    { transformation = "w_480,h_480,c_pad,vc_h264:baseline:3.0,br_800k" },
  ]
}

resource "cloudinary_streaming_profile" "hd" {
  name = "hd"
  representations = [
    { transformation = "w_1280,h_720,c_limit,vc_h264:main:3.1,br_3000k" },
    { transformation = "w_960,h_540,c_limit,vc_h264:main:3.1,br_1800k" },
    { transformation = "w_640,h_360,c_limit,vc_h264:baseline:3.0,br_800k" },
  ]
}

data "cloudinary_transformations" "named" {
  named      = true
  depends_on = [cloudinary_named_transformation.card, cloudinary_named_transformation.avatar_small]
}

output "named_transformations" {
  value = [for t in data.cloudinary_transformations.named.transformations : t.name]
}

# The structured metadata that brand assets carry.
resource "cloudinary_metadata_field" "usage_rights" {
  external_id   = "usage_rights"
  type          = "enum"
  label         = "Usage rights"
  mandatory     = true
  default_value = "internal"
  datasource = [
    { external_id = "internal", value = "Internal only" },
    { external_id = "public", value = "Public" },
  ]
}

resource "cloudinary_metadata_field" "channels" {
  external_id = "channels"
  type        = "set"
  label       = "Channels"
  datasource = [
    { external_id = "web", value = "Web" },
    { external_id = "print", value = "Print" },
    { external_id = "social", value = "Social" },
  ]
}

# An uploaded file: changing logo.png uploads it again over the same public ID.
resource "cloudinary_asset" "logo" {
  file         = "${path.module}/logo.png"
  public_id    = "brand/logo"
  asset_folder = "brand"
  display_name = "Company logo"
  tags         = ["brand", "web"]
  context      = { alt = "Our logo", owner = "design" }
  metadata = {
    (cloudinary_metadata_field.usage_rights.external_id) = "public"
    (cloudinary_metadata_field.channels.external_id)     = jsonencode(["web", "social"])
  }
}

data "cloudinary_assets" "brand" {
  tag        = "brand"
  depends_on = [cloudinary_asset.logo]
}

data "cloudinary_tags" "images" {
  depends_on = [cloudinary_asset.logo]
}

data "cloudinary_folders" "root" {
  depends_on = [cloudinary_asset.logo]
}

data "cloudinary_usage" "account" {
  depends_on = [cloudinary_asset.logo]
}

output "logo_url" {
  value = cloudinary_asset.logo.secure_url
}

output "brand_assets" {
  value = [for a in data.cloudinary_assets.brand.assets : "${a.public_id} (${a.width}x${a.height})"]
}

output "image_tags" {
  value = data.cloudinary_tags.images.tags
}

output "root_folders" {
  value = [for f in data.cloudinary_folders.root.folders : f.path]
}

output "storage_used_bytes" {
  value = data.cloudinary_usage.account.storage.usage
}

# Folders and a webhook for uploads.
resource "cloudinary_folder" "campaigns" {
  path = "marketing/campaigns/2026"
}

resource "cloudinary_trigger" "uploads" {
  uri        = "https://hooks.example.com/cloudinary/uploads"
  event_type = "upload"
}
