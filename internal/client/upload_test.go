package client

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// uploadSpy records what each upload request carried on its way to the
// emulator.
type uploadSpy struct {
	mu       sync.Mutex
	requests []spiedRequest
}

type spiedRequest struct {
	uploadID, contentRange string
	bodyBytes              int64
}

func (s *uploadSpy) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/upload") {
			next.ServeHTTP(w, r)
			return
		}
		counted := &countingReader{r: r.Body}
		r.Body = struct {
			io.Reader
			io.Closer
		}{counted, r.Body}
		next.ServeHTTP(w, r)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests = append(s.requests, spiedRequest{r.Header.Get("X-Unique-Upload-Id"), r.Header.Get("Content-Range"), counted.n})
	})
}

func (s *uploadSpy) snapshot() []spiedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]spiedRequest(nil), s.requests...)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newSpiedClient returns a client with the given chunk size, talking to an
// emulator through a spy.
func newSpiedClient(t *testing.T, opts emulator.Options, chunkSize int64) (*Client, *emulator.Emulator, *uploadSpy) {
	t.Helper()
	opts.HourlyLimit, opts.Seed = -1, 5
	emu := emulator.New(opts)
	spy := &uploadSpy{}
	srv := httptest.NewServer(spy.wrap(emu))
	t.Cleanup(srv.Close)
	c, err := New(Config{CloudName: emu.CloudName(), APIKey: emu.APIKey(), APISecret: emu.APISecret(), BaseURL: srv.URL,
		MinRetryWait: time.Millisecond, MaxRetryWait: 5 * time.Millisecond, ChunkSize: chunkSize})
	if err != nil {
		t.Fatal(err)
	}
	return c, emu, spy
}

// randomFile writes n random bytes and returns the path and their MD5.
func randomFile(t *testing.T, n int) (string, string) {
	t.Helper()
	data := make([]byte, n)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data.bin")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sum := md5.Sum(data)
	return path, hex.EncodeToString(sum[:])
}

// A file larger than the chunk size goes in parts: one upload ID, ranges that
// cover the file in order, and the asset Cloudinary assembles is the file.
func TestLargeFilesUploadInChunks(t *testing.T) {
	c, _, spy := newSpiedClient(t, emulator.Options{MinChunkBytes: -1}, 64<<10)
	path, sum := randomFile(t, 200<<10)
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "data.bin"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Bytes != 200<<10 || r.Etag != sum || r.PublicID != "data.bin" {
		t.Fatalf("assembled asset %+v, want %d bytes with MD5 %s", r, 200<<10, sum)
	}
	reqs := spy.snapshot()
	want := []string{"bytes 0-65535/204800", "bytes 65536-131071/204800", "bytes 131072-196607/204800", "bytes 196608-204799/204800"}
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d parts: %+v", len(reqs), len(want), reqs)
	}
	for i, req := range reqs {
		if req.contentRange != want[i] || req.uploadID == "" || req.uploadID != reqs[0].uploadID {
			t.Fatalf("part %d: %+v, want range %q and the upload ID of the first part", i, req, want[i])
		}
	}
}

// A part whose answer is lost is sent again on its own: the whole file is
// never sent twice, and the asset holds each byte once.
func TestChunkRetriedOnItsOwn(t *testing.T) {
	c, emu, spy := newSpiedClient(t, emulator.Options{MinChunkBytes: -1}, 64<<10)
	path, sum := randomFile(t, 200<<10)
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", Times: 1, HangUp: true, AfterHandling: true})
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", Times: 1, Status: 503})
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "data.bin"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Etag != sum || r.Bytes != 200<<10 {
		t.Fatalf("asset %+v, want MD5 %s", r, sum)
	}
	reqs := spy.snapshot()
	if len(reqs) != 6 {
		t.Fatalf("%d requests, want 4 parts and 2 retries of the first: %+v", len(reqs), reqs)
	}
	var sent int64
	for _, req := range reqs {
		sent += req.bodyBytes
	}
	if limit := int64(200<<10 + 2*(64<<10) + 6*4096); sent > limit {
		t.Fatalf("%d bytes sent for a 200 KiB file with two failed 64 KiB parts, want under %d", sent, limit)
	}
	if reqs[0].contentRange != reqs[1].contentRange || reqs[1].contentRange != reqs[2].contentRange {
		t.Fatalf("the retries did not repeat the first part: %+v", reqs[:3])
	}
}

// The last part's answer lost after Cloudinary made the asset: the repeated
// last part gets the asset, not an error or a second asset.
func TestLastChunkRetriedAfterTheAssetWasMade(t *testing.T) {
	c, emu, spy := newSpiedClient(t, emulator.Options{MinChunkBytes: -1}, 64<<10)
	path, sum := randomFile(t, 150<<10)
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", After: 2, Times: 1, HangUp: true, AfterHandling: true})
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "data.bin"})
	if err != nil || r.Etag != sum || r.PublicID != "data.bin" {
		t.Fatalf("%+v %v", r, err)
	}
	if n := len(spy.snapshot()); n != 4 {
		t.Fatalf("%d requests, want 3 parts and a retry of the last", n)
	}
	if emu.Faults().Injected() != 1 {
		t.Fatal("the fault did not fire")
	}
}

// Cloudinary refuses a single request over 100 MB: the emulator answers 413,
// the client does not retry, and the error says so.
func TestOversizedSingleRequestIsRefused(t *testing.T) {
	c, _, spy := newSpiedClient(t, emulator.Options{MaxRequestBytes: 1 << 20}, 1<<40)
	path, _ := randomFile(t, 3<<20)
	_, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "big.bin"})
	if statusOf(err) != http.StatusRequestEntityTooLarge {
		t.Fatalf("err %v, want HTTP 413", err)
	}
	if n := len(spy.snapshot()); n != 1 {
		t.Fatalf("%d requests, want 1 (a 413 is not retried)", n)
	}
}

// The same file in chunks under the limit is accepted.
func TestChunksStayUnderTheRequestLimit(t *testing.T) {
	c, _, spy := newSpiedClient(t, emulator.Options{MaxRequestBytes: 1 << 20, MinChunkBytes: -1}, 512<<10)
	path, sum := randomFile(t, 3<<20)
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "big.bin"})
	if err != nil || r.Etag != sum {
		t.Fatalf("%+v %v", r, err)
	}
	if n := len(spy.snapshot()); n != 6 {
		t.Fatalf("%d requests, want 6 parts of 512 KiB", n)
	}
}

// Errors about an upload's own file are told apart from other refusals, so
// that the provider can show them on the attribute that names the source.
func TestIsSourceError(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	missing := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(missing.Close)
	_, unreachable := c.Upload(ctx, "image", Source{URL: missing.URL + "/gone.png"}, UploadOptions{PublicID: "a"})
	_, unreadable := c.Upload(ctx, "raw", Source{FilePath: filepath.Join(t.TempDir(), "absent.txt")}, UploadOptions{PublicID: "b"})
	_, noPreset := c.Upload(ctx, "raw", Source{ContentBase64: "aGk="}, UploadOptions{PublicID: "c", UploadPreset: ptr("absent")})
	for name, c := range map[string]struct {
		err  error
		want bool
	}{"unreachable URL": {unreachable, true}, "unreadable file": {unreadable, true}, "unknown preset": {noPreset, false}, "no error": {nil, false}} {
		if got := IsSourceError(c.err); got != c.want || (c.want && c.err == nil) {
			t.Errorf("%s: IsSourceError(%v) = %v, want %v", name, c.err, got, c.want)
		}
	}
}
