# Changing path later moves the folder, with its sub-folders and assets, in place.
resource "cloudinary_folder" "campaigns" {
  path = "marketing/campaigns/2026"
}
