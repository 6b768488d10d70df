package emulator

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSignedMultipartUpload(t *testing.T) {
	te := newTestEmulator(t, Options{})
	content := pngBytes(t, 30, 20)
	fields := te.signed(url.Values{"public_id": {"folder/photo"}, "tags": {"a,b"}, "context": {"alt=Hi"}, "asset_folder": {"folder"}})
	r := te.uploadMultipart("/image/upload", fields, "photo.png", content)
	expectStatus(t, r, 200)
	sum := md5.Sum(content)
	checks := map[string]any{
		"public_id": "folder/photo", "format": "png", "width": float64(30), "height": float64(20),
		"bytes": float64(len(content)), "etag": hex.EncodeToString(sum[:]), "resource_type": "image",
		"type": "upload", "asset_folder": "folder", "display_name": "photo", "access_mode": "public",
	}
	for k, v := range checks {
		if r.body[k] != v {
			t.Errorf("%s = %v, want %v", k, r.body[k], v)
		}
	}
	for _, k := range []string{"asset_id", "version_id", "created_at", "url", "secure_url"} {
		if r.body[k] == nil || r.body[k] == "" {
			t.Errorf("missing %s in %s", k, r.raw)
		}
	}
	if !strings.HasPrefix(r.body["secure_url"].(string), "https://res.cloudinary.com/demo/image/upload/v") {
		t.Errorf("secure_url %v", r.body["secure_url"])
	}
}

func TestUploadSignatureChecks(t *testing.T) {
	te := newTestEmulator(t, Options{})
	file := pngDataURI(t, 2, 2)
	now := strconv.FormatInt(time.Now().Unix(), 10)
	stale := strconv.FormatInt(time.Now().Add(-2*time.Hour).Unix(), 10)

	good := te.signed(url.Values{"file": {file}, "timestamp": {now}})
	tampered := te.signed(url.Values{"file": {file}, "timestamp": {now}, "public_id": {"a"}})
	tampered.Set("public_id", "b")
	wrongKey := te.signed(url.Values{"file": {file}})
	wrongKey.Set("api_key", "111")

	sha := url.Values{"file": {file}, "timestamp": {now}}
	sum := sha256.Sum256([]byte("timestamp=" + now + te.APISecret()))
	sha.Set("signature", hex.EncodeToString(sum[:]))
	sha.Set("api_key", te.APIKey())

	cases := []struct {
		name string
		form url.Values
		want int
	}{
		{"sha1", good, 200},
		{"sha256", sha, 200},
		{"tampered", tampered, 401},
		{"wrong key", wrongKey, 401},
		{"stale", te.signed(url.Values{"file": {file}, "timestamp": {stale}}), 400},
		{"unsigned without preset", url.Values{"file": {file}}, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, te.url("/image/upload"), strings.NewReader(tc.form.Encode()))
			r := te.do(req)
			expectStatus(t, r, tc.want)
			if strings.Contains(r.raw, te.APISecret()) || (tc.form.Get("signature") != "" && tc.want != 200 && strings.Contains(r.raw, tc.form.Get("signature"))) {
				t.Fatalf("error reveals a secret or signature: %s", r.raw)
			}
		})
	}
}

func TestUnsignedUploadThroughPreset(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{
		"name": {"open"}, "unsigned": {"true"}, "tags": {"from_preset"}, "folder": {"inbox"}, "allowed_formats": {"png"},
	}), 200)
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{"name": {"closed"}}), 200)
	file := pngDataURI(t, 3, 3)
	post := func(form url.Values) response {
		req, _ := http.NewRequest(http.MethodPost, te.url("/image/upload"), strings.NewReader(form.Encode()))
		return te.do(req)
	}
	r := post(url.Values{"file": {file}, "upload_preset": {"open"}, "public_id": {"x"}})
	expectStatus(t, r, 200)
	if r.body["public_id"] != "inbox/x" || fmt.Sprint(r.body["tags"]) != "[from_preset]" {
		t.Fatalf("preset settings not applied: %s", r.raw)
	}
	expectStatus(t, post(url.Values{"file": {file}, "upload_preset": {"closed"}}), 400)
	expectStatus(t, post(url.Values{"file": {file}, "upload_preset": {"missing"}}), 400)
	r = post(url.Values{"file": {file}, "upload_preset": {"open"}, "overwrite": {"true"}})
	expectStatus(t, r, 400)
	if !strings.Contains(r.errorMessage(), "overwrite") {
		t.Fatalf("message should name the parameter: %q", r.errorMessage())
	}
	gif := "data:image/gif;base64,R0lGODlhAQABAAAAACw="
	expectStatus(t, post(url.Values{"file": {gif}, "upload_preset": {"open"}}), 400)
}

