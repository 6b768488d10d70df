package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*userGroupMembershipResource)(nil)
	_ resource.ResourceWithImportState = (*userGroupMembershipResource)(nil)
	_ resource.ResourceWithIdentity    = (*userGroupMembershipResource)(nil)
)

func newUserGroupMembershipResource() resource.Resource { return &userGroupMembershipResource{} }

// userGroupMembershipResource is one user's membership of one group: a
// group's other members, such as those added in the console, are not this
// resource's business.
type userGroupMembershipResource struct{ resourceBase }

type userGroupMembershipModel struct {
	ID      types.String `tfsdk:"id"`
	GroupID types.String `tfsdk:"group_id"`
	UserID  types.String `tfsdk:"user_id"`
}

// membership names one user's membership of one group.
type membership struct{ groupID, userID string }

// membershipID is a membership's ID and import ID: `<group_id>/<user_id>`.
func (m membership) id() string { return m.groupID + "/" + m.userID }

func (m membership) model() userGroupMembershipModel {
	return userGroupMembershipModel{ID: types.StringValue(m.id()), GroupID: types.StringValue(m.groupID), UserID: types.StringValue(m.userID)}
}

func (m membership) identity() map[string]string {
	return map[string]string{"group_id": m.groupID, "user_id": m.userID}
}

// parseMembershipID reads an import ID `<group_id>/<user_id>`.
func parseMembershipID(id string) (membership, error) {
	group, user, ok := strings.Cut(id, "/")
	if !ok || group == "" || user == "" || strings.Contains(user, "/") {
		return membership{}, fmt.Errorf("the import ID of a membership is <group_id>/<user_id>, such as "+
			"\"0f1e2d3c4b5a69788796a5b4c3d2e1f0/0abed8dfcc039ea05e2a1d494fd442\"; got %q", id)
	}
	return membership{groupID: group, userID: user}, nil
}

func (r *userGroupMembershipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_group_membership"
}

func (r *userGroupMembershipResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(
		identityAttribute{"group_id", "Cloudinary's ID of the user group."},
		identityAttribute{"user_id", "Cloudinary's ID of the user."},
	)
}

func (r *userGroupMembershipResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	// An ID with a slash could not be told apart in the import ID.
	anID := []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^/]+$`), "must not be empty or contain a slash")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One user's membership of one user group, managed with the account credentials (Provisioning " +
			"API). Each membership is its own resource: members of the group that Terraform does not manage, such as those " +
			"added in the console, are left as they are.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "`<group_id>/<user_id>`, the import ID."},
			"group_id": schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: anID,
				MarkdownDescription: "The ID of the user group (`cloudinary_user_group`'s `id`). Changing it replaces the membership."},
			"user_id": schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: anID,
				MarkdownDescription: "The ID of the user (`cloudinary_user`'s `id`). Changing it replaces the membership."},
		},
	}
}

func (r *userGroupMembershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userGroupMembershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	m := membership{groupID: plan.GroupID.ValueString(), userID: plan.UserID.ValueString()}
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("user_id"), "membership", m.id()) {
		return
	}
	existing := existingObject{what: "The membership " + m.id(), resourceType: "cloudinary_user_group_membership", importID: m.id(), key: "user_id or group_id"}
	if _, member, err := people.members.in(m.groupID).get(ctx, m.userID); err == nil && member {
		// Adding is not refused for a member: the membership is someone
		// else's, made before this apply.
		resp.Diagnostics.AddError("Cannot add user to group", existing.notInState(fmt.Errorf("user %s is already a member of group %s", m.userID, m.groupID)).Error())
		return
	}
	members, err := c.AddGroupMember(ctx, m.groupID, m.userID)
	if client.IsAlreadyExists(err) {
		err = existing.adoptOnlyOwnAfter(err, func() (bool, error) { return true, nil })
		if err == nil {
			members, err = c.ListGroupMembers(ctx, m.groupID)
		}
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot add user to group", err)
		return
	}
	recordMembers(people, m.groupID, members)
	if !slices.ContainsFunc(members, func(g client.GroupMember) bool { return g.ID == m.userID }) {
		resp.Diagnostics.AddError("User not added to group",
			fmt.Sprintf("Cloudinary answered the addition of user %s to group %s without the user among its members.", m.userID, m.groupID))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m.model())...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, m.identity())...)
}

// recordMembers records a group's members as a write's answer gives them
// all.
func recordMembers(people *peopleListings, groupID string, members []client.GroupMember) {
	listing := people.members.in(groupID)
	for _, member := range members {
		listing.put(member.ID, member)
	}
}

// Read finds the user among the group's members, from the run's one
// listing of the group's members: a group gone from the run's listing of
// groups has no members.
func (r *userGroupMembershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userGroupMembershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	_, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	m := membership{groupID: state.GroupID.ValueString(), userID: state.UserID.ValueString()}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, m.identity())...)
	if _, found := lookUpPerson(ctx, resp, "user group", m.groupID, people.groups.get); !found {
		return
	}
	if _, found := lookUpPerson(ctx, resp, "membership", m.userID, people.members.in(m.groupID).get); found {
		resp.Diagnostics.Append(resp.State.Set(ctx, m.model())...)
	}
}

// Update never runs: both attributes replace the membership.
func (r *userGroupMembershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Memberships do not change", "Both attributes of a membership replace it. This is a bug in the provider; please report it.")
}

func (r *userGroupMembershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userGroupMembershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	m := membership{groupID: state.GroupID.ValueString(), userID: state.UserID.ValueString()}
	if _, err := c.RemoveGroupMember(ctx, m.groupID, m.userID); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot remove user from group", err.Error())
		return
	}
	people.members.in(m.groupID).forget(m.userID)
}

func (r *userGroupMembershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var m membership
	if req.ID == "" && req.Identity != nil {
		parts, diags := identityParts(ctx, req.Identity, "group_id", "user_id")
		resp.Diagnostics.Append(diags...)
		m = membership{groupID: parts["group_id"], userID: parts["user_id"]}
	} else {
		var err error
		if m, err = parseMembershipID(req.ID); err != nil {
			resp.Diagnostics.AddError("Invalid import ID", err.Error())
			return
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m.model())...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, m.identity())...)
}
