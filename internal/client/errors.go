package client

import (
	"cmp"
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
	// mayHaveActedBefore is true when an earlier attempt of the call may
	// have been handled by Cloudinary though its answer was lost, such as a
	// create that the retry then finds done (see MayHaveTakenEffect).
	mayHaveActedBefore bool
	// api names the API that answered, for the rate limit's message.
	api string
	// fromCloudinary is true when the body had Cloudinary's error shape,
	// {"error":{"message":...}}: a proxy's or a wrong host's 404 page is not
	// Cloudinary saying that an object does not exist.
	fromCloudinary bool
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("Cloudinary answered %d %s", e.Status, statusText(e.Status))
	if e.Status >= 200 && e.Status <= 299 {
		msg += " with an error"
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if !e.ResetAt.IsZero() {
		msg += fmt.Sprintf(" (the %s rate limit resets at %s; retry after that)", cmp.Or(e.api, adminAPI), e.ResetAt.UTC().Format(time.RFC3339))
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

// IsForbidden reports whether Cloudinary refused the call to credentials
// that it accepts (403): an account without access to the Provisioning API,
// or an account key without a role on the product environment it acts on.
func IsForbidden(err error) bool { return statusOf(err) == http.StatusForbidden }

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

// IsAlreadyExists reports whether Cloudinary refused to create an object
// because one by that name exists: 409, or, from the structured metadata API,
// 400 "external id X already exists" (cloudinary_npm's structured metadata
// spec), the one place where only the message tells this refusal apart.
func IsAlreadyExists(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.Status == http.StatusConflict ||
		(apiErr.Status == http.StatusBadRequest && apiErr.fromCloudinary && strings.HasSuffix(apiErr.Message, "already exists"))
}

// UnansweredError is a call that got no answer from Cloudinary: it could not
// connect, lost its connection, or was cancelled by the caller (Terraform
// interrupted).
type UnansweredError struct {
	Method, Path string
	Err          error
	// Summary says how many attempts the call made and for how long.
	Summary string
	// mayHaveActed is true when a request reached Cloudinary, or may have,
	// before its answer was lost.
	mayHaveActed bool
}

func (e *UnansweredError) Error() string {
	msg := fmt.Sprintf("calling Cloudinary (%s %s): %v", e.Method, e.Path, e.Err)
	if e.Summary != "" {
		msg += " (" + e.Summary + ")"
	}
	if e.mayHaveActed && e.Method != http.MethodGet {
		msg += "; the request may have reached Cloudinary, so it may have taken effect"
	}
	return msg
}

func (e *UnansweredError) Unwrap() error { return e.Err }

// MayHaveTakenEffect reports whether Cloudinary may have acted on a call
// that ended with err, or on an earlier attempt of it: an attempt's answer
// was lost after the request was sent, or was a server error, which can come
// after the request was handled. A create that then meets an existing object
// may have made it itself; one that did not is certain the object was there
// before.
func MayHaveTakenEffect(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.mayHaveActedBefore || apiErr.Status >= 500
	}
	var unanswered *UnansweredError
	return errors.As(err, &unanswered) && unanswered.mayHaveActed
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
