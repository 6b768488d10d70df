data "cloudinary_user" "jane" {
  email = "jane@example.com"
}

output "jane_has_logged_in" {
  value = data.cloudinary_user.jane.last_login != null
}
