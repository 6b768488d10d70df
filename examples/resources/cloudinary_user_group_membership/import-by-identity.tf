# Terraform 1.12 and later.
import {
  to = cloudinary_user_group_membership.editor
  identity = {
    group_id = "e7e8e9eaebecedeeeff0f1f2f3f4f5f6"
    user_id  = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
  }
}
