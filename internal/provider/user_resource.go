package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*userResource)(nil)
	_ resource.ResourceWithImportState    = (*userResource)(nil)
	_ resource.ResourceWithIdentity       = (*userResource)(nil)
	_ resource.ResourceWithValidateConfig = (*userResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*userResource)(nil)
)

func newUserResource() resource.Resource { return &userResource{} }

type userResource struct{ resourceBase }

type userModel struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	Email                  types.String `tfsdk:"email"`
	Role                   types.String `tfsdk:"role"`
	Enabled                types.Bool   `tfsdk:"enabled"`
	ProductEnvironments    types.Set    `tfsdk:"product_environments"`
	AllProductEnvironments types.Bool   `tfsdk:"all_product_environments"`
	Pending                types.Bool   `tfsdk:"pending"`
	Status                 types.String `tfsdk:"status"`
	LastLogin              types.String `tfsdk:"last_login"`
	CreatedAt              types.String `tfsdk:"created_at"`
}

// masterAdmin is the role that reaches every product environment: Cloudinary
// ignores a master admin's product environments (the OpenAPI's UserRequest
// sub_account_ids: "Ignored if the role is master_admin").
const masterAdmin = "master_admin"

// userRoles are the roles the OpenAPI's UserRequest enumerates.
var userRoles = []string{masterAdmin, "admin", "billing", "technical_admin", "reports", "media_library_admin", "media_library_user"}

// userModelFrom is the state of a user as Cloudinary holds it. A master
// admin's product environments are recorded empty, whatever Cloudinary keeps
// of them, since they do not apply.
func userModelFrom(u client.User) userModel {
	environments := slices.Clone(u.ProductEnvironmentIDs)
	if u.Role == masterAdmin {
		environments = nil
	}
	slices.Sort(environments)
	return userModel{
		ID: types.StringValue(u.ID), Name: types.StringValue(u.Name), Email: types.StringValue(u.Email),
		Role: types.StringValue(u.Role), Enabled: types.BoolValue(u.Enabled),
		ProductEnvironments:    stringSet(nonNilStrings(environments)),
		AllProductEnvironments: types.BoolValue(u.AllProductEnvironments),
		Pending:                types.BoolValue(u.Pending), Status: optionalString(u.Status),
		LastLogin: optionalString(u.LastLogin), CreatedAt: optionalString(u.CreatedAt),
	}
}

// params are the model's user settings as the client sends them: all of
// them, the product environments included (an empty list gives access to
// all of them).
func (m userModel) params(ctx context.Context, diags *diag.Diagnostics) client.UserParams {
	environments, _, d := knownStrings(ctx, m.ProductEnvironments)
	diags.Append(d...)
	return client.UserParams{
		Name: m.Name.ValueString(), Email: m.Email.ValueString(), Role: m.Role.ValueString(),
		ProductEnvironmentIDs: nonNilStrings(environments), Enabled: boolPtr(m.Enabled),
	}
}

