# A product environment is imported by its cloud name or its ID.
terraform import cloudinary_product_environment.staging acme-staging
