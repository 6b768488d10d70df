# A key for a CI pipeline, in the environment of the
# cloudinary_product_environment example.
resource "cloudinary_access_key" "ci" {
  product_environment = cloudinary_product_environment.staging.cloud_name
  name                = "ci"
}

# The key that signs the environment's webhook notifications.
resource "cloudinary_access_key" "webhooks" {
  product_environment = cloudinary_product_environment.staging.cloud_name
  name                = "webhooks"
  dedicated_for       = ["webhooks"]
}
