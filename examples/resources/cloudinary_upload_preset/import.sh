# An upload preset is imported by its name.
terraform import cloudinary_upload_preset.product_photos product_photos
