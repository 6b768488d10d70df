# https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/q_auto/v1/folder/my%20photo.webp
output "thumbnail_url" {
  value = provider::cloudinary::delivery_url("demo", "folder/my photo", {
    transformation = "c_fill,h_100,w_150/q_auto"
    format         = "webp"
  })
}

# A signed URL of an authenticated asset, on a custom domain. The secret only
# signs the URL; as it comes from a sensitive variable (the one the provider's
# example declares), the URL is sensitive too.
output "contract_url" {
  value = provider::cloudinary::delivery_url("demo", "contracts/2026", {
    type                = "authenticated"
    format              = "pdf"
    version             = 1712345678
    sign_url            = true
    api_secret          = var.cloudinary_api_secret
    secure_distribution = "media.example.com"
  })
  sensitive = true
}
