# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_user" "all" {
  provider         = cloudinary
  include_resource = true
}
