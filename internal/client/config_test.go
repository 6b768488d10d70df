package client

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseCloudinaryURL(t *testing.T) {
	cases := []struct {
		in      string
		want    CloudinaryURL
		wantErr string
	}{
		{in: "cloudinary://123:s3cr3t@demo", want: CloudinaryURL{CloudName: "demo", APIKey: "123", APISecret: "s3cr3t"}},
		{in: " cloudinary://123:s3cr3t@demo/ ", want: CloudinaryURL{CloudName: "demo", APIKey: "123", APISecret: "s3cr3t"}},
		{in: "cloudinary://123:s3cr3t@demo?upload_prefix=http://127.0.0.1:8089", want: CloudinaryURL{CloudName: "demo", APIKey: "123", APISecret: "s3cr3t", BaseURL: "http://127.0.0.1:8089/v1_1"}},
		{in: "cloudinary://123:s3cr3t@demo?upload_prefix=https://api-eu.cloudinary.com", want: CloudinaryURL{CloudName: "demo", APIKey: "123", APISecret: "s3cr3t", BaseURL: "https://api-eu.cloudinary.com/v1_1"}},
		{in: "https://123:s3cr3t@demo", wantErr: `must start with "cloudinary://"`},
		{in: "cloudinary://123@demo", wantErr: "missing API secret"},
		{in: "cloudinary://:s3cr3t@demo", wantErr: "missing API key"},
		{in: "cloudinary://123:s3cr3t@", wantErr: "missing cloud name"},
		{in: "cloudinary://demo", wantErr: "missing API key and API secret"},
		{in: "cloudinary://123:s3cr3t@demo/extra", wantErr: "unexpected path"},
		{in: "cloudinary://123:s3cr3t@demo?upload_prefix=http://evil.example.com", wantErr: "loopback"},
		{in: "cloudinary://123:s3cr3t@de mo%zz", wantErr: "cannot be parsed"},
		{in: "", wantErr: "must start with"},
	}
	for _, tc := range cases {
		got, err := ParseCloudinaryURL(tc.in)
		checkParsed(t, tc.in, got, err, tc.want, tc.wantErr)
	}
}

func FuzzParseCloudinaryURL(f *testing.F) {
	for _, seed := range []string{"cloudinary://1:s@c", "cloudinary://1:s@c?upload_prefix=http://[::1]:9", "cloudinary://", "x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseCloudinaryURL(in)
		if err != nil {
			if got != (CloudinaryURL{}) {
				t.Fatalf("error with a non-zero result: %+v", got)
			}
			return
		}
		if got.CloudName == "" || got.APIKey == "" || got.APISecret == "" {
			t.Fatalf("accepted %q without all three parts: %+v", in, got)
		}
		if got.BaseURL != "" {
			if _, err := NormalizeBaseURL(got.BaseURL); err != nil {
				t.Fatalf("base URL %q does not normalize: %v", got.BaseURL, err)
			}
		}
	})
}

