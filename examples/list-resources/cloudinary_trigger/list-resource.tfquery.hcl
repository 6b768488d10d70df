# In a .tfquery.hcl file (Terraform 1.14 and later).
list "cloudinary_trigger" "uploads" {
  provider         = cloudinary
  include_resource = true
  config {
    event_type = "upload"
  }
}
