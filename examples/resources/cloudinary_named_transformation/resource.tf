resource "cloudinary_named_transformation" "product_card" {
  name           = "product_card"
  transformation = "c_fill,g_auto,w_600,h_400/q_auto/f_auto"
}
