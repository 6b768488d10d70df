# Terraform 1.12 and later.
import {
  to       = cloudinary_metadata_rule.team_for_employees
  identity = { id = "4c5f6d8e1a2b3c4d5e6f7a8b9c0d1e2f" }
}
