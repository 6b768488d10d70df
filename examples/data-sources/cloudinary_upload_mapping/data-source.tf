data "cloudinary_upload_mapping" "legacy" {
  folder = "legacy"
}
