# The ID is the environment's cloud name or its ID.
import {
  to = cloudinary_product_environment.staging
  id = "acme-staging"
}
