resource "cloudinary_streaming_profile" "square" {
  name         = "square_social"
  display_name = "Square for social"
  representations = [
    { transformation = "w_1080,h_1080,c_pad,vc_h264:main:3.1,br_4m" },
    { transformation = "w_720,h_720,c_pad,vc_h264:main:3.1,br_2m" },
  ]
}

# A built-in profile, tuned; destroying it reverts Cloudinary's settings.
resource "cloudinary_streaming_profile" "hd" {
  name = "hd"
  representations = [
    { transformation = "w_1280,h_720,c_limit,vc_h264:main:3.1,br_3000k" },
    { transformation = "w_640,h_360,c_limit,vc_h264:baseline:3.0,br_800k" },
  ]
}
