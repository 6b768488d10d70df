package provider

import (
	"os"
	"path/filepath"
	"testing"
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
