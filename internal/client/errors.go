package client

import (
	"errors"
	"fmt"
	"io/fs"
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

// IsUnauthorized reports whether Cloudinary refused the credentials (401).
func IsUnauthorized(err error) bool { return statusOf(err) == http.StatusUnauthorized }

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

// sourceRefusals begin the messages with which Cloudinary refuses (400) the
// file of an upload itself: a remote URL it could not fetch ("Error in loading
// URL - 403 Forbidden", quoted in cloudinary_npm issue 269), a file over the
// account's limit ("File size too large. Got N. Maximum is M.", quoted in
// django-cloudinary-storage issue 14), a file that is not of its resource
// type ("Invalid image file", pycloudinary issue 5), a malformed one.
var sourceRefusals = []string{"Error in loading", "File size too large", "Invalid image file", "Invalid video file", "Invalid file", "Empty file"}

// IsSourceError reports whether an upload failed because of what it was to
// send: the local file could not be read, or Cloudinary refused the file.
// It decides only where an error is shown (on the attribute that names the
// source), never what is done: the message text is not a contract.
func IsSourceError(err error) bool {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return true
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		return false
	}
	for _, prefix := range sourceRefusals {
		if strings.HasPrefix(apiErr.Message, prefix) {
			return true
		}
	}
	return false
}
