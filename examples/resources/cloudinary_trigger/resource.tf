resource "cloudinary_trigger" "uploads" {
  uri        = "https://hooks.example.com/cloudinary/uploads"
  event_type = "upload"
}

# Only image uploads tagged "product" (a filter written in JSON Logic), with
# notifications signed by EdDSA.
resource "cloudinary_trigger" "product_images" {
  uri        = "https://hooks.example.com/cloudinary/products"
  event_type = "upload"
  filter = jsonencode({
    and = [
      { "==" = [{ var = "resource_type" }, "image"] },
      { in = ["product", { var = "tags" }] },
    ]
  })
  filter_language = "jsonlogic"
  auth_scheme     = "eddsa_v2"
}
