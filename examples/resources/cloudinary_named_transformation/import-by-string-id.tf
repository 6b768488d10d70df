# Several at once; `terraform plan -generate-config-out=generated.tf` writes
# their resource blocks.
import {
  to = cloudinary_named_transformation.product_card
  id = "product_card"
}

import {
  to = cloudinary_named_transformation.avatar
  id = "t_avatar"
}
