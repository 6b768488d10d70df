resource "cloudinary_trigger" "uploads" {
  uri        = "https://hooks.example.com/cloudinary/uploads"
  event_type = "upload"
}
