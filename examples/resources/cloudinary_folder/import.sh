# A folder is imported by its path.
terraform import cloudinary_folder.campaigns marketing/campaigns/2026
