# Creating a user sends them an invitation email. Users are managed with the
# account credentials (account_url, or CLOUDINARY_ACCOUNT_URL).
resource "cloudinary_user" "jane" {
  name  = "Jane Doe"
  email = "jane@example.com"
  role  = "technical_admin"
}

# A media library user, disabled for now. Without product_environments a
# user reaches every product environment; with them, only those, such as
#   product_environments = [cloudinary_product_environment.staging.id]
resource "cloudinary_user" "contractor" {
  name    = "Contractor"
  email   = "contractor@example.com"
  role    = "media_library_user"
  enabled = false
}
