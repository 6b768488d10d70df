# A trigger is imported by its ID (see the cloudinary_triggers data source).
terraform import cloudinary_trigger.uploads c2c822dd1aa41ba6d81299df8b5ae949
