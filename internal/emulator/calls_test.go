package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// Every signed Upload API call checks its signature before the resource
// type in its path, and the resource type before anything it does.
func TestSignedCallsCheckTheSignatureThenTheResourceType(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, action := range []string{"explicit", "rename", "destroy", "tags", "metadata", "context"} {
		req, _ := http.NewRequest(http.MethodPost, te.url("/bogus/"+action), strings.NewReader("public_id=x"))
		if r := te.do(req); r.status != http.StatusUnauthorized || r.errorMessage() != "Must supply api_key" {
			t.Errorf("unsigned %s: %d %s, want 401 Must supply api_key", action, r.status, r.raw)
		}
		if r := te.uploadAPI("/bogus/"+action, url.Values{"public_id": {"x"}}); r.status != http.StatusBadRequest ||
			r.errorMessage() != "Invalid resource type bogus" {
			t.Errorf("signed %s on /bogus: %d %s, want 400 Invalid resource type bogus", action, r.status, r.raw)
		}
	}
}

// The calls on /resources/{resource_type}[/{type}] and /tags/{resource_type}
// check the resource type and delivery type their path names before
// anything they do.
func TestScopedCallsCheckTheirPath(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, tc := range []struct{ method, path, message string }{
		{http.MethodGet, "/tags/bogus", "Invalid resource type bogus"},
		{http.MethodGet, "/resources/bogus/tags/x", "Invalid resource type bogus"},
		{http.MethodGet, "/resources/bogus/context", "Invalid resource type bogus"},
		{http.MethodGet, "/resources/bogus/moderations/manual/pending", "Invalid resource type bogus"},
		{http.MethodDelete, "/resources/image/bogus", "Invalid type bogus"},
		{http.MethodDelete, "/resources/bogus/tags/x", "Invalid resource type bogus"},
		{http.MethodPost, "/resources/image/bogus/restore", "Invalid type bogus"},
		{http.MethodPost, "/resources/bogus/upload/update_access_mode", "Invalid resource type bogus"},
	} {
		if r := te.admin(tc.method, tc.path, nil); r.status != http.StatusBadRequest || r.errorMessage() != tc.message {
			t.Errorf("%s %s: %d %s, want 400 %s", tc.method, tc.path, r.status, r.raw, tc.message)
		}
	}
}
