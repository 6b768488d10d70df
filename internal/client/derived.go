package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Derived resources: the transformed versions of assets that Cloudinary
// generates eagerly (upload or explicit with eager) or on first delivery.

// DerivedResource is one derived resource as a transformation's details and
// an asset's details list it (the OpenAPI's resource details "derived").
type DerivedResource struct {
	ID             string `json:"id"`
	PublicID       string `json:"public_id"`
	ResourceType   string `json:"resource_type"`
	Type           string `json:"type"`
	Transformation string `json:"transformation"`
	Format         string `json:"format"`
	SecureURL      string `json:"secure_url"`
}

// derivedPageSize is the most derived resources one details call lists (the
// Admin API reference, "Details of a single transformation": max_results
// "Maximum=100").
const derivedPageSize = "100"

// ListDerivedOfNamed lists every derived resource made with a named
// transformation ("thumb" or "t_thumb").
func (c *Client) ListDerivedOfNamed(ctx context.Context, name string) ([]DerivedResource, error) {
	list, err := collect(ctx, url.Values{"transformation": {namedID(name)}}, 0, func(q url.Values) ([]DerivedResource, string, error) {
		q.Set("max_results", derivedPageSize)
		var page struct {
			Derived    []DerivedResource `json:"derived"`
			NextCursor string            `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, "/transformations", q, &page)
		return page.Derived, page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing the derived resources of named transformation %q: %w", name, err)
	}
	return list, nil
}

// ListDerivedOfAsset lists an asset's derived resources, following
// derived_next_cursor (the OpenAPI's max_derived_results and
// derived_next_cursor parameters of resource details).
func (c *Client) ListDerivedOfAsset(ctx context.Context, resourceType, typ, publicID string) ([]DerivedResource, error) {
	var all []DerivedResource
	params := url.Values{"max_results": {derivedPageSize}}
	for {
		var page struct {
			Derived           []DerivedResource `json:"derived"`
			DerivedNextCursor string            `json:"derived_next_cursor"`
		}
		if err := c.admin(ctx, http.MethodGet, resourcePath(resourceType, typ, publicID), params, &page); err != nil {
			return nil, fmt.Errorf("listing the derived resources of asset %s/%s/%s: %w", resourceType, typ, publicID, err)
		}
		all = append(all, page.Derived...)
		if page.DerivedNextCursor == "" {
			return all, nil
		}
		params.Set("derived_next_cursor", page.DerivedNextCursor)
	}
}

// DeleteDerivedOptions selects the derived resources of up to 100 assets
// of one resource type and delivery type.
type DeleteDerivedOptions struct {
	ResourceType string
	Type         string
	PublicIDs    []string
	// Transformations limits the deletion to the derived resources made
	// with these transformations ("t_thumb" for a named one); none means
	// every derived resource of the assets.
	Transformations []string
	// Invalidate also purges the deleted copies from the CDN.
	Invalidate bool
}

// DeleteDerived deletes derived resources of the given assets and keeps the
// originals: the Admin API's delete of resources with keep_original=true
// and, when given, transformations (as cloudinary-go's
// DeleteDerivedAssetsByTransformation sends them: one "|"-joined string). It
// answers how many derived resources each public ID lost.
func (c *Client) DeleteDerived(ctx context.Context, o DeleteDerivedOptions) (map[string]int, error) {
	if len(o.PublicIDs) == 0 || len(o.PublicIDs) > maxIDsPerCall {
		return nil, fmt.Errorf("deleting derived resources: between 1 and %d public IDs per call, got %d", maxIDsPerCall, len(o.PublicIDs))
	}
	params := url.Values{"public_ids[]": o.PublicIDs, "keep_original": {"true"}}
	if len(o.Transformations) > 0 {
		params.Set("transformations", strings.Join(o.Transformations, "|"))
	}
	if o.Invalidate {
		params.Set("invalidate", "true")
	}
	var resp struct {
		DeletedCounts map[string]struct {
			Derived int `json:"derived"`
		} `json:"deleted_counts"`
	}
	path := "/resources/" + segment(o.ResourceType) + "/" + segment(o.Type)
	if err := c.admin(ctx, http.MethodDelete, path, params, &resp); err != nil {
		return nil, fmt.Errorf("deleting derived resources of %s/%s assets: %w", o.ResourceType, o.Type, err)
	}
	counts := make(map[string]int, len(resp.DeletedCounts))
	for id, n := range resp.DeletedCounts {
		counts[id] = n.Derived
	}
	return counts, nil
}

// DeleteDerivedByID deletes up to 100 derived resources by ID (the Admin
// API's DELETE /derived_resources) and reports each one's result:
// "deleted" or "not_found".
func (c *Client) DeleteDerivedByID(ctx context.Context, ids []string) (map[string]string, error) {
	if len(ids) == 0 || len(ids) > maxIDsPerCall {
		return nil, fmt.Errorf("deleting derived resources: between 1 and %d IDs per call, got %d", maxIDsPerCall, len(ids))
	}
	var resp struct {
		Deleted map[string]string `json:"deleted"`
	}
	if err := c.admin(ctx, http.MethodDelete, "/derived_resources", url.Values{"derived_resource_ids[]": ids}, &resp); err != nil {
		return nil, fmt.Errorf("deleting derived resources by ID: %w", err)
	}
	return resp.Deleted, nil
}

// EagerOptions are the eager transformations an explicit call generates.
type EagerOptions struct {
	// Eager lists the transformations to generate ("c_fill,w_100",
	// "t_thumb"); existing derived images of them are regenerated (the
	// OpenAPI's explicit_request: "corresponding derived images are always
	// regenerated").
	Eager []string
	// Async generates them in the background.
	Async bool
	// Invalidate purges the asset's cached copies from the CDN.
	Invalidate bool
}

// ExplicitEager generates eager transformations of an existing asset
// through the Upload API's explicit and answers with the asset's derived
// resources as the answer's "eager" lists them.
func (c *Client) ExplicitEager(ctx context.Context, resourceType, typ, publicID string, o EagerOptions) ([]DerivedResource, error) {
	if len(o.Eager) == 0 {
		return nil, fmt.Errorf("generating eager transformations of %s/%s/%s: no transformation given", resourceType, typ, publicID)
	}
	q := url.Values{"public_id": {publicID}, "type": {typ}, "eager": {strings.Join(o.Eager, "|")}}
	if o.Async {
		q.Set("eager_async", "true")
	}
	if o.Invalidate {
		q.Set("invalidate", "true")
	}
	var resp struct {
		Eager []DerivedResource `json:"eager"`
	}
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/explicit", q, &resp); err != nil {
		return nil, fmt.Errorf("generating eager transformations of %s/%s/%s: %w", resourceType, typ, publicID, err)
	}
	return resp.Eager, nil
}
