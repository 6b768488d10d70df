# In a .tfquery.hcl file (Terraform 1.14 and later). Built-in profiles are
# left out unless asked for: adopting one manages Cloudinary's profile.
list "cloudinary_streaming_profile" "custom" {
  provider         = cloudinary
  include_resource = true
}
