# Adopting every named transformation without `terraform query`, on
# Terraform 1.7 to 1.13: import blocks that iterate over a data source.
# The first plan imports them all and changes nothing.
#
# The resource blocks take each definition from the account, so this
# configuration keeps following whatever the account holds. To own the
# definitions, replace the reference with the values that
# `terraform state show 'cloudinary_named_transformation.adopted["NAME"]'`
# prints, then remove the import block and the data sources.
data "cloudinary_transformations" "named" {
  named = true
}

locals {
  named_transformations = toset([for t in data.cloudinary_transformations.named.transformations : t.name])
}

data "cloudinary_named_transformation" "existing" {
  for_each = local.named_transformations
  name     = each.key
}

import {
  for_each = local.named_transformations
  to       = cloudinary_named_transformation.adopted[each.key]
  id       = each.key
}

resource "cloudinary_named_transformation" "adopted" {
  for_each       = local.named_transformations
  name           = each.key
  transformation = data.cloudinary_named_transformation.existing[each.key].transformation
}
