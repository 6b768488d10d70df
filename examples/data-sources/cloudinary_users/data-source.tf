# Users who have not accepted their invitation yet.
data "cloudinary_users" "pending" {
  pending = true
}

output "invitations_waiting" {
  value = [for u in data.cloudinary_users.pending.users : u.email]
}
