# A field is imported by its external ID.
terraform import cloudinary_metadata_field.colors colors
