data "cloudinary_upload_preset" "avatars" {
  name = "mobile_avatars"
}

output "avatars_unsigned" {
  value = data.cloudinary_upload_preset.avatars.unsigned
}
