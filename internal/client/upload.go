package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/go-retryablehttp"
)

// uploadAPI posts a signed Upload API call ("/image/explicit") as a form.
func (c *Client) uploadAPI(ctx context.Context, path string, params url.Values, out any) error {
	return c.uploadForm(ctx, path, params, callOptions{}, out)
}

// uploadForm posts a signed form.
func (c *Client) uploadForm(ctx context.Context, path string, params url.Values, opts callOptions, out any) error {
	body := retryablehttp.ReaderFunc(func() (io.Reader, error) {
		return strings.NewReader(c.signed(params).Encode()), nil
	})
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.base+path, body)
	if err != nil {
		return fmt.Errorf("building the request POST %s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.sendCall(req, opts, out)
}

// Source is what an upload sends: exactly one of a local file, a remote URL
// or base64 content.
type Source struct {
	FilePath      string
	URL           string
	ContentBase64 string
	// MediaType is the MIME type used in the data URI of base64 content
	// (default application/octet-stream).
	MediaType string
}

func (s Source) validate() error {
	n := 0
	for _, v := range []string{s.FilePath, s.URL, s.ContentBase64} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return errors.New("exactly one of a file path, a URL or base64 content must be given")
	}
	return nil
}

// DefaultChunkSize is the official SDKs' chunk size for large uploads
// (20,000,000 bytes), and the size above which they chunk.
const DefaultChunkSize = 20_000_000

// Upload uploads an asset (POST /:resource_type/upload). A local file is
// streamed as multipart through a pipe, never read whole into memory; one
// larger than the chunk size goes in parts (see uploadChunks). URLs and base64
// content are sent as the file parameter.
//
// An upload without a public_id is one-shot: Cloudinary would give a repeated
// request a new random public ID, so a failure after the request may have
// arrived is not retried. Callers that want retries fix the public ID.
func (c *Client) Upload(ctx context.Context, resourceType string, src Source, params url.Values) (*Resource, error) {
	if err := src.validate(); err != nil {
		return nil, fmt.Errorf("uploading: %w", err)
	}
	if resourceType == "" {
		resourceType = "auto"
	}
	path := "/" + segment(resourceType) + "/upload"
	out := &Resource{}
	opts := callOptions{oneShot: params.Get("public_id") == "", answeredAt: &out.AnsweredAt, mayHaveActedBefore: &out.EarlierAttemptMayHaveActed}
	var err error
	switch {
	case src.FilePath != "":
		err = c.uploadFile(ctx, path, src.FilePath, params, opts, out)
	case src.URL != "":
		err = c.uploadForm(ctx, path, withFile(params, src.URL), opts, out)
	default:
		mediaType := src.MediaType
		if mediaType == "" {
			mediaType = "application/octet-stream"
		}
		err = c.uploadForm(ctx, path, withFile(params, "data:"+mediaType+";base64,"+src.ContentBase64), opts, out)
	}
	if err != nil {
		return nil, fmt.Errorf("uploading to %s: %w", resourceType, err)
	}
	return out, nil
}

func withFile(params url.Values, file string) url.Values {
	out := url.Values{"file": {file}}
	for k, v := range params {
		out[k] = v
	}
	return out
}

// filePart is the bytes of a local file that one request carries: all of
// it, or one part of a chunked upload.
type filePart struct {
	path         string
	offset, size int64
	total        int64  // the whole file's size
	uploadID     string // X-Unique-Upload-Id of a chunked upload, else ""
}

// uploadFile streams a local file in one request, or in parts when it is
// larger than the chunk size.
func (c *Client) uploadFile(ctx context.Context, path, filePath string, params url.Values, opts callOptions, out any) error {
	info, err := os.Stat(filePath)
	if err != nil {
		return fmt.Errorf("reading %s: %w", filePath, err)
	}
	if info.Size() <= c.cfg.ChunkSize {
		return c.postFilePart(ctx, path, filePart{path: filePath, size: info.Size(), total: info.Size()}, params, opts, out)
	}
	return c.uploadChunks(ctx, path, filePath, info.Size(), params, opts, out)
}

// uploadChunks sends a large file as the official SDKs' upload_large does:
// consecutive parts of ChunkSize bytes, each a signed upload request carrying
// the same X-Unique-Upload-Id and its own "Content-Range: bytes
// start-end/total". Each part is retried on its own, so a failure never
// sends the whole file again; Cloudinary answers the last part with the
// asset. Only the last part can create the asset, so only it is one-shot.
func (c *Client) uploadChunks(ctx context.Context, path, filePath string, size int64, params url.Values, opts callOptions, out any) error {
	uploadID, err := randomHex(16)
	if err != nil {
		return err
	}
	for offset := int64(0); offset < size; offset += c.cfg.ChunkSize {
		part := filePart{path: filePath, offset: offset, size: min(c.cfg.ChunkSize, size-offset), total: size, uploadID: uploadID}
		var answer any // parts before the last answer with progress only
		partOpts := callOptions{}
		if offset+part.size == size {
			answer, partOpts = out, opts
		}
		if err := c.postFilePart(ctx, path, part, params, partOpts, answer); err != nil {
			return fmt.Errorf("sending bytes %d-%d of %d: %w", part.offset, part.offset+part.size-1, size, err)
		}
	}
	return nil
}

// postFilePart posts one multipart request. Each attempt opens the file
// anew and writes the body through a pipe as the request reads it; one
// boundary serves every attempt so that the Content-Type header stays true.
func (c *Client) postFilePart(ctx context.Context, path string, part filePart, params url.Values, opts callOptions, out any) error {
	boundary := multipart.NewWriter(io.Discard).Boundary()
	body := retryablehttp.ReaderFunc(func() (io.Reader, error) {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		if err := mw.SetBoundary(boundary); err != nil {
			return nil, err
		}
		go func() { pw.CloseWithError(writeMultipart(mw, c.signed(params), part)) }()
		return pr, nil
	})
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.base+path, body)
	if err != nil {
		return fmt.Errorf("building the upload request: %w", err)
	}
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	if part.uploadID != "" {
		req.Header.Set("X-Unique-Upload-Id", part.uploadID)
		req.Header.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", part.offset, part.offset+part.size-1, part.total))
	}
	return c.sendCall(req, opts, out)
}

func writeMultipart(mw *multipart.Writer, fields url.Values, part filePart) error {
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				return err
			}
		}
	}
	f, err := os.Open(part.path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := mw.CreateFormFile("file", filepath.Base(part.path))
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, io.NewSectionReader(f, part.offset, part.size)); err != nil {
		return err
	}
	return mw.Close()
}

// randomHex returns n random bytes as hex.
func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating a random identifier: %w", err)
	}
	return hex.EncodeToString(b), nil
}
