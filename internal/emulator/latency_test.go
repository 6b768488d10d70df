package emulator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// recordingSleeper stands in for the latency's timer: it notes each delay
// asked for and returns at once.
type recordingSleeper struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *recordingSleeper) sleep(_ context.Context, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays = append(s.delays, d)
}

// take returns the delays asked for since the last take.
func (s *recordingSleeper) take() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.delays
	s.delays = nil
	return out
}

// expectDelays checks that what ran asked for one delay per API call, each
// within l.
func expectDelays(t *testing.T, what string, got []time.Duration, calls int, l Latency) {
	t.Helper()
	if len(got) != calls {
		t.Fatalf("%s: %d delays %v, want one for each of %d API calls", what, len(got), got, calls)
	}
	for _, d := range got {
		if d < l.Min || d > l.Max {
			t.Errorf("%s: delay %s outside %s", what, d, l)
		}
	}
}

// Every API call waits a delay drawn within the latency: the Admin, Upload
// and Provisioning APIs, and the clouds of the account's other product
// environments; the control API does not wait.
func TestLatency_everyAPICallWaitsWithinRange(t *testing.T) {
	sleeper := &recordingSleeper{}
	jitter := Latency{Min: 80 * time.Millisecond, Max: 160 * time.Millisecond}
	te := newTestEmulator(t, Options{Latency: jitter, Sleep: sleeper.sleep})

	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
	expectDelays(t, "Admin API", sleeper.take(), 1, jitter)
	expectStatus(t, te.uploadAPI("/raw/upload", url.Values{"file": {"data:text/plain;base64,aGk="}, "public_id": {"a"}}), http.StatusOK)
	expectDelays(t, "Upload API", sleeper.take(), 1, jitter)
	env := te.createEnvironment(map[string]any{"name": "Linked", "cloud_name": "linked-cloud"})
	expectDelays(t, "Provisioning API", sleeper.take(), 1, jitter)
	root := env["api_access_keys"].([]any)[0].(map[string]any)
	expectStatus(t, te.cloudAdmin("linked-cloud", root["key"].(string), root["secret"].(string), "/ping"), http.StatusOK)
	expectDelays(t, "a linked cloud's Admin API", sleeper.take(), 1, jitter)

	for _, c := range []struct{ method, path, body string }{
		{http.MethodGet, "/_emulator/counters", ""},
		{http.MethodGet, "/_emulator/latency", ""},
		{http.MethodPut, "/_emulator/rate_limit", `{"hourly_limit": 10}`},
		{http.MethodPost, "/_emulator/reset", ""},
	} {
		req, _ := http.NewRequest(c.method, te.srv.URL+c.path, strings.NewReader(c.body))
		if r := te.do(req); r.status >= 300 {
			t.Fatalf("%s %s: %d %s", c.method, c.path, r.status, r.raw)
		}
		if got := sleeper.take(); len(got) != 0 {
			t.Errorf("%s %s waited %v: the control API has no latency", c.method, c.path, got)
		}
	}
}

// A range draws a delay for each call (uniformly, from a generator seeded
// like the emulator), where a fixed latency is the same for every call.
func TestLatency_jitterVariesFixedDoesNot(t *testing.T) {
	for _, c := range []struct {
		latency  Latency
		distinct bool
	}{
		{Latency{Min: 80 * time.Millisecond, Max: 160 * time.Millisecond}, true},
		{Latency{Min: 120 * time.Millisecond, Max: 120 * time.Millisecond}, false},
	} {
		sleeper := &recordingSleeper{}
		te := newTestEmulator(t, Options{Latency: c.latency, Sleep: sleeper.sleep})
		for range 20 {
			expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
		}
		delays := sleeper.take()
		expectDelays(t, c.latency.String(), delays, 20, c.latency)
		seen := map[time.Duration]bool{}
		for _, d := range delays {
			seen[d] = true
		}
		if got := len(seen) > 1; got != c.distinct {
			t.Errorf("latency %s: %d distinct delays among %v", c.latency, len(seen), delays)
		}
	}
}

// blockingSleeper holds every call in its delay until released, and says
// when one arrives.
type blockingSleeper struct {
	arrived chan time.Duration
	release chan struct{}
}

func (s *blockingSleeper) sleep(_ context.Context, d time.Duration) {
	s.arrived <- d
	<-s.release
}

