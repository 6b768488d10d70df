# One apply creates a product environment, a key for its CI pipeline and a
# designer with access to it, and configures the new environment's presets and
# named transformations, with no environment secret in the configuration or the
# state.
#
# The provider takes the account's credentials (Enterprise accounts) from
# CLOUDINARY_ACCOUNT_URL=account://ACCOUNT_API_KEY:ACCOUNT_API_SECRET@ACCOUNT_ID,
# and has no environment of its own: every object below either belongs to the
# account or names its product environment.
terraform {
  required_providers {
    cloudinary = {
      source  = "mediaops/cloudinary"
      version = "~> 0.1"
    }
  }
}

provider "cloudinary" {}

# The environment. Its cloud name can never be used again once it is deleted,
# so deletion_protection (true by default) makes a destroy fail until it is
# set to false and applied.
resource "cloudinary_product_environment" "shop" {
  name       = "Shop"
  cloud_name = "acme-shop"
  custom_attributes = {
    team = "commerce"
  }
}

# A key for the shop's CI pipeline: read its secret with the ephemeral
# cloudinary_access_key, or from this resource's sensitive api_secret.
resource "cloudinary_access_key" "ci" {
  product_environment = cloudinary_product_environment.shop.cloud_name
  name                = "ci"
}

# The shop's designers, and one of them, who works in this environment only.
# Creating a user sends them an invitation email.
resource "cloudinary_user_group" "designers" {
  name = "Shop designers"
}

resource "cloudinary_user" "dana" {
  name                 = "Dana"
  email                = "dana@example.com"
  role                 = "media_library_user"
  product_environments = [cloudinary_product_environment.shop.id]
}

resource "cloudinary_user_group_membership" "dana" {
  group_id = cloudinary_user_group.designers.id
  user_id  = cloudinary_user.dana.id
}

# Inside the new environment: the provider finds its credentials through the
# Provisioning API when it applies these.
resource "cloudinary_upload_preset" "products" {
  product_environment = cloudinary_product_environment.shop.cloud_name
  name                = "products"
  asset_folder        = "products"
  tags                = ["product"]
  allowed_formats     = ["jpg", "png", "webp"]
  eager               = ["c_fill,g_auto,w_400,h_400"]
}

resource "cloudinary_named_transformation" "product_card" {
  product_environment = cloudinary_product_environment.shop.cloud_name
  name                = "product_card"
  transformation      = "c_fill,g_auto,w_600,h_400/q_auto/f_auto"
}

output "ci_api_key" {
  value = cloudinary_access_key.ci.api_key
}
