package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// readBackWindow reads back the objects that writes of one kind made or
// changed with one listing for all the writes that finish together, instead
// of one read per object: an apply would otherwise spend two Admin API calls
// on every object. It is idle-flushed, like the asset batcher, with one
// difference that latency makes necessary: Terraform holds a -parallelism
// slot for each Create or Update until it returns, and at 120 ms per call the
// writes of one wave do not finish within a few milliseconds of each other.
// So the window counts the writes of its kind that are under way (begun and
// not yet waiting) and does not flush while any is: they are about to join.
// It flushes when none is and nobody joined for the idle time, or at the
// latest maxWait after its first read-back joined.
//
// The listing starts after every write of the window finished, so it holds
// what they wrote. The window records only its own objects in the run's
// cache: the listing may have started before another write finished, and
// must not overwrite what that write recorded.
type readBackWindow[T any] struct {
	list func(context.Context) (map[string]T, error)
	put  func(key string, item T)
	// idle, refill and maxWait bound how long a read-back waits; schedule
	// runs a function after a delay and returns a function that cancels it
	// (time.AfterFunc; tests drive it by hand).
	idle, refill, maxWait time.Duration
	schedule              func(time.Duration, func()) (cancel func())

	mu      sync.Mutex
	writing int // writes begun that have neither joined a window nor ended
	// freed is how many read-backs the last window answered: Terraform
	// gives the slots they held to the next resources, which are likely of
	// the same kind, so the next window expects as many before it goes
	// out on idle.
	freed int
	open  *readBackBatch[T]
}

// readBackBatch is one listing in the making and the keys it answers.
type readBackBatch[T any] struct {
	// ctx is its first read-back's context without the cancellation: the
	// listing serves several writes, so no one of them cancels it (the
	// client's own timeouts bound it), but it logs where that write logs.
	ctx        context.Context
	keys       []string
	cancelIdle func()
	done       chan struct{}
	items      map[string]T
	err        error
}

// The window's times, chosen from applies of 100 objects per kind against
// the emulator with every call delayed by 120 ms (a real account across a
// continent) and with none, at -parallelism 10 and 30, single-kind and mixed
// (presets, named transformations, assets, metadata fields, triggers):
//   - readBackIdle: once a window holds as many read-backs as the last one
//     answered and no write is under way, 20 ms lets a write that a free
//     slot is starting begin (and be waited for) at little cost per window.
//   - readBackRefill: a window answers its writes all at once, and Terraform
//     then starts the next resources in their slots one after another; on a
//     busy two-core machine the first of them began up to 340 ms after the
//     answer, and up to 100 ms passed between two. Until the window holds as
//     many as the last one answered, it waits 300 ms of quiet (each write
//     that joins or ends starts it again). Without that wait, the test of 30
//     preset updates without latency listed 6 times instead of 3 under load;
//     with 150 ms, a mixed apply at -parallelism 10 made as many calls (518
//     against 515 to create, 554 against 564 to update, within the runs'
//     spread).
//   - readBackMaxWait: a second bounds the wait of a write whatever happens.
//     Measured: single-kind 1.10 calls per object written at -parallelism
//     10 and 1.04 to 1.06 at 30; in the mixed apply, presets 1.13 (create)
//     and 1.29 (update) at 10, 1.08 and 1.16 at 30, since there the slots a
//     window frees often go to other kinds. Waiting up to a second for the
//     last window's count brought a mixed update of presets, named
//     transformations and assets to 1.16 from 1.32, but took 40% longer.
const (
	readBackIdle    = 20 * time.Millisecond
	readBackRefill  = 300 * time.Millisecond
	readBackMaxWait = time.Second
)

func newReadBackWindow[T any](list func(context.Context) (map[string]T, error), put func(string, T)) *readBackWindow[T] {
	return &readBackWindow[T]{list: list, put: put, idle: readBackIdle, refill: readBackRefill, maxWait: readBackMaxWait, schedule: afterFunc}
}

func afterFunc(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, f)
	return func() { t.Stop() }
}

// errNotListed is a read-back that did not find the object it was for.
var errNotListed = errors.New("the listing that followed the write does not hold it")

