package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*accessKeyResource)(nil)
	_ resource.ResourceWithImportState = (*accessKeyResource)(nil)
	_ resource.ResourceWithIdentity    = (*accessKeyResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*accessKeyResource)(nil)
)

func newAccessKeyResource() resource.Resource { return &accessKeyResource{} }

// accessKeyResource manages an API key (and secret) of a product
// environment through the account credentials. Its secret comes from the
// create's answer, and again from the keys listing on import and refresh:
// Cloudinary's OpenAPI description shows api_secret in the listing's items
// (AccessKeysResponse example), and cloudinary_npm's access_keys_spec.js
// asserts the field there.
type accessKeyResource struct{ resourceBase }

type accessKeyModel struct {
	ID                   types.String `tfsdk:"id"`
	ProductEnvironment   types.String `tfsdk:"product_environment"`
	ProductEnvironmentID types.String `tfsdk:"product_environment_id"`
	Name                 types.String `tfsdk:"name"`
	Enabled              types.Bool   `tfsdk:"enabled"`
	DedicatedFor         types.Set    `tfsdk:"dedicated_for"`
	APIKey               types.String `tfsdk:"api_key"`
	APISecret            types.String `tfsdk:"api_secret"`
	Root                 types.Bool   `tfsdk:"root"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
}

// accessKeyFromAPI is the state of a key of environment env as Cloudinary
// holds it. The secret is the one given unless the answer carries a usable
// one (secretOrKept), and the environment keeps the cloud name the
// configuration gave.
func accessKeyFromAPI(k client.AccessKey, cloudName, environmentID, keptSecret string) accessKeyModel {
	return accessKeyModel{
		ID: types.StringValue(k.APIKey), ProductEnvironment: types.StringValue(cloudName), ProductEnvironmentID: types.StringValue(environmentID),
		Name: types.StringValue(k.Name), Enabled: types.BoolValue(k.Enabled), DedicatedFor: stringSet(nonNilStrings(k.DedicatedFor)),
		APIKey: types.StringValue(k.APIKey), APISecret: optionalString(secretOrKept(k.APISecret, keptSecret)),
		Root: types.BoolValue(k.Root), CreatedAt: optionalString(k.CreatedAt), UpdatedAt: optionalString(k.UpdatedAt),
	}
}

// dedicatedPurposes are the purposes a key can be dedicated to (OpenAPI
// UpdateAccessKeyRequest.dedicated_for).
var dedicatedPurposes = []string{"webhooks"}

func (r *accessKeyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_key"
	// The identity names the environment by cloud name, which a rename of
	// the environment changes.
	resp.ResourceBehavior.MutableIdentity = true
}

func (r *accessKeyResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(
		identityAttribute{"product_environment", "The cloud name of the key's product environment."},
		identityAttribute{"api_key", "The API key."},
	)
}

func (r *accessKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An access key (API key and secret) of a product environment, managed with the provider's " +
			"account credentials. The secret is read from Cloudinary on create, import and refresh, and kept in the state " +
			"(sensitive). To rotate a key, create a new one, move its users to it, then remove the old one.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The API key, which identifies the key."},
			"product_environment": schema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The cloud name of the product environment the key belongs to. Naming another " +
					"environment replaces the key; a new cloud name of the same environment (a rename) does not.",
			},
			"product_environment_id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The ID of the key's product environment."},
			"name": schema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The key's name, unique in its product environment; Cloudinary never lets the name of a " +
					"deleted key be used again there. Changes in place.",
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the key authenticates API calls. Defaults to `true`. Changes in place; the apply " +
					"fails if Cloudinary does not apply it.",
			},
			"dedicated_for": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
				Validators:    []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(dedicatedPurposes...))},
				MarkdownDescription: "The purposes the key is dedicated to (it still serves every other): `webhooks` signs " +
					"the environment's webhook notifications. One key of an environment holds each purpose, and dedicating a " +
					"key takes the purpose from the key that held it; Cloudinary has no way to take a purpose from a key " +
					"otherwise. So, to move a purpose, set it on the new key and leave `dedicated_for` unset on the old one: " +
					"unset, it is whatever Cloudinary reports, and is not managed.",
			},
			"api_key":    schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The API key."},
			"api_secret": schema.StringAttribute{Computed: true, Sensitive: true, PlanModifiers: keep, MarkdownDescription: "The API secret."},
			"root": schema.BoolAttribute{
				Computed: true, PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Whether this is the key Cloudinary made with the product environment (named `Root`).",
			},
			"created_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the key was created (RFC 3339)."},
			"updated_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the key was last changed (RFC 3339)."},
		},
	}
}

// ModifyPlan decides whether a new product_environment replaces the key,
// and shows updated_at as changing only when Cloudinary is written to.
func (r *accessKeyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state accessKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.ProductEnvironment.Equal(state.ProductEnvironment) && r.movesToAnotherEnvironment(ctx, plan, state, &resp.Diagnostics) {
		resp.RequiresReplace.Append(path.Root("product_environment"))
		return
	}
	if keyWritesCloudinary(plan, state) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), types.StringUnknown())...)
	}
}

// movesToAnotherEnvironment tells whether a new product_environment names
// another environment than the key's. A cloud name that the account's
// environment of the key's ID has is a rename; so is one that no
// environment has yet, which the rename of the key's environment planned in
// this same apply gives it (Update then checks that it did). A cloud name of
// another environment, or one not known yet, moves the key.
func (r *accessKeyResource) movesToAnotherEnvironment(ctx context.Context, plan, state accessKeyModel, diags *diag.Diagnostics) bool {
	if plan.ProductEnvironment.IsUnknown() || r.data == nil {
		return true
	}
	acct, ok := r.data.provisioned(diags)
	if !ok {
		return true
	}
	env, found, err := acct.environmentNamed(ctx, plan.ProductEnvironment.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("product_environment"), "Cannot find the product environment", err.Error())
		return false
	}
	return found && env.ID != state.ProductEnvironmentID.ValueString()
}

// keyWritesCloudinary tells whether an update of the key sends anything to
// Cloudinary; a new cloud name of its environment is Terraform's alone.
func keyWritesCloudinary(plan, state accessKeyModel) bool {
	return !plan.Name.Equal(state.Name) || !plan.Enabled.Equal(state.Enabled) || !plan.DedicatedFor.Equal(state.DedicatedFor)
}

func (r *accessKeyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan accessKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	cloudName, name := plan.ProductEnvironment.ValueString(), plan.Name.ValueString()
	env, err := acct.existingEnvironment(ctx, cloudName)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("product_environment"), "Cannot find the product environment", err.Error())
		return
	}
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("name"), "access key of "+cloudName+" named", name) {
		return
	}
	dedicated, _, d := knownStrings(ctx, plan.DedicatedFor)
	resp.Diagnostics.Append(d...)
	key, err := acct.client.CreateAccessKey(ctx, env.ID, client.AccessKeyParams{Name: name, Enabled: boolPtr(plan.Enabled), DedicatedFor: dedicated})
	if err != nil && key.APIKey == "" {
		err = r.adoptOwnKey(ctx, acct, env, name, err, &key)
	}
	if err != nil {
		// A key made but not dedicated is recorded (Terraform taints it, and
		// the next apply replaces it), so that it is not left in Cloudinary
		// unmanaged.
		addCreateError(&resp.Diagnostics, "Cannot create access key", provisioningTrouble(err))
		r.recordWritten(ctx, acct, key, cloudName, env.ID, key.APISecret, &resp.State, resp.Identity, &resp.Diagnostics)
		return
	}
	secret := key.APISecret
	if want := plan.Enabled.ValueBool(); key.Enabled != want {
		key = r.update(ctx, acct, env.ID, key, client.AccessKeyParams{Enabled: &want}, &resp.Diagnostics)
	}
	r.recordWritten(ctx, acct, key, cloudName, env.ID, secret, &resp.State, resp.Identity, &resp.Diagnostics)
}

// adoptOwnKey decides what a create that failed does when a key of its name
// exists (conflicts.go's rule): it is taken only when an earlier attempt of
// this create made it. When none exists, the name may be a deleted key's,
// which Cloudinary never lets an environment use again; its message says.
func (r *accessKeyResource) adoptOwnKey(ctx context.Context, acct *accountAccess, env client.ProductEnvironment, name string,
	cause error, adopted *client.AccessKey) error {
	keys, lookErr := acct.client.ListAccessKeys(ctx, env.ID)
	i := slices.IndexFunc(keys, func(k client.AccessKey) bool { return k.Name == name })
	if lookErr != nil || i < 0 {
		return fmt.Errorf("%w\n\nKey names are unique in a product environment, and the name of a deleted key can never be "+
			"used again there: if %q was used before, choose another name", cause, name)
	}
	existing := existingObject{what: fmt.Sprintf("Access key %q of product environment %q", name, env.CloudName),
		resourceType: "cloudinary_access_key", importID: env.CloudName + "/" + name, key: "name"}
	err := existing.adoptOnlyOwn(cause, client.MayHaveTakenEffect(cause), func() (bool, error) { return true, nil })
	if err == nil {
		*adopted = keys[i]
	}
	return err
}

// update writes a key's settings and checks that Cloudinary applied enabled:
// a Go SDK fork's live test notes that Cloudinary once ignored enabled=false
// on update, and a key that should no longer authenticate must not pass
// silently.
func (r *accessKeyResource) update(ctx context.Context, acct *accountAccess, environmentID string, key client.AccessKey,
	want client.AccessKeyParams, diags *diag.Diagnostics) client.AccessKey {
	updated, err := acct.client.UpdateAccessKey(ctx, environmentID, key.APIKey, want)
	if err != nil {
		diags.AddError("Cannot update access key", fmt.Sprintf("Updating access key %q: %s", key.Name, provisioningTrouble(err)))
		return key
	}
	if want.Enabled != nil && updated.Enabled != *want.Enabled {
		diags.AddAttributeError(path.Root("enabled"), "Cloudinary did not apply enabled",
			fmt.Sprintf("Access key %q was asked to be enabled = %t, but Cloudinary answered enabled = %t.", updated.Name, *want.Enabled, updated.Enabled))
	}
	return updated
}

// recordWritten records a key that a write returned in the state, the
// identity and the run's listing.
func (r *accessKeyResource) recordWritten(ctx context.Context, acct *accountAccess, key client.AccessKey, cloudName, environmentID, secret string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if key.APIKey == "" {
		return
	}
	acct.keys.in(environmentID).put(key.APIKey, key)
	diags.Append(state.Set(ctx, accessKeyFromAPI(key, cloudName, environmentID, secret))...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"product_environment": cloudName, "api_key": key.APIKey})...)
}

func (r *accessKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state accessKeyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	cloudName, apiKey := state.ProductEnvironment.ValueString(), state.APIKey.ValueString()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"product_environment": cloudName, "api_key": apiKey})...)
	keys, found, err := acct.keysOf(ctx, state.ProductEnvironmentID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read access key", fmt.Sprintf("Reading access key %q of %q: %s", state.Name.ValueString(), cloudName, err))
		return
	}
	i := slices.IndexFunc(keys, func(k client.AccessKey) bool { return k.APIKey == apiKey })
	if !found || i < 0 {
		dropListedGone(ctx, resp)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, accessKeyFromAPI(keys[i], cloudName, state.ProductEnvironmentID.ValueString(), state.APISecret.ValueString()))...)
}

func (r *accessKeyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state accessKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	environmentID, cloudName := state.ProductEnvironmentID.ValueString(), plan.ProductEnvironment.ValueString()
	if !plan.ProductEnvironment.Equal(state.ProductEnvironment) && !r.renamedTo(ctx, acct, environmentID, cloudName, &resp.Diagnostics) {
		return
	}
	key := client.AccessKey{Name: state.Name.ValueString(), APIKey: state.APIKey.ValueString()}
	if keyWritesCloudinary(plan, state) {
		want := client.AccessKeyParams{Enabled: boolPtr(plan.Enabled)}
		if !plan.Name.Equal(state.Name) {
			want.Name = plan.Name.ValueString()
		}
		dedicated, _, d := knownStrings(ctx, plan.DedicatedFor)
		resp.Diagnostics.Append(d...)
		if !plan.DedicatedFor.Equal(state.DedicatedFor) && len(dedicated) > 0 {
			want.DedicatedFor = dedicated
		}
		key = r.update(ctx, acct, environmentID, key, want, &resp.Diagnostics)
		if !resp.Diagnostics.HasError() {
			checkPurposesGiven(key, dedicated, &resp.Diagnostics)
		}
		if resp.Diagnostics.HasError() {
			return
		}
		r.recordWritten(ctx, acct, key, cloudName, environmentID, state.APISecret.ValueString(), &resp.State, resp.Identity, &resp.Diagnostics)
		return
	}
	plan.UpdatedAt = state.UpdatedAt
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"product_environment": cloudName, "api_key": key.APIKey})...)
}

// checkPurposesGiven fails an update that took a purpose out of a key's
// dedicated_for while the key still holds it: Cloudinary can only move a
// purpose to another key, and the state must not claim otherwise.
func checkPurposesGiven(key client.AccessKey, want []string, diags *diag.Diagnostics) {
	for _, purpose := range key.DedicatedFor {
		if !slices.Contains(want, purpose) {
			diags.AddAttributeError(path.Root("dedicated_for"), "Cloudinary cannot take a purpose from a key",
				fmt.Sprintf("Access key %q is still dedicated to %q. Cloudinary takes a purpose from a key only when another "+
					"key of the environment is dedicated to it: set it in that key's dedicated_for, and leave this key's "+
					"dedicated_for unset.", key.Name, purpose))
		}
	}
}

// renamedTo checks that the key's environment now has the cloud name that
// the plan gives it: the plan kept the key because that name was free, and
// took it for the rename of the key's environment in the same apply.
func (r *accessKeyResource) renamedTo(ctx context.Context, acct *accountAccess, environmentID, cloudName string, diags *diag.Diagnostics) bool {
	env, err := acct.client.GetProductEnvironment(ctx, environmentID)
	if err != nil {
		diags.AddError("Cannot read the key's product environment", provisioningTrouble(err).Error())
		return false
	}
	if env.CloudName != cloudName {
		diags.AddAttributeError(path.Root("product_environment"), "The access key's product environment has another cloud name",
			fmt.Sprintf("The key belongs to product environment %s, whose cloud name is %q, not %q. When product_environment "+
				"names an environment that a rename in this apply makes, it must refer to that environment's cloud_name "+
				"attribute, so that the rename comes first; to move the key to another environment, replace it "+
				"(terraform apply -replace).", environmentID, env.CloudName, cloudName))
		return false
	}
	return true
}

func (r *accessKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state accessKeyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	environmentID, apiKey := state.ProductEnvironmentID.ValueString(), state.APIKey.ValueString()
	if err := acct.client.DeleteAccessKey(ctx, environmentID, apiKey); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete access key",
			fmt.Sprintf("Deleting access key %q of %q: %s", state.Name.ValueString(), state.ProductEnvironment.ValueString(), provisioningTrouble(err)))
		return
	}
	acct.keys.in(environmentID).forget(apiKey)
}

// ImportState takes `<cloud name>/<API key or name>` (or an identity), and
// records the key with its secret from the keys listing.
func (r *accessKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	cloudName, keyOrName, ok := strings.Cut(req.ID, "/")
	if req.ID == "" && req.Identity != nil {
		parts, diags := identityParts(ctx, req.Identity, "product_environment", "api_key")
		resp.Diagnostics.Append(diags...)
		cloudName, keyOrName, ok = parts["product_environment"], parts["api_key"], true
	}
	if !ok || cloudName == "" || keyOrName == "" {
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("The import ID of an access key is <cloud name>/<API key or name>, such as my-env/123456789012345 or my-env/ci; got %q.", req.ID))
		}
		return
	}
	acct, ok := r.data.provisioned(&resp.Diagnostics)
	if !ok {
		return
	}
	key, env, err := findAccessKey(ctx, acct, cloudName, keyOrName)
	if err != nil {
		resp.Diagnostics.AddError("Cannot import access key", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, accessKeyFromAPI(key, env.CloudName, env.ID, ""))...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"product_environment": env.CloudName, "api_key": key.APIKey})...)
}

// findAccessKey finds a key of the environment of a cloud name by its API
// key or, failing that, by its name.
func findAccessKey(ctx context.Context, acct *accountAccess, cloudName, keyOrName string) (client.AccessKey, client.ProductEnvironment, error) {
	env, err := acct.existingEnvironment(ctx, cloudName)
	if err != nil {
		return client.AccessKey{}, env, err
	}
	keys, _, err := acct.keysOf(ctx, env.ID)
	if err != nil {
		return client.AccessKey{}, env, err
	}
	for _, match := range []func(client.AccessKey) bool{
		func(k client.AccessKey) bool { return k.APIKey == keyOrName },
		func(k client.AccessKey) bool { return k.Name == keyOrName },
	} {
		if i := slices.IndexFunc(keys, match); i >= 0 {
			return keys[i], env, nil
		}
	}
	return client.AccessKey{}, env, fmt.Errorf("product environment %q has no access key with API key or name %q", cloudName, keyOrName)
}
