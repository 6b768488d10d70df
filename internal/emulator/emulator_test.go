package emulator

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAdminAuth(t *testing.T) {
	te := newTestEmulator(t, Options{})
	cases := []struct {
		name        string
		key, secret string
		noAuth      bool
		want        int
	}{
		{name: "valid", key: te.APIKey(), secret: te.APISecret(), want: 200},
		{name: "missing", noAuth: true, want: 401},
		{name: "wrong key", key: "999", secret: te.APISecret(), want: 401},
		{name: "wrong secret", key: te.APIKey(), secret: "nope", want: 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, te.url("/ping"), nil)
			if !tc.noAuth {
				req.SetBasicAuth(tc.key, tc.secret)
			}
			r := te.do(req)
			expectStatus(t, r, tc.want)
			if tc.want == 401 && r.errorMessage() == "" {
				t.Fatalf("401 without an error message: %s", r.raw)
			}
			if strings.Contains(r.raw, te.APISecret()) {
				t.Fatalf("answer reveals the secret: %s", r.raw)
			}
		})
	}
}

// Cloudinary refuses an unknown cloud name with 401 "Invalid cloud_name
// <name>", on the Upload API (an upload to /v1_1/undefined/auto/upload in
// jerocosio/autoform-cloudinary#20; 'Invalid cloud_name Mac', http_code 401,
// in urre/kap-cloudinary#5) and the Admin API alike: never 404, which a
// client would take for an object that is gone.
func TestUnknownCloudNameIs401InvalidCloudName(t *testing.T) {
	te := newTestEmulator(t, Options{})
	other := strings.Replace(te.url(""), "/"+te.CloudName(), "/dem0", 1)
	admin, _ := http.NewRequest(http.MethodGet, other+"/transformations/t_thumb", nil)
	admin.SetBasicAuth(te.APIKey(), te.APISecret())
	upload, _ := http.NewRequest(http.MethodPost, other+"/image/upload",
		strings.NewReader(te.signed(url.Values{"file": {"data:text/plain;base64,aGk="}}).Encode()))
	for name, req := range map[string]*http.Request{"admin": admin, "upload": upload} {
		r := te.do(req)
		expectStatus(t, r, http.StatusUnauthorized)
		if r.errorMessage() != "Invalid cloud_name dem0" {
			t.Fatalf("%s: error %q, want Invalid cloud_name dem0", name, r.errorMessage())
		}
	}
}

// A path the API does not serve, under the cloud or outside /v1_1, answers
// 404 with an HTML page rather than the JSON error that says an object does
// not exist (pycloudinary#386, cloudinary_npm#667, CloudinaryDotNet#327), and
// never redirects.
func TestUnknownPathIsAnHTMLPageNotFound(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, target := range []string{
		te.url("/no_such_thing"),
		te.url("/transformations_typo/t_thumb"),
		te.srv.URL + "/api/v1_1/" + te.CloudName() + "/transformations/t_thumb",
	} {
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		req.SetBasicAuth(te.APIKey(), te.APISecret())
		r := te.do(req)
		expectStatus(t, r, http.StatusNotFound)
		if r.body != nil || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || r.header.Get("Location") != "" {
			t.Fatalf("%s: %s %q, want an HTML page", target, r.header, r.raw)
		}
	}
}

// No request under the cloud is answered with a redirect, whatever its
// method: ServeMux would send POST /folders to /folders/, a URL without the
// cloud prefix. Paths of every Admin API root and Upload API action are
// tried, whole and cut short.
func TestNoPathRedirects(t *testing.T) {
	te := newTestEmulator(t, Options{})
	client := te.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	paths := []string{"", "/x", "/x/y", "/image/x", "/upload", "/image/upload/x", "/resources/image/tags", "/resources/image/moderations",
		"/resources/image/upload/x/", "/metadata_fields/x/datasource/order/y"}
	for root := range te.adminRoots {
		paths = append(paths, "/"+root, "/"+root+"/", "/"+root+"/x", "/"+root+"/image", "/"+root+"/image/upload")
	}
	for _, action := range []string{"upload", "explicit", "rename", "destroy", "tags", "context", "metadata"} {
		paths = append(paths, "/image/"+action, "/auto/"+action, "/image/"+action+"/")
	}
	for _, p := range paths {
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			req, _ := http.NewRequest(method, te.url(p), nil)
			req.SetBasicAuth(te.APIKey(), te.APISecret())
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
			if resp.StatusCode >= 300 && resp.StatusCode < 400 {
				t.Errorf("%s %s: %d to %q", method, p, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
	}
}

// fakeClock is a clock that tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRateLimit(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 1, 10, 15, 0, 0, time.UTC)}
	te := newTestEmulator(t, Options{HourlyLimit: 3, Now: clock.Now})
	for i, wantRemaining := range []string{"2", "1", "0"} {
		r := te.admin(http.MethodGet, "/ping", nil)
		expectStatus(t, r, 200)
		if got := r.header.Get("X-FeatureRateLimit-Remaining"); got != wantRemaining {
			t.Fatalf("call %d: remaining %s, want %s", i, got, wantRemaining)
		}
		if got := r.header.Get("X-FeatureRateLimit-Limit"); got != "3" {
			t.Fatalf("limit header %s", got)
		}
	}
	r := te.admin(http.MethodGet, "/ping", nil)
	expectStatus(t, r, 420)
	if te.Counters().RateLimited() != 1 {
		t.Fatalf("rate-limited count %d", te.Counters().RateLimited())
	}
	if got := r.header.Get("X-FeatureRateLimit-Reset"); got != "Sun, 01 Mar 2026 11:00:00 GMT" {
		t.Fatalf("reset header %q", got)
	}
	// The Upload API is not rate limited.
	expectStatus(t, te.uploadAPI("/image/destroy", url.Values{"public_id": {"x"}}), 200)

	clock.Advance(45 * time.Minute)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 200)
}

