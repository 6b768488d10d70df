# The account's enabled environments whose names start with "Acme".
data "cloudinary_product_environments" "acme" {
  prefix  = "Acme"
  enabled = true
}
