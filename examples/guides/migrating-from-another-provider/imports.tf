# After the objects have left the other provider's state: one import block per
# object, with this provider's import ID (see the table above), then
#   terraform plan -generate-config-out=generated.tf
#   terraform apply
# The plan imports them all and changes nothing.
import {
  to = cloudinary_upload_preset.acme_videos
  id = "acme-videos" # scayle/cloudinary: the name after "<cloud name>/"
}

import {
  to = cloudinary_trigger.uploaded
  id = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d" # the trigger ID, as both other providers hold it
}

import {
  to = cloudinary_folder.assets
  id = "production/assets" # NitriKx/cloudinary holds the external ID: give the path
}

import {
  to = cloudinary_upload_mapping.images
  id = "images" # ykzts/cloudinary: the folder
}
