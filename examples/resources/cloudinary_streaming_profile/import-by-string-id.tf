import {
  to = cloudinary_streaming_profile.square
  id = "square_social"
}
