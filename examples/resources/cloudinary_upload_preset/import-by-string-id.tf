import {
  to = cloudinary_upload_preset.product_photos
  id = "product_photos"
}
