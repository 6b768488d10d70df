resource "cloudinary_user_group" "designers" {
  name = "Designers"
}
