package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// user is a user of the account (console login).
type user struct {
	id, name, email, role string
	enabled               bool
	// allSubAccounts: access to every environment, present and future
	// (role master_admin, or no sub_account_ids given: OpenAPI UserRequest
	// "Default: all product environments").
	allSubAccounts   bool
	subAccountIDs    []string
	lastLogin        time.Time // zero until the user logs in (MarkUserLoggedIn)
	created, updated time.Time
	seq              int
}

// userRoles are the roles of OpenAPI UserRequest.
var userRoles = []string{"master_admin", "admin", "billing", "technical_admin", "reports", "media_library_admin", "media_library_user"}

// userJSON is a User. sub_account_ids is a comma-joined string (PHP
// ProvisioningAccountTest asserts implode(',', ids); .NET parses a string
// or an array). A new user is pending until it logs in; status says the same
// (pycloudinary filters by status pending/active).
type userJSON struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Role           string      `json:"role"`
	Email          string      `json:"email"`
	Pending        bool        `json:"pending"`
	Enabled        bool        `json:"enabled"`
	CreatedAt      string      `json:"created_at"`
	UpdatedAt      string      `json:"updated_at"`
	LastLogin      string      `json:"last_login,omitempty"`
	AllSubAccounts bool        `json:"all_sub_accounts"`
	SubAccountIDs  string      `json:"sub_account_ids"`
	Status         string      `json:"status"`
	Groups         []groupJSON `json:"groups"`
}

func (u *user) pending() bool { return u.lastLogin.IsZero() }

func (a *account) userJSON(u *user) userJSON {
	out := userJSON{
		ID: u.id, Name: u.name, Role: u.role, Email: u.email, Pending: u.pending(), Enabled: u.enabled,
		CreatedAt: timestamp(u.created), UpdatedAt: timestamp(u.updated), AllSubAccounts: u.allSubAccounts,
		SubAccountIDs: strings.Join(u.subAccountIDs, ","), Status: "active", Groups: a.groupsOf(u.id),
	}
	if u.pending() {
		out.Status = "pending"
	} else {
		out.LastLogin = timestamp(u.lastLogin)
	}
	return out
}

func (a *account) user(id string) (*user, *apiError) {
	if u := a.users[id]; u != nil {
		return u, nil
	}
	return nil, errNotFound("Cannot find user with id " + id) // message assumed
}

func (a *account) userRoutes(route func(string, formHandler)) {
	route("GET /users", a.listUsers)
	route("POST /users", a.createUser)
	route("GET /users/{user_id}", a.getUser)
	route("PUT /users/{user_id}", a.updateUser)
	route("DELETE /users/{user_id}", a.deleteUser)
	route("GET /users/{user_id}/groups", a.userGroups)
	route("GET /users/{user_id}/sub_accounts", a.userEnvironments)

	route("GET /user_groups", a.listGroups)
	route("POST /user_groups", a.createGroup)
	route("GET /user_groups/{group_id}", a.getGroup)
	route("PUT /user_groups/{group_id}", a.updateGroup)
	route("DELETE /user_groups/{group_id}", a.deleteGroup)
	route("GET /user_groups/{group_id}/users", a.groupMembers)
	route("POST /user_groups/{group_id}/users/{user_id}", a.addGroupMember)
	route("DELETE /user_groups/{group_id}/users/{user_id}", a.removeGroupMember)
}

// userFields are the writable fields of a user, as a create or update sent
// them (nil or empty: not sent).
type userFields struct {
	name, email, role string
	subAccountIDs     []string
	enabled           *bool
}

func (a *account) readUserFields(p *params) (userFields, *apiError) {
	f := userFields{name: p.get("name"), email: p.get("email"), role: p.get("role"), subAccountIDs: p.list("sub_account_ids")}
	var err *apiError
	if f.enabled, err = p.optionalBool("enabled"); err != nil {
		return f, err
	}
	if f.role != "" && !slices.Contains(userRoles, f.role) {
		return f, errBadRequest("role must be one of " + strings.Join(userRoles, ", "))
	}
	for _, id := range f.subAccountIDs {
		if _, err := a.environmentByID(id); err != nil {
			return f, err // 404 assumed (PROVISIONING.md §4.7)
		}
	}
	return f, nil
}

// checkEmail refuses an email another user has (409 and message assumed).
func (a *account) checkEmail(email string, self *user) *apiError {
	for _, u := range a.users {
		if u != self && strings.EqualFold(u.email, email) {
			return errConflict("A user with email " + email + " already exists")
		}
	}
	return nil
}

