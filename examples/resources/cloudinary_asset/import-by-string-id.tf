import {
  to = cloudinary_asset.logo
  id = "image/upload/brand/logo"
}