func TestNormalizeBaseURL(t *testing.T) {
	ok := map[string]string{
		"https://api.cloudinary.com/v1_1": "https://api.cloudinary.com/v1_1",
		"https://api-eu.cloudinary.com/":  "https://api-eu.cloudinary.com/v1_1",
		"https://api-ap.cloudinary.com":   "https://api-ap.cloudinary.com/v1_1",
		"http://127.0.0.1:8089/v1_1/":     "http://127.0.0.1:8089/v1_1",
		"http://localhost:1234":           "http://localhost:1234/v1_1",
		"http://[::1]:80/v1_1":            "http://[::1]:80/v1_1",
	}
	for in, want := range ok {
		got, err := NormalizeBaseURL(in)
		if err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"api.cloudinary.com", "http://api.cloudinary.com/v1_1", "ftp://127.0.0.1/v1_1", "https://x/v2", "https://u:p@x/v1_1", "https://x/v1_1?a=b"} {
		if _, err := NormalizeBaseURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNewRejectsIncompleteConfig(t *testing.T) {
	_, err := New(Config{CloudName: "c"})
	if err == nil || !strings.Contains(err.Error(), "API key is empty") || !strings.Contains(err.Error(), "API secret is empty") {
		t.Fatalf("error %v", err)
	}
	if _, err := New(Config{CloudName: "c", APIKey: "k", APISecret: "s", SignatureAlgorithm: "md5"}); err == nil {
		t.Fatal("md5 accepted")
	}
}

func TestContextCodec(t *testing.T) {
	m := map[string]string{"alt": "a=b|c", "caption": "", "k|ey": "v"}
	enc := EncodeContext(m)
	if enc != `alt=a\=b\|c|caption=|k\|ey=v` {
		t.Fatalf("encoded %q", enc)
	}
	if got := DecodeContext(enc); fmt.Sprint(got) != fmt.Sprint(m) {
		t.Fatalf("round trip %v", got)
	}
	if got := DecodeContext(""); len(got) != 0 {
		t.Fatalf("empty %v", got)
	}
}

func FuzzContextCodec(f *testing.F) {
	f.Add("alt", "x=y|z")
	f.Add("", "")
	f.Add(`a\`, `\|`)
	f.Fuzz(func(t *testing.T, key, value string) {
		if key == "" || strings.HasSuffix(key, `\`) || strings.HasSuffix(value, `\`) {
			return // keys are never empty; a trailing backslash would escape the separator
		}
		got := DecodeContext(EncodeContext(map[string]string{key: value}))
		if len(got) != 1 || got[key] != value {
			t.Fatalf("round trip of %q=%q gave %v", key, value, got)
		}
	})
}

// CLOUDINARY_ACCOUNT_URL as the official SDKs read it (pycloudinary
// account_config, cloudinary_php ProvisioningConfigUtils): key and secret
// URL-decoded, upload_prefix for another host, errors without the secret.
func TestParseAccountURL(t *testing.T) {
	const id = "16a8ff3b-736b-49a6-85c0-03b69d5a357b"
	cases := []struct {
		in      string
		want    AccountURL
		wantErr string
	}{
		{in: "account://123:s3cr3t@" + id, want: AccountURL{AccountID: id, APIKey: "123", APISecret: "s3cr3t"}},
		{in: " account://12%203:s3cr3t%2F%40x@" + id + "/ ", want: AccountURL{AccountID: id, APIKey: "12 3", APISecret: "s3cr3t/@x"}},
		{in: "account://123:s3cr3t@" + id + "?upload_prefix=http://127.0.0.1:8089", want: AccountURL{AccountID: id, APIKey: "123", APISecret: "s3cr3t", BaseURL: "http://127.0.0.1:8089/v1_1"}},
		{in: "account://123:s3cr3t@" + id + "?upload_prefix=https://api-eu.cloudinary.com/", want: AccountURL{AccountID: id, APIKey: "123", APISecret: "s3cr3t", BaseURL: "https://api-eu.cloudinary.com/v1_1"}},
		{in: "cloudinary://123:s3cr3t@demo", wantErr: `invalid account URL: it must start with "account://"; expected the form "account://ACCOUNT_API_KEY:ACCOUNT_API_SECRET@ACCOUNT_ID"`},
		{in: "account://123@" + id, wantErr: "missing account API secret; expected the form"},
		{in: "account://:s3cr3t@" + id, wantErr: "missing account API key; expected"},
		{in: "account://123:s3cr3t@", wantErr: "missing account ID; expected"},
		{in: "account://" + id, wantErr: "missing account API key and account API secret"},
		{in: "account://123:s3cr3t@" + id + "/extra", wantErr: "unexpected path after the account ID"},
		{in: "account://123:s3cr3t@" + id + "?upload_prefix=http://evil.example.com", wantErr: "upload_prefix"},
		{in: "account://123:s3cr3t@de mo%zz", wantErr: "cannot be parsed"},
		{in: "", wantErr: "must start with"},
	}
	for _, tc := range cases {
		got, err := ParseAccountURL(tc.in)
		checkParsed(t, tc.in, got, err, tc.want, tc.wantErr)
	}
}

// checkParsed checks what a credential URL parser made of in: want, or an
// error containing wantErr that never holds the secret "s3cr3t".
func checkParsed[T comparable](t *testing.T, in string, got T, err error, want T, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("%q: error %v, want one containing %q", in, err, wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("%q: error reveals the secret: %v", in, err)
		}
		return
	}
	if err != nil || got != want {
		t.Errorf("%q: got %+v, %v; want %+v", in, got, err, want)
	}
}
