package emulator

import (
	"bytes"
	"encoding/binary"
	"image"
	_ "image/gif" // dimensions of uploaded GIFs
	_ "image/jpeg"
	_ "image/png"
)

// imageSize reads an image's format and dimensions from its first bytes:
// PNG, JPEG and GIF with the standard library, BMP and ICO from their
// headers. These are the image formats the SDKs' live tests upload: PNG,
// JPEG, GIF and ICO files (pycloudinary and cloudinary_npm test resources),
// and a 1400×1400 BMP built from a header in their large-upload tests
// (cloudinary-go TestUploader_UploadLargeFile, pycloudinary test_upload_large,
// cloudinary_java testUploadLarge, cloudinary_gem upload_large), which
// check its width and height.
func imageSize(head []byte) (format string, width, height int, ok bool) {
	if cfg, kind, err := image.DecodeConfig(bytes.NewReader(head)); err == nil {
		if kind == "jpeg" {
			kind = "jpg"
		}
		return kind, cfg.Width, cfg.Height, true
	}
	if w, h, ok := bmpSize(head); ok {
		return "bmp", w, h, true
	}
	if w, h, ok := icoSize(head); ok {
		return "ico", w, h, true
	}
	return "", 0, 0, false
}

// bmpSize reads a BMP's dimensions: "BM", then after the 14-byte file
// header a DIB header whose size says its kind. The 12-byte core header
// holds 16-bit dimensions; the others 32-bit ones, the height negative for
// a top-down bitmap.
func bmpSize(head []byte) (int, int, bool) {
	if len(head) < 26 || head[0] != 'B' || head[1] != 'M' {
		return 0, 0, false
	}
	le := binary.LittleEndian
	switch dib := le.Uint32(head[14:]); {
	case dib == 12:
		return int(le.Uint16(head[18:])), int(le.Uint16(head[20:])), true
	case dib >= 40 && len(head) >= 26:
		w, h := int32(le.Uint32(head[18:])), int32(le.Uint32(head[22:]))
		if w <= 0 || h == 0 {
			return 0, 0, false
		}
		return int(w), int(max(h, -h)), true
	}
	return 0, 0, false
}

// icoSize reads an icon file's dimensions: its largest image's, from the
// directory after the 6-byte header (reserved 0, type 1, count), 16 bytes
// an entry, whose first two bytes are the width and height (0 for 256).
func icoSize(head []byte) (int, int, bool) {
	if len(head) < 6 || head[0] != 0 || head[1] != 0 || head[2] != 1 || head[3] != 0 {
		return 0, 0, false
	}
	count := int(binary.LittleEndian.Uint16(head[4:]))
	width, height := 0, 0
	for i := 0; i < count && 6+16*(i+1) <= len(head); i++ {
		entry := head[6+16*i:]
		w, h := iconSide(entry[0]), iconSide(entry[1])
		if w*h > width*height {
			width, height = w, h
		}
	}
	return width, height, width > 0
}

func iconSide(b byte) int {
	if b == 0 {
		return 256
	}
	return int(b)
}
