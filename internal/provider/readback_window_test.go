package provider

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// manualClock runs the window's scheduled functions when the test says so,
// so that no test depends on timing.
type manualClock struct {
	mu      sync.Mutex
	pending []*scheduled
}

type scheduled struct {
	after     time.Duration
	run       func()
	cancelled bool
}

func (c *manualClock) schedule(d time.Duration, f func()) func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &scheduled{after: d, run: f}
	c.pending = append(c.pending, s)
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		s.cancelled = true
	}
}

// fire runs the functions scheduled after d that are still due, and
// returns how many ran.
func (c *manualClock) fire(d time.Duration) int {
	c.mu.Lock()
	var due []*scheduled
	rest := c.pending[:0]
	for _, s := range c.pending {
		switch {
		case s.cancelled:
		case s.after == d:
			due = append(due, s)
		default:
			rest = append(rest, s)
		}
	}
	c.pending = rest
	c.mu.Unlock()
	for _, s := range due {
		s.run()
	}
	return len(due)
}

// fakeListing answers each listing call from the channel, one map per call,
// and counts the calls.
type fakeListing struct {
	answers chan map[string]string
	errs    chan error
	mu      sync.Mutex
	calls   int
}

func newFakeListing() *fakeListing {
	return &fakeListing{answers: make(chan map[string]string, 4), errs: make(chan error, 4)}
}

func (l *fakeListing) list(context.Context) (map[string]string, error) {
	l.mu.Lock()
	l.calls++
	l.mu.Unlock()
	select {
	case items := <-l.answers:
		return items, nil
	case err := <-l.errs:
		return nil, err
	}
}

func (l *fakeListing) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.calls
}

type readBackResult struct {
	item string
	err  error
}

// readBackAsync reads key back through write in the background.
func readBackAsync(write *pendingWrite[string], key string) <-chan readBackResult {
	out := make(chan readBackResult, 1)
	go func() {
		item, err := write.readBack(context.Background(), key)
		out <- readBackResult{item, err}
	}()
	return out
}

func newTestWindow(listing *fakeListing, cache *listCache[string]) (*readBackWindow[string], *manualClock) {
	clock := &manualClock{}
	w := newReadBackWindow(listing.list, cache.put)
	w.schedule = clock.schedule
	return w, clock
}

// waitJoined waits until n read-backs joined the open window.
func waitJoined(t *testing.T, w *readBackWindow[string], n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		w.mu.Lock()
		joined := 0
		if w.open != nil {
			joined = len(w.open.keys)
		}
		w.mu.Unlock()
		if joined == n {
			return
		}
	}
	t.Fatalf("%d read-backs did not join the window", n)
}

// flushAt answers the next listing with key's item, runs the one timer due
// after d, which must send the window, and checks what the read-back got.
func flushAt(t *testing.T, clock *manualClock, listing *fakeListing, d time.Duration, key, item string, got <-chan readBackResult) {
	t.Helper()
	listing.answers <- map[string]string{key: item}
	if n := clock.fire(d); n != 1 {
		t.Fatalf("%d timers of %s ran, want 1", n, d)
	}
	if r := <-got; r.item != item || r.err != nil {
		t.Fatalf("%s read back %+v, want %q", key, r, item)
	}
}

func loadedCache(items map[string]string) *listCache[string] {
	c := newListCache(func(context.Context) (map[string]string, error) { return items, nil })
	if _, _, err := c.get(context.Background(), ""); err != nil {
		panic(err)
	}
	return c
}

// A window does not go out while a write of its kind is under way, even
// when its idle time passes: that write is about to join, and one listing
// serves both.
func TestUnitReadBackWindow_waitsForWritesUnderWay(t *testing.T) {
	listing := newFakeListing()
	w, clock := newTestWindow(listing, loadedCache(map[string]string{}))
	a, b := w.begin(), w.begin()
	gotA := readBackAsync(a, "a")
	waitJoined(t, w, 1)
	if n := clock.fire(readBackIdle); n != 0 || listing.count() != 0 {
		t.Fatalf("the window went out while write b was under way (%d idle timers ran, %d listings)", n, listing.count())
	}
	gotB := readBackAsync(b, "b")
	waitJoined(t, w, 2)
	listing.answers <- map[string]string{"a": "A", "b": "B", "c": "C"}
	if n := clock.fire(readBackIdle); n != 1 {
		t.Fatalf("%d idle timers ran once no write was under way, want 1", n)
	}
	if r := <-gotA; r.item != "A" || r.err != nil {
		t.Fatalf("a read back %+v", r)
	}
	if r := <-gotB; r.item != "B" || r.err != nil {
		t.Fatalf("b read back %+v", r)
	}
	if listing.count() != 1 {
		t.Fatalf("%d listings for two writes that finished together, want 1", listing.count())
	}
}

// A write that fails ends without joining, and the window no longer waits
// for it.
func TestUnitReadBackWindow_failedWriteStopsTheWait(t *testing.T) {
	listing := newFakeListing()
	w, clock := newTestWindow(listing, loadedCache(map[string]string{}))
	a, failed := w.begin(), w.begin()
	gotA := readBackAsync(a, "a")
	waitJoined(t, w, 1)
	failed.end()
	flushAt(t, clock, listing, readBackIdle, "a", "A", gotA)
}

