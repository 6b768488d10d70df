resource "cloudinary_asset" "logo" {
  file         = "${path.module}/logo.png"
  public_id    = "brand/logo"
  asset_folder = "brand"
  display_name = "Company logo"
  tags         = ["brand"]
  context      = { alt = "Our logo" }
  # Structured metadata, by field external ID (see cloudinary_metadata_field);
  # a set field's value is a JSON array of datasource entry IDs.
  metadata = {
    sku    = "LOGO-1"
    colors = jsonencode(["red", "blue"])
  }
}

# The content behind a URL is not watched: bump source_version to fetch it again.
resource "cloudinary_asset" "banner" {
  url            = "https://www.example.com/banner.jpg"
  resource_type  = "auto"
  upload_preset  = "product_photos"
  source_version = "2026-06"
}

resource "cloudinary_asset" "robots" {
  content_base64 = base64encode("User-agent: *\nDisallow:\n")
  public_id      = "site/robots.txt"
  resource_type  = "raw"
}

# Content that stays out of the plan and the state (write-only, Terraform 1.11
# or OpenTofu 1.11 and later): Terraform cannot see it change, so bump
# content_version to upload new content.
resource "cloudinary_asset" "license" {
  content_base64_wo = base64encode("Licensed to Example Ltd.\n")
  content_version   = 1
  public_id         = "site/license.txt"
  resource_type     = "raw"
  type              = "private"
}