// createUser serves POST /users: name, email and role are required (the
// .NET and Python SDKs require role; the OpenAPI made it optional in
// 0.1.3 without saying what default applies, so the emulator asks for it:
// assumed); the account's user limit applies.
func (a *account) createUser(_ *http.Request, p *params) (any, *apiError) {
	f, err := a.readUserFields(p)
	if err != nil {
		return nil, err
	}
	for _, required := range []struct{ key, value string }{{"name", f.name}, {"email", f.email}, {"role", f.role}} {
		if required.value == "" {
			return nil, errBadRequest("Missing required parameter - " + required.key)
		}
	}
	if err := a.checkEmail(f.email, nil); err != nil {
		return nil, err
	}
	if a.maxUsers > 0 && len(a.users) >= a.maxUsers {
		// The Speakeasy SDK's live sanity script expects a message with
		// max_users on an account at capacity; status and text assumed.
		return nil, errBadRequest(fmt.Sprintf("Cannot add user: the account has reached its max_users limit (%d)", a.maxUsers))
	}
	now := a.now()
	u := &user{id: a.root.randHex(30), enabled: true, created: now, seq: a.next()}
	u.apply(f)
	u.updated = now
	a.users[u.id] = u
	return a.userJSON(u), nil
}

// apply sets the fields sent; sub_account_ids decide the access unless the
// role is master_admin, which has every environment (OpenAPI UserRequest).
func (u *user) apply(f userFields) {
	u.name, u.email, u.role = cmp.Or(f.name, u.name), cmp.Or(f.email, u.email), cmp.Or(f.role, u.role)
	if f.enabled != nil {
		u.enabled = *f.enabled
	}
	switch {
	case u.role == "master_admin":
		u.allSubAccounts, u.subAccountIDs = true, nil
	case len(f.subAccountIDs) > 0:
		u.allSubAccounts, u.subAccountIDs = false, slices.Compact(slices.Clone(f.subAccountIDs))
	case u.subAccountIDs == nil:
		u.allSubAccounts = true
	}
}

func (a *account) getUser(r *http.Request, _ *params) (any, *apiError) {
	u, err := a.user(r.PathValue("user_id"))
	if err != nil {
		return nil, err
	}
	return a.userJSON(u), nil
}

// updateUser serves PUT /users/{id}, a partial update.
func (a *account) updateUser(r *http.Request, p *params) (any, *apiError) {
	u, err := a.user(r.PathValue("user_id"))
	if err != nil {
		return nil, err
	}
	f, err := a.readUserFields(p)
	if err != nil {
		return nil, err
	}
	if f.email != "" {
		if err := a.checkEmail(f.email, u); err != nil {
			return nil, err
		}
	}
	u.apply(f)
	u.updated = a.now()
	return a.userJSON(u), nil
}

// deleteUser serves DELETE /users/{id}: the user leaves its groups too.
func (a *account) deleteUser(r *http.Request, _ *params) (any, *apiError) {
	u, err := a.user(r.PathValue("user_id"))
	if err != nil {
		return nil, err
	}
	delete(a.users, u.id)
	for _, g := range a.groups {
		g.members = slices.DeleteFunc(g.members, func(id string) bool { return id == u.id })
	}
	return message{Message: "ok"}, nil
}

