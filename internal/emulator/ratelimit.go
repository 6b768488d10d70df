package emulator

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateLimiter keeps the Admin API's hourly budget. Like Cloudinary's, the
// window is the clock hour: the budget resets at the top of the next hour.
type rateLimiter struct {
	mu     sync.Mutex
	limit  int
	length time.Duration // of a window: an hour, or less in tests
	now    func() time.Time
	window time.Time // start of the current window
	used   int
}

func newRateLimiter(limit int, length time.Duration, now func() time.Time) *rateLimiter {
	return &rateLimiter{limit: limit, length: length, now: now}
}

// budgetState is what one Admin API call learns about the budget.
type budgetState struct {
	allowed   bool
	limit     int
	remaining int
	reset     time.Time
}

// Take spends one call from the budget, if any is left.
func (l *rateLimiter) Take() budgetState {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now().UTC()
	if start := now.Truncate(l.length); !start.Equal(l.window) {
		l.window, l.used = start, 0
	}
	allowed := l.used < l.limit
	if allowed {
		l.used++
	}
	return budgetState{
		allowed:   allowed,
		limit:     l.limit,
		remaining: l.limit - l.used,
		reset:     l.window.Add(l.length),
	}
}

// SetLimit changes the hourly budget (tests shrink it to provoke 420s).
func (l *rateLimiter) SetLimit(limit int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limit = limit
}

// Reset gives back the whole budget.
func (l *rateLimiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.used = 0
}

func (s budgetState) writeHeaders(h http.Header) {
	h.Set("X-FeatureRateLimit-Limit", strconv.Itoa(s.limit))
	h.Set("X-FeatureRateLimit-Remaining", strconv.Itoa(s.remaining))
	h.Set("X-FeatureRateLimit-Reset", s.reset.Format(http.TimeFormat))
}

// SetHourlyLimit changes the Admin API's hourly budget while the emulator runs.
func (e *Emulator) SetHourlyLimit(limit int) { e.limiter.SetLimit(limit) }
