package provider

import (
	"math"
	"runtime/debug"
	"testing"
)

// restoreGC puts the collector back as the test binary had it.
func restoreGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(percent)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestUnitTuneGarbageCollectionRelaxesTheCollector(t *testing.T) {
	restoreGC(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)

	tuneGarbageCollection()

	if got := debug.SetGCPercent(100); got != relaxedGCPercent {
		t.Errorf("GC percent = %d, want %d", got, relaxedGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != softMemoryLimit {
		t.Errorf("memory limit = %d, want %d", got, softMemoryLimit)
	}
}

func TestUnitTuneGarbageCollectionKeepsWhatTheUserSet(t *testing.T) {
	restoreGC(t)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(1 << 30)

	tuneGarbageCollection()

	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent = %d, want the user's 150", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("memory limit = %d, want the user's 1 GiB", got)
	}
}
