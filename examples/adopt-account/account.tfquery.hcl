# Everything the account itself holds. include_resource makes terraform query
# write full resource blocks.
list "cloudinary_product_environment" "all" {
  provider         = cloudinary
  include_resource = true
}

list "cloudinary_access_key" "all" {
  provider         = cloudinary
  include_resource = true
  config {
    product_environment = var.keys_of
  }
}

list "cloudinary_user" "all" {
  provider         = cloudinary
  include_resource = true
}

list "cloudinary_user_group" "all" {
  provider         = cloudinary
  include_resource = true
}

list "cloudinary_user_group_membership" "all" {
  provider         = cloudinary
  include_resource = true
}
