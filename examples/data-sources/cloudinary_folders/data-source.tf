data "cloudinary_folders" "root" {}

data "cloudinary_folders" "marketing" {
  path = "marketing"
}
