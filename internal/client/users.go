package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// User is a user of the account.
type User struct {
	ID    string
	Name  string
	Email string
	Role  string
	// Enabled is false for a user who cannot log in.
	Enabled bool
	// Pending is true until the user has accepted the invitation.
	Pending bool
	// AllProductEnvironments is true when the user may work in every
	// product environment (all_sub_accounts): a master admin, or a user
	// created without product environments.
	AllProductEnvironments bool
	// ProductEnvironmentIDs are the environments the user may work in
	// (sub_account_ids).
	ProductEnvironmentIDs []string
	Status                string
	LastLogin             string
	CreatedAt             string
	UpdatedAt             string
}

// UserParams are what a create or an update sends; empty fields are not
// sent.
type UserParams struct {
	Name  string
	Email string
	Role  string
	// ProductEnvironmentIDs is not sent when nil, and sent as it is
	// otherwise, an empty list as []. A user created without any may work
	// in every environment (Cloudinary's OpenAPI: "Default: all product
	// environments"); what an update does with [] is not documented.
	ProductEnvironmentIDs []string
	Enabled               *bool
}

// UserFilter selects the users a list returns; the zero filter returns
// them all.
type UserFilter struct {
	IDs    []string
	Emails []string
	// Prefix matches the start of the name.
	Prefix string
	// ProductEnvironmentID keeps the users who may work in it.
	ProductEnvironmentID string
	Pending              *bool
}

type userAnswer struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Email          string      `json:"email"`
	Role           string      `json:"role"`
	Enabled        lenientBool `json:"enabled"`
	Pending        lenientBool `json:"pending"`
	AllSubAccounts lenientBool `json:"all_sub_accounts"`
	SubAccountIDs  stringList  `json:"sub_account_ids"`
	Status         string      `json:"status"`
	LastLogin      string      `json:"last_login"`
	CreatedAt      string      `json:"created_at"`
	UpdatedAt      string      `json:"updated_at"`
}

func (a userAnswer) user() User {
	return User{
		ID: a.ID, Name: a.Name, Email: a.Email, Role: a.Role, Enabled: bool(a.Enabled), Pending: bool(a.Pending),
		AllProductEnvironments: bool(a.AllSubAccounts), ProductEnvironmentIDs: a.SubAccountIDs,
		Status: a.Status, LastLogin: a.LastLogin, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
}

type userBody struct {
	Name          string    `json:"name,omitempty"`
	Email         string    `json:"email,omitempty"`
	Role          string    `json:"role,omitempty"`
	SubAccountIDs *[]string `json:"sub_account_ids,omitempty"`
	Enabled       *bool     `json:"enabled,omitempty"`
}

func (p UserParams) body() userBody {
	b := userBody{Name: p.Name, Email: p.Email, Role: p.Role, Enabled: p.Enabled}
	if p.ProductEnvironmentIDs != nil {
		b.SubAccountIDs = &p.ProductEnvironmentIDs
	}
	return b
}

func (f UserFilter) query() url.Values {
	q := listQuery{}
	q.strings("ids", f.IDs)
	q.strings("emails", f.Emails)
	q.text("prefix", f.Prefix)
	q.text("sub_account_id", f.ProductEnvironmentID)
	q.flag("pending", f.Pending)
	return url.Values(q)
}

func userPath(id string) string { return "/users/" + segment(id) }

// ListUsers returns the account's users that match the filter.
func (c *AccountClient) ListUsers(ctx context.Context, filter UserFilter) ([]User, error) {
	var out struct {
		Users []userAnswer `json:"users"`
	}
	if err := c.call(ctx, http.MethodGet, "/users", filter.query(), nil, &out); err != nil {
		return nil, fmt.Errorf("listing the users: %w", err)
	}
	users := make([]User, 0, len(out.Users))
	for _, a := range out.Users {
		users = append(users, a.user())
	}
	return users, nil
}

// GetUser returns one user by ID.
func (c *AccountClient) GetUser(ctx context.Context, id string) (User, error) {
	if err := required("its ID", id); err != nil {
		return User{}, fmt.Errorf("reading a user: %w", err)
	}
	var out userAnswer
	if err := c.call(ctx, http.MethodGet, userPath(id), nil, nil, &out); err != nil {
		return User{}, fmt.Errorf("reading the user %q: %w", id, err)
	}
	return out.user(), nil
}

// CreateUser creates a user, which sends them an invitation. The email is
// unique, so a retry meets the user made and fails as already existing.
func (c *AccountClient) CreateUser(ctx context.Context, params UserParams) (User, error) {
	if err := required("its email", params.Email); err != nil {
		return User{}, fmt.Errorf("creating a user: %w", err)
	}
	var out userAnswer
	if err := c.create(ctx, "/users", params.body(), true, &out); err != nil {
		return User{}, fmt.Errorf("creating the user %q: %w", params.Email, err)
	}
	return out.user(), nil
}

// UpdateUser changes what params set and returns the user as updated.
func (c *AccountClient) UpdateUser(ctx context.Context, id string, params UserParams) (User, error) {
	if err := required("its ID", id); err != nil {
		return User{}, fmt.Errorf("updating a user: %w", err)
	}
	var out userAnswer
	if err := c.call(ctx, http.MethodPut, userPath(id), nil, params.body(), &out); err != nil {
		return User{}, fmt.Errorf("updating the user %q: %w", id, err)
	}
	return out.user(), nil
}

// DeleteUser deletes a user.
func (c *AccountClient) DeleteUser(ctx context.Context, id string) error {
	if err := required("its ID", id); err != nil {
		return fmt.Errorf("deleting a user: %w", err)
	}
	if err := c.call(ctx, http.MethodDelete, userPath(id), nil, nil, nil); err != nil {
		return fmt.Errorf("deleting the user %q: %w", id, err)
	}
	return nil
}