func TestFaultStatusTimesAndCounters(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.Faults().Add(Fault{Method: "GET", Path: "/ping", Times: 2, Status: 503})
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 503)
	expectStatus(t, te.admin(http.MethodGet, "/usage", nil), 200) // other paths unaffected
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 503)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 200)
	if got := te.Counters().Route("GET /ping"); got != 3 {
		t.Fatalf("GET /ping counted %d, want 3", got)
	}
	if got := te.Counters().Admin(); got != 4 {
		t.Fatalf("admin calls %d, want 4", got)
	}
	if te.Faults().Injected() != 2 {
		t.Fatalf("injected %d", te.Faults().Injected())
	}
}

// With a cooldown, the budget runs out after its calls however slowly they
// come, is refused until the cooldown ends (on a whole second, as the reset
// header says), and is then whole again.
func TestRateLimitCooldown(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 1, 10, 15, 0, 300_000_000, time.UTC)}
	te := newTestEmulator(t, Options{HourlyLimit: 2, RateLimitCooldown: 2 * time.Second, Now: clock.Now})
	for i := 0; i < 2; i++ {
		clock.Advance(time.Hour) // no window: the calls' pace does not matter
		expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 200)
	}
	r := te.admin(http.MethodGet, "/ping", nil)
	expectStatus(t, r, 420)
	if got := r.header.Get("X-FeatureRateLimit-Reset"); got != "Sun, 01 Mar 2026 12:15:03 GMT" {
		t.Fatalf("reset header %q, want the cooldown's end rounded up to the second", got)
	}
	clock.Advance(2 * time.Second)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 420) // 12:15:02.3, before the reset
	clock.Advance(time.Second)
	r = te.admin(http.MethodGet, "/ping", nil)
	expectStatus(t, r, 200)
	if got := r.header.Get("X-FeatureRateLimit-Remaining"); got != "1" {
		t.Fatalf("remaining %s after the cooldown, want the budget back", got)
	}
}

func TestFaultRateLimitHeaders(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.Faults().Add(Fault{Times: 1, Status: 420, ResetIn: 30 * time.Second})
	// Bounds taken around the request, so that a slow answer cannot fail the
	// test: the header has whole seconds.
	before := time.Now()
	r := te.admin(http.MethodGet, "/ping", nil)
	after := time.Now()
	expectStatus(t, r, 420)
	reset, err := http.ParseTime(r.header.Get("X-FeatureRateLimit-Reset"))
	if err != nil || reset.Before(before.Add(29*time.Second)) || reset.After(after.Add(31*time.Second)) {
		t.Fatalf("reset %q is not about 30s away", r.header.Get("X-FeatureRateLimit-Reset"))
	}
	if r.header.Get("Retry-After") != "30" {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
}

func TestFaultHangUp(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.Faults().Add(Fault{Times: 1, HangUp: true})
	req, _ := http.NewRequest(http.MethodGet, te.url("/ping"), nil)
	req.SetBasicAuth(te.APIKey(), te.APISecret())
	if _, err := te.srv.Client().Do(req); err == nil {
		t.Fatal("want a connection error")
	}
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 200)
}

func TestFaultDelayHonoursCancellation(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.Faults().Add(Fault{Times: 1, Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, te.url("/ping"), nil)
	req.SetBasicAuth(te.APIKey(), te.APISecret())
	if _, err := te.srv.Client().Do(req); err == nil {
		t.Fatal("a one-hour delay answered before the client's deadline")
	}
}

func TestFaultAfterHandlingKeepsTheWrite(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.Faults().Add(Fault{Method: "POST", Path: "/upload_presets", Times: 1, Status: 500, AfterHandling: true})
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{"name": {"web"}}), 500)
	expectStatus(t, te.admin(http.MethodGet, "/upload_presets/web", nil), 200)
}

