import {
  to = cloudinary_upload_mapping.legacy
  id = "legacy"
}
