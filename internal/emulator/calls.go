package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
)

// The adapters between HTTP and the endpoints of the emulated APIs, one per
// body style: form parameters (formCall), a JSON document (jsonCall) and no
// body at all (pathCall). A handler holds only its domain logic: it gets its
// input parsed and returns its answer, or the error to answer with; the
// adapter refuses a body it cannot read, holds the store's lock while the
// handler runs and writes the answer.

// serve answers a request with what handle returns for the input that
// decode reads from it, holding lock (the store's, or the account's); a
// request whose input decode refuses is answered with decode's error, and
// handle never runs.
func serve[In any](lock sync.Locker, decode func(*http.Request) (*In, *apiError),
	handle func(*http.Request, *In) (any, *apiError)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		in, err := decode(r)
		if err != nil {
			reply(w, nil, err)
			return
		}
		lock.Lock()
		defer lock.Unlock()
		out, err := handle(r, in)
		reply(w, out, err)
	}
}

// formHandler is an endpoint whose parameters come wherever the SDKs put
// them: the query string, a url-encoded, JSON or multipart body (parseParams).
type formHandler func(r *http.Request, p *params) (any, *apiError)

// formCall serves a formHandler.
func formCall(e *Emulator, handle formHandler) http.HandlerFunc {
	return serve(&e.mu, parseParams, handle)
}

// jsonCall serves an endpoint that takes a JSON document, decoded into an
// In (an empty body is {}): the metadata endpoints take JSON, as every
// official SDK sends them.
func jsonCall[In any](e *Emulator, handle func(r *http.Request, in *In) (any, *apiError)) http.HandlerFunc {
	return serve(&e.mu, decodeJSON[In], handle)
}

// noBody is the input of a call that takes no document.
type noBody struct{}

// pathCall serves an endpoint that reads no body: what it needs is in its
// path (or, for usage, its query string).
func pathCall(e *Emulator, handle func(r *http.Request) (any, *apiError)) http.HandlerFunc {
	return serve(&e.mu, func(*http.Request) (*noBody, *apiError) { return nil, nil },
		func(r *http.Request, _ *noBody) (any, *apiError) { return handle(r) })
}

// decodeJSON reads a JSON request body; an empty body is {}.
func decodeJSON[In any](r *http.Request) (*In, *apiError) {
	var in In
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, unreadableBody(err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &in, nil
	}
	if err := decodeNumbers(data, &in); err != nil {
		return nil, errBadRequest("Invalid JSON body: " + err.Error())
	}
	return &in, nil
}

// unreadableBody is the answer to a body that could not be read: 413 past
// the per-request limit, else 400.
func unreadableBody(err error) *apiError {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errTooLarge(tooLarge.Limit)
	}
	return errBadRequest("Invalid request body: " + err.Error())
}

// decodeNumbers decodes JSON into v with numbers kept as json.Number, so
// that integers keep their exact value.
func decodeNumbers(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// scope is what a call on /resources/{resource_type}[/{type}] (or
// /tags/{resource_type}) names: a resource type, and a delivery type,
// upload when the path has none.
type scope struct{ resourceType, typ string }

// scopeOf reads and checks the scope a path names.
func scopeOf(r *http.Request) (scope, *apiError) {
	rt, err := resourceTypeOf(r)
	if err != nil {
		return scope{}, err
	}
	typ, err := deliveryTypeOf(r, "upload")
	if err != nil {
		return scope{}, err
	}
	return scope{rt, typ}, nil
}

// scoped is a formHandler that first reads and checks the scope its path
// names.
func scoped(handle func(r *http.Request, p *params, s scope) (any, *apiError)) formHandler {
	return func(r *http.Request, p *params) (any, *apiError) {
		s, err := scopeOf(r)
		if err != nil {
			return nil, err
		}
		return handle(r, p, s)
	}
}

// signed is a formHandler for an Upload API call other than upload: it
// first checks the call's signature, then the resource type in its path.
func signed(e *Emulator, handle func(p *params, rt string) (any, *apiError)) formHandler {
	return func(r *http.Request, p *params) (any, *apiError) {
		if err := e.verifySigned(p); err != nil {
			return nil, err
		}
		rt, err := resourceTypeOf(r)
		if err != nil {
			return nil, err
		}
		return handle(p, rt)
	}
}
