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
	// cooldown, when set, replaces the window (Options.RateLimitCooldown);
	// until is the end of the current cooldown (zero when none).
	cooldown time.Duration
	until    time.Time
}

func newRateLimiter(limit int, length, cooldown time.Duration, now func() time.Time) *rateLimiter {
	return &rateLimiter{limit: limit, length: length, cooldown: cooldown, now: now}
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
	if l.cooldown > 0 {
		return l.takeWithCooldown(now)
	}
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

// takeWithCooldown spends one call from a budget that a cooldown restores.
func (l *rateLimiter) takeWithCooldown(now time.Time) budgetState {
	if !l.until.IsZero() && !now.Before(l.until) {
		l.used, l.until = 0, time.Time{}
	}
	allowed := l.until.IsZero() && l.used < l.limit
	switch {
	case allowed:
		l.used++
	case l.until.IsZero():
		l.until = nextWholeSecond(now.Add(l.cooldown))
	}
	reset := l.until
	if reset.IsZero() {
		reset = nextWholeSecond(now.Add(l.cooldown))
	}
	return budgetState{allowed: allowed, limit: l.limit, remaining: l.limit - l.used, reset: reset}
}

// nextWholeSecond rounds t up to a whole second.
func nextWholeSecond(t time.Time) time.Time {
	if whole := t.Truncate(time.Second); !whole.Equal(t) {
		return whole.Add(time.Second)
	}
	return t
}

// SetLimit changes the hourly budget (tests shrink it to provoke 420s).
func (l *rateLimiter) SetLimit(limit int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.limit = limit
}

// Limit is the budget per window.
func (l *rateLimiter) Limit() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.limit
}

// Reset gives back the whole budget.
func (l *rateLimiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.used, l.until = 0, time.Time{}
}

func (s budgetState) writeHeaders(h http.Header) {
	h.Set("X-FeatureRateLimit-Limit", strconv.Itoa(s.limit))
	h.Set("X-FeatureRateLimit-Remaining", strconv.Itoa(s.remaining))
	h.Set("X-FeatureRateLimit-Reset", s.reset.Format(http.TimeFormat))
}

// SetHourlyLimit changes the Admin API's hourly budget while the emulator runs.
func (e *Emulator) SetHourlyLimit(limit int) { e.limiter.SetLimit(limit) }
