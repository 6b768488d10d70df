locals {
  photo = provider::cloudinary::parse_delivery_url(
    "https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/v1712345678/products/shoe%20red.jpg"
  )
}

# { cloud_name = "demo", resource_type = "image", type = "upload", signature = null,
#   transformation = "c_fill,h_100,w_150", version = 1712345678,
#   public_id = "products/shoe red", format = "jpg" }
output "photo_public_id" {
  value = local.photo.public_id
}

# The same asset in another format and size.
output "photo_as_webp" {
  value = provider::cloudinary::delivery_url(local.photo.cloud_name, local.photo.public_id, {
    transformation = "c_fill,h_200,w_300"
    version        = local.photo.version
    format         = "webp"
  })
}