// A delay after handling holds back the answer of a write that already took
// effect: a client that gives up meanwhile (Terraform interrupted) finds it
// made.
func TestFaultDelayedAnswerAfterHandling(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.Faults().Add(Fault{Method: "POST", Path: "/upload_presets", Times: 1, Delay: time.Hour, AfterHandling: true})
	// The client gives up once the preset exists, however long the request
	// took to arrive (a fixed deadline could expire first on a loaded
	// machine, before the write was made).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go cancelWhen(ctx, cancel, func() bool { return te.exists("/upload_presets/web") })
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, te.url("/upload_presets"), strings.NewReader("name=web"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(te.APIKey(), te.APISecret())
	if _, err := te.srv.Client().Do(req); err == nil {
		t.Fatal("a one-hour delay answered before the client gave up")
	}
	expectStatus(t, te.admin(http.MethodGet, "/upload_presets/web", nil), 200)
}

// exists tells whether an Admin API GET of path answers 200; unlike admin,
// it may run outside the test's goroutine.
func (te *testEmulator) exists(path string) bool {
	req, _ := http.NewRequest(http.MethodGet, te.url(path), nil)
	req.SetBasicAuth(te.APIKey(), te.APISecret())
	resp, err := te.srv.Client().Do(req)
	if err != nil {
		return false
	}
	_ = resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// cancelWhen polls done until it holds, then cancels ctx.
func cancelWhen(ctx context.Context, cancel context.CancelFunc, done func() bool) {
	for ctx.Err() == nil && !done() {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
}

func TestFaultFraction(t *testing.T) {
	te := newTestEmulator(t, Options{Seed: 42})
	te.Faults().Add(Fault{Path: "/ping", Fraction: 0.5, Status: 500})
	failed := 0
	for i := 0; i < 200; i++ {
		if te.admin(http.MethodGet, "/ping", nil).status == 500 {
			failed++
		}
	}
	if failed < 60 || failed > 140 {
		t.Fatalf("%d of 200 failed, want about half", failed)
	}
}

func TestControlAPI(t *testing.T) {
	te := newTestEmulator(t, Options{})
	post := func(method, path, body string) int {
		req, _ := http.NewRequest(method, te.srv.URL+path, strings.NewReader(body))
		resp, err := te.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := post(http.MethodPost, "/_emulator/faults", `{"path":"/ping","times":1,"status":502}`); s != 204 {
		t.Fatalf("add fault: %d", s)
	}
	if s := post(http.MethodPost, "/_emulator/faults", `{"status":99}`); s != 400 {
		t.Fatalf("invalid fault accepted: %d", s)
	}
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 502)
	req, _ := http.NewRequest(http.MethodGet, te.srv.URL+"/_emulator/counters", nil)
	r := te.do(req)
	if r.body["admin"].(float64) != 1 || r.body["injected"].(float64) != 1 {
		t.Fatalf("counters %s", r.raw)
	}
	if s := post(http.MethodPut, "/_emulator/rate_limit", `{"hourly_limit":0}`); s != 204 {
		t.Fatalf("rate limit: %d", s)
	}
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 420)
	if s := post(http.MethodPost, "/_emulator/reset", ``); s != 204 {
		t.Fatalf("reset: %d", s)
	}
	te.SetHourlyLimit(10)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 200)
}

func TestConcurrentRequests(t *testing.T) {
	te := newTestEmulator(t, Options{})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := "p" + strings.Repeat("x", i)
			te.admin(http.MethodPost, "/upload_presets", url.Values{"name": {name}, "tags": {"a"}})
			te.admin(http.MethodGet, "/upload_presets", url.Values{"max_results": {"500"}})
			te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "tags": {"c"}})
		}(i)
	}
	wg.Wait()
	r := te.admin(http.MethodGet, "/upload_presets", url.Values{"max_results": {"500"}})
	if n := len(r.body["presets"].([]any)); n != 20 {
		t.Fatalf("%d presets, want 20", n)
	}
}

// GET /config answers in the shape of cloudinary-go's GetConfigResult, which
// its folder tests read to skip themselves on clouds in fixed folder mode.
func TestConfigReportsTheCloudAndDynamicFolders(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.admin(http.MethodGet, "/config", url.Values{"settings": {"true"}})
	expectStatus(t, r, http.StatusOK)
	settings, _ := r.body["settings"].(map[string]any)
	if r.body["cloud_name"] != te.CloudName() || settings["folder_mode"] != "dynamic" {
		t.Fatalf("config %s", r.raw)
	}
	if _, err := time.Parse(time.RFC3339, r.body["created_at"].(string)); err != nil {
		t.Fatalf("created_at: %v", err)
	}
	if r := te.admin(http.MethodGet, "/config", nil); r.body["settings"] != nil {
		t.Fatalf("settings without settings=true: %s", r.raw)
	}
}
