# In a .tfquery.hcl file (Terraform 1.14 and later). Assets are found with
# the Search API, 500 to a call, with their tags and context.
list "cloudinary_asset" "brand_images" {
  provider         = cloudinary
  include_resource = true
  limit            = 1000
  config {
    resource_type = "image"
    folder        = "brand"
    tag           = "approved"
  }
}
