# In a .tfquery.hcl file (Terraform 1.14 and later):
#   terraform query -generate-config-out=presets.tf
list "cloudinary_upload_preset" "products" {
  provider         = cloudinary
  include_resource = true
  config {
    name_prefix = "product_"
  }
}
