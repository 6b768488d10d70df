package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newUserGroupMembershipListResource() list.ListResource {
	return &listResource{
		typeName: "_user_group_membership",
		description: "Lists the memberships of the account's user groups, with one Provisioning API call (account " +
			"credentials) for the groups and one per group listed. Each result's identity is the group's and the user's ID.",
		filters: map[string]listschema.Attribute{
			"group_id": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only the memberships of the group of this ID."},
		},
		ofAccount: true,
		find:      findUserGroupMemberships,
	}
}

func findUserGroupMemberships(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	only := stringFilter(ctx, req.config, "group_id", &diags)
	_, people, ok := d.people(&diags)
	if diags.HasError() || !ok {
		return nil, diags
	}
	groups, err := people.groups.snapshot(ctx)
	if err != nil {
		diags.AddError("Cannot list user groups", err.Error())
		return nil, diags
	}
	keep := func(g client.UserGroup) bool { return only == "" || g.ID == only }
	var out []listedObject
	for _, g := range selected(groups, func(g client.UserGroup) string { return g.Name + "\x00" + g.ID }, keep, 0) {
		members := listedFrom(ctx, people.members.in(g.ID), fmt.Sprintf("the members of user group %s", g.ID),
			func(m client.GroupMember) string { return m.Email }, func(client.GroupMember) bool { return true }, 0,
			func(m client.GroupMember) listedObject { return listedMembership(g, m) }, &diags)
		out = append(out, members...)
		if diags.HasError() || (req.limit > 0 && len(out) >= req.limit) {
			break
		}
	}
	return out, diags
}

// listedMembership is the membership of a member of a group.
func listedMembership(g client.UserGroup, member client.GroupMember) listedObject {
	m := membership{groupID: g.ID, userID: member.ID}
	return listedObject{
		identity: m.identity(),
		display:  g.Name + " ∋ " + member.Name + " <" + member.Email + ">",
		state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
			return into.Set(ctx, m.model())
		},
	}
}