// userGroups serves GET /users/{id}/groups.
func (a *account) userGroups(r *http.Request, _ *params) (any, *apiError) {
	u, err := a.user(r.PathValue("user_id"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"groups": a.groupsOf(u.id)}, nil
}

// userEnvironments serves GET /users/{id}/sub_accounts (OpenAPI
// SubAccountSummary items).
func (a *account) userEnvironments(r *http.Request, _ *params) (any, *apiError) {
	u, err := a.user(r.PathValue("user_id"))
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, env := range a.sortedEnvironments() {
		if u.canAccess(env.id) {
			out = append(out, map[string]any{"id": env.id, "name": env.name, "cloud_name": env.cloudName, "enabled": env.enabled})
		}
	}
	return map[string]any{"sub_accounts": out}, nil
}

func (u *user) canAccess(envID string) bool {
	return u.allSubAccounts || slices.Contains(u.subAccountIDs, envID)
}

// userFilter is what GET /users selects by. Every filter applies, ids
// included: the SDK tests filter by ids and pending (or prefix, or
// last_login) together and expect both to hold (PROVISIONING.md O-10..O-13),
// where the OpenAPI says ids override the rest.
type userFilter struct {
	ids, emails   []string
	prefix, envID string
	pending       *bool
	loggedIn      *bool
	from, to      time.Time
	excludeLogins bool
	sortBy        string
	desc          bool
}

func (a *account) readUserFilter(p *params) (userFilter, *apiError) {
	f := userFilter{ids: p.list("ids"), emails: p.list("emails"), prefix: strings.ToLower(p.get("prefix")),
		envID: p.get("sub_account_id"), sortBy: cmp.Or(p.get("sort_by"), "created_at"), desc: p.get("sort_order") == "desc"}
	var err *apiError
	if f.pending, err = p.optionalBool("pending"); err != nil {
		return f, err
	}
	switch p.get("status") {
	case "":
	case "pending", "active":
		pending := p.get("status") == "pending"
		f.pending = &pending
	default:
		return f, errBadRequest("status must be pending or active")
	}
	if f.loggedIn, err = p.optionalBool("last_login"); err != nil {
		return f, err
	}
	if f.from, err = lenientDate(p, "from"); err != nil {
		return f, err
	}
	if f.to, err = lenientDate(p, "to"); err != nil {
		return f, err
	}
	f.excludeLogins = p.get("union_type") == "exclude"
	if f.envID != "" && a.envs[f.envID] == nil {
		// Every SDK's test: 404 "Cannot find sub account with id <id>".
		return f, errNotFound("Cannot find sub account with id " + f.envID)
	}
	if _, ok := userSorts[f.sortBy]; !ok {
		return f, errBadRequest("sort_by must be one of name, role, status, activity, created_at")
	}
	return f, nil
}

// lenientDate reads a day in any of the forms the SDKs send: yyyy-mm-dd
// (the OpenAPI), dd-mm-yyyy (Ruby), ISO date-time (.NET) or Python's
// str(datetime).
func lenientDate(p *params, key string) (time.Time, *apiError) {
	v := p.get(key)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "02-01-2006", "2006-01-02T15:04:05", time.RFC3339, "2006-01-02 15:04:05.999999", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC().Truncate(24 * time.Hour), nil
		}
	}
	return time.Time{}, errBadRequest(key + " must be a date (yyyy-mm-dd)")
}

// loggedInWithin tells whether a user last logged in within from..to
// (whole days, either end open when zero).
func (f userFilter) loggedInWithin(u *user) bool {
	if u.lastLogin.IsZero() {
		return false
	}
	day := u.lastLogin.UTC().Truncate(24 * time.Hour)
	return (f.from.IsZero() || !day.Before(f.from)) && (f.to.IsZero() || !day.After(f.to))
}

func (f userFilter) matches(u *user) bool {
	switch {
	case len(f.ids) > 0 && !slices.Contains(f.ids, u.id):
	case len(f.emails) > 0 && !slices.ContainsFunc(f.emails, func(e string) bool { return strings.EqualFold(e, u.email) }):
	case f.prefix != "" && !strings.HasPrefix(strings.ToLower(u.name), f.prefix) && !strings.HasPrefix(strings.ToLower(u.email), f.prefix):
	case f.envID != "" && !u.canAccess(f.envID):
	case f.pending != nil && u.pending() != *f.pending:
	case f.loggedIn != nil && f.loggedInWithin(u) != (*f.loggedIn != f.excludeLogins):
	default:
		return true
	}
	return false
}

// userSorts are the orders GET /users takes in sort_by.
var userSorts = map[string]func(x, y *user) int{
	"name":       func(x, y *user) int { return strings.Compare(x.name, y.name) },
	"role":       func(x, y *user) int { return strings.Compare(x.role, y.role) },
	"status":     func(x, y *user) int { return cmp.Compare(boolRank(!x.pending()), boolRank(!y.pending())) },
	"activity":   func(x, y *user) int { return x.lastLogin.Compare(y.lastLogin) },
	"created_at": func(x, y *user) int { return x.created.Compare(y.created) },
}

// listUsers serves GET /users.
func (a *account) listUsers(_ *http.Request, p *params) (any, *apiError) {
	f, err := a.readUserFilter(p)
	if err != nil {
		return nil, err
	}
	var users []*user
	for _, u := range a.users {
		if f.matches(u) {
			users = append(users, u)
		}
	}
	order := userSorts[f.sortBy]
	slices.SortFunc(users, func(x, y *user) int {
		c := cmp.Or(order(x, y), x.seq-y.seq)
		if f.desc {
			return -c
		}
		return c
	})
	page, err := pageOf(p, users)
	if err != nil {
		return nil, err
	}
	out := make([]userJSON, 0, len(page))
	for _, u := range page {
		out = append(out, a.userJSON(u))
	}
	return map[string]any{"users": out}, nil
}

// MarkUserLoggedIn records that a user logged in now: it is no longer
// pending, its status is active and last_login is set (what the console's
// first login does; the API has no call for it).
func (e *Emulator) MarkUserLoggedIn(id string) error {
	a := e.account
	a.mu.Lock()
	defer a.mu.Unlock()
	u, err := a.user(id)
	if err != nil {
		return err
	}
	u.lastLogin = a.now()
	return nil
}
