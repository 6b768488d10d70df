resource "cloudinary_upload_mapping" "legacy" {
  folder   = "legacy"
  template = "https://legacy-cdn.example.com/images/"
}
