# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_access_key" "staging" {
  provider         = cloudinary
  include_resource = true
  config {
    product_environment = "acme-staging"
  }
}