// notKept names the settings that m, the plan, gives and got, Cloudinary's
// answer, does not hold.
func (m userModel) notKept(got userModel) []string {
	var out []string
	for name, same := range map[string]bool{
		"name": m.Name.Equal(got.Name), "email": m.Email.Equal(got.Email), "role": m.Role.Equal(got.Role),
		"enabled":              !known(m.Enabled) || m.Enabled.Equal(got.Enabled),
		"product_environments": !known(m.ProductEnvironments) || m.Role.ValueString() == masterAdmin || m.ProductEnvironments.Equal(got.ProductEnvironments),
	} {
		if !same {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// keepingChangedByThemselves is got with the values that change without
// Terraform (a user accepting the invitation, logging in) as planned: the
// plan carries the state's, and an apply must record what it planned. The
// next refresh records the new ones.
func (m userModel) keepingChangedByThemselves(got userModel) userModel {
	if known(m.Pending) {
		got.Pending = m.Pending
	}
	if !m.Status.IsUnknown() {
		got.Status = m.Status
	}
	if !m.LastLogin.IsUnknown() {
		got.LastLogin = m.LastLogin
	}
	return got
}

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"id", "Cloudinary's ID of the user."})
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user of the Cloudinary account, managed with the account credentials (Provisioning API). " +
			"**Creating a user sends an invitation email** to `email`: the user stays pending until they accept it and set a " +
			"password. An account on a plan with a user limit refuses users beyond it, with Cloudinary's message.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Cloudinary's ID of the user, an import ID (the email is another)."},
			"name": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The user's name. Changes in place."},
			"email": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(3)},
				MarkdownDescription: "The user's email address, their login name and where Cloudinary sends the invitation; " +
					"unique in the account. Changes in place."},
			"role": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(userRoles...)},
				MarkdownDescription: "The user's role: `master_admin`, `admin`, `billing`, `technical_admin`, `reports`, " +
					"`media_library_admin` or `media_library_user`. Changes in place."},
			"enabled": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the user can log in. Defaults to `true`. Changes in place."},
			"product_environments": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				Default: setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				MarkdownDescription: "The IDs of the product environments the user can access (`cloudinary_product_environment`'s " +
					"`id`). Empty or unset gives access to all of them, including those created later. Cloudinary ignores it for " +
					"a `master_admin`, who reaches every environment, so setting both is refused at plan time. Changes in place, " +
					"except from a list back to empty, which the Provisioning API cannot do (refused at plan time)."},
			"all_product_environments": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the user reaches every product environment: a `master_admin`, or a user with no " +
					"`product_environments`."},
			"pending": schema.BoolAttribute{Computed: true, PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Whether the user has not yet accepted the invitation. It changes by itself; refreshes record it."},
			"status": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Cloudinary's status of the user, such as `pending` or `active`. It changes by itself; refreshes record it."},
			"last_login": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "When the user last logged in (RFC 3339); null if never. It changes by itself; refreshes record it."},
			"created_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the user was created."},
		},
	}
}

// ValidateConfig refuses product environments for a master admin, which
// Cloudinary would ignore, leaving a plan that never settles.
func (r *userResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var role types.String
	var environments types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("role"), &role)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("product_environments"), &environments)...)
	if resp.Diagnostics.HasError() || !known(role) || !known(environments) {
		return
	}
	if role.ValueString() == masterAdmin && len(environments.Elements()) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("product_environments"), "Product environments of a master admin",
			"A master_admin reaches every product environment: Cloudinary ignores product_environments for that role. "+
				"Remove product_environments, or choose another role.")
	}
}

// ModifyPlan works out all_product_environments from the plan, as
// Cloudinary does: a master admin, or a user with no product environments,
// reaches them all.
func (r *userResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all := types.BoolUnknown()
	switch {
	case known(plan.Role) && plan.Role.ValueString() == masterAdmin:
		all = types.BoolValue(true)
	case known(plan.ProductEnvironments):
		all = types.BoolValue(len(plan.ProductEnvironments.Elements()) == 0)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("all_product_environments"), all)...)
	refuseRegainingEveryEnvironment(ctx, req.State, plan, &resp.Diagnostics)
}

// refuseRegainingEveryEnvironment stops a plan that empties the product
// environments of a user who has some, other than by making them a master
// admin: the Provisioning API reads an empty sub_account_ids as "not sent"
// (the parameter is optional on update: OpenAPI UserRequest), so such an
// update would leave the user's access as it is and fail after the call.
func refuseRegainingEveryEnvironment(ctx context.Context, state tfsdk.State, plan userModel, diags *diag.Diagnostics) {
	if state.Raw.IsNull() || !known(plan.ProductEnvironments) || len(plan.ProductEnvironments.Elements()) > 0 ||
		!known(plan.Role) || plan.Role.ValueString() == masterAdmin {
		return
	}
	var before types.Set
	diags.Append(state.GetAttribute(ctx, path.Root("product_environments"), &before)...)
	if !known(before) || len(before.Elements()) == 0 {
		return
	}
	diags.AddAttributeError(path.Root("product_environments"), "Access to every product environment cannot be given back",
		"This user reaches only the product environments listed in its state. Cloudinary's Provisioning API has no way to "+
			"return a user to all product environments once it lists some: an empty product_environments is not sent. "+
			"List every environment the user needs, or give the user access to all of them in the Cloudinary console and "+
			"then remove product_environments from the configuration.")
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	params, started := plan.params(ctx, &resp.Diagnostics), time.Now()
	if resp.Diagnostics.HasError() || !r.data.creating.claim(&resp.Diagnostics, path.Root("email"), "user with email", params.Email) {
		return
	}
	u, err := c.CreateUser(ctx, params)
	if client.IsAlreadyExists(err) {
		u, err = adoptOwnUser(ctx, c, params.Email, err, started)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create user", err)
		return
	}
	recordUser(ctx, people, plan, userModelFrom(u), u, &resp.State, resp.Identity, &resp.Diagnostics)
}

