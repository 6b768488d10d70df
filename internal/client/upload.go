package client

import (
	"context"
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
	body := retryablehttp.ReaderFunc(func() (io.Reader, error) {
		return strings.NewReader(c.signed(params).Encode()), nil
	})
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.base+path, body)
	if err != nil {
		return fmt.Errorf("building the request POST %s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.send(req, out)
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

// Upload uploads an asset (POST /:resource_type/upload). A local file is
// streamed as multipart through a pipe, never read whole into memory; URLs
// and base64 content are sent as the file parameter.
func (c *Client) Upload(ctx context.Context, resourceType string, src Source, params url.Values) (*Resource, error) {
	if err := src.validate(); err != nil {
		return nil, fmt.Errorf("uploading: %w", err)
	}
	if resourceType == "" {
		resourceType = "auto"
	}
	path := "/" + segment(resourceType) + "/upload"
	out := &Resource{}
	var err error
	switch {
	case src.FilePath != "":
		err = c.uploadFile(ctx, path, src.FilePath, params, out)
	case src.URL != "":
		err = c.uploadAPI(ctx, path, withFile(params, src.URL), out)
	default:
		mediaType := src.MediaType
		if mediaType == "" {
			mediaType = "application/octet-stream"
		}
		err = c.uploadAPI(ctx, path, withFile(params, "data:"+mediaType+";base64,"+src.ContentBase64), out)
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

// uploadFile streams a local file. Each attempt opens the file anew and
// writes the multipart body through a pipe as the request reads it; one
// boundary serves every attempt so that the Content-Type header stays true.
func (c *Client) uploadFile(ctx context.Context, path, filePath string, params url.Values, out any) error {
	if _, err := os.Stat(filePath); err != nil {
		return fmt.Errorf("reading %s: %w", filePath, err)
	}
	boundary := multipart.NewWriter(io.Discard).Boundary()
	body := retryablehttp.ReaderFunc(func() (io.Reader, error) {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		if err := mw.SetBoundary(boundary); err != nil {
			return nil, err
		}
		go func() { pw.CloseWithError(writeMultipart(mw, c.signed(params), filePath)) }()
		return pr, nil
	})
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.base+path, body)
	if err != nil {
		return fmt.Errorf("building the upload request: %w", err)
	}
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	return c.send(req, out)
}

func writeMultipart(mw *multipart.Writer, fields url.Values, filePath string) error {
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				return err
			}
		}
	}
	f, err := os.Open(filePath)
	if err != nil {
		return err
	}
	defer f.Close()
	part, err := mw.CreateFormFile("file", filepath.Base(filePath))
	if err != nil {
		return err
	}
	if _, err := io.Copy(part, f); err != nil {
		return err
	}
	return mw.Close()
}
