data "cloudinary_user_groups" "all" {
  include_members = true
}

# The email addresses of each group's members, by group name.
output "group_members" {
  value = { for g in data.cloudinary_user_groups.all.user_groups : g.name => [for m in g.members : m.email] }
}
