data "cloudinary_metadata_fields" "all" {}

output "mandatory_fields" {
  value = [for f in data.cloudinary_metadata_fields.all.fields : f.external_id if f.mandatory]
}
