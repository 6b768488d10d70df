data "cloudinary_usage" "account" {}

output "storage_used_percent" {
  value = data.cloudinary_usage.account.storage.used_percent
}
