# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_metadata_rule" "team" {
  provider         = cloudinary
  include_resource = true
  config {
    metadata_field_id = "team"
  }
}
