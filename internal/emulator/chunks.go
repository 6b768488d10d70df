package emulator

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"regexp"
	"strconv"
)

// chunkedUpload is a large upload arriving in pieces, as the SDKs send
// files over 20 MB: each piece is a signed upload call with the same
// X-Unique-Upload-Id and a Content-Range, in order.
type chunkedUpload struct {
	total    int64
	received int64
	md5      hash.Hash
	head     *limitedBuffer
}

var contentRange = regexp.MustCompile(`^bytes (\d+)-(\d+)/(\d+)$`)

// chunkOf finds or starts the chunked upload a request continues; it
// returns nil for an upload in one piece.
func (e *Emulator) chunkOf(r *http.Request) (*chunkedUpload, bool, *apiError) {
	id, rng := r.Header.Get("X-Unique-Upload-Id"), r.Header.Get("Content-Range")
	if id == "" || rng == "" {
		return nil, false, nil
	}
	m := contentRange.FindStringSubmatch(rng)
	if m == nil {
		return nil, false, errBadRequest("Invalid Content-Range " + rng)
	}
	start, _ := strconv.ParseInt(m[1], 10, 64)
	end, _ := strconv.ParseInt(m[2], 10, 64)
	total, _ := strconv.ParseInt(m[3], 10, 64)
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.store.chunks[id]
	if !ok {
		c = &chunkedUpload{total: total, md5: md5.New(), head: &limitedBuffer{max: headSize}}
		e.store.chunks[id] = c
	}
	if start != c.received || end < start || end >= total || total != c.total {
		return nil, false, errBadRequest(fmt.Sprintf("Chunk %s does not follow the %d bytes received of %d", rng, c.received, c.total))
	}
	last := end+1 == total
	if last {
		delete(e.store.chunks, id)
	}
	return c, last, nil
}

// add digests one chunk and returns the file as received so far.
func (c *chunkedUpload) add(r io.Reader, filename string) (*uploadedFile, error) {
	n, err := io.Copy(io.MultiWriter(c.md5, c.head), r)
	if err != nil {
		return nil, err
	}
	c.received += n
	return &uploadedFile{filename: filename, size: c.received, md5: hex.EncodeToString(c.md5.Sum(nil)), head: c.head.Bytes()}, nil
}
