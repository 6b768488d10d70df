import {
  to = cloudinary_trigger.uploads
  id = "c2c822dd1aa41ba6d81299df8b5ae949"
}
