# Adopting an existing account with Terraform 1.14's list resources:
#
#   terraform query -generate-config-out=adopted.tf   # writes import and resource blocks
#   terraform plan                                    # imports only
#   terraform apply
#
# The provider is configured from CLOUDINARY_URL.
terraform {
  required_version = ">= 1.14.0"
  required_providers {
    cloudinary = { source = "mediaops/cloudinary" }
  }
}

provider "cloudinary" {}
