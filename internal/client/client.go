package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Config configures a Client.
type Config struct {
	CloudName string
	APIKey    string
	APISecret string
	// BaseURL is the API root ending in /v1_1 (default DefaultBaseURL).
	BaseURL string
	// UserAgent names the caller, for example "terraform-provider-cloudinary/1.2.0".
	UserAgent string
	// SignatureAlgorithm signs Upload API calls: SHA1 (default) or SHA256.
	SignatureAlgorithm string
	// MaxRetries is how many times a failed call is retried (default 5;
	// negative disables retries).
	MaxRetries int
	// MinRetryWait and MaxRetryWait bound the exponential backoff between
	// retries (defaults 1s and 30s).
	MinRetryWait time.Duration
	MaxRetryWait time.Duration
	// MaxRateLimitWait is the longest the client waits for a rate limit to
	// reset; a reset further away fails the call at once with an error that
	// says when to retry (default 60s).
	MaxRateLimitWait time.Duration
	// HTTPClient sends the requests (default: a pooled client whose dials
	// time out after a few seconds, so that an unreachable host fails fast).
	HTTPClient *http.Client
	// ChunkSize is the size of the parts of a chunked upload, and the file
	// size above which an upload is chunked (default DefaultChunkSize, as the
	// official SDKs' upload_large). Cloudinary refuses parts under 5 MiB
	// other than the last one, and single requests over 100 MB.
	ChunkSize int64
	// Logger, if set, hears about every attempt (never about secrets).
	Logger Logger
}

// Signature algorithms for Upload API calls.
const (
	SHA1   = "sha1"
	SHA256 = "sha256"
)

// Client calls Cloudinary's Admin and Upload APIs.
type Client struct {
	*transport
	cfg  Config
	base string // BaseURL + "/" + cloud name
}

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("configuring the Cloudinary client: %w", err)
	}
	base, err := apiRoot(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("configuring the Cloudinary client: API base URL %w", err)
	}
	cfg = withDefaults(cfg)
	cfg.BaseURL = base
	return &Client{
		transport: newTransport(transportSettings{
			userAgent: cfg.UserAgent, maxRetries: cfg.MaxRetries, minRetryWait: cfg.MinRetryWait, maxRetryWait: cfg.MaxRetryWait,
			maxRateLimitWait: cfg.MaxRateLimitWait, httpClient: cfg.HTTPClient, logger: cfg.Logger, api: adminAPI,
		}),
		cfg:  cfg,
		base: base + "/" + url.PathEscape(cfg.CloudName),
	}, nil
}

// withDefaults fills what only the product environment's client has; the
// transport fills the rest.
func withDefaults(cfg Config) Config {
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = DefaultChunkSize
	}
	if cfg.SignatureAlgorithm == "" {
		cfg.SignatureAlgorithm = SHA1
	}
	return cfg
}

// CloudName is the product environment the client works on.
func (c *Client) CloudName() string { return c.cfg.CloudName }

// BaseURL is the API root the client calls, ending in /v1_1.
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Answered reports whether any call of this client has succeeded: the
// cloud name and the base URL then reach an account that answers, so a 404
// that Cloudinary gives later is about the object asked for.
func (c *Client) Answered() bool { return c.answered.Load() }

// admin calls the Admin API: path is relative to the cloud ("/upload_presets"),
// params go in the query for GET and DELETE and in a form body otherwise.
func (c *Client) admin(ctx context.Context, method, path string, params url.Values, out any) error {
	target := c.base + path
	var body any
	if method == http.MethodGet || method == http.MethodDelete {
		if len(params) > 0 {
			target += "?" + params.Encode()
		}
	} else {
		body = []byte(params.Encode())
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return fmt.Errorf("building the request %s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.SetBasicAuth(c.cfg.APIKey, c.cfg.APISecret)
	return c.send(req, out)
}

// adminJSON calls the Admin API with a JSON body, as the environment
// configuration API (triggers) and the metadata endpoints document.
func (c *Client) adminJSON(ctx context.Context, method, path string, payload, out any) error {
	return c.adminJSONCall(ctx, method, path, payload, callOptions{}, out)
}

// adminJSONCall is adminJSON with call options.
func (c *Client) adminJSONCall(ctx context.Context, method, path string, payload any, opts callOptions, out any) error {
	return c.sendJSON(ctx, method, c.base+path, basicAuth{c.cfg.APIKey, c.cfg.APISecret}, payload, opts, out)
}

// segment escapes one path segment of a name (names may hold slashes only
// where the API takes the rest of the path, as public IDs do).
func segment(s string) string { return url.PathEscape(s) }

// pathOf escapes each segment of a slash-separated identifier.
func pathOf(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// errEmpty is returned when a caller leaves out an identifier.
var errEmpty = errors.New("must not be empty")
