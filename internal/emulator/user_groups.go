package emulator

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// userGroup is a group of users of the account.
type userGroup struct {
	id, name         string
	members          []string // user IDs, in the order they joined
	created, updated time.Time
	seq              int
}

// groupJSON is a UserGroup: id and name, and with extended_details its
// members and timestamps (OpenAPI UserGroup).
type groupJSON struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Users     []memberJSON `json:"users,omitempty"`
	CreatedAt string       `json:"created_at,omitempty"`
	UpdatedAt string       `json:"updated_at,omitempty"`
}

// memberJSON is a UserGroupUser.
type memberJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

func (a *account) groupJSON(g *userGroup, extended bool) groupJSON {
	out := groupJSON{ID: g.id, Name: g.name}
	if extended {
		out.Users, out.CreatedAt, out.UpdatedAt = a.members(g), timestamp(g.created), timestamp(g.updated)
		if out.Users == nil {
			out.Users = []memberJSON{}
		}
	}
	return out
}

func (a *account) members(g *userGroup) []memberJSON {
	out := make([]memberJSON, 0, len(g.members))
	for _, id := range g.members {
		if u := a.users[id]; u != nil {
			out = append(out, memberJSON{ID: u.id, Name: u.name, Email: u.email})
		}
	}
	return out
}

// sortedGroups lists the groups oldest first.
func (a *account) sortedGroups() []*userGroup {
	out := slices.Collect(maps.Values(a.groups))
	slices.SortFunc(out, func(x, y *userGroup) int { return x.seq - y.seq })
	return out
}

// groupsOf lists the groups a user is in, as {id, name} (PHP
// ProvisioningAccountTest testGetUserById).
func (a *account) groupsOf(userID string) []groupJSON {
	out := []groupJSON{}
	for _, g := range a.sortedGroups() {
		if slices.Contains(g.members, userID) {
			out = append(out, groupJSON{ID: g.id, Name: g.name})
		}
	}
	return out
}

func (a *account) group(r *http.Request) (*userGroup, *apiError) {
	id := r.PathValue("group_id")
	if g := a.groups[id]; g != nil {
		return g, nil
	}
	return nil, errNotFound("Cannot find user group with id " + id) // message assumed
}

// membership finds the group and the user a path's {group_id} and
// {user_id} name.
func (a *account) membership(r *http.Request) (*userGroup, *user, *apiError) {
	g, err := a.group(r)
	if err != nil {
		return nil, nil, err
	}
	u, err := a.user(r.PathValue("user_id"))
	return g, u, err
}

// checkGroupName refuses a name another group has (409 and message assumed:
// the API's rule is undocumented).
func (a *account) checkGroupName(name string, self *userGroup) *apiError {
	if name == "" {
		return errBadRequest("Missing required parameter - name")
	}
	for _, g := range a.groups {
		if g != self && strings.EqualFold(g.name, name) {
			return errConflict("A user group named " + name + " already exists")
		}
	}
	return nil
}

// listGroups serves GET /user_groups.
func (a *account) listGroups(_ *http.Request, p *params) (any, *apiError) {
	extended, err := p.optionalBool("extended_details")
	if err != nil {
		return nil, err
	}
	out := []groupJSON{}
	for _, g := range a.sortedGroups() {
		out = append(out, a.groupJSON(g, extended != nil && *extended))
	}
	return map[string]any{"user_groups": out}, nil
}

// createGroup serves POST /user_groups.
func (a *account) createGroup(_ *http.Request, p *params) (any, *apiError) {
	name := p.get("name")
	if err := a.checkGroupName(name, nil); err != nil {
		return nil, err
	}
	now := a.now()
	g := &userGroup{id: a.root.randUUID(), name: name, created: now, updated: now, seq: a.next()}
	a.groups[g.id] = g
	return a.groupJSON(g, false), nil
}

// getGroup serves GET /user_groups/{id}.
func (a *account) getGroup(r *http.Request, p *params) (any, *apiError) {
	g, err := a.group(r)
	if err != nil {
		return nil, err
	}
	extended, err := p.optionalBool("extended_details")
	if err != nil {
		return nil, err
	}
	return a.groupJSON(g, extended != nil && *extended), nil
}

// updateGroup serves PUT /user_groups/{id}: a new name.
func (a *account) updateGroup(r *http.Request, p *params) (any, *apiError) {
	g, err := a.group(r)
	if err != nil {
		return nil, err
	}
	if err := a.checkGroupName(p.get("name"), g); err != nil {
		return nil, err
	}
	g.name, g.updated = p.get("name"), a.now()
	return a.groupJSON(g, false), nil
}

// deleteGroup serves DELETE /user_groups/{id}, which answers {"ok":true},
// not {"message":"ok"} (pycloudinary test_provisioning_api teardown,
// cloudinary_npm account_spec "notice the different response structure",
// the Ruby, Java and .NET tests); its users stay.
func (a *account) deleteGroup(r *http.Request, _ *params) (any, *apiError) {
	g, err := a.group(r)
	if err != nil {
		return nil, err
	}
	delete(a.groups, g.id)
	return map[string]bool{"ok": true}, nil
}

// groupMembers serves GET /user_groups/{id}/users.
func (a *account) groupMembers(r *http.Request, _ *params) (any, *apiError) {
	g, err := a.group(r)
	if err != nil {
		return nil, err
	}
	return map[string]any{"users": a.members(g)}, nil
}

// addGroupMember serves POST /user_groups/{id}/users/{user_id}. It answers
// every member, {"users":[...]}, as every SDK's test reads it (pycloudinary
// test_add_remove_user_from_group, cloudinary_npm account_spec, PHP
// ProvisioningUserGroupTest testAddUserToGroup, .NET
// TestAddAndRemoveUserFromGroup), where the OpenAPI describes one
// UserGroupUser. Adding a member twice changes nothing (assumed).
func (a *account) addGroupMember(r *http.Request, _ *params) (any, *apiError) {
	g, u, err := a.membership(r)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(g.members, u.id) {
		g.members = append(g.members, u.id)
		g.updated = a.now()
	}
	return map[string]any{"users": a.members(g)}, nil
}

// removeGroupMember serves DELETE /user_groups/{id}/users/{user_id}: the
// remaining members (OpenAPI example UserGroupUsersNoJohn). Removing a user
// who is not a member answers 404 (assumed).
func (a *account) removeGroupMember(r *http.Request, _ *params) (any, *apiError) {
	g, u, err := a.membership(r)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(g.members, u.id) {
		return nil, errNotFound("User " + u.id + " is not a member of user group " + g.id)
	}
	g.members = slices.DeleteFunc(g.members, func(id string) bool { return id == u.id })
	g.updated = a.now()
	return map[string]any{"users": a.members(g)}, nil
}
