package client

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A 1 GiB file uploads with the heap staying small: the multipart body is
// written through a pipe as the request reads it, and the emulator on the
// other end digests it as a stream too. The heap in use is sampled while
// the upload runs; both ends share this process, so the bound covers both.
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

	c, _ := newEmulatedClient(t)
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
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: path}, url.Values{"public_id": {"big.bin"}})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if r.Bytes != size {
		t.Fatalf("uploaded %d bytes, want %d", r.Bytes, size)
	}
	grew := int64(peak.Load()) - int64(before.HeapInuse)
	t.Logf("heap in use: %d MiB before, %d MiB at peak during a 1 GiB upload", before.HeapInuse>>20, peak.Load()>>20)
	if grew > limit {
		t.Fatalf("the heap grew by %d MiB during the upload, want under %d MiB", grew>>20, limit>>20)
	}
}
