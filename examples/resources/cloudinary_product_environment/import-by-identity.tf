# Terraform 1.12 and later.
import {
  to       = cloudinary_product_environment.staging
  identity = { id = "4fe69993a16f8c3207dd6eb440ca169c" }
}
