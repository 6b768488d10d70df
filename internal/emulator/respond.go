package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// errorBody is Cloudinary's error shape: {"error":{"message":"..."}}.
type errorBody struct {
	Error struct {
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers with Cloudinary's error body, and the message in the
// X-Cld-Error header too, as Cloudinary's troubleshooting guide describes.
func writeError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("X-Cld-Error", message)
	var body errorBody
	body.Error.Message = message
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// apiError is returned by store operations; handlers turn it into the
// documented error response.
type apiError struct {
	status  int
	message string
}

func (e *apiError) Error() string { return e.message }

func errBadRequest(msg string) *apiError { return &apiError{http.StatusBadRequest, msg} }
func errNotFound(msg string) *apiError   { return &apiError{http.StatusNotFound, msg} }
func errConflict(msg string) *apiError   { return &apiError{http.StatusConflict, msg} }

// errTooLarge refuses a request body over the per-request limit, as
// Cloudinary answers a single upload request over 100 MB with HTTP 413.
func errTooLarge(limit int64) *apiError {
	return &apiError{http.StatusRequestEntityTooLarge, fmt.Sprintf(
		"Request Entity Too Large: a single request may carry at most %d bytes; upload larger files in chunks", limit)}
}

// reply writes v as a 200 answer (201 for a created answer), or err as its
// documented error.
func reply(w http.ResponseWriter, v any, err *apiError) {
	if err != nil {
		writeError(w, err.status, err.message)
		return
	}
	if c, ok := v.(created); ok {
		writeJSON(w, http.StatusCreated, c.body)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// created is the answer of a call that answers 201 Created with body.
type created struct{ body any }

// message is the {"message": "..."} answer of most write calls.
type message struct {
	Message string `json:"message"`
}
