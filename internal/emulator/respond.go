package emulator

import (
	"encoding/json"
	"net/http"
)

// errorBody is Cloudinary's error shape: {"error":{"message":"..."}}.
type errorBody struct {
	Error struct {
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, message string) {
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

// reply writes v as a 200 answer, or err as its documented error.
func reply(w http.ResponseWriter, v any, err *apiError) {
	if err != nil {
		writeError(w, err.status, err.message)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// message is the {"message": "..."} answer of most write calls.
type message struct {
	Message string `json:"message"`
}
