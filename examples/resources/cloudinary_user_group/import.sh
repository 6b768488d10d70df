# A user group is imported by its ID or by its name.
terraform import cloudinary_user_group.designers Designers
