# Terraform 1.12 and later. The name is given without `t_`.
import {
  to       = cloudinary_named_transformation.product_card
  identity = { name = "product_card" }
}
