resource "cloudinary_metadata_field" "category" {
  external_id = "category"
  type        = "enum"
  label       = "Category"
  datasource = [
    { external_id = "employee", value = "Employee" },
    { external_id = "culture", value = "Culture" },
  ]
}

resource "cloudinary_metadata_field" "team" {
  external_id = "team"
  type        = "set"
  label       = "Team"
  datasource = [
    { external_id = "rnd", value = "R&D" },
    { external_id = "hr", value = "HR" },
  ]
  default_disabled = true
}

# Show the team field, with all its entries, for pictures of employees.
resource "cloudinary_metadata_rule" "team_for_employees" {
  metadata_field_id = cloudinary_metadata_field.team.external_id
  name              = "Team for employees"
  condition = jsonencode({
    metadata_field_id = cloudinary_metadata_field.category.external_id
    equals            = "employee"
  })
  result = {
    disable         = false
    activate_values = { all = true }
  }
}
