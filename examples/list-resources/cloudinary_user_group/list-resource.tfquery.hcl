# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_user_group" "all" {
  provider         = cloudinary
  include_resource = true
}
