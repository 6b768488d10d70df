package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*userGroupResource)(nil)
	_ resource.ResourceWithImportState = (*userGroupResource)(nil)
	_ resource.ResourceWithIdentity    = (*userGroupResource)(nil)
)

func newUserGroupResource() resource.Resource { return &userGroupResource{} }

type userGroupResource struct{ resourceBase }

type userGroupModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

func userGroupModelFrom(g client.UserGroup) userGroupModel {
	return userGroupModel{ID: types.StringValue(g.ID), Name: types.StringValue(g.Name)}
}

func (r *userGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_group"
}

func (r *userGroupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"id", "Cloudinary's ID of the user group."})
}

func (r *userGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A group of the account's users, managed with the account credentials (Provisioning API). " +
			"Its members are `cloudinary_user_group_membership` resources, one per user, so that members added in the " +
			"console stay.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Cloudinary's ID of the group, an import ID (the name is another)."},
			"name": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The group's name. Changes in place."},
		},
	}
}

func (r *userGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	name := plan.Name.ValueString()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("name"), "user group", name) {
		return
	}
	g, err := c.CreateUserGroup(ctx, name)
	if client.IsAlreadyExists(err) {
		// A group's answers carry no creation time to compare with the
		// call's: when an earlier attempt's answer was lost, the group of
		// this name is taken as the one it made.
		group := existingObject{what: fmt.Sprintf("The user group %q", name), resourceType: "cloudinary_user_group", importID: name, key: "name"}
		var existing client.UserGroup
		err = group.adoptOnlyOwnAfter(err, func() (bool, error) {
			groups, listErr := c.ListUserGroups(ctx)
			if listErr != nil {
				return false, listErr
			}
			named, ok, nameErr := groupNamed(groups, name)
			existing = named
			return ok, nameErr
		})
		g = existing
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create user group", err)
		return
	}
	recordGroup(ctx, people, g, &resp.State, resp.Identity, &resp.Diagnostics)
}

// recordGroup records a group as Cloudinary holds it after a write.
func recordGroup(ctx context.Context, people *peopleListings, g client.UserGroup, state stateSetter, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	people.groups.put(g.ID, g)
	diags.Append(state.Set(ctx, userGroupModelFrom(g))...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"id": g.ID})...)
}

// groupNamed finds the group of a name among groups. Nothing says that
// Cloudinary keeps group names unique: two groups of the name are an error.
func groupNamed(all []client.UserGroup, name string) (client.UserGroup, bool, error) {
	var found []client.UserGroup
	for _, g := range all {
		if g.Name == name {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 0:
		return client.UserGroup{}, false, nil
	case 1:
		return found[0], true, nil
	}
	return client.UserGroup{}, false, fmt.Errorf("%d user groups are named %q; use the ID of one", len(found), name)
}

// Read takes the group from the run's one listing of groups.
func (r *userGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	groups := func(p *peopleListings) *listCache[client.UserGroup] { return p.groups }
	if g, found := readPersonByID(ctx, r.data, req, resp, "user group", groups); found {
		resp.Diagnostics.Append(resp.State.Set(ctx, userGroupModelFrom(g))...)
	}
}

func (r *userGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan userGroupModel
	var id string
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	c, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	g, err := c.UpdateUserGroup(ctx, id, plan.Name.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot rename user group", err.Error())
		return
	}
	recordGroup(ctx, people, g, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *userGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	c, people, ok := r.data.people(&resp.Diagnostics)
	if !ok {
		return
	}
	deleteByKey(ctx, req, resp, "id", "user group", c.DeleteUserGroup, people.groups)
}

// ImportState takes a group's ID or its name, looked up in the run's
// listing of groups: an ID first, else a name.
func (r *userGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		importByNaturalKey(ctx, req, resp, "id") // an identity, which holds the ID
		return
	}
	_, people, ok := r.data.people(&resp.Diagnostics)
	if !ok {
		return
	}
	g, found, err := people.groups.get(ctx, req.ID)
	if err == nil && !found {
		g, err = groupNamedInListing(ctx, people, req.ID)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot import user group", fmt.Sprintf("No user group has the ID %q, and by name: %v.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), g.ID)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": g.ID})...)
}
