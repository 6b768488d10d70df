package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*productEnvironmentResource)(nil)
	_ resource.ResourceWithImportState = (*productEnvironmentResource)(nil)
	_ resource.ResourceWithIdentity    = (*productEnvironmentResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*productEnvironmentResource)(nil)
)

func newProductEnvironmentResource() resource.Resource { return &productEnvironmentResource{} }

// productEnvironmentResource manages a product environment (the
// Provisioning API's "sub-account") through the account credentials. It is
// never replaced: a deleted environment's cloud name can never be used again
// (PROVISIONING.md §7.2, from the live notes of a Go SDK fork's tests), so a
// replacement with a fixed cloud name would delete the environment and then
// fail to make it again.
type productEnvironmentResource struct{ resourceBase }

type productEnvironmentModel struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	CloudName              types.String `tfsdk:"cloud_name"`
	Enabled                types.Bool   `tfsdk:"enabled"`
	CustomAttributes       types.Map    `tfsdk:"custom_attributes"`
	BaseProductEnvironment types.String `tfsdk:"base_product_environment"`
	DeletionProtection     types.Bool   `tfsdk:"deletion_protection"`
	CreatedAt              types.String `tfsdk:"created_at"`
	UpdatedAt              types.String `tfsdk:"updated_at"`
}

// productEnvironmentFromAPI is the state of an environment as Cloudinary
// holds it, with what only Terraform knows (the base it was made from, its
// deletion protection) taken from prior: Cloudinary never returns the base.
// An environment without custom attributes has an empty map, whether
// Cloudinary answered {} or left them out.
func productEnvironmentFromAPI(e client.ProductEnvironment, prior productEnvironmentModel) productEnvironmentModel {
	protection := prior.DeletionProtection
	if protection.IsNull() || protection.IsUnknown() {
		protection = types.BoolValue(true)
	}
	base := prior.BaseProductEnvironment
	if base.IsUnknown() {
		base = types.StringNull()
	}
	return productEnvironmentModel{
		ID: types.StringValue(e.ID), Name: types.StringValue(e.Name), CloudName: types.StringValue(e.CloudName),
		Enabled: types.BoolValue(e.Enabled), CustomAttributes: stringMap(e.CustomAttributes),
		BaseProductEnvironment: base, DeletionProtection: protection,
		CreatedAt: types.StringValue(e.CreatedAt), UpdatedAt: optionalString(e.UpdatedAt),
	}
}

// params are the settings the model gives Cloudinary. custom_attributes is
// always sent whole: Cloudinary replaces the map on update (cloudinary_php
// ProvisioningSubAccountTest testUpdateSubAccount sends {key_3} after
// {key_1,key_2} and reads back exactly {key_3}).
func (m productEnvironmentModel) params(ctx context.Context, diags *diag.Diagnostics) client.ProductEnvironmentParams {
	attributes, _, d := knownMap(ctx, m.CustomAttributes)
	diags.Append(d...)
	return client.ProductEnvironmentParams{
		Name: m.Name.ValueString(), CloudName: m.CloudName.ValueString(), Enabled: boolPtr(m.Enabled),
		CustomAttributes: nonNilMap(attributes),
	}
}

func (r *productEnvironmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product_environment"
}

func (r *productEnvironmentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"id", "The product environment's ID, which never changes."})
}

func (r *productEnvironmentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A product environment of the Cloudinary account (the Provisioning API's sub-account), managed " +
			"with the provider's account credentials. It is never replaced: a deleted environment's cloud name can never be " +
			"used again, so every change is made in place, and a change that cannot be is refused at plan time. " +
			"`deletion_protection` (true by default) refuses to destroy it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The product environment's ID, which Cloudinary assigns and which never changes.",
			},
			"name": schema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The product environment's display name. Changes in place.",
			},
			"cloud_name": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keep,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The cloud name, unique across Cloudinary, that URLs and credentials use. Cloudinary " +
					"derives one from `name` when it is not set. A change renames the environment in place (never a " +
					"replacement), which Cloudinary allows only while it holds fewer than 1000 assets: every URL, " +
					"`CLOUDINARY_URL` and provider configuration that uses the old name then stops working, and the plan " +
					"warns so.",
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the product environment is enabled. Defaults to `true`. Changes in place.",
			},
			"custom_attributes": schema.MapAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default:             mapdefault.StaticValue(stringMap(nil)),
				MarkdownDescription: "Custom attributes of the product environment, as strings. Replaced whole on change: keys left out are removed. Defaults to none.",
			},
			"base_product_environment": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The cloud name (or ID) of a product environment whose settings the new one copies " +
					"when it is created. Cloudinary does not report it afterwards: the value is kept as configured, is " +
					"empty after an import, and changing it on an existing environment is an error, since it would need a " +
					"new environment.",
			},
			"deletion_protection": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether Terraform refuses to destroy the product environment, which deletes its assets " +
					"and retires its cloud name for good. Defaults to `true`; to destroy it, set it to `false` and apply first. " +
					"Recorded only in the Terraform state.",
			},
			"created_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the product environment was created (RFC 3339)."},
			"updated_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the product environment was last changed (RFC 3339)."},
		},
	}
}

