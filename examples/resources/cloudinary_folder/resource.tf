resource "cloudinary_folder" "campaigns" {
  path = "marketing/campaigns/2026"
}
