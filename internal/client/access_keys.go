package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// AccessKey is an API key of a product environment.
type AccessKey struct {
	Name   string
	APIKey string
	// APISecret is "" when the answer leaves it out or masks it: the list
	// and create answers hold it (Cloudinary's OpenAPI examples, the
	// official SDKs' tests).
	APISecret string
	Enabled   bool
	// Root marks the key made with the environment.
	Root bool
	// DedicatedFor lists the purposes the key is designated for
	// ("webhooks"); one key at a time holds each.
	DedicatedFor []string
	CreatedAt    string
	UpdatedAt    string
}

// AccessKeyParams are what a create or an update sends; empty fields are
// not sent.
type AccessKeyParams struct {
	Name    string
	Enabled *bool
	// DedicatedFor is not sent when nil. Cloudinary's OpenAPI takes one
	// purpose as a string, so the values go comma-joined.
	DedicatedFor []string
}

type accessKeyAnswer struct {
	Name         string      `json:"name"`
	APIKey       string      `json:"api_key"`
	APISecret    secretText  `json:"api_secret"`
	Enabled      lenientBool `json:"enabled"`
	Root         lenientBool `json:"root"`
	DedicatedFor stringList  `json:"dedicated_for"`
	CreatedAt    string      `json:"created_at"`
	UpdatedAt    string      `json:"updated_at"`
}

