package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

const (
	// unreachableRetries bounds the retries of a call whose connection
	// could not be made (refused, unreachable, dial timeout): a wrong
	// endpoint should fail within seconds, not after the full backoff.
	unreachableRetries = 2
	// quickRetryWait is the first backoff after a connection error.
	quickRetryWait = 100 * time.Millisecond
	// dialTimeout bounds each attempt to connect.
	dialTimeout = 3 * time.Second
)

// callState follows one call through its attempts.
type callState struct {
	started     time.Time
	attempts    int
	unreachable int
	// oneShot marks a call that a retry could duplicate after Cloudinary
	// handled it (an upload with no fixed public ID).
	oneShot bool
	// mayHaveActed records that an attempt reached Cloudinary but its answer
	// did not reach us: the connection failed after the request was sent, the
	// caller cancelled it in flight, or Cloudinary answered with a server error
	// (which can come after the request was handled).
	mayHaveActed bool
}

type callStateKey struct{}

// callStateOf returns the state that sendCall put in a request's context.
func callStateOf(ctx context.Context) *callState {
	if call, ok := ctx.Value(callStateKey{}).(*callState); ok {
		return call
	}
	return &callState{started: time.Now()}
}

// retryTransportError decides whether an attempt that got no answer is
// worth another.
func (call *callState) retryTransportError(err error) bool {
	// go-retryablehttp's own policy knows the errors that no retry mends:
	// TLS and certificate failures, unsupported schemes, bad headers,
	// redirect loops.
	if retry, _ := retryablehttp.DefaultRetryPolicy(context.Background(), nil, err); !retry {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	if neverSent(err) {
		call.unreachable++
		return call.unreachable <= unreachableRetries
	}
	// The request may have reached Cloudinary before the connection failed.
	call.mayHaveActed = true
	return !call.oneShot
}

// neverSent tells whether a transport error happened before the request
// could be written: the connection itself failed.
func neverSent(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// failure is the error of a call that got no answer it could use: the
// caller cancelled it, or its last attempt failed to connect or lost its
// connection.
func (call *callState) failure(req *retryablehttp.Request, err error) error {
	if ctxErr := req.Context().Err(); ctxErr != nil {
		err = ctxErr
	}
	return &UnansweredError{Method: req.Method, Path: req.URL.Path, Err: err, Summary: call.summary(), mayHaveActed: call.mayHaveActed}
}

// summary says how long the call tried, for errors.
func (call *callState) summary() string {
	elapsed := time.Since(call.started).Round(100 * time.Millisecond)
	if call.attempts <= 1 {
		return fmt.Sprintf("1 attempt, %s", elapsed)
	}
	return fmt.Sprintf("%d attempts over %s", call.attempts, elapsed)
}

// defaultHTTPClient pools connections like http.DefaultTransport but gives
// up on a connection after dialTimeout, so that an unreachable endpoint
// fails fast. Uploads may take long, so there is no overall timeout beyond
// the caller's context and a generous bound.
func defaultHTTPClient() *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: transport, Timeout: 30 * time.Minute}
}
