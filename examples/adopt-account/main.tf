# Adopting an account's own objects (Enterprise accounts) with Terraform
# 1.14's list resources: its product environments, the access keys of one of
# them, its users, user groups and group memberships.
#
#   terraform query -generate-config-out=adopted.tf   # writes import and resource blocks
#   terraform plan                                    # imports only
#   terraform apply
#
# The provider takes the account's credentials from CLOUDINARY_ACCOUNT_URL
# (account://ACCOUNT_API_KEY:ACCOUNT_API_SECRET@ACCOUNT_ID). Adopted product
# environments keep deletion_protection = true, so that no later plan can
# delete one (its cloud name could never be used again).
terraform {
  required_version = ">= 1.14.0"
  required_providers {
    cloudinary = { source = "mediaops/cloudinary" }
  }
}

provider "cloudinary" {}

# The cloud name of the product environment whose access keys to adopt.
variable "keys_of" {
  type = string
}
