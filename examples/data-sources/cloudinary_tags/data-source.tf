data "cloudinary_tags" "campaign_tags" {
  resource_type = "image"
  prefix        = "campaign_"
}
