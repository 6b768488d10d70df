import {
  to = cloudinary_user_group_membership.editor
  id = "e7e8e9eaebecedeeeff0f1f2f3f4f5f6/a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
}