func (a accessKeyAnswer) key() AccessKey {
	return AccessKey{
		Name: a.Name, APIKey: a.APIKey, APISecret: string(a.APISecret), Enabled: bool(a.Enabled), Root: bool(a.Root),
		DedicatedFor: a.DedicatedFor, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
}

type accessKeyBody struct {
	Name         string  `json:"name,omitempty"`
	Enabled      *bool   `json:"enabled,omitempty"`
	DedicatedFor *string `json:"dedicated_for,omitempty"`
}

func (p AccessKeyParams) body() accessKeyBody {
	b := accessKeyBody{Name: p.Name, Enabled: p.Enabled}
	if p.DedicatedFor != nil {
		joined := strings.Join(p.DedicatedFor, ",")
		b.DedicatedFor = &joined
	}
	return b
}

const (
	// accessKeyPageSize is the page the keys listing asks for (the API
	// documents no maximum; the peers' providers ask for 100).
	accessKeyPageSize = 100
	// accessKeyMaxPages is the API's last page ("maximum pages 100").
	accessKeyMaxPages = 100
)

func accessKeysPath(environmentID string) string {
	return environmentPath(environmentID) + "/access_keys"
}

// ListAccessKeys returns every access key of a product environment,
// reading page after page until it has the total the API reports.
func (c *AccountClient) ListAccessKeys(ctx context.Context, environmentID string) ([]AccessKey, error) {
	if err := required("the product environment ID", environmentID); err != nil {
		return nil, fmt.Errorf("listing access keys: %w", err)
	}
	var keys []AccessKey
	seen := map[string]bool{}
	for page := 1; page <= accessKeyMaxPages; page++ {
		items, total, err := c.accessKeyPage(ctx, environmentID, page)
		if err != nil {
			return nil, fmt.Errorf("listing the access keys of the product environment %q: %w", environmentID, err)
		}
		added := 0
		for _, k := range items {
			if !seen[k.APIKey] {
				seen[k.APIKey] = true
				keys = append(keys, k)
				added++
			}
		}
		if keysListed(added, len(items), len(keys), total) {
			break
		}
	}
	return keys, nil
}

// keysListed tells whether the listing of keys is complete after a page:
// it has the total the API reports (or, without one, the page was short),
// or the page added nothing, as when a server ignores paging and answers
// every page with the same keys. A page shorter than asked does not end a
// listing with a total: the API may cap the page size.
func keysListed(added, pageLen, listed, total int) bool {
	if added == 0 {
		return true
	}
	if total < 0 {
		return pageLen < accessKeyPageSize
	}
	return listed >= total
}

// accessKeyPage reads one page of keys, sorted by API key so that pages
// neither overlap nor skip keys, and the total the API reports (-1 when it
// reports none).
func (c *AccountClient) accessKeyPage(ctx context.Context, environmentID string, page int) ([]AccessKey, int, error) {
	q := url.Values{
		"page": {strconv.Itoa(page)}, "page_size": {strconv.Itoa(accessKeyPageSize)},
		"sort_by": {"api_key"}, "sort_order": {"asc"},
	}
	var out struct {
		AccessKeys []accessKeyAnswer `json:"access_keys"`
		Total      *lenientInt       `json:"total"`
	}
	if err := c.call(ctx, http.MethodGet, accessKeysPath(environmentID), q, nil, &out); err != nil {
		return nil, 0, err
	}
	keys := make([]AccessKey, 0, len(out.AccessKeys))
	for _, a := range out.AccessKeys {
		keys = append(keys, a.key())
	}
	total := -1
	if out.Total != nil {
		total = int(*out.Total)
	}
	return keys, total, nil
}

// CreateAccessKey generates an access key; the answer holds its secret.
// The API takes no dedicated_for at creation, so a key with one is created
// and then updated: if that update fails, the created key comes back with
// the error, so that the caller can keep it. Without a name, which is
// unique, a retry could create a second key, so the create is not retried
// once it may have reached Cloudinary.
func (c *AccountClient) CreateAccessKey(ctx context.Context, environmentID string, params AccessKeyParams) (AccessKey, error) {
	if err := required("the product environment ID", environmentID); err != nil {
		return AccessKey{}, fmt.Errorf("creating an access key: %w", err)
	}
	body := params.body()
	body.DedicatedFor = nil
	var out accessKeyAnswer
	if err := c.create(ctx, accessKeysPath(environmentID), body, params.Name != "", &out); err != nil {
		return AccessKey{}, fmt.Errorf("creating an access key %q in the product environment %q: %w", params.Name, environmentID, err)
	}
	key := out.key()
	if params.DedicatedFor == nil {
		return key, nil
	}
	updated, err := c.UpdateAccessKey(ctx, environmentID, key.APIKey, AccessKeyParams{DedicatedFor: params.DedicatedFor})
	if err != nil {
		return key, fmt.Errorf("created the access key %s but could not dedicate it: %w", key.APIKey, err)
	}
	if updated.APISecret == "" {
		updated.APISecret = key.APISecret
	}
	return updated, nil
}

// UpdateAccessKey changes what params set and returns the key as updated.
func (c *AccountClient) UpdateAccessKey(ctx context.Context, environmentID, apiKey string, params AccessKeyParams) (AccessKey, error) {
	if err := errors.Join(required("the product environment ID", environmentID), required("the API key", apiKey)); err != nil {
		return AccessKey{}, fmt.Errorf("updating an access key: %w", err)
	}
	var out accessKeyAnswer
	if err := c.call(ctx, http.MethodPut, accessKeysPath(environmentID)+"/"+segment(apiKey), nil, params.body(), &out); err != nil {
		return AccessKey{}, fmt.Errorf("updating the access key %s of the product environment %q: %w", apiKey, environmentID, err)
	}
	return out.key(), nil
}

// DeleteAccessKey deletes an access key by its API key.
func (c *AccountClient) DeleteAccessKey(ctx context.Context, environmentID, apiKey string) error {
	if err := errors.Join(required("the product environment ID", environmentID), required("the API key", apiKey)); err != nil {
		return fmt.Errorf("deleting an access key: %w", err)
	}
	if err := c.call(ctx, http.MethodDelete, accessKeysPath(environmentID)+"/"+segment(apiKey), nil, nil, nil); err != nil {
		return fmt.Errorf("deleting the access key %s of the product environment %q: %w", apiKey, environmentID, err)
	}
	return nil
}
