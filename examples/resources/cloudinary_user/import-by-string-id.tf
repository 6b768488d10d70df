# The ID may be the user's email address or Cloudinary's ID of the user.
import {
  to = cloudinary_user.jane
  id = "jane@example.com"
}
