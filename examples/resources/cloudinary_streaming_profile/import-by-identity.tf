# Terraform 1.12 and later. The identity is the name in lower case, as
# Cloudinary compares profile names.
import {
  to       = cloudinary_streaming_profile.square
  identity = { name = "square_social" }
}
