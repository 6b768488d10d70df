# "c_fill,h_100,w_150/q_auto": the form by which the provider compares
# transformations, components sorted by key in each step.
output "canonical_thumbnail" {
  value = provider::cloudinary::normalize_transformation("w_150,c_fill,h_100/q_auto")
}

# Two spellings of one transformation compare equal once normalized.
output "same_transformation" {
  value = (provider::cloudinary::normalize_transformation("w_150,c_fill,h_100")
  == provider::cloudinary::normalize_transformation("c_fill,h_100,w_150"))
}
