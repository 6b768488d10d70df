# An upload mapping is imported by its folder.
terraform import cloudinary_upload_mapping.legacy legacy
