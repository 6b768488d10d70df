# In a .tfquery.hcl file (Terraform 1.14 and later):
#   terraform query -generate-config-out=transformations.tf
# include_resource costs one Admin API call per transformation, for its
# definition; without it, the listing costs one call per 500.
list "cloudinary_named_transformation" "cards" {
  provider         = cloudinary
  include_resource = true
  limit            = 200
  config {
    name_prefix = "card_"
  }
}
