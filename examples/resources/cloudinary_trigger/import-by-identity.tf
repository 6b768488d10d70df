# Terraform 1.12 and later.
import {
  to       = cloudinary_trigger.uploads
  identity = { id = "c2c822dd1aa41ba6d81299df8b5ae949" }
}
