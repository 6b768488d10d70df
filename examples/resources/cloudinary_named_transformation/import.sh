# A named transformation is imported by its name, with or without "t_".
terraform import cloudinary_named_transformation.product_card product_card
terraform import cloudinary_named_transformation.avatar t_avatar
