# Terraform 1.12 and later.
import {
  to       = cloudinary_metadata_field.colors
  identity = { external_id = "colors" }
}
