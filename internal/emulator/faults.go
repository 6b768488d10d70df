package emulator

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault is a fault-injection rule. A request matches when its method and
// cloud-relative path match; a matching request then waits Delay, and fails
// with Status or by hanging up (or, with AfterHandling, takes effect first and
// only then loses its answer, like a write whose response never arrived).
type Fault struct {
	// Method matches the HTTP method; empty matches any.
	Method string
	// Path matches cloud-relative paths that start with it, such as
	// "/upload_presets" or "/image/upload"; empty matches any.
	Path string
	// After is how many matching requests pass untouched before the rule
	// applies (to fault, say, the third part of a chunked upload).
	After int
	// Times is how many matching requests the rule fails before it expires;
	// zero means every matching request until the rule is removed.
	Times int
	// Fraction, between 0 and 1, fails only that share of matching requests,
	// chosen at random; zero means all of them.
	Fraction float64
	// Delay is how long to wait before answering (or failing).
	Delay time.Duration
	// Status is the HTTP status to answer with; zero answers normally
	// (a pure delay). 420 and 429 answers carry rate-limit headers whose reset
	// is ResetIn from now.
	Status int
	// Message is the error message for Status (default: the status text).
	Message string
	// ResetIn is how far away the rate-limit reset of a 420/429 answer is.
	ResetIn time.Duration
	// HangUp closes the connection without an answer.
	HangUp bool
	// AfterHandling lets the request take effect before the fault replaces its
	// answer; with a Delay alone, the request takes effect at once and its
	// answer is held back for Delay (a client that gives up meanwhile, such as
	// an interrupted Terraform, never learns that it acted).
	AfterHandling bool
}

type faultRule struct {
	Fault
	remaining int // for Times > 0
	passed    int // matching requests let through, up to After
}

// faultTable holds the active fault rules, first match wins.
type faultTable struct {
	mu    sync.Mutex
	rules []*faultRule
	coin  func() float64
	hits  int
}

func newFaultTable(coin func() float64) *faultTable { return &faultTable{coin: coin} }

// Add installs a rule after the existing ones.
func (t *faultTable) Add(f Fault) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rules = append(t.rules, &faultRule{Fault: f, remaining: f.Times})
}

// Clear removes every rule.
func (t *faultTable) Clear() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rules = nil
}

// Pending is how many rules are still waiting to fault a request: rules
// limited by Times that have not used them all, and unlimited rules.
func (t *faultTable) Pending() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.rules)
}

// Injected is how many requests have been faulted so far.
func (t *faultTable) Injected() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.hits
}

// take returns the fault to apply to a request, if any, and spends one of the
// rule's Times.
func (t *faultTable) take(method, path string) (Fault, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, rule := range t.rules {
		if rule.Method != "" && !strings.EqualFold(rule.Method, method) {
			continue
		}
		if rule.Path != "" && !strings.HasPrefix(path, rule.Path) {
			continue
		}
		if rule.passed < rule.After {
			rule.passed++
			continue
		}
		if rule.Fraction > 0 && rule.Fraction < 1 && t.coin() >= rule.Fraction {
			continue
		}
		if rule.Times > 0 {
			rule.remaining--
			if rule.remaining == 0 {
				t.rules = append(t.rules[:i:i], t.rules[i+1:]...)
			}
		}
		t.hits++
		return rule.Fault, true
	}
	return Fault{}, false
}

// serveWithFaults counts the request, applies a matching fault, and otherwise
// lets next answer it.
func (e *Emulator) serveWithFaults(w http.ResponseWriter, r *http.Request, mux *http.ServeMux, next http.HandlerFunc) {
	_, pattern := mux.Handler(r)
	if pattern == "" {
		pattern = r.Method + " " + r.URL.Path
	}
	e.counters.add(pattern)
	fault, ok := e.faults.take(r.Method, r.URL.Path)
	if !ok {
		next(w, r)
		return
	}
	fails := fault.HangUp || fault.Status != 0
	if !fails && fault.AfterHandling {
		answer := httptest.NewRecorder()
		next(answer, r)
		next = replay(answer)
	}
	if fault.Delay > 0 {
		sleepOrGiveUp(r.Context(), fault.Delay)
		if r.Context().Err() != nil {
			return // the client gave up during the delay
		}
	}
	if fails && fault.AfterHandling {
		next(httptest.NewRecorder(), r)
	}
	switch {
	case fault.HangUp:
		hangUp(w)
	case fault.Status != 0:
		e.writeFaultStatus(w, r, fault)
	default:
		next(w, r)
	}
}

// replay answers with what a handler already recorded.
func replay(recorded *httptest.ResponseRecorder) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range recorded.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(recorded.Code)
		_, _ = w.Write(recorded.Body.Bytes())
	}
}

func (e *Emulator) writeFaultStatus(w http.ResponseWriter, r *http.Request, f Fault) {
	msg := f.Message
	if msg == "" {
		msg = http.StatusText(f.Status)
		if f.Status == 420 {
			msg = "Rate Limit Exceeded"
		}
	}
	if f.Status == 420 || f.Status == http.StatusTooManyRequests {
		reset := e.opts.Now().UTC().Add(f.ResetIn)
		h := w.Header()
		limiter := e.limiter
		if strings.HasPrefix(r.URL.Path, "/provisioning/") && e.account != nil {
			limiter = e.account.limiter
		}
		h.Set("X-FeatureRateLimit-Limit", strconv.Itoa(limiter.Limit()))
		h.Set("X-FeatureRateLimit-Remaining", "0")
		h.Set("X-FeatureRateLimit-Reset", reset.Format(http.TimeFormat))
		h.Set("Retry-After", strconv.Itoa(int(f.ResetIn.Round(time.Second)/time.Second)))
	}
	writeError(w, f.Status, msg)
}

// hangUp closes the client's connection without writing an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
