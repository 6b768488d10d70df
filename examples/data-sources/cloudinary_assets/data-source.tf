data "cloudinary_assets" "products" {
  resource_type = "image"
  tag           = "product"
}

output "product_urls" {
  value = [for a in data.cloudinary_assets.products.assets : a.secure_url]
}