// A preset's public_id and access_control apply to its uploads. Its
// disallow_public_id disables "assigning a public_id in the upload call" of
// unsigned uploads (the Admin API reference): the preset's own public_id
// still applies, and a signed call may still choose.
func TestPresetPublicIDAndAccessControlApplyToUploads(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{
		"name": {"avatar"}, "unsigned": {"true"}, "disallow_public_id": {"true"}, "public_id": {"team/avatar"},
		"access_control": {`[{"access_type":"token"}]`},
	}), 200)
	file := pngDataURI(t, 3, 3)
	req, _ := http.NewRequest(http.MethodPost, te.url("/image/upload"),
		strings.NewReader(url.Values{"file": {file}, "upload_preset": {"avatar"}, "public_id": {"mine"}}.Encode()))
	r := te.do(req)
	expectStatus(t, r, 200)
	if r.body["public_id"] != "team/avatar" || fmt.Sprint(r.body["access_control"]) != "[map[access_type:token]]" {
		t.Fatalf("unsigned upload through the preset: %s", r.raw)
	}
	r = te.uploadAPI("/image/upload", url.Values{"file": {file}, "upload_preset": {"avatar"}, "public_id": {"mine"}})
	expectStatus(t, r, 200)
	if r.body["public_id"] != "mine" {
		t.Fatalf("a signed call's public_id takes precedence: %s", r.raw)
	}
}

func TestUploadFromURLAndOverwrite(t *testing.T) {
	content := pngBytes(t, 8, 8)
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/logo.png" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(content)
	}))
	defer remote.Close()
	te := newTestEmulator(t, Options{})
	r := te.uploadAPI("/auto/upload", url.Values{"file": {remote.URL + "/logo.png"}, "public_id": {"logo"}})
	expectStatus(t, r, 200)
	if r.body["resource_type"] != "image" || r.body["width"] != float64(8) {
		t.Fatalf("auto upload from URL %s", r.raw)
	}
	v1 := r.body["version"].(float64)
	assetID := r.body["asset_id"]
	expectStatus(t, te.uploadAPI("/image/upload", url.Values{"file": {remote.URL + "/missing.png"}}), 400)

	r = te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 9, 9)}, "public_id": {"logo"}})
	expectStatus(t, r, 200)
	if r.body["version"].(float64) <= v1 || r.body["asset_id"] != assetID || r.body["overwritten"] != true {
		t.Fatalf("overwrite %s", r.raw)
	}
	r = te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 5, 5)}, "public_id": {"logo"}, "overwrite": {"false"}})
	if r.body["existing"] != true || r.body["width"] != float64(9) {
		t.Fatalf("overwrite=false should return the existing asset: %s", r.raw)
	}
}

func TestRawUploadAndInvalidPublicIDs(t *testing.T) {
	te := newTestEmulator(t, Options{})
	fields := te.signed(url.Values{"use_filename": {"true"}, "unique_filename": {"false"}})
	r := te.uploadMultipart("/raw/upload", fields, "notes.txt", []byte("hello"))
	expectStatus(t, r, 200)
	if r.body["public_id"] != "notes.txt" || r.body["format"] != nil {
		t.Fatalf("raw upload %s", r.raw)
	}
	for _, id := range []string{"a?b", "a&b", "a#b", `a\b`, "a%b", "a<b", "a>b", "a+b", "/a", "a/", " a",
		"a/../b", "a//b", "./a", "a/.", "..", "a\x00b", "a\nb"} {
		r := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {id}})
		if r.status != 400 {
			t.Errorf("upload: public_id %q accepted", id)
		}
		r = te.uploadAPI("/image/rename", url.Values{"from_public_id": {"notes.txt"}, "to_public_id": {id}})
		if r.status != 400 {
			t.Errorf("rename: public_id %q accepted", id)
		}
	}
	// The Admin API refuses the same IDs, whether its router or its lookup
	// meets them.
	for _, escaped := range []string{"a/../b", "a//b", "./a", "a%00b", "a%0Ab"} {
		r := te.admin(http.MethodGet, "/resources/raw/upload/"+escaped, nil)
		if r.status != 400 {
			t.Errorf("Admin API: public ID %q answered %d, want 400", escaped, r.status)
		}
	}
}

