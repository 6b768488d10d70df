package provider

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// readWorkers is how many reads a list resource makes at once: as many as
// Terraform's default -parallelism.
const readWorkers = 10

// forEachInParallel calls f for 0..n-1, readWorkers at a time, and returns
// the first error; after one, the calls not yet started are skipped.
func forEachInParallel(parent context.Context, n int, f func(ctx context.Context, i int) error) error {
	g, ctx := errgroup.WithContext(parent)
	g.SetLimit(readWorkers)
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err // skipped: an earlier call failed (its error is the one returned), or the caller gave up
			}
			return f(ctx, i)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return parent.Err()
}
