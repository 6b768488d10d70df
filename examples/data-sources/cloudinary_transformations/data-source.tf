# The named transformations, for example to write import blocks for them.
data "cloudinary_transformations" "named" {
  named = true
}

output "named_transformations" {
  value = [for t in data.cloudinary_transformations.named.transformations : t.name]
}
