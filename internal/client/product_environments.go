package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// ProductEnvironment is a product environment (a "sub-account") of the
// account.
type ProductEnvironment struct {
	ID        string
	Name      string
	CloudName string
	Enabled   bool
	// CustomAttributes is nil when the environment has none: Cloudinary's
	// answers leave the field out or send {} (the OpenAPI omits it, the
	// official SDKs' tests read it back).
	CustomAttributes map[string]string
	// AccessKeys are the environment's keys as its answer lists them
	// (api_access_keys): create answers with the one key it made.
	AccessKeys []EnvironmentKey
	CreatedAt  string
	UpdatedAt  string
}

// EnvironmentKey is an access key as a product environment lists it.
type EnvironmentKey struct {
	Key string
	// Secret is "" when the answer leaves it out or masks it.
	Secret  string
	Enabled bool
}

// ProductEnvironmentParams are what a create or an update sends; empty
// fields are not sent, so that an update changes only what is set.
type ProductEnvironmentParams struct {
	Name      string
	CloudName string
	Enabled   *bool
	// CustomAttributes replaces the whole map when not nil; an empty map
	// removes every attribute.
	CustomAttributes map[string]string
	// BaseProductEnvironmentID names an environment to copy settings from,
	// at creation only (the update endpoint takes no base).
	BaseProductEnvironmentID string
}

// ProductEnvironmentFilter selects the environments a list returns; the
// zero filter returns them all. Cloudinary ignores the other filters when
// IDs are given.
type ProductEnvironmentFilter struct {
	Enabled    *bool
	IDs        []string
	CloudNames []string
	// Prefix matches the start of the name, case-insensitively.
	Prefix string
}

type productEnvironmentAnswer struct {
	ID               string                 `json:"id"`
	Name             string                 `json:"name"`
	CloudName        string                 `json:"cloud_name"`
	Enabled          lenientBool            `json:"enabled"`
	CustomAttributes stringMap              `json:"custom_attributes"`
	AccessKeys       []environmentKeyAnswer `json:"api_access_keys"`
	CreatedAt        string                 `json:"created_at"`
	UpdatedAt        string                 `json:"updated_at"`
}

type environmentKeyAnswer struct {
	Key     string      `json:"key"`
	Secret  secretText  `json:"secret"`
	Enabled lenientBool `json:"enabled"`
}

func (a productEnvironmentAnswer) environment() ProductEnvironment {
	env := ProductEnvironment{
		ID: a.ID, Name: a.Name, CloudName: a.CloudName, Enabled: bool(a.Enabled),
		CustomAttributes: a.CustomAttributes, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
	for _, k := range a.AccessKeys {
		env.AccessKeys = append(env.AccessKeys, EnvironmentKey{Key: k.Key, Secret: string(k.Secret), Enabled: bool(k.Enabled)})
	}
	return env
}

// productEnvironmentBody is the JSON body of a create or an update.
type productEnvironmentBody struct {
	Name             string             `json:"name,omitempty"`
	CloudName        string             `json:"cloud_name,omitempty"`
	Enabled          *bool              `json:"enabled,omitempty"`
	CustomAttributes *map[string]string `json:"custom_attributes,omitempty"`
	BaseSubAccountID string             `json:"base_sub_account_id,omitempty"`
}

func (p ProductEnvironmentParams) body() productEnvironmentBody {
	b := productEnvironmentBody{Name: p.Name, CloudName: p.CloudName, Enabled: p.Enabled}
	if p.CustomAttributes != nil {
		b.CustomAttributes = &p.CustomAttributes
	}
	return b
}

func (f ProductEnvironmentFilter) query() url.Values {
	q := listQuery{}
	q.flag("enabled", f.Enabled)
	q.strings("ids", f.IDs)
	q.strings("cloud_names", f.CloudNames)
	q.text("prefix", f.Prefix)
	return url.Values(q)
}

func environmentPath(id string) string { return "/sub_accounts/" + segment(id) }

// ListProductEnvironments returns the account's product environments that
// match the filter (the API does not page this list).
func (c *AccountClient) ListProductEnvironments(ctx context.Context, filter ProductEnvironmentFilter) ([]ProductEnvironment, error) {
	var out struct {
		SubAccounts []productEnvironmentAnswer `json:"sub_accounts"`
	}
	if err := c.call(ctx, http.MethodGet, "/sub_accounts", filter.query(), nil, &out); err != nil {
		return nil, fmt.Errorf("listing the product environments: %w", err)
	}
	envs := make([]ProductEnvironment, 0, len(out.SubAccounts))
	for _, a := range out.SubAccounts {
		envs = append(envs, a.environment())
	}
	return envs, nil
}

// GetProductEnvironment returns one product environment by its ID.
func (c *AccountClient) GetProductEnvironment(ctx context.Context, id string) (ProductEnvironment, error) {
	if err := required("its ID", id); err != nil {
		return ProductEnvironment{}, fmt.Errorf("reading a product environment: %w", err)
	}
	var out productEnvironmentAnswer
	if err := c.call(ctx, http.MethodGet, environmentPath(id), nil, nil, &out); err != nil {
		return ProductEnvironment{}, fmt.Errorf("reading the product environment %q: %w", id, err)
	}
	return out.environment(), nil
}

// CreateProductEnvironment creates a product environment; its answer holds
// the one access key Cloudinary makes with it. Without a cloud name, which
// is unique, a retry could create a second environment, so the create is
// not retried once it may have reached Cloudinary.
func (c *AccountClient) CreateProductEnvironment(ctx context.Context, params ProductEnvironmentParams) (ProductEnvironment, error) {
	if err := required("its name", params.Name); err != nil {
		return ProductEnvironment{}, fmt.Errorf("creating a product environment: %w", err)
	}
	body := params.body()
	body.BaseSubAccountID = params.BaseProductEnvironmentID
	var out productEnvironmentAnswer
	if err := c.create(ctx, "/sub_accounts", body, params.CloudName != "", &out); err != nil {
		return ProductEnvironment{}, fmt.Errorf("creating the product environment %q: %w", params.Name, err)
	}
	return out.environment(), nil
}

// UpdateProductEnvironment changes what params set (its base is ignored:
// the API takes none on update) and returns the environment as updated.
func (c *AccountClient) UpdateProductEnvironment(ctx context.Context, id string, params ProductEnvironmentParams) (ProductEnvironment, error) {
	if err := required("its ID", id); err != nil {
		return ProductEnvironment{}, fmt.Errorf("updating a product environment: %w", err)
	}
	var out productEnvironmentAnswer
	if err := c.call(ctx, http.MethodPut, environmentPath(id), nil, params.body(), &out); err != nil {
		return ProductEnvironment{}, fmt.Errorf("updating the product environment %q: %w", id, err)
	}
	return out.environment(), nil
}

// DeleteProductEnvironment deletes a product environment with its assets;
// Cloudinary allows it only below 1000 assets, and never reuses its cloud
// name.
func (c *AccountClient) DeleteProductEnvironment(ctx context.Context, id string) error {
	if err := required("its ID", id); err != nil {
		return fmt.Errorf("deleting a product environment: %w", err)
	}
	if err := c.call(ctx, http.MethodDelete, environmentPath(id), nil, nil, nil); err != nil {
		return fmt.Errorf("deleting the product environment %q: %w", id, err)
	}
	return nil
}
