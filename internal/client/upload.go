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
	"strconv"
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

// UploadOptions are the parameters of an upload. A nil pointer, list or map
// leaves its parameter out, for Cloudinary (or the upload preset) to decide;
// an empty, non-nil list or map sends an empty value.
type UploadOptions struct {
	// PublicID names the asset. Without one Cloudinary picks a random one,
	// and the upload is not retried (see Upload).
	PublicID string
	// Type is the delivery type: upload, private or authenticated; ""
	// leaves it out.
	Type string
	// Overwrite tells whether the upload may replace an asset with the same
	// public ID.
	Overwrite *bool
	// Invalidate asks the CDN to drop its copies of an asset the upload
	// replaces.
	Invalidate   bool
	UploadPreset *string
	AssetFolder  *string
	DisplayName  *string
	AccessMode   *string
	Tags         []string
	// Context is the contextual metadata, key to value.
	Context map[string]string
	// Metadata are structured metadata values by field external ID (a set
	// field's value a JSON array of entry IDs).
	Metadata map[string]string
	// Other are further upload parameters by their API names, in the string
	// form the Upload API takes, for parameters that have no field here; the
	// fields take precedence.
	Other url.Values
}

// params are the options as the Upload API takes them.
func (o UploadOptions) params() url.Values {
	q := url.Values{}
	for k, v := range o.Other {
		q[k] = v
	}
	setOptional(q, "public_id", nonEmpty(o.PublicID))
	setOptional(q, "type", nonEmpty(o.Type))
	if o.Overwrite != nil {
		q.Set("overwrite", strconv.FormatBool(*o.Overwrite))
	}
	if o.Invalidate {
		q.Set("invalidate", "true")
	}
	setOptional(q, "upload_preset", o.UploadPreset)
	setOptional(q, "access_mode", o.AccessMode)
	setContext(q, "metadata", o.Metadata)
	// The settings an upload shares with an explicit call go the same way.
	return ExplicitOptions{AssetFolder: o.AssetFolder, DisplayName: o.DisplayName, Tags: o.Tags, Context: o.Context}.params(q)
}

// setOptional sets a parameter that v gives, unless v is nil.
func setOptional(q url.Values, key string, v *string) {
	if v != nil {
		q.Set(key, *v)
	}
}

// nonEmpty is s, or nil for "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// setList sets a comma-separated list, unless items is nil.
func setList(q url.Values, key string, items []string) {
	if items != nil {
		q.Set(key, strings.Join(items, ","))
	}
}

// setContext sets pairs in the form of context and structured metadata,
// unless m is nil.
func setContext(q url.Values, key string, m map[string]string) {
	if m != nil {
		q.Set(key, EncodeContext(m))
	}
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
func (c *Client) Upload(ctx context.Context, resourceType string, src Source, options UploadOptions) (*Resource, error) {
	params := options.params()
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

// ExplicitOptions are the changes an explicit call makes to an existing
// asset. A nil field leaves that setting as it is.
type ExplicitOptions struct {
	AssetFolder *string
	DisplayName *string
	// Tags replace the asset's tags.
	Tags []string
	// Context replaces the asset's contextual metadata, key to value.
	Context map[string]string
}

func (o ExplicitOptions) params(q url.Values) url.Values {
	setOptional(q, "asset_folder", o.AssetFolder)
	setOptional(q, "display_name", o.DisplayName)
	setList(q, "tags", o.Tags)
	setContext(q, "context", o.Context)
	return q
}

// Explicit applies changes to an existing asset through the Upload API,
// which is not rate limited, and answers with the asset as it then is (with
// no changes, it reads the asset).
func (c *Client) Explicit(ctx context.Context, resourceType, typ, publicID string, opts ExplicitOptions) (*Resource, error) {
	q := opts.params(url.Values{"public_id": {publicID}, "type": {typ}})
	var r Resource
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/explicit", q, &r); err != nil {
		return nil, fmt.Errorf("updating asset %s/%s/%s: %w", resourceType, typ, publicID, err)
	}
	return &r, nil
}

// Rename changes an asset's public ID.
func (c *Client) Rename(ctx context.Context, resourceType, typ, from, to string, overwrite bool) (*Resource, error) {
	q := url.Values{"from_public_id": {from}, "to_public_id": {to}, "type": {typ}, "overwrite": {strconv.FormatBool(overwrite)}}
	var r Resource
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/rename", q, &r); err != nil {
		return nil, fmt.Errorf("renaming asset %s/%s/%s to %q: %w", resourceType, typ, from, to, err)
	}
	return &r, nil
}

// Destroy deletes an asset through the Upload API. It reports false when
// the asset did not exist (Cloudinary answers 200 "not found").
func (c *Client) Destroy(ctx context.Context, resourceType, typ, publicID string, invalidate bool) (bool, error) {
	q := url.Values{"public_id": {publicID}, "type": {typ}}
	if invalidate {
		q.Set("invalidate", "true")
	}
	var resp struct {
		Result string `json:"result"`
	}
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/destroy", q, &resp); err != nil {
		return false, fmt.Errorf("destroying asset %s/%s/%s: %w", resourceType, typ, publicID, err)
	}
	return resp.Result == "ok", nil
}

// Tag commands of the Upload API's tags method.
const (
	TagAdd       = "add"
	TagRemove    = "remove"
	TagReplace   = "replace"
	TagRemoveAll = "remove_all"
)

// Tags runs a tag command on assets and returns the public IDs it touched.
func (c *Client) Tags(ctx context.Context, resourceType, typ, command string, tags, publicIDs []string) ([]string, error) {
	q := url.Values{"command": {command}, "type": {typ}, "public_ids": {strings.Join(publicIDs, ",")}}
	if len(tags) > 0 {
		q.Set("tag", strings.Join(tags, ","))
	}
	var resp struct {
		PublicIDs []string `json:"public_ids"`
	}
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/tags", q, &resp); err != nil {
		return nil, fmt.Errorf("running tag command %q: %w", command, err)
	}
	return resp.PublicIDs, nil
}

// RemoveAllContext removes every context key of assets.
func (c *Client) RemoveAllContext(ctx context.Context, resourceType, typ string, publicIDs []string) error {
	q := url.Values{"command": {"remove_all"}, "type": {typ}, "public_ids": {strings.Join(publicIDs, ",")}}
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/context", q, nil); err != nil {
		return fmt.Errorf("removing the context of %d assets: %w", len(publicIDs), err)
	}
	return nil
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
