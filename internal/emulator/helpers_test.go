package emulator

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testEmulator runs an emulator behind a loopback server for one test.
type testEmulator struct {
	*Emulator
	srv *httptest.Server
	t   *testing.T
}

func newTestEmulator(t *testing.T, opts Options) *testEmulator {
	t.Helper()
	if opts.HourlyLimit == 0 {
		opts.HourlyLimit = -1
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	e := New(opts)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return &testEmulator{Emulator: e, srv: srv, t: t}
}

func (te *testEmulator) url(path string) string {
	return te.srv.URL + "/v1_1/" + te.CloudName() + path
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func (r response) errorMessage() string {
	if e, ok := r.body["error"].(map[string]any); ok {
		msg, _ := e["message"].(string)
		return msg
	}
	return ""
}

func (te *testEmulator) do(req *http.Request) response {
	te.t.Helper()
	resp, err := te.srv.Client().Do(req)
	if err != nil {
		te.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &out.body); err != nil {
			te.t.Fatalf("%s %s: invalid JSON %q: %v", req.Method, req.URL, raw, err)
		}
	}
	return out
}

// admin sends an Admin API call with form parameters (in the query for GET).
func (te *testEmulator) admin(method, path string, form url.Values) response {
	te.t.Helper()
	var body io.Reader
	target := te.url(path)
	if method == http.MethodGet {
		if len(form) > 0 {
			target += "?" + form.Encode()
		}
	} else if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, target, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.SetBasicAuth(te.APIKey(), te.APISecret())
	return te.do(req)
}

// adminJSON sends an Admin API call with a JSON body, as the Go SDK does.
func (te *testEmulator) adminJSON(method, path string, payload any) response {
	te.t.Helper()
	data, _ := json.Marshal(payload)
	req, _ := http.NewRequest(method, te.url(path), bytes.NewReader(data))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(te.APIKey(), te.APISecret())
	return te.do(req)
}

// sign computes a signature by the documented algorithm, independently of
// the emulator's own code.
func sign(form url.Values, secret string) string {
	keys := []string{}
	for k := range form {
		if k != "file" && k != "api_key" && k != "resource_type" && k != "cloud_name" && form.Get(k) != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := []string{}
	for _, k := range keys {
		parts = append(parts, k+"="+strings.Join(form[k], ","))
	}
	sum := sha1.Sum([]byte(strings.Join(parts, "&") + secret))
	return hex.EncodeToString(sum[:])
}

func (te *testEmulator) signed(form url.Values) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	if out.Get("timestamp") == "" {
		out.Set("timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	}
	out.Set("signature", sign(out, te.APISecret()))
	out.Set("api_key", te.APIKey())
	return out
}

// uploadAPI posts a signed Upload API call as a url-encoded body with no
// Content-Type header, as the Go SDK does.
func (te *testEmulator) uploadAPI(path string, form url.Values) response {
	te.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, te.url(path), strings.NewReader(te.signed(form).Encode()))
	return te.do(req)
}

// uploadMultipart posts a file as multipart/form-data with the given
// (already signed or unsigned) fields.
func (te *testEmulator) uploadMultipart(path string, fields url.Values, filename string, content []byte) response {
	te.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, te.url(path), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return te.do(req)
}

func expectStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d; body %s", r.status, want, r.raw)
	}
}

// pngBytes encodes a w×h PNG.
func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngDataURI(t *testing.T, w, h int) string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes(t, w, h))
}
