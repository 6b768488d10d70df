data "cloudinary_product_environment" "staging" {
  cloud_name = "acme-staging"
}
