data "cloudinary_metadata_field" "colors" {
  external_id = "colors"
}

output "color_ids" {
  value = [for entry in data.cloudinary_metadata_field.colors.datasource : entry.external_id]
}
