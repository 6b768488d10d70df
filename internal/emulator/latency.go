package emulator

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"time"
)

// Latency is how long each emulated API call waits before it is served, as
// the round trip to a distant API host adds to every call: a fixed delay
// (Min equal to Max) or one drawn uniformly between Min and Max for each
// call. The zero value adds none.
type Latency struct {
	Min, Max time.Duration
}

// maxLatency bounds a latency: anything longer is a typo (120s for 120ms),
// and would hold every client past its timeouts.
const maxLatency = time.Minute

// latencySyntax says what ParseLatency takes, for its errors and for -help.
const latencySyntax = `a duration such as 120ms, a range such as 80ms-160ms (drawn uniformly for each call), or 0 for none`

// ParseLatency reads a latency written as a duration ("120ms"), a range of
// durations ("80ms-160ms", both ends included) or "0" for none; it refuses
// anything else, negative values, a range whose end comes before its start,
// and values above one minute.
func ParseLatency(s string) (Latency, error) {
	from, to, isRange := strings.Cut(s, "-")
	if !isRange {
		to = from
	}
	lo, errLo := time.ParseDuration(from)
	hi, errHi := time.ParseDuration(to)
	switch {
	case errLo != nil || errHi != nil:
		return Latency{}, fmt.Errorf("invalid latency %q: want %s", s, latencySyntax)
	case hi < lo:
		return Latency{}, fmt.Errorf("invalid latency %q: the range ends before it starts", s)
	case hi > maxLatency:
		return Latency{}, fmt.Errorf("invalid latency %q: at most %s", s, maxLatency)
	}
	return Latency{Min: lo, Max: hi}, nil
}

// String writes l in the form ParseLatency reads.
func (l Latency) String() string {
	if l.Min == l.Max {
		return l.Min.String()
	}
	return l.Min.String() + "-" + l.Max.String()
}

// latencyGate holds every emulated API call for the latency in force. Each
// call waits on its own: the lock is held only to draw the delay, never
// while waiting, so that concurrent calls wait in parallel as they would on
// a network.
type latencyGate struct {
	mu      sync.Mutex
	latency Latency
	// rng draws jittered delays; it is not the emulator's own generator, so
	// that IDs stay the same for a seed whatever the latency.
	rng   *rand.Rand
	sleep func(context.Context, time.Duration)
}

func newLatencyGate(l Latency, seed int64, sleep func(context.Context, time.Duration)) *latencyGate {
	if sleep == nil {
		sleep = sleepOrGiveUp
	}
	return &latencyGate{latency: l, rng: rand.New(rand.NewSource(seed)), sleep: sleep}
}

// Set replaces the latency; calls already waiting keep theirs.
func (g *latencyGate) Set(l Latency) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.latency = l
}

// Get is the latency in force.
func (g *latencyGate) Get() Latency {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.latency
}

// wait holds one call for its delay, or until its client gives up.
func (g *latencyGate) wait(ctx context.Context) {
	if d := g.draw(); d > 0 {
		g.sleep(ctx, d)
	}
}

// draw is one call's delay.
func (g *latencyGate) draw() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	l := g.latency
	if l.Max <= l.Min {
		return l.Min
	}
	return l.Min + time.Duration(g.rng.Int63n(int64(l.Max-l.Min)+1))
}

// sleepOrGiveUp waits d, or less if ctx ends first.
func sleepOrGiveUp(ctx context.Context, d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}
