terraform {
  required_providers {
    cloudinary = {
      source  = "mediaops/cloudinary"
      version = "~> 0.1"
    }
  }
}

# Credentials from the environment (CLOUDINARY_URL, or CLOUDINARY_CLOUD_NAME,
# CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET):
provider "cloudinary" {}

# Or explicitly, for an account in the EU data centre, with the secret from a
# sensitive variable:
variable "cloudinary_api_secret" {
  type      = string
  sensitive = true
}

provider "cloudinary" {
  alias        = "eu"
  cloud_name   = "my-cloud"
  api_key      = "123456789012345"
  api_secret   = var.cloudinary_api_secret
  api_base_url = "https://api-eu.cloudinary.com/v1_1"
}
