# Terraform 1.12 and later. The identity holds Cloudinary's ID of the group
# (see the cloudinary_user_groups data source).
import {
  to       = cloudinary_user_group.designers
  identity = { id = "7f8e9d0c1b2a39485766a5b4c3d2e1f0" }
}