// ModifyPlan refuses to destroy a protected environment and to change what
// only a new environment could take, warns about a rename, and shows
// updated_at as changing only when Cloudinary is written to.
func (r *productEnvironmentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state productEnvironmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.Plan.Raw.IsNull() {
		if state.DeletionProtection.ValueBool() {
			resp.Diagnostics.AddAttributeError(path.Root("deletion_protection"), "The product environment is protected from deletion",
				protectedDetail(state))
		}
		return
	}
	var plan productEnvironmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if known(state.BaseProductEnvironment) && known(plan.BaseProductEnvironment) && state.BaseProductEnvironment != plan.BaseProductEnvironment {
		resp.Diagnostics.AddAttributeError(path.Root("base_product_environment"), "The base of an existing product environment cannot change",
			fmt.Sprintf("Product environment %q was created from %q. The base applies only when an environment is created, and "+
				"this provider never replaces a product environment (its cloud name could never be used again). Set "+
				"base_product_environment back to %q, or remove it.", state.CloudName.ValueString(),
				state.BaseProductEnvironment.ValueString(), state.BaseProductEnvironment.ValueString()))
	}
	if known(plan.CloudName) && plan.CloudName != state.CloudName {
		resp.Diagnostics.AddAttributeWarning(path.Root("cloud_name"), "Renaming a product environment's cloud name",
			fmt.Sprintf("The cloud name of product environment %q changes from %q to %q in place. Every delivery URL, "+
				"CLOUDINARY_URL, SDK and provider configuration that uses %q stops working, and the old name may never be "+
				"usable again. Cloudinary refuses the rename when the environment holds 1000 assets or more. Objects of this "+
				"configuration that name the environment by product_environment follow it in place.",
				state.Name.ValueString(), state.CloudName.ValueString(), plan.CloudName.ValueString(), state.CloudName.ValueString()))
	}
	if writesCloudinary(plan, state) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), types.StringUnknown())...)
	}
}

// writesCloudinary tells whether an update of the environment sends
// anything to Cloudinary; changes of deletion_protection and
// base_product_environment are Terraform's alone.
func writesCloudinary(plan, state productEnvironmentModel) bool {
	return !plan.Name.Equal(state.Name) || !plan.CloudName.Equal(state.CloudName) || !plan.Enabled.Equal(state.Enabled) ||
		!plan.CustomAttributes.Equal(state.CustomAttributes)
}

func protectedDetail(state productEnvironmentModel) string {
	return fmt.Sprintf("Product environment %q (ID %s) has deletion_protection = true. Deleting it deletes its assets and "+
		"retires its cloud name for good. To delete it, set deletion_protection = false in its configuration, apply, and "+
		"then destroy it (or remove it from the configuration).", state.CloudName.ValueString(), state.ID.ValueString())
}

func (r *productEnvironmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan productEnvironmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	want := plan.params(ctx, &resp.Diagnostics)
	if want.CloudName != "" && !r.data.creating.claim(&resp.Diagnostics, path.Root("cloud_name"), "product environment of cloud name", want.CloudName) {
		return
	}
	if known(plan.BaseProductEnvironment) {
		base, found, err := acct.environmentByIDOrName(ctx, plan.BaseProductEnvironment.ValueString())
		if err != nil || !found {
			resp.Diagnostics.AddAttributeError(path.Root("base_product_environment"), "Cannot find the base product environment",
				notFoundOr(err, fmt.Sprintf("The account has no product environment with cloud name or ID %q.", plan.BaseProductEnvironment.ValueString())))
			return
		}
		want.BaseProductEnvironmentID = base.ID
	}
	if len(want.CustomAttributes) == 0 {
		want.CustomAttributes = nil // nothing to send to a new environment
	}
	created, err := acct.client.CreateProductEnvironment(ctx, want)
	if err != nil && want.CloudName != "" {
		err = r.adoptOwnEnvironment(ctx, acct, want, err, &created)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create product environment", provisioningTrouble(err))
		return
	}
	created = r.ensureEnabled(ctx, acct, created, want.Enabled, &resp.Diagnostics)
	r.recordWritten(ctx, acct, created, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// adoptOwnEnvironment decides what a create that failed does when an
// environment of its cloud name exists (conflicts.go's rule): it is taken
// only when an earlier attempt of this create made it. When none exists, the
// cloud name is taken by an environment the account cannot see: another
// account's, or a deleted one's, which Cloudinary never lets anyone use
// again; Cloudinary's message says which.
func (r *productEnvironmentResource) adoptOwnEnvironment(ctx context.Context, acct *accountAccess, want client.ProductEnvironmentParams,
	cause error, adopted *client.ProductEnvironment) error {
	existing, lookErr := acct.client.ListProductEnvironments(ctx, client.ProductEnvironmentFilter{CloudNames: []string{want.CloudName}})
	if lookErr != nil || len(existing) == 0 || existing[0].CloudName != want.CloudName {
		return fmt.Errorf("%w\n\nCloud names are unique across Cloudinary, and the cloud name of a deleted product environment "+
			"can never be used again: if %q was used before, choose another cloud_name", cause, want.CloudName)
	}
	env := existingObject{what: fmt.Sprintf("Product environment %q", want.CloudName), resourceType: "cloudinary_product_environment",
		importID: want.CloudName, key: "cloud_name"}
	err := env.adoptOnlyOwn(cause, client.MayHaveTakenEffect(cause), func() (bool, error) {
		return existing[0].Name == want.Name, nil
	})
	if err == nil {
		*adopted = existing[0]
	}
	return err
}

// ensureEnabled checks that the environment is enabled as configured:
// Cloudinary's OpenAPI description has no enabled on create, so when the
// answer differs, an update sets it. Still different, it is an error: the
// account would not hold what the configuration says.
func (r *productEnvironmentResource) ensureEnabled(ctx context.Context, acct *accountAccess, env client.ProductEnvironment, want *bool,
	diags *diag.Diagnostics) client.ProductEnvironment {
	if want == nil || env.Enabled == *want {
		return env
	}
	updated, err := acct.client.UpdateProductEnvironment(ctx, env.ID, client.ProductEnvironmentParams{Enabled: want})
	if err != nil {
		diags.AddAttributeError(path.Root("enabled"), "Cannot set whether the product environment is enabled", provisioningTrouble(err).Error())
		return env
	}
	if updated.Enabled != *want {
		diags.AddAttributeError(path.Root("enabled"), "Cloudinary did not apply enabled",
			fmt.Sprintf("Product environment %q was asked to be enabled = %t, but Cloudinary answered enabled = %t.", updated.CloudName, *want, updated.Enabled))
	}
	return updated
}

// recordWritten records an environment that a write returned in the state,
// the identity and the run's listing.
func (r *productEnvironmentResource) recordWritten(ctx context.Context, acct *accountAccess, env client.ProductEnvironment, plan productEnvironmentModel,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if env.ID == "" {
		return
	}
	acct.environments.put(env.ID, env)
	diags.Append(state.Set(ctx, productEnvironmentFromAPI(env, plan))...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"id": env.ID})...)
}

