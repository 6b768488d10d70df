package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Logger receives the client's debug messages.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// transportSettings are the settings that every client of this package
// shares: the product environment's Client and the account's AccountClient
// send, retry, wait for rate limits and log alike.
type transportSettings struct {
	userAgent        string
	maxRetries       int
	minRetryWait     time.Duration
	maxRetryWait     time.Duration
	maxRateLimitWait time.Duration
	httpClient       *http.Client
	logger           Logger
	// api names the API the client calls, in errors: adminAPI or
	// provisioningAPI.
	api string
	// errorKeyFails makes a 2xx answer whose body holds an "error" key a
	// failure, as the official SDKs' account API clients take it.
	errorKeyFails bool
}

func (s transportSettings) withDefaults() transportSettings {
	if s.maxRetries == 0 {
		s.maxRetries = 5
	}
	if s.minRetryWait <= 0 {
		s.minRetryWait = time.Second
	}
	if s.maxRetryWait <= 0 {
		s.maxRetryWait = 30 * time.Second
	}
	if s.maxRateLimitWait <= 0 {
		s.maxRateLimitWait = time.Minute
	}
	if s.httpClient == nil {
		s.httpClient = defaultHTTPClient()
	}
	if s.userAgent == "" {
		s.userAgent = "terraform-provider-cloudinary"
	}
	return s
}

// The APIs whose rate limits errors name.
const (
	adminAPI        = "Admin API"
	provisioningAPI = "Provisioning API"
)

// transport sends the requests of a client: retries with backoff, waits
// for rate limits, logs every attempt (never a secret), and turns answers
// into results or *APIError.
type transport struct {
	userAgent        string
	maxRateLimitWait time.Duration
	logger           Logger
	api              string
	errorKeyFails    bool
	retry            *retryablehttp.Client
	now              func() time.Time
	// answered records that a call succeeded, which proves that the
	// credentials' scope and the base URL reach an account.
	answered atomic.Bool
}

func newTransport(s transportSettings) *transport {
	s = s.withDefaults()
	t := &transport{userAgent: s.userAgent, maxRateLimitWait: s.maxRateLimitWait, logger: s.logger, api: s.api, errorKeyFails: s.errorKeyFails, now: time.Now}
	t.retry = &retryablehttp.Client{
		HTTPClient:   s.httpClient,
		RetryWaitMin: s.minRetryWait,
		RetryWaitMax: s.maxRetryWait,
		RetryMax:     max(s.maxRetries, 0),
		CheckRetry:   t.checkRetry,
		Backoff:      t.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			t.log(req.Context(), "Cloudinary API request", map[string]any{"method": req.Method, "path": req.URL.Path, "attempt": attempt + 1})
		},
	}
	return t
}

func (t *transport) log(ctx context.Context, msg string, fields map[string]any) {
	if t.logger != nil {
		t.logger.Debug(ctx, msg, fields)
	}
}