// The longest wait sends the window even while writes are under way.
func TestUnitReadBackWindow_maxWait(t *testing.T) {
	listing := newFakeListing()
	w, clock := newTestWindow(listing, loadedCache(map[string]string{}))
	a, slow := w.begin(), w.begin()
	defer slow.end()
	gotA := readBackAsync(a, "a")
	waitJoined(t, w, 1)
	flushAt(t, clock, listing, readBackMaxWait, "a", "A", gotA)
}

// A listing that started before another write finished holds that object as
// it was; the window records only its own objects, so what the other write
// recorded stays.
func TestUnitReadBackWindow_keepsWhatOtherWritesRecorded(t *testing.T) {
	listing := newFakeListing()
	cache := loadedCache(map[string]string{"a": "A0", "b": "B0"})
	w, clock := newTestWindow(listing, cache)
	a := w.begin()
	gotA := readBackAsync(a, "a")
	waitJoined(t, w, 1)
	flushed := make(chan struct{})
	go func() {
		clock.fire(readBackIdle)
		close(flushed)
	}()
	for listing.count() == 0 {
		time.Sleep(time.Millisecond)
	}
	// The listing is under way; write b finishes and records its object.
	cache.put("b", "B1")
	listing.answers <- map[string]string{"a": "A1", "b": "B0"}
	<-flushed
	if r := <-gotA; r.item != "A1" || r.err != nil {
		t.Fatalf("a read back %+v", r)
	}
	for key, want := range map[string]string{"a": "A1", "b": "B1"} {
		if got, _, _ := cache.get(context.Background(), key); got != want {
			t.Errorf("cache holds %s = %q, want %q", key, got, want)
		}
	}
}

// An object missing from the listing that followed its write is an error,
// never a silent drop, and a failed listing fails only its window's
// read-backs.
func TestUnitReadBackWindow_missingObjectAndListingError(t *testing.T) {
	listing := newFakeListing()
	w, clock := newTestWindow(listing, loadedCache(map[string]string{}))
	gone := readBackAsync(w.begin(), "gone")
	waitJoined(t, w, 1)
	listing.answers <- map[string]string{"other": "O"}
	clock.fire(readBackIdle)
	if r := <-gone; !errors.Is(r.err, errNotListed) {
		t.Fatalf("an object missing from the listing read back %+v, want errNotListed", r)
	}

	failing := readBackAsync(w.begin(), "x")
	waitJoined(t, w, 1)
	boom := errors.New("listing failed")
	listing.errs <- boom
	clock.fire(readBackIdle)
	if r := <-failing; !errors.Is(r.err, boom) {
		t.Fatalf("a read-back whose listing failed got %+v, want its error", r)
	}

	next := readBackAsync(w.begin(), "y")
	waitJoined(t, w, 1)
	listing.answers <- map[string]string{"y": "Y"}
	clock.fire(readBackIdle)
	if r := <-next; r.item != "Y" || r.err != nil {
		t.Fatalf("the window after a failed listing read back %+v", r)
	}
}

// After a window of two, Terraform gives both slots to the next resources:
// until two joined, the next window waits for the refill time rather than
// the short idle, even when no write is under way in between.
func TestUnitReadBackWindow_expectsAsManyAsTheLastWindowFreed(t *testing.T) {
	listing := newFakeListing()
	w, clock := newTestWindow(listing, loadedCache(map[string]string{}))
	first, second := w.begin(), w.begin()
	done := []<-chan readBackResult{readBackAsync(first, "a"), readBackAsync(second, "b")}
	waitJoined(t, w, 2)
	listing.answers <- map[string]string{"a": "A", "b": "B"}
	clock.fire(readBackIdle)
	for _, d := range done {
		if r := <-d; r.err != nil {
			t.Fatal(r.err)
		}
	}

	c := readBackAsync(w.begin(), "c")
	waitJoined(t, w, 1)
	if n := clock.fire(readBackIdle); n != 0 || listing.count() != 1 {
		t.Fatalf("a window of one after a window of two went out on the short idle (%d timers, %d listings)", n, listing.count())
	}
	d := readBackAsync(w.begin(), "d")
	waitJoined(t, w, 2)
	listing.answers <- map[string]string{"c": "C", "d": "D"}
	clock.fire(readBackIdle)
	for _, got := range []<-chan readBackResult{c, d} {
		if r := <-got; r.err != nil {
			t.Fatal(r.err)
		}
	}
	if listing.count() != 2 {
		t.Fatalf("%d listings, want 2", listing.count())
	}
}

// A window that does not get as many read-backs as the last one answered
// (the slots went to other kinds) goes out after the refill time.
func TestUnitReadBackWindow_refillTime(t *testing.T) {
	listing := newFakeListing()
	w, clock := newTestWindow(listing, loadedCache(map[string]string{}))
	w.freed = 3
	got := readBackAsync(w.begin(), "a")
	waitJoined(t, w, 1)
	flushAt(t, clock, listing, readBackRefill, "a", "A", got)
}
