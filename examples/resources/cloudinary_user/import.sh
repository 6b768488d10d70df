# A user is imported by their ID or by their email address.
terraform import cloudinary_user.jane jane@example.com
