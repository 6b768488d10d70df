# Terraform 1.12 and later.
import {
  to       = cloudinary_upload_preset.product_photos
  identity = { name = "product_photos" }
}
