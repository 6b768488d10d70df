# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_upload_mapping" "legacy" {
  provider = cloudinary
  config {
    folder_prefix = "legacy"
  }
}
