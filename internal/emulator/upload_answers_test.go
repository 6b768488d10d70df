package emulator

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// apiResponseSignature is what the SDKs' live upload tests expect in an
// upload answer: api_sign_request({public_id, version}, api_secret), the
// SHA-1 of "public_id=<id>&version=<version>" and the secret.
func apiResponseSignature(body map[string]any, secret string) string {
	toSign := fmt.Sprintf("public_id=%s&version=%.0f", body["public_id"], body["version"])
	sum := sha1.Sum([]byte(toSign + secret))
	return hex.EncodeToString(sum[:])
}

// Upload answers carry the signature the SDKs verify (pycloudinary
// test_upload, test_upload_data_uri, test_upload_large_url;
// cloudinary_npm "should successfully upload file"), a new upload and one
// that finds the asset existing alike.
func TestUploadAnswersCarryTheirSignature(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, form := range []url.Values{
		{"public_id": {"sig/a b"}},
		{"public_id": {"sig/a b"}, "overwrite": {"false"}},
		{"use_filename": {"true"}},
	} {
		form.Set("file", pngDataURI(t, 3, 2))
		r := te.uploadAPI("/image/upload", form)
		expectStatus(t, r, http.StatusOK)
		if got, want := r.body["signature"], apiResponseSignature(r.body, te.APISecret()); got != want {
			t.Errorf("upload %v: signature %v, want %s", form, got, want)
		}
	}
}

// requestIDPattern is the form of Cloudinary's X-Request-Id (pycloudinary's
// MOCK_REQUEST_ID).
var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Every answer carries an X-Request-Id header (pycloudinary
// test_response_metadata for the Admin API, test_upload for the Upload
// API), errors and unknown paths included; each answer its own.
func TestEveryAnswerCarriesARequestID(t *testing.T) {
	te := newTestEmulator(t, Options{})
	seen := map[string]bool{}
	for name, r := range map[string]response{
		"upload":       te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}}),
		"admin":        te.admin(http.MethodGet, "/ping", nil),
		"admin error":  te.admin(http.MethodGet, "/upload_presets/none", nil),
		"upload error": te.uploadAPI("/image/upload", nil),
		"unknown path": te.admin(http.MethodGet, "/no_such_thing", nil),
	} {
		id := r.header.Get("X-Request-Id")
		if !requestIDPattern.MatchString(id) || seen[id] {
			t.Errorf("%s: X-Request-Id %q", name, id)
		}
		seen[id] = true
	}
}

// allowed_formats refuses a file of another format, unless format converts
// it to an allowed one (pycloudinary test_allowed_formats,
// test_allowed_formats_with_illegal_format, test_allowed_formats_with_format;
// cloudinary_npm's allowed_formats specs).
func TestAllowedFormatsWithFormatConverts(t *testing.T) {
	te := newTestEmulator(t, Options{})
	png := pngDataURI(t, 3, 2)
	for _, c := range []struct {
		form   url.Values
		status int
		format string
	}{
		{url.Values{"allowed_formats": {"png"}}, 200, "png"},
		{url.Values{"allowed_formats": {"jpg"}}, 400, ""},
		{url.Values{"allowed_formats": {"jpg"}, "format": {"jpg"}}, 200, "jpg"},
		// Converted to a format not allowed: refused. No SDK test shows this
		// case; allowed_formats is read as a limit on what is stored.
		{url.Values{"allowed_formats": {"png"}, "format": {"jpg"}}, 400, ""},
		{url.Values{"format": {"webp"}}, 200, "webp"},
	} {
		c.form.Set("file", png)
		r := te.uploadAPI("/image/upload", c.form)
		if r.status != c.status || (c.format != "" && r.body["format"] != c.format) {
			t.Errorf("%v: %d %s, want %d with format %q", c.form, r.status, r.raw, c.status, c.format)
		}
	}
}

// largeBMPHead is the header of the 1400×1400, 24-bit BMP that the SDKs'
// large-upload tests build (cloudinary-go populateLargeImage, pycloudinary
// populate_large_file, cloudinary_java testUploadLarge): "BM", the file
// size, the pixel offset 138, and a 124-byte DIB header.
func largeBMPHead() []byte {
	head := []byte{'B', 'M', 0x4A, 0xB9, 0x59, 0, 0, 0, 0, 0, 0x8A, 0, 0, 0, 0x7C, 0, 0, 0,
		0x78, 0x05, 0, 0, 0x78, 0x05, 0, 0, 0x01, 0, 0x18, 0}
	return append(head, make([]byte, 138-len(head))...)
}

// icoHead is an icon file with two images, 16×16 and 32×32, as favicons
// are (pycloudinary's and cloudinary_npm's favicon.ico test resource).
func icoHead() []byte {
	head := []byte{0, 0, 1, 0, 2, 0}
	for _, side := range []byte{16, 32} {
		entry := make([]byte, 16)
		entry[0], entry[1] = side, side
		head = append(head, entry...)
	}
	return append(head, make([]byte, 64)...)
}

// Width, height and format are read from the file, whatever its name, for
// every image format the SDKs' tests upload; filename_override is the
// asset's original_filename (pycloudinary test_upload_filename_override,
// cloudinary_npm "should successfully override original_filename").
func TestImageSizesAndOriginalFilename(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, c := range []struct {
		name, format string
		content      []byte
		width        float64
	}{
		{"large.bmp", "bmp", largeBMPHead(), 1400},
		{"stream", "bmp", largeBMPHead(), 1400},
		{"favicon.ico", "ico", icoHead(), 32},
		{"logo.png", "png", pngBytes(t, 241, 241), 241},
	} {
		fields := te.signed(url.Values{"filename_override": {"overridden"}, "use_filename": {"true"}, "unique_filename": {"false"}})
		r := te.uploadMultipart("/auto/upload", fields, c.name, c.content)
		expectStatus(t, r, http.StatusOK)
		if r.body["resource_type"] != "image" || r.body["format"] != c.format || r.body["width"] != c.width || r.body["height"] != c.width {
			t.Errorf("%s: %s, want a %.0f×%.0f %s image", c.name, r.raw, c.width, c.width, c.format)
		}
		if r.body["original_filename"] != "overridden" || r.body["public_id"] != "overridden" {
			t.Errorf("%s with filename_override: original_filename %v, public_id %v", c.name, r.body["original_filename"], r.body["public_id"])
		}
	}
}
