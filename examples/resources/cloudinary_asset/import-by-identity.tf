# Terraform 1.12 and later.
import {
  to = cloudinary_asset.logo
  identity = {
    resource_type = "image"
    type          = "upload"
    public_id     = "brand/logo"
  }
}
