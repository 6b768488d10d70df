data "cloudinary_user_group" "designers" {
  name = "Designers"
}

output "designers_group_id" {
  value = data.cloudinary_user_group.designers.id
}