// Concurrent calls wait their delays side by side, as on a network: a
// second call reaches its delay while the first is still in its own.
func TestLatency_callsWaitInParallel(t *testing.T) {
	sleeper := &blockingSleeper{arrived: make(chan time.Duration, 2), release: make(chan struct{})}
	te := newTestEmulator(t, Options{Latency: Latency{Min: time.Second, Max: time.Second}, Sleep: sleeper.sleep})
	// Released before the server closes (cleanups run last first), so that a
	// failing run ends instead of waiting for its held calls.
	release := sync.OnceFunc(func() { close(sleeper.release) })
	t.Cleanup(release)
	done := make(chan response, 2)
	go func() { done <- te.admin(http.MethodGet, "/ping", nil) }()
	go func() { done <- te.admin(http.MethodGet, "/upload_presets", nil) }()
	for i := range 2 {
		select {
		case <-sleeper.arrived:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d of 2 concurrent calls reached their delay: calls wait one after another", i)
		}
	}
	release()
	for range 2 {
		expectStatus(t, <-done, http.StatusOK)
	}
}

// A call whose client gives up during its delay is never served: it is not
// counted and takes no effect.
func TestLatency_callAbandonedDuringDelayIsNotServed(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	giveUp := func(context.Context, time.Duration) { cancel() }
	e := New(Options{Latency: Latency{Min: time.Second, Max: time.Second}, Sleep: giveUp, HourlyLimit: -1})
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/v1_1/demo/upload_presets", strings.NewReader("name=web"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(e.APIKey(), e.APISecret())
	e.ServeHTTP(httptest.NewRecorder(), req)
	if n := e.Counters().Admin(); n != 0 {
		t.Errorf("%d Admin calls served after the client gave up", n)
	}
}

// PUT /_emulator/latency changes the latency of a running emulator in the
// flag's syntax, GET reports it, and bad values are refused with the syntax.
func TestLatency_controlAPISetsIt(t *testing.T) {
	sleeper := &recordingSleeper{}
	te := newTestEmulator(t, Options{Sleep: sleeper.sleep})
	put := func(body string) response {
		req, _ := http.NewRequest(http.MethodPut, te.srv.URL+"/_emulator/latency", strings.NewReader(body))
		return te.do(req)
	}
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
	if got := sleeper.take(); len(got) != 0 {
		t.Fatalf("no latency by default, got %v", got)
	}

	expectStatus(t, put(`{"latency": "80ms-160ms"}`), http.StatusNoContent)
	req, _ := http.NewRequest(http.MethodGet, te.srv.URL+"/_emulator/latency", nil)
	if r := te.do(req); r.body["latency"] != "80ms-160ms" {
		t.Errorf("GET /_emulator/latency: %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
	expectDelays(t, "after PUT", sleeper.take(), 1, Latency{Min: 80 * time.Millisecond, Max: 160 * time.Millisecond})

	for _, bad := range []string{`{"latency": "fast"}`, `{"latency": "160ms-80ms"}`, `{"delay": "1s"}`, `not json`} {
		if r := put(bad); r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "latency") {
			t.Errorf("PUT %s: %d %s", bad, r.status, r.raw)
		}
	}
	if got := te.Latency(); got.String() != "80ms-160ms" {
		t.Errorf("a refused setting changed the latency to %s", got)
	}

	expectStatus(t, put(`{"latency": "0"}`), http.StatusNoContent)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
	if got := sleeper.take(); len(got) != 0 {
		t.Errorf("latency 0 still delays: %v", got)
	}
}

func TestParseLatency(t *testing.T) {
	ms := time.Millisecond
	for in, want := range map[string]Latency{
		"120ms":       {120 * ms, 120 * ms},
		"80ms-160ms":  {80 * ms, 160 * ms},
		"0":           {},
		"0-1s":        {0, time.Second},
		"1m":          {time.Minute, time.Minute},
		"100ms-100ms": {100 * ms, 100 * ms},
	} {
		got, err := ParseLatency(in)
		if err != nil || got != want {
			t.Errorf("ParseLatency(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, why := range map[string]string{
		"":            "want a duration",
		"120":         "want a duration",
		"fast":        "want a duration",
		"-5ms":        "want a duration",
		"80ms-":       "want a duration",
		"80ms-1-2s":   "want a duration",
		"80ms..160ms": "want a duration",
		"160ms-80ms":  "ends before it starts",
		"2m":          "at most 1m0s",
	} {
		if _, err := ParseLatency(in); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("ParseLatency(%q) = %v, want an error that says %q", in, err, why)
		}
	}
}
