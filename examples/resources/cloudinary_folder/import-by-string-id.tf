import {
  to = cloudinary_folder.campaigns
  id = "marketing/campaigns/2026"
}
