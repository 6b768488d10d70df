# One membership per user: members added in the console are left alone.
resource "cloudinary_user_group" "editors" {
  name = "Editors"
}

resource "cloudinary_user" "editor" {
  name  = "Eddie Editor"
  email = "eddie@example.com"
  role  = "media_library_admin"
}

resource "cloudinary_user_group_membership" "editor" {
  group_id = cloudinary_user_group.editors.id
  user_id  = cloudinary_user.editor.id
}
