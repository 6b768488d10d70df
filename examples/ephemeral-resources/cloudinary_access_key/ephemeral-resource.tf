# Terraform 1.10 and later: the secret is read for this run only, and never
# stored in a plan or a state.
ephemeral "cloudinary_access_key" "ci" {
  product_environment = "acme-staging"
  name                = "ci"
}

# For example, into a write-only attribute of a secrets manager's resource
# (Terraform 1.11 and later):
#
# resource "aws_secretsmanager_secret_version" "cloudinary" {
#   secret_id                = aws_secretsmanager_secret.cloudinary.id
#   secret_string_wo         = "cloudinary://${ephemeral.cloudinary_access_key.ci.api_key}:${ephemeral.cloudinary_access_key.ci.api_secret}@acme-staging"
#   secret_string_wo_version = 1
# }
