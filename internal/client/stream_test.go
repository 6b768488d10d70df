package client

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// A 1 GiB file uploads in 20 MB parts, as Cloudinary requires of files over
// 100 MB, with the heap staying small: each part's multipart body is written
// through a pipe as the request reads it, and the emulator on the other end
// digests it as a stream too. The heap in use is sampled while the upload
// runs; both ends share this process, so the bound covers both. The same file
// in one request is refused, as Cloudinary refuses it.
func TestUploadStreamsLargeFile(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("moves 1 GiB: run without -race and -short (make stream-check)")
	}
	const size = 1 << 30
	const limit = 64 << 20
	path := filepath.Join(t.TempDir(), "big.bin")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()

	c, emu := newEmulatedClientWith(t, emulator.Options{MediaLimits: emulator.MediaLimits{RawBytes: 2 << 30}})
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "big.bin"})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if r.Bytes != size {
		t.Fatalf("uploaded %d bytes, want %d", r.Bytes, size)
	}
	if parts, want := emu.Counters().Route("POST /{resource_type}/upload"), (size+DefaultChunkSize-1)/DefaultChunkSize; parts != want {
		t.Fatalf("%d upload requests, want %d parts of %d bytes", parts, want, DefaultChunkSize)
	}
	grew := int64(peak.Load()) - int64(before.HeapInuse)
	t.Logf("heap in use: %d MiB before, %d MiB at peak during a 1 GiB upload", before.HeapInuse>>20, peak.Load()>>20)
	if grew > limit {
		t.Fatalf("the heap grew by %d MiB during the upload, want under %d MiB", grew>>20, limit>>20)
	}
}

// The same 1 GiB in a single request, as a client without chunking would
// send it, is refused with 413 once it passes the 100 MB limit.
func TestOneShotGigabyteIsRefused(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("moves 100 MB: run without -race and -short (make stream-check)")
	}
	path := filepath.Join(t.TempDir(), "big.bin")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c, _ := newEmulatedClient(t)
	c.cfg.ChunkSize = 2 << 30 // no chunking
	_, err = c.Upload(context.Background(), "raw", Source{FilePath: path}, UploadOptions{PublicID: "big.bin"})
	if statusOf(err) != http.StatusRequestEntityTooLarge {
		t.Fatalf("err %v, want HTTP 413", err)
	}
}
