package provider

import (
	"context"
	"sync"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// assetBatcher gathers the asset reads that Terraform makes at the same time
// (one per resource, in parallel) into listing calls of up to 100 public IDs,
// instead of one Admin API call per asset. How many reads arrive together is
// bounded by Terraform's -parallelism (10 by default). A batch goes out when
// it is full, when no read has joined it for a moment (Terraform's workers
// are all waiting on it), or after the window at the latest.
type assetBatcher struct {
	client *client.Client
	window time.Duration // the longest a read waits for others to join
	idle   time.Duration // how long without a new read sends the batch

	mu     sync.Mutex
	groups map[assetGroup]*assetBatch
}

type assetGroup struct{ resourceType, typ string }

// assetBatch is one listing call in the making.
type assetBatch struct {
	// ctx is its first read's context without the cancellation: the batch
	// serves several reads, so no one of them cancels it (the client's own
	// timeouts bound it), but it logs where that read logs (TF_LOG).
	ctx   context.Context
	ids   []string
	done  chan struct{}
	found map[string]client.Resource
	err   error
	idle  *time.Timer
}

const maxAssetBatch = 100

func newAssetBatcher(c *client.Client) *assetBatcher {
	return &assetBatcher{client: c, window: 50 * time.Millisecond, idle: 15 * time.Millisecond, groups: map[assetGroup]*assetBatch{}}
}

// get returns the asset, or found=false when Cloudinary has no such asset.
func (b *assetBatcher) get(ctx context.Context, resourceType, typ, publicID string) (client.Resource, bool, error) {
	group := assetGroup{resourceType, typ}
	b.mu.Lock()
	batch, open := b.groups[group]
	if !open {
		batch = &assetBatch{ctx: context.WithoutCancel(ctx), done: make(chan struct{})}
		b.groups[group] = batch
		time.AfterFunc(b.window, func() { b.flush(group, batch) })
		batch.idle = time.AfterFunc(b.idle, func() { b.flush(group, batch) })
	} else {
		batch.idle.Reset(b.idle)
	}
	batch.ids = append(batch.ids, publicID)
	if len(batch.ids) == maxAssetBatch {
		delete(b.groups, group)
		go b.run(group, batch)
	}
	b.mu.Unlock()

	select {
	case <-batch.done:
	case <-ctx.Done():
		return client.Resource{}, false, ctx.Err()
	}
	if batch.err != nil {
		return client.Resource{}, false, batch.err
	}
	r, found := batch.found[publicID]
	return r, found, nil
}

// flush sends a batch whose window or idle time has passed, unless it
// already went out.
func (b *assetBatcher) flush(group assetGroup, batch *assetBatch) {
	b.mu.Lock()
	if b.groups[group] != batch {
		b.mu.Unlock()
		return
	}
	delete(b.groups, group)
	b.mu.Unlock()
	b.run(group, batch)
}

func (b *assetBatcher) run(group assetGroup, batch *assetBatch) {
	defer close(batch.done)
	list, err := b.client.ListResources(batch.ctx, client.ResourceQuery{
		ResourceType: group.resourceType, Type: group.typ, PublicIDs: batch.ids, WithTags: true, WithContext: true, WithMetadata: true,
	})
	if err != nil {
		batch.err = err
		return
	}
	batch.found = make(map[string]client.Resource, len(list))
	for _, r := range list {
		batch.found[r.PublicID] = r
	}
}
