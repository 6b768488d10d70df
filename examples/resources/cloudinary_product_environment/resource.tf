# Needs the provider's account credentials (account_url, or
# CLOUDINARY_ACCOUNT_URL).
resource "cloudinary_product_environment" "staging" {
  name       = "Acme staging"
  cloud_name = "acme-staging"
  custom_attributes = {
    team = "media"
    tier = "staging"
  }
  # deletion_protection is true by default: to destroy the environment, set it
  # to false and apply first.
}

# An environment that starts with the settings of another one.
resource "cloudinary_product_environment" "preview" {
  name                     = "Acme preview"
  cloud_name               = "acme-preview"
  base_product_environment = cloudinary_product_environment.staging.cloud_name
  enabled                  = false
  deletion_protection      = false
}
