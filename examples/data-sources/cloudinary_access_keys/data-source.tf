data "cloudinary_access_keys" "staging" {
  product_environment = "acme-staging"
}

output "staging_key_names" {
  value = data.cloudinary_access_keys.staging.access_keys[*].name
}
