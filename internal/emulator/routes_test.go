package emulator

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// A route registered once, with adminRoute, is served as an Admin API
// route: its requests need Basic auth and spend the hourly budget, and the
// counters count them as Admin calls. Before, an Admin route needed its root
// in a second list too, and without it answered 404.
func TestAdminRouteRegistersItsRoot(t *testing.T) {
	e := New(Options{HourlyLimit: 10})
	e.adminRoute("GET /brand_new_root/{id}", pathCall(e, func(r *http.Request) (any, *apiError) {
		return message{r.PathValue("id")}, nil
	}))
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	te := &testEmulator{Emulator: e, srv: srv, t: t}

	req, _ := http.NewRequest(http.MethodGet, te.url("/brand_new_root/x"), nil)
	if r := te.do(req); r.status != http.StatusUnauthorized || r.errorMessage() != "Must supply api_key" {
		t.Fatalf("without Basic auth: %d %s, want 401 Must supply api_key", r.status, r.raw)
	}
	r := te.admin(http.MethodGet, "/brand_new_root/x", nil)
	if r.status != http.StatusOK || r.body["message"] != "x" {
		t.Fatalf("with Basic auth: %d %s, want 200 {\"message\":\"x\"}", r.status, r.raw)
	}
	if remaining := r.header.Get("X-FeatureRateLimit-Remaining"); remaining != "9" {
		t.Errorf("X-FeatureRateLimit-Remaining %q, want 9: the call did not spend the Admin API budget", remaining)
	}
	if admin, upload := e.Counters().Admin(), e.Counters().Upload(); admin != 2 || upload != 0 {
		t.Errorf("counted %d Admin and %d Upload calls, want 2 and 0", admin, upload)
	}
}
