# Terraform 1.12 and later.
import {
  to       = cloudinary_upload_mapping.legacy
  identity = { folder = "legacy" }
}
