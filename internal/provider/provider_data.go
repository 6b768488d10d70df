package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// providerData is what Configure hands to every resource and data source:
// the client, and the per-run caches that let many reads share one listing.
// There is one for the provider's own product environment (with a nil client
// when the provider has only account credentials) and one for each other
// product environment that objects name (environments.go).
type providerData struct {
	client *client.Client
	// accountClient calls the Provisioning API; nil without account
	// credentials (account).
	accountClient *client.AccountClient
	// environments are the account's product environments of this run, by
	// cloud name; nil without account credentials.
	environments *environments
	// reachability confirms, before a read drops a resource, that the
	// product environment answers at all.
	reachability *accountCheck
	presets      *listCache[client.UploadPreset]
	mappings     *listCache[client.UploadMapping]
	folders      *scopedListCache[client.Folder] // by parent folder ("" for the root)
	assets       *assetBatcher
	creating     claims
	// namedTransformations lists the named transformations, by name without
	// "t_", for reads that do not fetch each definition (readDefinitions false).
	namedTransformations *listCache[client.TransformationSummary]
	readDefinitions      bool
	// metadataFields and metadataRules are listed whole in one call each.
	metadataFields *listCache[client.MetadataField]
	metadataRules  *listCache[client.MetadataRule]
	// triggers are listed whole, by ID: the API reads no single trigger.
	triggers *listCache[client.Trigger]
	// plannedFields are the metadata fields this run plans, for the checks of
	// values given to them (account_checks.go).
	plannedFields *plannedFields
	// mediaLimits are the account's largest uploads by resource type, from
	// one usage read per run.
	mediaLimits *listCache[int64]
	// provisioning holds the run's Provisioning API listings (product
	// environments, access keys), loaded with the account client.
	provisioning provisioningListings
	// peopleState holds the listings of the account's users and groups
	// (people_listings.go).
	peopleState
}

func newProviderData(c *client.Client, readDefinitions bool) *providerData {
	named := true
	return &providerData{
		client:          c,
		reachability:    &accountCheck{client: c},
		plannedFields:   &plannedFields{},
		readDefinitions: readDefinitions,
		namedTransformations: newListCache(func(ctx context.Context) (map[string]client.TransformationSummary, error) {
			list, err := c.ListTransformations(ctx, &named)
			return indexBy(list, func(t client.TransformationSummary) string { return strings.TrimPrefix(t.Name, "t_") }), err
		}),
		assets: newAssetBatcher(c),
		presets: newListCache(func(ctx context.Context) (map[string]client.UploadPreset, error) {
			list, err := c.ListUploadPresets(ctx)
			return indexBy(list, func(p client.UploadPreset) string { return p.Name }), err
		}),
		mappings: newListCache(func(ctx context.Context) (map[string]client.UploadMapping, error) {
			list, err := c.ListUploadMappings(ctx)
			return indexBy(list, func(m client.UploadMapping) string { return m.Folder }), err
		}),
		metadataFields: newListCache(func(ctx context.Context) (map[string]client.MetadataField, error) {
			list, err := c.ListMetadataFields(ctx)
			return indexBy(list, func(f client.MetadataField) string { return f.ExternalID }), err
		}),
		mediaLimits: newListCache(func(ctx context.Context) (map[string]int64, error) {
			u, err := c.GetUsage(ctx)
			if err != nil {
				return nil, err
			}
			l := u.MediaLimits
			return map[string]int64{"image": l.ImageMaxSizeBytes, "video": l.VideoMaxSizeBytes, "raw": l.RawMaxSizeBytes}, nil
		}),
		metadataRules: newListCache(func(ctx context.Context) (map[string]client.MetadataRule, error) {
			list, err := c.ListMetadataRules(ctx)
			return indexBy(list, func(r client.MetadataRule) string { return r.ExternalID }), err
		}),
		triggers: newListCache(func(ctx context.Context) (map[string]client.Trigger, error) {
			list, err := c.ListTriggers(ctx, "")
			return indexBy(list, func(t client.Trigger) string { return t.ID }), err
		}),
		folders: newScopedListCache(func(ctx context.Context, parent string) (map[string]client.Folder, error) {
			list, err := c.ListFolders(ctx, parent)
			if client.IsNotFound(err) && parent != "" {
				return map[string]client.Folder{}, nil // the parent is gone, and its sub-folders with it
			}
			return indexBy(list, func(f client.Folder) string { return f.Path }), err
		}),
	}
}

