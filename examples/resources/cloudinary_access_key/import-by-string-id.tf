# The ID is <cloud name>/<name or API key>.
import {
  to = cloudinary_access_key.ci
  id = "acme-staging/ci"
}
