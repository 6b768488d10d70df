# Terraform 1.12 and later. The identity holds Cloudinary's ID of the user
# (see the cloudinary_users data source).
import {
  to       = cloudinary_user.jane
  identity = { id = "0abed8dfcc039ea05e2a1d494fd44207" }
}
