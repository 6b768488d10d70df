# An access key is imported by its environment's cloud name and its name (or
# its API key); its secret is read from Cloudinary.
terraform import cloudinary_access_key.ci acme-staging/ci
