package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
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

// Logger receives the client's debug messages.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// Signature algorithms for Upload API calls.
const (
	SHA1   = "sha1"
	SHA256 = "sha256"
)

// Client calls Cloudinary's Admin and Upload APIs.
type Client struct {
	cfg   Config
	base  string // BaseURL + "/" + cloud name
	retry *retryablehttp.Client
	now   func() time.Time
	// answered records that a call succeeded, which proves that the cloud
	// name and the base URL reach an account.
	answered atomic.Bool
}

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("configuring the Cloudinary client: %w", err)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := NormalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("configuring the Cloudinary client: API base URL %w", err)
	}
	cfg = withDefaults(cfg)
	cfg.BaseURL = base
	c := &Client{cfg: cfg, base: base + "/" + url.PathEscape(cfg.CloudName), now: time.Now}
	c.retry = &retryablehttp.Client{
		HTTPClient:   cfg.HTTPClient,
		RetryWaitMin: cfg.MinRetryWait,
		RetryWaitMax: cfg.MaxRetryWait,
		RetryMax:     max(cfg.MaxRetries, 0),
		CheckRetry:   c.checkRetry,
		Backoff:      c.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			c.log(req.Context(), "Cloudinary API request", map[string]any{"method": req.Method, "path": req.URL.Path, "attempt": attempt + 1})
		},
	}
	return c, nil
}

func withDefaults(cfg Config) Config {
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 5
	}
	if cfg.MinRetryWait <= 0 {
		cfg.MinRetryWait = time.Second
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = 30 * time.Second
	}
	if cfg.MaxRateLimitWait <= 0 {
		cfg.MaxRateLimitWait = time.Minute
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = defaultHTTPClient()
	}
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = DefaultChunkSize
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-cloudinary"
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

func (c *Client) log(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Logger != nil {
		c.cfg.Logger.Debug(ctx, msg, fields)
	}
}

// checkRetry decides whether a failed attempt is worth another: rate limits
// whose reset is near, server errors, and connection errors, but never what a
// retry cannot mend (TLS and certificate errors, bad schemes, unknown hosts),
// at most a few quick attempts at a host that refuses connections, and, for a
// call that a retry could duplicate, only failures that prove the request
// never reached Cloudinary.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	call := callStateOf(ctx)
	call.attempts++
	if ctx.Err() != nil {
		// Cancelled while this attempt was in flight: it may have arrived.
		call.mayHaveActed = call.mayHaveActed || (err != nil && !neverSent(err))
		return false, ctx.Err()
	}
	if err != nil {
		return call.retryTransportError(err), nil
	}
	switch {
	case isRateLimitStatus(resp.StatusCode):
		// Refused before it was handled: safe to repeat even for a one-shot call.
		wait, _ := c.rateLimitWait(resp)
		return wait <= c.cfg.MaxRateLimitWait, nil
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		call.mayHaveActed = true
		return !call.oneShot, nil
	}
	return false, nil
}

func isRateLimitStatus(status int) bool { return status == 420 || status == http.StatusTooManyRequests }

// backoff waits for a rate limit's reset, or else exponentially with jitter.
// A connection that failed (resp is nil) is tried again sooner: waiting long
// does not help a refused or reset connection, and the number of such retries
// is bounded by checkRetry.
func (c *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && isRateLimitStatus(resp.StatusCode) {
		if wait, ok := c.rateLimitWait(resp); ok {
			return wait + jitter(minWait/4)
		}
	}
	if resp == nil {
		minWait = min(minWait, quickRetryWait)
	}
	wait := minWait << min(attempt, 16)
	if wait <= 0 || wait > maxWait {
		wait = maxWait
	}
	// Full jitter over the upper half keeps clients from retrying in step.
	return wait/2 + jitter(wait/2)
}

func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// rateLimitWait reads how long until a rate limit resets, from Retry-After
// (seconds or a date) or X-FeatureRateLimit-Reset (a date).
func (c *Client) rateLimitWait(resp *http.Response) (time.Duration, bool) {
	reset, ok := c.resetTime(resp)
	if !ok {
		return 0, false
	}
	return max(reset.Sub(c.now()), 0), true
}

func (c *Client) resetTime(resp *http.Response) (time.Time, bool) {
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil {
			return c.now().Add(time.Duration(secs) * time.Second), true
		}
		if t, err := http.ParseTime(ra); err == nil {
			return t, true
		}
	}
	if r := resp.Header.Get("X-FeatureRateLimit-Reset"); r != "" {
		if t, err := http.ParseTime(r); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// send performs a request with retries and decodes a 200 answer into out.
func (c *Client) send(req *retryablehttp.Request, out any) error {
	return c.sendCall(req, callOptions{}, out)
}

// callOptions tune one call.
type callOptions struct {
	// oneShot marks a call that a retry could duplicate once Cloudinary
	// has handled it.
	oneShot bool
	// answeredAt, when set, receives Cloudinary's clock at its answer (the
	// Date header), to compare with creation times without clock skew.
	answeredAt *time.Time
	// mayHaveActedBefore, when set, receives whether an attempt before the
	// one that answered may have been handled (see callState.mayHaveActed).
	mayHaveActedBefore *bool
}

// sendCall is send with options.
func (c *Client) sendCall(req *retryablehttp.Request, opts callOptions, out any) error {
	call := &callState{started: time.Now(), oneShot: opts.oneShot}
	req = req.WithContext(context.WithValue(req.Context(), callStateKey{}, call))
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := c.retry.Do(req)
	if err != nil {
		return call.failure(req, err)
	}
	defer resp.Body.Close()
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil && opts.answeredAt != nil {
		*opts.answeredAt = date
	}
	if opts.mayHaveActedBefore != nil {
		*opts.mayHaveActedBefore = call.mayHaveActed
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return &UnansweredError{Method: req.Method, Path: req.URL.Path, Err: err, mayHaveActed: true}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := c.apiError(resp, body)
		apiErr.mayHaveActedBefore = call.mayHaveActed
		return apiErr
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("decoding Cloudinary's answer to %s %s: %w", req.Method, req.URL.Path, err)
		}
	}
	c.answered.Store(true)
	return nil
}

func (c *Client) apiError(resp *http.Response, body []byte) *APIError {
	apiErr := &APIError{Status: resp.StatusCode}
	var parsed struct {
		Error *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &parsed) == nil && parsed.Error != nil {
		apiErr.Message, apiErr.fromCloudinary = parsed.Error.Message, true
	}
	if apiErr.Message == "" {
		apiErr.Message = strings.TrimSpace(string(body[:min(len(body), 200)]))
	}
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		apiErr.ServerTime = date
	}
	if isRateLimitStatus(resp.StatusCode) {
		if reset, ok := c.resetTime(resp); ok {
			apiErr.ResetAt = reset
		}
	}
	return apiErr
}

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
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("encoding the request %s %s: %w", method, path, err)
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("building the request %s %s: %w", method, path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(c.cfg.APIKey, c.cfg.APISecret)
	return c.sendCall(req, opts, out)
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
