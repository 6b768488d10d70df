package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// callAdapter runs one adapter on one request and decodes its answer.
func callAdapter(t *testing.T, h http.HandlerFunc, method, contentType, body string) response {
	t.Helper()
	req := httptest.NewRequest(method, "/x", strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h(rec, req)
	out := response{status: rec.Code, header: rec.Header(), raw: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &out.body); err != nil {
		t.Fatalf("answer %q: %v", rec.Body.String(), err)
	}
	return out
}

// lockHeld tells whether the store's lock is held (by the caller).
func lockHeld(e *Emulator) bool {
	if e.mu.TryLock() {
		e.mu.Unlock()
		return false
	}
	return true
}

// Every adapter runs its handler holding the store's lock and answers with
// what the handler returns: 200, 201 for a created answer, or the error.
func TestCallAdaptersHoldTheLockAndAnswer(t *testing.T) {
	e := New(Options{})
	handled := func(_ *http.Request, p *params) (any, *apiError) {
		if !lockHeld(e) {
			return nil, errBadRequest("handler ran without the store's lock")
		}
		switch p.get("answer") {
		case "created":
			return created{message{"made"}}, nil
		case "refused":
			return nil, errConflict("taken")
		}
		return message{"ok"}, nil
	}
	form := "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		body    string
		status  int
		message string
	}{
		{"answer=ok", http.StatusOK, "ok"},
		{"answer=created", http.StatusCreated, "made"},
		{"answer=refused", http.StatusConflict, "taken"},
	} {
		r := callAdapter(t, formCall(e, handled), http.MethodPost, form, tc.body)
		got := r.body["message"]
		if msg := r.errorMessage(); msg != "" {
			got = msg
		}
		if r.status != tc.status || got != tc.message {
			t.Errorf("%s: %d %s, want %d %q", tc.body, r.status, r.raw, tc.status, tc.message)
		}
	}
	type input struct {
		Answer string `json:"answer"`
	}
	r := callAdapter(t, jsonCall(e, func(r *http.Request, in *input) (any, *apiError) {
		return handled(r, &params{values: map[string][]string{"answer": {in.Answer}}})
	}), http.MethodPost, "application/json", `{"answer": "created"}`)
	if r.status != http.StatusCreated || r.body["message"] != "made" {
		t.Errorf("jsonCall: %d %s, want 201 made", r.status, r.raw)
	}
}

// A body the adapter cannot read is refused with 400 before the handler
// runs, whatever the adapter.
func TestCallAdaptersRefuseUnreadableBodies(t *testing.T) {
	e := New(Options{})
	ran := false
	for name, h := range map[string]http.HandlerFunc{
		"formCall": formCall(e, func(*http.Request, *params) (any, *apiError) { ran = true; return message{"ok"}, nil }),
		"jsonCall": jsonCall(e, func(*http.Request, *noBody) (any, *apiError) { ran = true; return message{"ok"}, nil }),
	} {
		r := callAdapter(t, h, http.MethodPost, "application/json", `{"answer":`)
		if r.status != http.StatusBadRequest || !strings.HasPrefix(r.errorMessage(), "Invalid") {
			t.Errorf("%s: %d %s, want 400 Invalid ...", name, r.status, r.raw)
		}
	}
	if ran {
		t.Error("a handler ran on a body its adapter could not read")
	}
}
