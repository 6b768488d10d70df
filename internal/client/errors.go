package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is an error answer from Cloudinary. Callers decide by Status
// through IsNotFound, IsAlreadyExists and IsRateLimited: the message text
// is not a contract.
type APIError struct {
	Status  int
	Message string
	// ResetAt is when the rate limit resets, for 420 and 429 answers that say.
	ResetAt time.Time
	// ServerTime is Cloudinary's clock when it answered (the Date header),
	// to compare with the creation times it reports without clock skew.
	ServerTime time.Time
	// Attempts is how many attempts the call made. An error on a later
	// attempt may follow an earlier one that Cloudinary handled but whose
	// answer was lost, such as a create that the retry then finds done.
	Attempts int
	// fromCloudinary is true when the body had Cloudinary's error shape,
	// {"error":{"message":...}}: a proxy's or a wrong host's 404 page is not
	// Cloudinary saying that an object does not exist.
	fromCloudinary bool
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("Cloudinary answered %d %s", e.Status, statusText(e.Status))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if !e.ResetAt.IsZero() {
		msg += fmt.Sprintf(" (the Admin API rate limit resets at %s; retry after that)", e.ResetAt.UTC().Format(time.RFC3339))
	}
	return msg
}

func statusText(status int) string {
	if status == 420 {
		return "Rate Limited"
	}
	return http.StatusText(status)
}

func statusOf(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status
	}
	return 0
}

// IsNotFound reports whether Cloudinary answered 404 with its own error
// body. A 404 without it (a misconfigured endpoint, a proxy) is not taken as
// an object that is gone: the provider would drop it from state.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound && apiErr.fromCloudinary
}

// IsUnservedPath reports whether the answer was a 404 without Cloudinary's
// error body: a page for a path that the API does not serve, as when the
// base URL's path is wrong, or a proxy's page. It says nothing about any
// object.
func IsUnservedPath(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound && !apiErr.fromCloudinary
}

// IsUnauthorized reports whether Cloudinary refused the credentials (401).
func IsUnauthorized(err error) bool { return statusOf(err) == http.StatusUnauthorized }

// IsUnknownCloud reports whether Cloudinary refused the call because it
// knows no product environment by the client's cloud name. Cloudinary says
// so with a 401, the status of refused credentials too, so only its message
// tells the two apart: "Invalid cloud_name <name>" (as public reports of
// the Upload API's and the Node SDK's errors show it). Nothing else hangs on
// the text: a change in it makes the error generic, never wrong.
func IsUnknownCloud(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized && apiErr.fromCloudinary &&
		strings.HasPrefix(apiErr.Message, "Invalid cloud_name")
}

// IsAlreadyExists reports whether Cloudinary answered 409.
func IsAlreadyExists(err error) bool { return statusOf(err) == http.StatusConflict }

// AfterRetry reports whether err came on a retry of the call: an earlier
// attempt may have done what the call asked.
func AfterRetry(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Attempts > 1
}

// IsRateLimited reports whether Cloudinary answered 420 or 429.
func IsRateLimited(err error) bool {
	s := statusOf(err)
	return s == 420 || s == http.StatusTooManyRequests
}
