package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Resource is an asset as the Admin and Upload APIs describe it.
type Resource struct {
	AssetID          string   `json:"asset_id"`
	PublicID         string   `json:"public_id"`
	Format           string   `json:"format"`
	Version          int64    `json:"version"`
	VersionID        string   `json:"version_id"`
	ResourceType     string   `json:"resource_type"`
	Type             string   `json:"type"`
	CreatedAt        string   `json:"created_at"`
	Bytes            int64    `json:"bytes"`
	Width            int64    `json:"width"`
	Height           int64    `json:"height"`
	URL              string   `json:"url"`
	SecureURL        string   `json:"secure_url"`
	Etag             string   `json:"etag"`
	Tags             []string `json:"tags"`
	AssetFolder      string   `json:"asset_folder"`
	DisplayName      string   `json:"display_name"`
	AccessMode       string   `json:"access_mode"`
	ModerationStatus string   `json:"moderation_status"`
	// Context is the asset's contextual metadata, key to value, whichever
	// of Cloudinary's two shapes the answer used (see AssetContext).
	Context AssetContext `json:"context"`
	// Metadata holds structured metadata values by field external ID, as
	// JSON: strings, numbers, or arrays of datasource external IDs.
	Metadata map[string]json.RawMessage `json:"metadata"`
	// Placeholder is true for what deleting an asset that has a backup
	// leaves in its place: its details answer with placeholder true and
	// bytes 0 until an upload or a restore brings the asset back
	// (pycloudinary test_api.py test_restore).
	Placeholder bool `json:"placeholder"`
	// Status is what search results say of an asset: "active", or "deleted"
	// for a placeholder.
	Status string `json:"status"`
	// Existing is true when an upload with overwrite=false found the asset.
	Existing bool `json:"existing"`
	// AnsweredAt is Cloudinary's clock when it answered an upload (its Date
	// header), to tell with CreatedAt whether an existing asset was made by
	// this very call (a retry of a request whose answer was lost).
	AnsweredAt time.Time `json:"-"`
	// EarlierAttemptMayHaveActed is true when an attempt of the upload before
	// the one that answered may have been handled though its answer was lost:
	// an Existing asset may then be the upload's own.
	EarlierAttemptMayHaveActed bool `json:"-"`
}

// ResourceQuery selects assets to list. ResourceType defaults to image.
type ResourceQuery struct {
	ResourceType string
	Type         string
	Prefix       string
	PublicIDs    []string
	Tag          string
	ContextKey   string
	ContextValue string
	// Direction is "asc" or "desc" (by creation time); ignored with Prefix.
	Direction string
	// Limit caps the total number of assets returned (0: all).
	Limit int
	// WithTags, WithContext and WithMetadata ask for each asset's tags,
	// context and structured metadata.
	WithTags     bool
	WithContext  bool
	WithMetadata bool
}

// live tells whether r is an asset rather than a deleted asset's
// placeholder.
func (r Resource) live() bool { return !r.Placeholder && r.Status != "deleted" }

// liveOnly leaves the placeholders out of a page of assets.
func liveOnly(page []Resource) []Resource {
	out := page[:0]
	for _, r := range page {
		if r.live() {
			out = append(out, r)
		}
	}
	return out
}

// maxIDsPerCall is how many public IDs one listing call may name.
const maxIDsPerCall = 100