// Delivery URLs carry the public ID percent-encoded as pycloudinary's
// test_escape_public_id expects ("a b" as "a%20b", "ß" as "%C3%9F"), so that
// an adopted asset's url is a valid URL; listings and derived versions too.
func TestDeliveryURLsEscapePublicIDs(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {"Dossiers été/a b ß (1)"}, "eager": {"w_10"}})
	expectStatus(t, r, 200)
	const escaped = "/Dossiers%20%C3%A9t%C3%A9/a%20b%20%C3%9F%20%281%29.png"
	for _, key := range []string{"url", "secure_url"} {
		if got, _ := r.body[key].(string); !strings.HasSuffix(got, escaped) {
			t.Errorf("upload %s = %q, want it to end in %q", key, got, escaped)
		}
	}
	eager := te.admin(http.MethodGet, "/resources/image/upload/Dossiers été/a b ß (1)", nil).body["derived"].([]any)[0].(map[string]any)
	if got := eager["secure_url"].(string); !strings.Contains(got, "/w_10/v") || !strings.HasSuffix(got, escaped) {
		t.Errorf("derived secure_url = %q", got)
	}
	listed := te.admin(http.MethodGet, "/resources/image/upload", url.Values{"prefix": {"Dossiers"}}).body["resources"].([]any)
	if got := listed[0].(map[string]any)["secure_url"].(string); !strings.HasSuffix(got, escaped) {
		t.Errorf("listed secure_url = %q", got)
	}
}

func TestExplicitRenameDestroyTagsContext(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, id := range []string{"a", "b"} {
		expectStatus(t, te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {id}, "tags": {"t1"}}), 200)
	}
	r := te.uploadAPI("/image/explicit", url.Values{"public_id": {"a"}, "type": {"upload"}, "tags": {"x,y"},
		"context": {"k=v"}, "display_name": {"Nice"}, "asset_folder": {"f"}, "eager": {"w_10"}})
	expectStatus(t, r, 200)
	if fmt.Sprint(r.body["tags"]) != "[x y]" || r.body["display_name"] != "Nice" || r.body["asset_folder"] != "f" || len(r.body["eager"].([]any)) != 1 {
		t.Fatalf("explicit %s", r.raw)
	}
	expectStatus(t, te.uploadAPI("/image/explicit", url.Values{"public_id": {"zz"}}), 404)

	r = te.uploadAPI("/image/tags", url.Values{"command": {"add"}, "tag": {"n1,n2"}, "public_ids": {"a,b,missing"}})
	if fmt.Sprint(r.body["public_ids"]) != "[a b]" {
		t.Fatalf("tags add %s", r.raw)
	}
	te.uploadAPI("/image/tags", url.Values{"command": {"remove"}, "tag": {"n1"}, "public_ids": {"b"}})
	te.uploadAPI("/image/tags", url.Values{"command": {"replace"}, "tag": {"only"}, "public_ids": {"a"}})
	expectStatus(t, te.uploadAPI("/image/tags", url.Values{"command": {"frobnicate"}, "tag": {"x"}, "public_ids": {"a"}}), 400)
	te.uploadAPI("/image/context", url.Values{"command": {"add"}, "context": {"alt=B\\|C"}, "public_ids": {"b"}})

	a := te.admin(http.MethodGet, "/resources/image/upload/a", nil)
	b := te.admin(http.MethodGet, "/resources/image/upload/b", nil)
	if fmt.Sprint(a.body["tags"]) != "[only]" || fmt.Sprint(b.body["tags"]) != "[n2 t1]" {
		t.Fatalf("tags a=%v b=%v", a.body["tags"], b.body["tags"])
	}
	if fmt.Sprint(b.body["context"]) != "map[custom:map[alt:B|C]]" {
		t.Fatalf("context %v", b.body["context"])
	}
	te.uploadAPI("/image/context", url.Values{"command": {"remove_all"}, "public_ids": {"b"}})
	if b := te.admin(http.MethodGet, "/resources/image/upload/b", nil); b.body["context"] != nil {
		t.Fatalf("context after remove_all %v", b.body["context"])
	}

	expectStatus(t, te.uploadAPI("/image/rename", url.Values{"from_public_id": {"a"}, "to_public_id": {"b"}}), 409)
	r = te.uploadAPI("/image/rename", url.Values{"from_public_id": {"a"}, "to_public_id": {"c"}})
	if r.body["public_id"] != "c" {
		t.Fatalf("rename %s", r.raw)
	}
	expectStatus(t, te.uploadAPI("/image/rename", url.Values{"from_public_id": {"a"}, "to_public_id": {"d"}}), 404)

	if r := te.uploadAPI("/image/destroy", url.Values{"public_id": {"c"}}); r.body["result"] != "ok" {
		t.Fatalf("destroy %s", r.raw)
	}
	if r := te.uploadAPI("/image/destroy", url.Values{"public_id": {"c"}}); r.status != 200 || r.body["result"] != "not found" {
		t.Fatalf("destroy missing %s", r.raw)
	}
	// The other Upload API calls must be signed.
	req, _ := http.NewRequest(http.MethodPost, te.url("/image/destroy"), strings.NewReader("public_id=b"))
	expectStatus(t, te.do(req), 401)
}

