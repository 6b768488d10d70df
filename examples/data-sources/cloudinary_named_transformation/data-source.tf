data "cloudinary_named_transformation" "card" {
  name = "product_card"
}