func (r *productEnvironmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state productEnvironmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	id := state.ID.ValueString()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": id})...)
	env, found, err := acct.environments.get(ctx, id)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Cannot read product environment", fmt.Sprintf("Reading product environment %s: %s", id, provisioningTrouble(err)))
	case !found:
		dropListedGone(ctx, resp)
	default:
		resp.Diagnostics.Append(resp.State.Set(ctx, productEnvironmentFromAPI(env, state))...)
	}
}

func (r *productEnvironmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state productEnvironmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	if !writesCloudinary(plan, state) {
		plan.UpdatedAt = state.UpdatedAt
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": state.ID.ValueString()})...)
		return
	}
	want := plan.params(ctx, &resp.Diagnostics)
	if plan.CloudName.Equal(state.CloudName) {
		want.CloudName = "" // unchanged: not sent
	}
	updated, err := acct.client.UpdateProductEnvironment(ctx, state.ID.ValueString(), want)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update product environment",
			fmt.Sprintf("Updating product environment %q: %s", state.CloudName.ValueString(), provisioningTrouble(err)))
		return
	}
	if want.Enabled != nil && updated.Enabled != *want.Enabled {
		resp.Diagnostics.AddAttributeError(path.Root("enabled"), "Cloudinary did not apply enabled",
			fmt.Sprintf("Product environment %q was asked to be enabled = %t, but Cloudinary answered enabled = %t.", updated.CloudName, *want.Enabled, updated.Enabled))
	}
	r.recordWritten(ctx, acct, updated, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *productEnvironmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state productEnvironmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.DeletionProtection.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("deletion_protection"), "The product environment is protected from deletion", protectedDetail(state))
		return
	}
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if !ok {
		return
	}
	if err := acct.client.DeleteProductEnvironment(ctx, state.ID.ValueString()); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete product environment",
			fmt.Sprintf("Deleting product environment %q: %s", state.CloudName.ValueString(), provisioningTrouble(err)))
		return
	}
	acct.environments.forget(state.ID.ValueString())
}

// ImportState takes the environment's ID or its cloud name (or an identity
// with its ID). A new import is protected from deletion, as a new
// environment is by default.
func (r *productEnvironmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	given := req.ID
	if given == "" && req.Identity != nil {
		parts, diags := identityParts(ctx, req.Identity, "id")
		resp.Diagnostics.Append(diags...)
		given = parts["id"]
	}
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	env, found, err := acct.environmentByIDOrName(ctx, given)
	if err != nil || !found {
		resp.Diagnostics.AddError("Cannot import product environment",
			notFoundOr(err, fmt.Sprintf("The account has no product environment with ID or cloud name %q. The import ID is the environment's ID or its cloud name.", given)))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, productEnvironmentFromAPI(env, productEnvironmentModel{}))...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": env.ID})...)
}

// notFoundOr is err's text, or notFound when there was no error.
func notFoundOr(err error, notFound string) string {
	if err != nil {
		return err.Error()
	}
	return notFound
}