// ListResources lists the assets a query selects, following next_cursor to
// the end or to the query's limit. Public IDs are asked for 100 at a time.
// Deleted assets' placeholders, which the listing by type shows, are left
// out: they are not assets, and the limit counts assets only.
func (c *Client) ListResources(ctx context.Context, q ResourceQuery) ([]Resource, error) {
	if q.ResourceType == "" {
		q.ResourceType = "image"
	}
	if len(q.PublicIDs) > maxIDsPerCall {
		var all []Resource
		for start := 0; start < len(q.PublicIDs); start += maxIDsPerCall {
			batch := q
			batch.PublicIDs = q.PublicIDs[start:min(start+maxIDsPerCall, len(q.PublicIDs))]
			got, err := c.ListResources(ctx, batch)
			if err != nil {
				return nil, err
			}
			all = append(all, got...)
		}
		return all, nil
	}
	path, params, err := resourceListing(q)
	if err != nil {
		return nil, err
	}
	list, err := collect(ctx, params, q.Limit, func(p url.Values) ([]Resource, string, error) {
		var page struct {
			Resources  []Resource `json:"resources"`
			NextCursor string     `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, path, p, &page)
		return liveOnly(page.Resources), page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s assets: %w", q.ResourceType, err)
	}
	return list, nil
}

// resourceListing picks the endpoint for a query: by tag, by context, or
// by resource type and delivery type.
func resourceListing(q ResourceQuery) (string, url.Values, error) {
	params := url.Values{}
	if q.WithTags {
		params.Set("tags", "true")
	}
	if q.WithContext {
		params.Set("context", "true")
	}
	if q.WithMetadata {
		params.Set("metadata", "true")
	}
	if q.Direction != "" {
		params.Set("direction", q.Direction)
	}
	rt := "/resources/" + segment(q.ResourceType)
	switch {
	case q.Tag != "" && (q.ContextKey != "" || q.Prefix != "" || len(q.PublicIDs) > 0):
		return "", nil, fmt.Errorf("listing assets: a tag cannot be combined with a context key, prefix or public IDs")
	case q.Tag != "":
		return rt + "/tags/" + segment(q.Tag), params, nil
	case q.ContextKey != "":
		params.Set("key", q.ContextKey)
		if q.ContextValue != "" {
			params.Set("value", q.ContextValue)
		}
		return rt + "/context", params, nil
	}
	if q.Prefix != "" {
		params.Set("prefix", q.Prefix)
	}
	if len(q.PublicIDs) > 0 {
		params["public_ids[]"] = q.PublicIDs
	}
	if q.Type != "" {
		return rt + "/" + segment(q.Type), params, nil
	}
	return rt, params, nil
}

func resourcePath(resourceType, typ, publicID string) string {
	return "/resources/" + segment(resourceType) + "/" + segment(typ) + "/" + pathOf(publicID)
}

// GetResource reads one asset's details, or a deleted asset's placeholder
// (Placeholder true).
func (c *Client) GetResource(ctx context.Context, resourceType, typ, publicID string) (*Resource, error) {
	var r Resource
	if err := c.admin(ctx, http.MethodGet, resourcePath(resourceType, typ, publicID), url.Values{"max_results": {"1"}}, &r); err != nil {
		return nil, fmt.Errorf("reading asset %s/%s/%s: %w", resourceType, typ, publicID, err)
	}
	return &r, nil
}

// UpdateResourceOptions are the changes an Admin API update makes to an
// asset: those that Explicit cannot make. "" leaves a setting as it is.
type UpdateResourceOptions struct {
	// AccessMode is public or authenticated.
	AccessMode string
}

// UpdateResource changes an asset through the Admin API. Prefer Explicit,
// which is not rate limited, where it can do the job.
func (c *Client) UpdateResource(ctx context.Context, resourceType, typ, publicID string, opts UpdateResourceOptions) (*Resource, error) {
	params := url.Values{}
	setOptional(params, "access_mode", nonEmpty(opts.AccessMode))
	var r Resource
	if err := c.admin(ctx, http.MethodPost, resourcePath(resourceType, typ, publicID), params, &r); err != nil {
		return nil, fmt.Errorf("updating asset %s/%s/%s: %w", resourceType, typ, publicID, err)
	}
	return &r, nil
}

// DeleteResources deletes up to 100 assets by public ID; it reports which
// were deleted ("deleted") and which were not found ("not_found").
func (c *Client) DeleteResources(ctx context.Context, resourceType, typ string, publicIDs []string) (map[string]string, error) {
	if len(publicIDs) == 0 || len(publicIDs) > maxIDsPerCall {
		return nil, fmt.Errorf("deleting assets: between 1 and %d public IDs per call, got %d", maxIDsPerCall, len(publicIDs))
	}
	var resp struct {
		Deleted map[string]string `json:"deleted"`
	}
	path := "/resources/" + segment(resourceType) + "/" + segment(typ)
	if err := c.admin(ctx, http.MethodDelete, path, url.Values{"public_ids[]": publicIDs}, &resp); err != nil {
		return nil, fmt.Errorf("deleting %s assets: %w", resourceType, err)
	}
	return resp.Deleted, nil
}

// ListTags lists the tags of a resource type, optionally those starting
// with prefix, following next_cursor.
func (c *Client) ListTags(ctx context.Context, resourceType, prefix string) ([]string, error) {
	params := url.Values{}
	if prefix != "" {
		params.Set("prefix", prefix)
	}
	tags, err := collect(ctx, params, 0, func(q url.Values) ([]string, string, error) {
		var page struct {
			Tags       []string `json:"tags"`
			NextCursor string   `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, "/tags/"+segment(resourceType), q, &page)
		return page.Tags, page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s tags: %w", resourceType, err)
	}
	return tags, nil
}

// Folder is an asset folder.
type Folder struct {
	Name       string `json:"name"`
	Path       string `json:"path"`
	ExternalID string `json:"external_id"`
	CreatedAt  string `json:"created_at"`
}

// ListFolders lists the root folders (path "") or the sub-folders of path,
// following next_cursor.
func (c *Client) ListFolders(ctx context.Context, path string) ([]Folder, error) {
	endpoint := "/folders"
	if path = strings.Trim(path, "/"); path != "" {
		endpoint += "/" + pathOf(path)
	}
	folders, err := collect(ctx, nil, 0, func(q url.Values) ([]Folder, string, error) {
		var page struct {
			Folders    []Folder `json:"folders"`
			NextCursor string   `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, endpoint, q, &page)
		return page.Folders, page.NextCursor, err
	})
	if err != nil {
		if path == "" {
			return nil, fmt.Errorf("listing root folders: %w", err)
		}
		return nil, fmt.Errorf("listing the sub-folders of %q: %w", path, err)
	}
	return folders, nil
}

// CreateFolder creates a folder and any missing parents.
func (c *Client) CreateFolder(ctx context.Context, path string) (*Folder, error) {
	var f Folder
	if err := c.admin(ctx, http.MethodPost, "/folders/"+pathOf(path), nil, &f); err != nil {
		return nil, fmt.Errorf("creating folder %q: %w", path, err)
	}
	return &f, nil
}

// RenameFolder moves a folder, with its sub-folders and assets, to a new
// path.
func (c *Client) RenameFolder(ctx context.Context, from, to string) error {
	if err := c.admin(ctx, http.MethodPut, "/folders/"+pathOf(from), url.Values{"to_folder": {to}}, nil); err != nil {
		return fmt.Errorf("renaming folder %q to %q: %w", from, to, err)
	}
	return nil
}

// DeleteFolder deletes an empty folder (Cloudinary refuses a folder that
// holds assets).
func (c *Client) DeleteFolder(ctx context.Context, path string) error {
	if err := c.admin(ctx, http.MethodDelete, "/folders/"+pathOf(path), nil, nil); err != nil {
		return fmt.Errorf("deleting folder %q: %w", path, err)
	}
	return nil
}
