data "cloudinary_triggers" "uploads" {
  event_type = "upload"
}
