# In a .tfquery.hcl file (Terraform 1.14 and later). Every membership of
# every group; config { group_id = "..." } lists one group's.
list "cloudinary_user_group_membership" "all" {
  provider         = cloudinary
  include_resource = true
}
