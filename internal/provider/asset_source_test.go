package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestUnitParseAssetID(t *testing.T) {
	rt, typ, id, err := parseAssetID("image/upload/folder/sub/photo")
	if err != nil || rt != "image" || typ != "upload" || id != "folder/sub/photo" {
		t.Fatalf("%s %s %s %v", rt, typ, id, err)
	}
	for _, bad := range []string{"", "photo", "image/upload", "image/upload/", "sound/upload/x", "image/public/x", "/upload/x"} {
		if _, _, _, err := parseAssetID(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestUnitDigestSource(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(file, []byte("hi"), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile, err := digestSource(file, "", "")
	if err != nil {
		t.Fatal(err)
	}
	fromBase64, _ := digestSource("", "", "aGk=")
	if fromFile != fromBase64 || fromFile.md5 != "49f68a5c8493ec2c0bf489821c21fc3b" {
		t.Fatalf("file %+v base64 %+v", fromFile, fromBase64)
	}
	// A URL's digest is the SHA-256 of the URL string, as documented.
	a, _ := digestSource("", "https://x/a.png", "")
	// printf 'https://x/a.png' | sha256sum
	if a.sha256 != "daaa96e524500fe9746cd881ce180a49b16e6c4c20d184dc2fecdb3978fdc58c" || a.md5 != "" {
		t.Fatalf("url digest %+v, want the SHA-256 of the URL", a)
	}
	if _, err := digestSource(filepath.Join(t.TempDir(), "missing"), "", ""); err == nil {
		t.Fatal("missing file digested")
	}
}

// The url source takes delivery URLs as Cloudinary writes them,
// percent-encoded, and refuses a literal space with the fix.
func TestUnitSourceURLValidator(t *testing.T) {
	for url, wantOK := range map[string]bool{
		"https://res.cloudinary.com/demo/raw/upload/v1/docs/terms%20v2.txt":                true,
		"https://res.cloudinary.com/demo/image/upload/v1/caf%C3%A9%20cr%C3%A8me%20%281%29": true,
		"https://example.com/été.png?x=1":                                                  true,
		"http://example.com":                                                               true,
		"https://res.cloudinary.com/demo/raw/upload/v1/docs/terms v2.txt":                  false,
		"https:///no-host":        false,
		"ftp://example.com/a.png": false,
	} {
		var resp validator.StringResponse
		sourceURLValidator.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("url"), ConfigValue: types.StringValue(url)}, &resp)
		if resp.Diagnostics.HasError() == wantOK {
			t.Errorf("%q: accepted %v, want %v (%v)", url, !resp.Diagnostics.HasError(), wantOK, resp.Diagnostics)
		}
		if !wantOK && !strings.Contains(resp.Diagnostics[0].Detail(), "write a space as %20") {
			t.Errorf("%q: the error does not say how to write a space: %s", url, resp.Diagnostics[0].Detail())
		}
	}
}
