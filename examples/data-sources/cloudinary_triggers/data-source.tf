data "cloudinary_triggers" "uploads" {
  event_type = "upload"
}

# The URIs notified of uploads that no filter holds back.
output "unfiltered_upload_hooks" {
  value = [for t in data.cloudinary_triggers.uploads.triggers : t.uri if t.filter == null]
}
