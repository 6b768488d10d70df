package emulator

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// uploadPart posts one part of a chunked upload, signed, with the headers
// the SDKs send.
func (te *testEmulator) uploadPart(uploadID, contentRange string, fields url.Values, content []byte) response {
	te.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range te.signed(fields) {
		_ = mw.WriteField(k, vs[0])
	}
	fw, _ := mw.CreateFormFile("file", "big.bin")
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, te.url("/raw/upload"), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-Unique-Upload-Id", uploadID)
	req.Header.Set("Content-Range", contentRange)
	return te.do(req)
}

func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// The Node SDK sends "/-1" as the total of every part but the last; a part
// sent twice (its answer was lost) is acknowledged without counting twice; a
// repeated last part gets the asset again.
func TestChunkedUploadAsTheSDKsSendIt(t *testing.T) {
	te := newTestEmulator(t, Options{MinChunkBytes: 4})
	data := []byte("0123456789abcdefghij")
	fields := url.Values{"public_id": {"big.bin"}}
	expectStatus(t, te.uploadPart("u1", "bytes 0-7/-1", fields, data[:8]), 200)
	again := te.uploadPart("u1", "bytes 0-7/-1", fields, data[:8])
	expectStatus(t, again, 200)
	if again.body["done"] != false || again.body["bytes"].(float64) != 8 {
		t.Fatalf("repeated part: %s", again.raw)
	}
	expectStatus(t, te.uploadPart("u1", "bytes 8-15/-1", fields, data[8:16]), 200)
	last := te.uploadPart("u1", "bytes 16-19/20", fields, data[16:])
	expectStatus(t, last, 200)
	if last.body["etag"] != md5Hex(data) || last.body["bytes"].(float64) != 20 {
		t.Fatalf("assembled asset %s, want MD5 %s", last.raw, md5Hex(data))
	}
	replayed := te.uploadPart("u1", "bytes 16-19/20", fields, data[16:])
	expectStatus(t, replayed, 200)
	if replayed.body["asset_id"] != last.body["asset_id"] || replayed.body["version"] != last.body["version"] {
		t.Fatalf("the repeated last part answered %s, want the asset %s", replayed.raw, last.raw)
	}
}

func TestChunkedUploadRules(t *testing.T) {
	te := newTestEmulator(t, Options{})
	fields := url.Values{"public_id": {"big.bin"}}
	small := te.uploadPart("u2", "bytes 0-9/100", fields, make([]byte, 10))
	expectStatus(t, small, 400)
	// Worded as Cloudinary words it (cloudinary_npm uploader_spec "should
	// return error if value is less than 5MB").
	if small.errorMessage() != "All parts except EOF-chunk must be larger than 5mb" {
		t.Fatalf("a part under 5 MiB: %s", small.raw)
	}
	te = newTestEmulator(t, Options{MinChunkBytes: -1})
	expectStatus(t, te.uploadPart("u3", "bytes 10-19/30", fields, make([]byte, 10)), 400) // not the first part
	expectStatus(t, te.uploadPart("u3", "bytes 0-9/30", fields, make([]byte, 10)), 200)
	expectStatus(t, te.uploadPart("u3", "bytes 20-29/30", fields, make([]byte, 10)), 400) // skips bytes 10-19
	expectStatus(t, te.uploadPart("u3", "bytes 10-19/30", fields, make([]byte, 7)), 400)  // shorter than its range
	expectStatus(t, te.uploadPart("u4", "bytes 0-9", fields, make([]byte, 10)), 400)      // malformed range
}

// One request over the limit is refused with 413, whether it says its length
// up front or not.
func TestRequestSizeLimit(t *testing.T) {
	te := newTestEmulator(t, Options{MaxRequestBytes: 1000})
	r := te.uploadMultipart("/raw/upload", te.signed(url.Values{"public_id": {"a"}}), "a.bin", make([]byte, 2000))
	expectStatus(t, r, http.StatusRequestEntityTooLarge)
	if r.header.Get("X-Cld-Error") != r.errorMessage() || r.errorMessage() == "" {
		t.Fatalf("413 without its message in the body and X-Cld-Error: %s %v", r.raw, r.header)
	}
	body := strings.NewReader(te.signed(url.Values{"file": {"data:text/plain;base64," + strings.Repeat("QUFB", 400)}}).Encode())
	req, _ := http.NewRequest(http.MethodPost, te.url("/raw/upload"), struct{ *strings.Reader }{body}) // no length known
	expectStatus(t, te.do(req), http.StatusRequestEntityTooLarge)
	expectStatus(t, te.uploadMultipart("/raw/upload", te.signed(url.Values{"public_id": {"b"}}), "b.bin", make([]byte, 100)), 200)
}

func TestControlAPIRefusesBadFaults(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, body := range []string{
		`{"delay_ms":-5}`, `{"times":-1,"status":500}`, `{"after":-1,"status":500}`, `{"fraction":2,"status":500}`,
		`{"status":99}`, `{}`, `{"status":500,"hang_up":true}`, `{"reset_in_ms":-1,"status":420}`, `{"nonsense":1}`,
		`{"delay_ms":999999999}`,
	} {
		req, _ := http.NewRequest(http.MethodPost, te.srv.URL+"/_emulator/faults", strings.NewReader(body))
		if r := te.do(req); r.status != 400 {
			t.Errorf("fault %s: status %d, want 400", body, r.status)
		}
	}
}
