# Terraform 1.12 and later.
import {
  to       = cloudinary_folder.campaigns
  identity = { path = "marketing/campaigns/2026" }
}