func TestSignatureOverListValuesInAnyOrder(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, id := range []string{"a", "b", "c"} {
		te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {id}})
	}
	// Signed over "c,a,b" but sent as public_ids[0..2] = a, b, c: the Go SDK
	// signs indexed values in map order.
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	toSign := url.Values{"command": {"add"}, "tag": {"t"}, "public_ids": {"c,a,b"}, "timestamp": {ts}}
	form := url.Values{"command": {"add"}, "tag": {"t"}, "timestamp": {ts}, "api_key": {te.APIKey()},
		"public_ids[0]": {"a"}, "public_ids[1]": {"b"}, "public_ids[2]": {"c"}, "signature": {sign(toSign, te.APISecret())}}
	req, _ := http.NewRequest(http.MethodPost, te.url("/image/tags"), strings.NewReader(form.Encode()))
	r := te.do(req)
	expectStatus(t, r, 200)
	if fmt.Sprint(r.body["public_ids"]) != "[a b c]" {
		t.Fatalf("values not kept in index order: %s", r.raw)
	}
	form.Set("signature", sign(url.Values{"command": {"add"}, "tag": {"t"}, "public_ids": {"a,b,d"}, "timestamp": {ts}}, te.APISecret()))
	req, _ = http.NewRequest(http.MethodPost, te.url("/image/tags"), strings.NewReader(form.Encode()))
	expectStatus(t, te.do(req), 401)
}

// The usage report's media_limits (OpenAPI usage_response) are the largest
// files the account takes per resource type, and an upload over its type's
// limit is refused as Cloudinary refuses it: 400 "File size too large. Got N.
// Maximum is M." (the message quoted in django-cloudinary-storage issue 14
// and other public threads). "auto" is held to the type it detects.
func TestUploadsOverTheMediaLimitsAreRefused(t *testing.T) {
	te := newTestEmulator(t, Options{MediaLimits: MediaLimits{ImageBytes: 64, VideoBytes: 5000, RawBytes: 10}})
	limits, _ := te.admin(http.MethodGet, "/usage", nil).body["media_limits"].(map[string]any)
	if limits["image_max_size_bytes"] != float64(64) || limits["video_max_size_bytes"] != float64(5000) || limits["raw_max_size_bytes"] != float64(10) {
		t.Fatalf("media_limits %v", limits)
	}
	png := pngBytes(t, 40, 40)
	if len(png) <= 64 {
		t.Fatalf("the test image is %d bytes, want more than the 64-byte image limit", len(png))
	}
	for _, c := range []struct {
		path, file string
		content    []byte
		want       string
	}{
		{"/raw/upload", "notes.txt", []byte("eleven byte"), "File size too large. Got 11. Maximum is 10."},
		{"/image/upload", "big.png", png, fmt.Sprintf("File size too large. Got %d. Maximum is 64.", len(png))},
		{"/auto/upload", "big.png", png, fmt.Sprintf("File size too large. Got %d. Maximum is 64.", len(png))},
	} {
		r := te.uploadMultipart(c.path, te.signed(url.Values{"public_id": {"x"}}), c.file, c.content)
		if r.status != 400 || r.errorMessage() != c.want {
			t.Errorf("%s of %d bytes: %d %s, want 400 %q", c.path, len(c.content), r.status, r.raw, c.want)
		}
	}
	expectStatus(t, te.uploadMultipart("/raw/upload", te.signed(url.Values{"public_id": {"ok.txt"}}), "ok.txt", []byte("ten bytes!")), 200)
	for _, rt := range []string{"image", "raw"} {
		if r := te.admin(http.MethodGet, "/resources/"+rt, nil); len(r.body["resources"].([]any)) != map[string]int{"image": 0, "raw": 1}[rt] {
			t.Fatalf("%s assets after the refused uploads: %s", rt, r.raw)
		}
	}
}

// Without limits of its own the emulator has the free plan's.
func TestFreePlanMediaLimits(t *testing.T) {
	te := newTestEmulator(t, Options{})
	limits, _ := te.admin(http.MethodGet, "/usage", nil).body["media_limits"].(map[string]any)
	if limits["image_max_size_bytes"] != float64(10<<20) || limits["video_max_size_bytes"] != float64(100<<20) || limits["raw_max_size_bytes"] != float64(10<<20) {
		t.Fatalf("media_limits %v", limits)
	}
}
