package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// UserGroup is a group of users of the account.
type UserGroup struct {
	ID   string
	Name string
}

// GroupMember is a user as a group lists it.
type GroupMember struct {
	ID    string
	Name  string
	Email string
}

type userGroupAnswer struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (a userGroupAnswer) group() UserGroup { return UserGroup(a) }

type groupMemberAnswer struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type userGroupBody struct {
	Name string `json:"name"`
}

// groupMembersAnswer reads the members of a group: {"users":[...]}, as
// the listing answers and as adding or removing a member answers in every
// official SDK's test, or a single member, as Cloudinary's OpenAPI
// describes the answer to adding one.
type groupMembersAnswer struct {
	Users *[]groupMemberAnswer `json:"users"`
	groupMemberAnswer
}

func (a groupMembersAnswer) members() []GroupMember {
	answers := []groupMemberAnswer{}
	switch {
	case a.Users != nil:
		answers = *a.Users
	case a.ID != "":
		answers = append(answers, a.groupMemberAnswer)
	}
	members := make([]GroupMember, 0, len(answers))
	for _, m := range answers {
		members = append(members, GroupMember(m))
	}
	return members
}

func userGroupPath(id string) string { return "/user_groups/" + segment(id) }

func groupMembersPath(groupID string) string { return userGroupPath(groupID) + "/users" }

// ListUserGroups returns the account's user groups.
func (c *AccountClient) ListUserGroups(ctx context.Context) ([]UserGroup, error) {
	var out struct {
		UserGroups []userGroupAnswer `json:"user_groups"`
	}
	if err := c.call(ctx, http.MethodGet, "/user_groups", nil, nil, &out); err != nil {
		return nil, fmt.Errorf("listing the user groups: %w", err)
	}
	groups := make([]UserGroup, 0, len(out.UserGroups))
	for _, a := range out.UserGroups {
		groups = append(groups, a.group())
	}
	return groups, nil
}

// GetUserGroup returns one user group by ID.
func (c *AccountClient) GetUserGroup(ctx context.Context, id string) (UserGroup, error) {
	if err := required("its ID", id); err != nil {
		return UserGroup{}, fmt.Errorf("reading a user group: %w", err)
	}
	var out userGroupAnswer
	if err := c.call(ctx, http.MethodGet, userGroupPath(id), nil, nil, &out); err != nil {
		return UserGroup{}, fmt.Errorf("reading the user group %q: %w", id, err)
	}
	return out.group(), nil
}

// CreateUserGroup creates a user group. Nothing says that group names are
// unique, so the create is not retried once it may have reached Cloudinary.
func (c *AccountClient) CreateUserGroup(ctx context.Context, name string) (UserGroup, error) {
	if err := required("its name", name); err != nil {
		return UserGroup{}, fmt.Errorf("creating a user group: %w", err)
	}
	var out userGroupAnswer
	if err := c.create(ctx, "/user_groups", userGroupBody{Name: name}, false, &out); err != nil {
		return UserGroup{}, fmt.Errorf("creating the user group %q: %w", name, err)
	}
	return out.group(), nil
}

// UpdateUserGroup renames a user group.
func (c *AccountClient) UpdateUserGroup(ctx context.Context, id, name string) (UserGroup, error) {
	if err := errors.Join(required("its ID", id), required("its name", name)); err != nil {
		return UserGroup{}, fmt.Errorf("updating a user group: %w", err)
	}
	var out userGroupAnswer
	if err := c.call(ctx, http.MethodPut, userGroupPath(id), nil, userGroupBody{Name: name}, &out); err != nil {
		return UserGroup{}, fmt.Errorf("updating the user group %q: %w", id, err)
	}
	return out.group(), nil
}

// DeleteUserGroup deletes a user group; its users stay. Cloudinary answers
// {"ok":true} (not {"message":"ok"}: the official SDKs' tests say so), and
// an answer that says "ok":false is a failure.
func (c *AccountClient) DeleteUserGroup(ctx context.Context, id string) error {
	if err := required("its ID", id); err != nil {
		return fmt.Errorf("deleting a user group: %w", err)
	}
	var out struct {
		OK *lenientBool `json:"ok"`
	}
	if err := c.call(ctx, http.MethodDelete, userGroupPath(id), nil, nil, &out); err != nil {
		return fmt.Errorf("deleting the user group %q: %w", id, err)
	}
	if out.OK != nil && !*out.OK {
		return fmt.Errorf("deleting the user group %q: Cloudinary answered that it did not", id)
	}
	return nil
}

// ListGroupMembers returns the users of a group.
func (c *AccountClient) ListGroupMembers(ctx context.Context, groupID string) ([]GroupMember, error) {
	if err := required("the group ID", groupID); err != nil {
		return nil, fmt.Errorf("listing the members of a user group: %w", err)
	}
	var out groupMembersAnswer
	if err := c.call(ctx, http.MethodGet, groupMembersPath(groupID), nil, nil, &out); err != nil {
		return nil, fmt.Errorf("listing the members of the user group %q: %w", groupID, err)
	}
	return out.members(), nil
}

// AddGroupMember adds a user to a group and returns the group's members.
func (c *AccountClient) AddGroupMember(ctx context.Context, groupID, userID string) ([]GroupMember, error) {
	return c.changeMembership(ctx, http.MethodPost, "adding", groupID, userID)
}

// RemoveGroupMember removes a user from a group and returns the members
// that remain.
func (c *AccountClient) RemoveGroupMember(ctx context.Context, groupID, userID string) ([]GroupMember, error) {
	return c.changeMembership(ctx, http.MethodDelete, "removing", groupID, userID)
}

func (c *AccountClient) changeMembership(ctx context.Context, method, doing, groupID, userID string) ([]GroupMember, error) {
	if err := errors.Join(required("the group ID", groupID), required("the user ID", userID)); err != nil {
		return nil, fmt.Errorf("%s a user group member: %w", doing, err)
	}
	var out groupMembersAnswer
	if err := c.call(ctx, method, groupMembersPath(groupID)+"/"+segment(userID), nil, nil, &out); err != nil {
		return nil, fmt.Errorf("%s the user %q of the user group %q: %w", doing, userID, groupID, err)
	}
	return out.members(), nil
}
