# A streaming profile is imported by its name.
terraform import cloudinary_streaming_profile.square square_social