func indexBy[T any](items []T, key func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		out[key(it)] = it
	}
	return out
}

// listCache serves many reads of one kind of object from one listing per
// Terraform run: the Admin API allows few calls an hour, and a plan reads
// every managed object. The first read loads the list; writes update it.
type listCache[T any] struct {
	load func(context.Context) (map[string]T, error)
	// written reads back what writes of this kind made, one listing for
	// the writes that finish together (readback_window.go).
	written *readBackWindow[T]

	mu     sync.Mutex
	items  map[string]T
	loaded bool
}

func newListCache[T any](load func(context.Context) (map[string]T, error)) *listCache[T] {
	c := &listCache[T]{load: load}
	c.written = newReadBackWindow(load, c.put)
	return c
}

// beginWrite records that a write of this kind starts, for a read-back
// of its object in one listing with the writes that finish with it.
func (c *listCache[T]) beginWrite() *pendingWrite[T] {
	return c.written.begin()
}

// get returns the item with key, loading the list on first use. Concurrent
// first reads wait for one load rather than each listing.
func (c *listCache[T]) get(ctx context.Context, key string) (T, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.ensureLoaded(ctx); err != nil {
		var zero T
		return zero, false, err
	}
	item, ok := c.items[key]
	return item, ok, nil
}

// ensureLoaded loads the list on first use. Called with c.mu held.
func (c *listCache[T]) ensureLoaded(ctx context.Context) error {
	if c.loaded {
		return nil
	}
	items, err := c.load(ctx)
	if err != nil {
		return err
	}
	c.items, c.loaded = items, true
	return nil
}

// snapshot returns every item, in no order.
func (c *listCache[T]) snapshot(ctx context.Context) ([]T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.ensureLoaded(ctx); err != nil {
		return nil, err
	}
	out := make([]T, 0, len(c.items))
	for _, item := range c.items {
		out = append(out, item)
	}
	return out, nil
}

// put records an object a write created or changed.
func (c *listCache[T]) put(key string, item T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		c.items[key] = item
	}
}

// forget records that an object is gone.
func (c *listCache[T]) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		delete(c.items, key)
	}
}

// scopedListCache is a listCache per scope, for listings that the API gives
// in parts (the sub-folders of one folder): reads in one scope share one
// listing, and scopes load independently.
type scopedListCache[T any] struct {
	load func(ctx context.Context, scope string) (map[string]T, error)

	mu     sync.Mutex
	scopes map[string]*listCache[T]
}

func newScopedListCache[T any](load func(context.Context, string) (map[string]T, error)) *scopedListCache[T] {
	return &scopedListCache[T]{load: load, scopes: map[string]*listCache[T]{}}
}

// in returns the cache of one scope.
func (s *scopedListCache[T]) in(scope string) *listCache[T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.scopes[scope]
	if !ok {
		c = newListCache(func(ctx context.Context) (map[string]T, error) { return s.load(ctx, scope) })
		s.scopes[scope] = c
	}
	return c
}

// claims records what the creates of this run are making, so that two
// resources of one configuration that name the same object get an error
// that says so, rather than a 409 with advice to import.
type claims struct {
	mu    sync.Mutex
	names map[string]bool
}

// claim records that a create makes the kind of object called name; it adds
// an error naming attribute, and returns false, when another create of this
// run already does.
func (c *claims) claim(diags *diag.Diagnostics, attribute path.Path, kind, name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := kind + "\x00" + name
	if c.names[key] {
		diags.AddAttributeError(attribute, "Two resources create the same "+kind,
			fmt.Sprintf("Another resource of this configuration is also creating %s %q in this apply. Cloudinary has "+
				"one %s by that name, so only one resource can manage it: remove one of them, or give it another name.", kind, name, kind))
		return false
	}
	if c.names == nil {
		c.names = map[string]bool{}
	}
	c.names[key] = true
	return true
}
