import {
  to = cloudinary_metadata_field.colors
  id = "colors"
}
