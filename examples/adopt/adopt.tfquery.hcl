# Everything the account holds. Each list block finds one resource type;
# include_resource makes terraform query write full resource blocks.
list "cloudinary_upload_preset" "all" {
  provider         = cloudinary
  include_resource = true
  limit            = 1000
}

list "cloudinary_upload_mapping" "all" {
  provider         = cloudinary
  include_resource = true
  limit            = 1000
}

list "cloudinary_named_transformation" "all" {
  provider         = cloudinary
  include_resource = true
  limit            = 1000
}

list "cloudinary_streaming_profile" "all" {
  provider         = cloudinary
  include_resource = true
  config {
    include_builtin = true
  }
}

list "cloudinary_folder" "all" {
  provider         = cloudinary
  include_resource = true
  limit            = 2000
}

list "cloudinary_trigger" "all" {
  provider         = cloudinary
  include_resource = true
}

list "cloudinary_asset" "all" {
  provider         = cloudinary
  include_resource = true
  limit            = 1000
}

list "cloudinary_metadata_field" "all" {
  provider         = cloudinary
  include_resource = true
}

list "cloudinary_metadata_rule" "all" {
  provider         = cloudinary
  include_resource = true
}
