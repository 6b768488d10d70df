resource "cloudinary_upload_preset" "product_photos" {
  name            = "product_photos"
  asset_folder    = "products"
  use_filename    = true
  unique_filename = false
  tags            = ["product", "catalog"]
  allowed_formats = ["jpg", "png", "webp"]
  transformation  = "c_limit,w_2400,h_2400/q_auto"
  eager           = ["c_fill,g_auto,w_400,h_400"]
  context         = { team = "catalog" }
  metadata        = { stock = "0" }
}

resource "cloudinary_upload_preset" "mobile_avatars" {
  name               = "mobile_avatars"
  unsigned           = true
  disallow_public_id = true
  moderation         = "manual"
  quality_override   = "80"
  extra_settings = {
    parameter_whitelist = "tags,context"
  }
}

resource "cloudinary_upload_preset" "lectures" {
  name               = "lectures"
  resource_type      = "video"
  asset_folder       = "lectures"
  auto_chaptering    = true
  auto_transcription = jsonencode({ translate = ["fr-FR", "es-ES"] })
  access_control     = jsonencode([{ access_type = "anonymous", start = "2025-09-01T00:00:00Z" }])
}
