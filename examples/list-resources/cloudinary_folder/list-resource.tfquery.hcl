# In a .tfquery.hcl file (Terraform 1.14 and later). Cloudinary's folder
# search returns at most 2000 folders; narrow it with path_prefix.
list "cloudinary_folder" "marketing" {
  provider         = cloudinary
  include_resource = true
  config {
    path_prefix = "marketing/"
  }
}
