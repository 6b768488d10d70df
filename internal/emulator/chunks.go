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
	"sync"
)

// chunkedUpload is a large upload arriving in parts, as the SDKs send files
// over 20 MB: each part is a signed upload call with the same
// X-Unique-Upload-Id and a Content-Range. Cloudinary's guidelines for chunked
// uploads: the same upload ID on every part, parts of at least 5 MB but for
// the last, the first part first and the last part last. The emulator takes
// the parts in order, acknowledges a part it already has (a retry whose
// answer was lost) without counting it twice, and answers a repeated last
// part of a finished upload with the asset it made.
type chunkedUpload struct {
	mu       sync.Mutex // held while a part is read
	total    int64      // -1 until a part names it (the Node SDK sends -1 before the last part)
	received int64
	md5      hash.Hash
	head     *limitedBuffer
	result   map[string]any // the answer to the last part, once finished
}

// chunkPart is the part of a chunked upload that one request carries.
type chunkPart struct {
	id         string // X-Unique-Upload-Id
	upload     *chunkedUpload
	start, end int64
	total      int64 // as this part's Content-Range says (-1: not said)
	repeat     bool  // set once read: the bytes were received before
}

// last tells whether the part ends the file.
func (p *chunkPart) last() bool { return p.total >= 0 && p.end+1 == p.total }

// finishedUploadsKept bounds how many finished uploads the emulator
// remembers for replaying their last answer.
const finishedUploadsKept = 64

var contentRange = regexp.MustCompile(`^bytes (\d+)-(\d+)/(\d+|-1)$`)

// chunkOf finds or starts the chunked upload a request continues; it
// returns nil for an upload in one piece.
func (e *Emulator) chunkOf(r *http.Request) (*chunkPart, *apiError) {
	id, rng := r.Header.Get("X-Unique-Upload-Id"), r.Header.Get("Content-Range")
	if id == "" || rng == "" {
		return nil, nil
	}
	m := contentRange.FindStringSubmatch(rng)
	if m == nil {
		return nil, errBadRequest("Invalid Content-Range " + rng)
	}
	start, _ := strconv.ParseInt(m[1], 10, 64)
	end, _ := strconv.ParseInt(m[2], 10, 64)
	total, _ := strconv.ParseInt(m[3], 10, 64)
	if end < start || (total >= 0 && end >= total) {
		return nil, errBadRequest("Invalid Content-Range " + rng)
	}
	part := &chunkPart{start: start, end: end, total: total}
	if !part.last() && end-start+1 < e.opts.MinChunkBytes {
		return nil, errBadRequest(chunkTooSmall(e.opts.MinChunkBytes))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.store.chunks[id]
	if !ok {
		if start != 0 {
			return nil, errBadRequest(fmt.Sprintf("Chunk %s is not the first chunk of upload %s", rng, id))
		}
		c = &chunkedUpload{total: -1, md5: md5.New(), head: &limitedBuffer{max: headSize}}
		e.store.chunks[id] = c
	}
	part.upload, part.id = c, id
	return part, nil
}

// chunkTooSmall is Cloudinary's refusal of a part smaller than the least
// chunk size but the last: "All parts except EOF-chunk must be larger than
// 5mb" (cloudinary_npm uploader_spec "should return error if value is less
// than 5MB"), with the emulator's least size in its words.
func chunkTooSmall(least int64) string {
	size := fmt.Sprintf("%d bytes", least)
	if least%(1<<20) == 0 {
		size = fmt.Sprintf("%dmb", least>>20)
	}
	return "All parts except EOF-chunk must be larger than " + size
}

// add reads a part: new bytes continue the digest, bytes received before are
// read and dropped. It returns the file as received so far.
func (p *chunkPart) add(r io.Reader, filename string) (*uploadedFile, error) {
	c := p.upload
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case p.start == c.received && c.result == nil:
		if c.total >= 0 && p.total >= 0 && p.total != c.total {
			return nil, fmt.Errorf("Content-Range total %d differs from the upload's %d", p.total, c.total)
		}
		n, err := io.Copy(io.MultiWriter(c.md5, c.head), r)
		if err != nil {
			return nil, err
		}
		if n != p.end-p.start+1 {
			return nil, fmt.Errorf("chunk carries %d bytes, its Content-Range says %d", n, p.end-p.start+1)
		}
		c.received += n
		if p.total >= 0 {
			c.total = p.total
		}
	case p.end < c.received:
		p.repeat = true
		if _, err := io.Copy(io.Discard, r); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("chunk bytes %d-%d do not follow the %d bytes received", p.start, p.end, c.received)
	}
	return &uploadedFile{filename: filename, size: c.received, md5: hex.EncodeToString(c.md5.Sum(nil)), head: c.head.Bytes()}, nil
}

// finishChunked records the answer to the last part of an upload, and
// forgets the oldest finished uploads beyond finishedUploadsKept. Called with
// Emulator.mu held.
func (s *store) finishChunked(id string, p *chunkPart, result map[string]any) {
	p.upload.mu.Lock()
	p.upload.result = result
	p.upload.mu.Unlock()
	s.finishedChunks = append(s.finishedChunks, id)
	if len(s.finishedChunks) > finishedUploadsKept {
		delete(s.chunks, s.finishedChunks[0])
		s.finishedChunks = s.finishedChunks[1:]
	}
}

// replay is the recorded answer to the last part, once the upload finished.
func (p *chunkPart) replay() map[string]any {
	p.upload.mu.Lock()
	defer p.upload.mu.Unlock()
	return p.upload.result
}

// progress is the answer to a part before the last.
func (p *chunkPart) progress() map[string]any {
	p.upload.mu.Lock()
	defer p.upload.mu.Unlock()
	return map[string]any{"done": false, "bytes": p.upload.received}
}
