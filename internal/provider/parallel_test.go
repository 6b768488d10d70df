package provider

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestUnitForEachInParallel(t *testing.T) {
	t.Run("every call, readWorkers at a time", func(t *testing.T) {
		var running, most, calls atomic.Int64
		done := make([]bool, 50)
		var mu sync.Mutex
		err := forEachInParallel(context.Background(), len(done), func(_ context.Context, i int) error {
			now := running.Add(1)
			defer running.Add(-1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			calls.Add(1)
			time.Sleep(2 * time.Millisecond)
			mu.Lock()
			done[i] = true
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, ok := range done {
			if !ok {
				t.Errorf("call %d never ran", i)
			}
		}
		if calls.Load() != int64(len(done)) || most.Load() > readWorkers {
			t.Errorf("%d calls, at most %d at once; want %d, at most %d", calls.Load(), most.Load(), len(done), readWorkers)
		}
	})
	t.Run("the first error, and no call started after it", func(t *testing.T) {
		failure := errors.New("read failed")
		var calls atomic.Int64
		err := forEachInParallel(context.Background(), 1000, func(ctx context.Context, i int) error {
			calls.Add(1)
			if i == 0 {
				return failure
			}
			<-ctx.Done() // the others wait for the failure to cancel them
			return ctx.Err()
		})
		if !errors.Is(err, failure) {
			t.Fatalf("got %v, want the first error", err)
		}
		if n := calls.Load(); n > readWorkers {
			t.Errorf("%d calls ran; those not started when the first failed should be skipped", n)
		}
	})
	t.Run("a caller that gives up", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var calls atomic.Int64
		err := forEachInParallel(ctx, 100, func(context.Context, int) error { calls.Add(1); return nil })
		if !errors.Is(err, context.Canceled) || calls.Load() != 0 {
			t.Errorf("got %v after %d calls, want context.Canceled and none", err, calls.Load())
		}
	})
}
