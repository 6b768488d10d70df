# Terraform 1.12 and later.
import {
  to       = cloudinary_access_key.ci
  identity = { product_environment = "acme-staging", api_key = "814814814814814" }
}
