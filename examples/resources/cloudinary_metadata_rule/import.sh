# A rule is imported by its external ID, which Cloudinary gives it (a
# cloudinary_metadata_rule list block finds it with Terraform 1.14).
terraform import cloudinary_metadata_rule.team_for_employees 4c5f6d8e1a2b3c4d5e6f7a8b9c0d1e2f
