package provider

import (
	"os"
	"runtime/debug"
)

// A provider process lives for one Terraform command and serves many small
// requests, each allocating a few megabytes while the framework walks its
// schema (about 3 MB a resource in a plan of 1,000 mixed resources), while
// the memory it keeps is small (tens of megabytes, once releasingServer
// stops the framework from keeping every request's context). With Go's
// default (GOGC=100) the collector ran every 50 MB or so, about a third of
// the provider's CPU. Letting the heap grow to five times what is live
// collects a quarter as often. The soft ceiling keeps a large run's memory
// bounded; it is far above what a run keeps live, because a ceiling that the
// live heap nears makes the collector run without pause (a 256 MiB one did
// that to a plan of 5,000 resources before releasingServer).
const (
	relaxedGCPercent = 400
	softMemoryLimit  = 512 << 20
)

// tuneGarbageCollection relaxes the collector unless GOGC or GOMEMLIMIT
// says otherwise (the Go runtime then keeps what it made of each). Serve
// calls it.
func tuneGarbageCollection() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(relaxedGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
}
