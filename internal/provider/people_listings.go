package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// peopleListings are the run's listings of the account's users, user groups
// and group members, through the Provisioning API: a plan of many users,
// groups and memberships reads one listing of users, one of groups and one
// of each group's members, not one call per resource. Writes update them.
type peopleListings struct {
	users   *listCache[client.User]              // by user ID
	groups  *listCache[client.UserGroup]         // by group ID
	members *scopedListCache[client.GroupMember] // by group ID, then by user ID
}

func newPeopleListings(c *client.AccountClient) *peopleListings {
	return &peopleListings{
		users: newListCache(func(ctx context.Context) (map[string]client.User, error) {
			list, err := c.ListUsers(ctx, client.UserFilter{})
			return indexBy(list, func(u client.User) string { return u.ID }), err
		}),
		groups: newListCache(func(ctx context.Context) (map[string]client.UserGroup, error) {
			list, err := c.ListUserGroups(ctx)
			return indexBy(list, func(g client.UserGroup) string { return g.ID }), err
		}),
		members: newScopedListCache(func(ctx context.Context, groupID string) (map[string]client.GroupMember, error) {
			list, err := c.ListGroupMembers(ctx, groupID)
			if client.IsNotFound(err) {
				return map[string]client.GroupMember{}, nil // the group is gone, and its memberships with it
			}
			return indexBy(list, func(m client.GroupMember) string { return m.ID }), err
		}),
	}
}

// people returns the run's listings of the account's people, with the
// account client, or ok false (diags then says why) when the provider has
// no account credentials.
func (pd *providerData) people(diags *diag.Diagnostics) (*client.AccountClient, *peopleListings, bool) {
	c, ok := pd.account(diags)
	if !ok {
		return nil, nil, false
	}
	pd.peopleOnce.Do(func() { pd.peopleLists = newPeopleListings(c) })
	return c, pd.peopleLists, true
}

// peopleState is what providerData holds for people: the listings, made on
// first use, since only configurations with account credentials need them.
type peopleState struct {
	peopleOnce  sync.Once
	peopleLists *peopleListings
}

// lookUpPerson finds the account object of a resource's read with get, a
// listing of this run. An error fails the read; an object the listing lacks
// leaves the state (dropGoneFromAccount): the listing answered, so the
// account is known to answer and the object is gone. ok is false when the
// read is over.
func lookUpPerson[T any](ctx context.Context, resp *resource.ReadResponse, kind, key string,
	get func(context.Context, string) (T, bool, error)) (object T, ok bool) {
	object, found, err := get(ctx, key)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Cannot read "+kind, err.Error())
	case !found:
		dropGoneFromAccount(ctx, resp)
	}
	return object, err == nil && found
}

// readPersonByID begins the read of an account object that the state's id
// names: it records the identity and finds the object in the run's listing
// that listing picks. ok is false when the read is over (lookUpPerson).
func readPersonByID[T any](ctx context.Context, pd *providerData, req resource.ReadRequest, resp *resource.ReadResponse,
	kind string, listing func(*peopleListings) *listCache[T]) (object T, ok bool) {
	var id string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	_, people, configured := pd.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !configured {
		return object, false
	}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": id})...)
	return lookUpPerson(ctx, resp, kind, id, listing(people).get)
}