// adoptOwnUser handles a conflict on create: the user with this email is
// the call's own when an earlier attempt may have made it and Cloudinary
// made it while the call ran.
func adoptOwnUser(ctx context.Context, c *client.AccountClient, email string, conflict error, started time.Time) (client.User, error) {
	found, err := c.ListUsers(ctx, client.UserFilter{Emails: []string{email}})
	if err != nil {
		return client.User{}, fmt.Errorf("%w (and listing users by email failed: %w)", conflict, err)
	}
	i := slices.IndexFunc(found, func(u client.User) bool { return strings.EqualFold(u.Email, email) })
	if i < 0 {
		return client.User{}, conflict
	}
	existing := found[i]
	user := existingObject{what: fmt.Sprintf("A user with email %q", email), resourceType: "cloudinary_user", importID: email, key: "email"}
	err = user.adoptOnlyOwnAfter(conflict, func() (bool, error) {
		return createdByThisCall(existing.CreatedAt, answeredAt(conflict), time.Since(started)), nil
	})
	return existing, err
}

// recordUser records what Cloudinary holds after a write, got (from the
// answer u), in the state, the identity and the run's listing, with an
// error naming the planned settings that Cloudinary did not keep.
func recordUser(ctx context.Context, people *peopleListings, plan, got userModel, u client.User, state stateSetter,
	identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	people.users.put(u.ID, u)
	diags.Append(state.Set(ctx, got)...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"id": u.ID})...)
	if notKept := plan.notKept(got); len(notKept) > 0 {
		diags.AddError("Cloudinary did not keep some settings",
			fmt.Sprintf("User %s was written, but Cloudinary holds other values for: %s. Terraform records what Cloudinary "+
				"holds, so the next plan shows the difference.", u.ID, strings.Join(notKept, ", ")))
	}
}

// Read takes the user from the run's one listing of users.
func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	users := func(p *peopleListings) *listCache[client.User] { return p.users }
	if u, found := readPersonByID(ctx, r.data, req, resp, "user", users); found {
		resp.Diagnostics.Append(resp.State.Set(ctx, userModelFrom(u))...)
	}
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan userModel
	var id string
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	c, people, ok := r.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	params := plan.params(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := c.UpdateUser(ctx, id, params)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update user", err.Error())
		return
	}
	got := plan.keepingChangedByThemselves(userModelFrom(u))
	recordUser(ctx, people, plan, got, u, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	c, people, ok := r.data.people(&resp.Diagnostics)
	if !ok {
		return
	}
	deleteByKey(ctx, req, resp, "id", "user", c.DeleteUser, people.users)
}

// ImportState takes a user's ID, or its email (anything with an @), which
// one listing of users by email turns into the ID.
func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !strings.Contains(req.ID, "@") {
		importByNaturalKey(ctx, req, resp, "id")
		return
	}
	c, _, ok := r.data.people(&resp.Diagnostics)
	if !ok {
		return
	}
	found, err := c.ListUsers(ctx, client.UserFilter{Emails: []string{req.ID}})
	if err != nil {
		resp.Diagnostics.AddError("Cannot import user", fmt.Sprintf("Looking up the user with email %q: %v", req.ID, err))
		return
	}
	i := slices.IndexFunc(found, func(u client.User) bool { return strings.EqualFold(u.Email, req.ID) })
	if i < 0 {
		resp.Diagnostics.AddError("User not found", fmt.Sprintf("The account has no user with email %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), found[i].ID)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": found[i].ID})...)
}
