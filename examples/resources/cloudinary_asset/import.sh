# An asset is imported by resource_type/type/public_id.
terraform import cloudinary_asset.logo image/upload/brand/logo
