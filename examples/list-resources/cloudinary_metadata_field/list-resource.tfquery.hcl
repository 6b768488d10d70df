# In a .tfquery.hcl file (Terraform 1.14 and later): one Admin API call
# finds every field with its whole definition.
list "cloudinary_metadata_field" "shop" {
  provider         = cloudinary
  include_resource = true
  config {
    external_id_prefix = "shop_"
  }
}
