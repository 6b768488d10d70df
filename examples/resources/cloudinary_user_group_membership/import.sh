# A membership is imported as <group_id>/<user_id>.
terraform import cloudinary_user_group_membership.editor e7e8e9eaebecedeeeff0f1f2f3f4f5f6/a0a1a2a3a4a5a6a7a8a9aaabacadaeaf
