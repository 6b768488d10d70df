# Two product environments, staging and production, managed by one
# configuration: a provider configuration per environment, each with its own
# credentials, and the same module applied to both.
terraform {
  required_providers {
    cloudinary = {
      source  = "mediaops/cloudinary"
      version = "~> 0.1"
    }
  }
}

# Each environment's API key and secret, as the console shows them
# (cloudinary://API_KEY:API_SECRET@CLOUD_NAME), from TF_VAR_... variables or a
# secret store: never in the code.
variable "staging_cloudinary_url" {
  type      = string
  sensitive = true
}

variable "production_cloudinary_url" {
  type      = string
  sensitive = true
}

provider "cloudinary" {
  alias          = "staging"
  cloudinary_url = var.staging_cloudinary_url
}

provider "cloudinary" {
  alias          = "production"
  cloudinary_url = var.production_cloudinary_url
}

module "staging" {
  source      = "./media"
  providers   = { cloudinary = cloudinary.staging }
  environment = "staging"
}

module "production" {
  source      = "./media"
  providers   = { cloudinary = cloudinary.production }
  environment = "production"
}