// pendingWrite is one write of the window's kind, from before its call to
// its read-back.
type pendingWrite[T any] struct {
	window *readBackWindow[T]
	ended  bool
}

// begin records that a write is starting: windows that are open wait for
// it. The caller ends it (defer) or reads back through it.
func (w *readBackWindow[T]) begin() *pendingWrite[T] {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writing++
	return &pendingWrite[T]{window: w}
}

// end records that the write will not read back (it failed); it does
// nothing after readBack.
func (p *pendingWrite[T]) end() {
	w := p.window
	w.mu.Lock()
	defer w.mu.Unlock()
	if p.ended {
		return
	}
	p.ended = true
	w.writing--
	w.armIdle()
}

// readBack waits for the window's listing and returns the object with key
// from it, with errNotListed when the listing lacks it, and the listing's
// error when it failed. The object also goes into the run's cache.
func (p *pendingWrite[T]) readBack(ctx context.Context, key string) (T, error) {
	batch := p.join(ctx, key)
	var zero T
	select {
	case <-batch.done:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	if batch.err != nil {
		return zero, batch.err
	}
	item, ok := batch.items[key]
	if !ok {
		return zero, errNotListed
	}
	return item, nil
}

// join adds key to the open window, opening one if none is.
func (p *pendingWrite[T]) join(ctx context.Context, key string) *readBackBatch[T] {
	w := p.window
	w.mu.Lock()
	defer w.mu.Unlock()
	if !p.ended {
		p.ended = true
		w.writing--
	}
	batch := w.open
	if batch == nil {
		batch = &readBackBatch[T]{ctx: context.WithoutCancel(ctx), done: make(chan struct{})}
		w.open = batch
		w.schedule(w.maxWait, func() { w.flush(batch) })
	}
	batch.keys = append(batch.keys, key)
	w.armIdle()
	return batch
}

// armIdle (re)starts the open window's idle time when no write is under
// way: the short one once it holds as many read-backs as the last window
// answered, the refill time before. Called with w.mu held.
func (w *readBackWindow[T]) armIdle() {
	batch := w.open
	if batch == nil || w.writing > 0 {
		return
	}
	if batch.cancelIdle != nil {
		batch.cancelIdle()
	}
	idle := w.idle
	if len(batch.keys) < w.freed {
		idle = w.refill
	}
	batch.cancelIdle = w.schedule(idle, func() { w.flushIfIdle(batch) })
}

// flushIfIdle sends the window when its idle time passed with no write
// under way; a write that began meanwhile re-arms it when it joins or ends.
func (w *readBackWindow[T]) flushIfIdle(batch *readBackBatch[T]) {
	w.mu.Lock()
	busy := w.writing > 0
	w.mu.Unlock()
	if !busy {
		w.flush(batch)
	}
}

// flush lists for the window unless it went out already.
func (w *readBackWindow[T]) flush(batch *readBackBatch[T]) {
	w.mu.Lock()
	if w.open != batch {
		w.mu.Unlock()
		return
	}
	w.open, w.freed = nil, len(batch.keys)
	if batch.cancelIdle != nil {
		batch.cancelIdle()
	}
	w.mu.Unlock()

	defer close(batch.done)
	items, err := w.list(batch.ctx)
	if err != nil {
		batch.err = err
		return
	}
	batch.items = make(map[string]T, len(batch.keys))
	for _, key := range batch.keys {
		if item, ok := items[key]; ok {
			batch.items[key] = item
			w.put(key, item)
		}
	}
}

// readBackFailed reports a write that took effect but whose object could
// not be read back, naming it and saying that it was done (what: `Upload
// preset "web"`, done: "created").
func readBackFailed(what, done string, err error) string {
	return fmt.Sprintf("%s was %s, but reading it back failed: %v.", what, done, err)
}

// keepPlanned records a created object whose read-back failed as it was
// planned, with the values Cloudinary chooses left null: Terraform then keeps
// it (tainted, because the create reports an error) and the next apply
// replaces it, rather than forgetting an object that exists and later
// meeting it as one to import.
func keepPlanned(plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Cannot record the created object", fmt.Sprintf("Turning the plan into state failed: %v. This is a bug in the provider; please report it.", err))
		return
	}
	state.Raw = raw
}
