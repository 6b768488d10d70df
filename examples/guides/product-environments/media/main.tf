# What every product environment holds. The module names the provider it
# needs; the caller decides which environment it configures.
terraform {
  required_providers {
    cloudinary = {
      source = "mediaops/cloudinary"
    }
  }
}

variable "environment" {
  type        = string
  description = "The environment's name, given to uploads as a tag."
}

resource "cloudinary_upload_preset" "product_photos" {
  name            = "product_photos"
  asset_folder    = "products"
  tags            = ["product", var.environment]
  allowed_formats = ["jpg", "png", "webp"]
}

resource "cloudinary_named_transformation" "product_card" {
  name           = "product_card"
  transformation = "c_fill,g_auto,w_600,h_400/q_auto/f_auto"
}
