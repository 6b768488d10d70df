# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_product_environment" "acme" {
  provider         = cloudinary
  include_resource = true
  config {
    prefix = "Acme"
  }
}