// checkRetry decides whether a failed attempt is worth another: rate limits
// whose reset is near, server errors, and connection errors, but never what a
// retry cannot mend (TLS and certificate errors, bad schemes, unknown hosts),
// at most a few quick attempts at a host that refuses connections, and, for a
// call that a retry could duplicate, only failures that prove the request
// never reached Cloudinary.
func (t *transport) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
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
		wait, _ := t.rateLimitWait(resp)
		return wait <= t.maxRateLimitWait, nil
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
func (t *transport) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && isRateLimitStatus(resp.StatusCode) {
		if wait, ok := t.rateLimitWait(resp); ok {
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
func (t *transport) rateLimitWait(resp *http.Response) (time.Duration, bool) {
	reset, ok := t.resetTime(resp)
	if !ok {
		return 0, false
	}
	return max(reset.Sub(t.now()), 0), true
}

func (t *transport) resetTime(resp *http.Response) (time.Time, bool) {
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil {
			return t.now().Add(time.Duration(secs) * time.Second), true
		}
		if date, err := http.ParseTime(ra); err == nil {
			return date, true
		}
	}
	if r := resp.Header.Get("X-FeatureRateLimit-Reset"); r != "" {
		if date, err := http.ParseTime(r); err == nil {
			return date, true
		}
	}
	return time.Time{}, false
}

// send performs a request with retries and decodes a 200 answer into out.
func (t *transport) send(req *retryablehttp.Request, out any) error {
	return t.sendCall(req, callOptions{}, out)
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
func (t *transport) sendCall(req *retryablehttp.Request, opts callOptions, out any) error {
	call := &callState{started: time.Now(), oneShot: opts.oneShot}
	req = req.WithContext(context.WithValue(req.Context(), callStateKey{}, call))
	req.Header.Set("User-Agent", t.userAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := t.retry.Do(req)
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
	if resp.StatusCode < 200 || resp.StatusCode > 299 || (t.errorKeyFails && hasErrorKey(body)) {
		apiErr := t.apiError(resp, body)
		apiErr.mayHaveActedBefore = call.mayHaveActed
		return apiErr
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("decoding Cloudinary's answer to %s %s: %w", req.Method, req.URL.Path, err)
		}
	}
	t.answered.Store(true)
	return nil
}

// basicAuth is the key and secret a call authenticates with.
type basicAuth struct{ key, secret string }

// sendJSON sends payload as a JSON body (none when payload is nil), with
// Basic authentication, and decodes the answer into out.
func (t *transport) sendJSON(ctx context.Context, method, target string, auth basicAuth, payload any, opts callOptions, out any) error {
	var body any
	if payload != nil {
		encoded, err := json.Marshal(payload)
		if err != nil {
			return fmt.Errorf("encoding the request %s %s: %w", method, requestPath(target), err)
		}
		body = encoded
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return fmt.Errorf("building the request %s %s: %w", method, requestPath(target), err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.SetBasicAuth(auth.key, auth.secret)
	return t.sendCall(req, opts, out)
}

// requestPath is the path of a request's URL, to name the request in errors.
func requestPath(target string) string {
	if u, err := url.Parse(target); err == nil {
		return u.Path
	}
	return target
}

// hasErrorKey reports whether a JSON object holds a non-null "error": the
// official SDKs' account API clients (pycloudinary's execute_request) take
// such an answer as a failure whatever its status.
func hasErrorKey(body []byte) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return false
	}
	value, ok := fields["error"]
	return ok && !bytes.Equal(bytes.TrimSpace(value), []byte("null"))
}

func (t *transport) apiError(resp *http.Response, body []byte) *APIError {
	apiErr := &APIError{Status: resp.StatusCode, api: t.api}
	apiErr.Message, apiErr.fromCloudinary = errorMessage(body)
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		apiErr.ServerTime = date
	}
	if isRateLimitStatus(resp.StatusCode) {
		if reset, ok := t.resetTime(resp); ok {
			apiErr.ResetAt = reset
		}
	}
	return apiErr
}

// errorMessage reads the message of an error answer: Cloudinary's shape
// {"error":{"message":...}} (fromCloudinary), a bare {"error":"..."}, or
// else the start of the body, with any secret in it masked.
func errorMessage(body []byte) (msg string, fromCloudinary bool) {
	var parsed struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &parsed) == nil && len(parsed.Error) > 0 {
		var object struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(parsed.Error, &object) == nil && object.Message != "" {
			return object.Message, true
		}
		var text string
		if json.Unmarshal(parsed.Error, &text) == nil && text != "" {
			return text, false
		}
	}
	return strings.TrimSpace(maskSecrets(string(body[:min(len(body), 200)]))), false
}

// secretField matches a JSON field that holds a secret, whole or cut short
// (the message keeps only the start of a body): access keys answer with
// "api_secret", product environments with "secret" in api_access_keys.
var secretField = regexp.MustCompile(`("(?:api_)?secret"\s*:\s*)"(?:[^"\\]|\\.?)*("|$)`)

// maskSecrets hides the values of secret fields in an answer's text, which
// errors repeat: secrets never reach errors or logs.
func maskSecrets(text string) string {
	return secretField.ReplaceAllString(text, `$1"*****"`)
}
