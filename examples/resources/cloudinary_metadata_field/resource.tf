# A validated text field with a default.
resource "cloudinary_metadata_field" "sku" {
  external_id   = "sku"
  type          = "string"
  label         = "SKU"
  default_value = "unassigned"
  validation = {
    strlen = { min = 3, max = 20 }
  }
  restrictions = { readonly_ui = true }
}

# An integer with a range: several rules are combined with "and".
resource "cloudinary_metadata_field" "stock" {
  external_id = "stock"
  type        = "integer"
  label       = "In stock"
  mandatory   = true
  validation = {
    greater_than = { value = "0", equals = true }
    less_than    = { value = "100000" }
  }
}

# A multi-select list. Entries keep their order; an entry removed here is
# deleted in Cloudinary (kept inactive), and restored if it comes back.
resource "cloudinary_metadata_field" "colors" {
  external_id = "colors"
  type        = "set"
  label       = "Colours"
  datasource = [
    { external_id = "red", value = "Red" },
    { external_id = "green", value = "Green" },
    { external_id = "blue", value = "Blue" },
  ]
  default_values = ["red"]
}

# A single choice that Cloudinary keeps in alphabetical order (ignoring case),
# shown in its own section of the Media Library. The entries are listed in
# that order: a plan-time error says where one is out of place.
resource "cloudinary_metadata_field" "region" {
  external_id           = "region"
  type                  = "enum"
  label                 = "Region"
  group                 = "distribution"
  alphabetically_sorted = true
  datasource = [
    { external_id = "apac", value = "Asia Pacific" },
    { external_id = "emea", value = "Europe" },
    { external_id = "amer", value = "North America" },
  ]
  default_value = "emea"
}
