# The ID may be the group's name or Cloudinary's ID of the group.
import {
  to = cloudinary_user_group.designers
  id = "Designers"
}
