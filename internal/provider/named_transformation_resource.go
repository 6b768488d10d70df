package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/transformation"
)

var (
	_ resource.ResourceWithConfigure   = (*namedTransformationResource)(nil)
	_ resource.ResourceWithImportState = (*namedTransformationResource)(nil)
	_ resource.ResourceWithIdentity    = (*namedTransformationResource)(nil)
)

func newNamedTransformationResource() resource.Resource { return &namedTransformationResource{} }

type namedTransformationResource struct{ resourceBase }

type namedTransformationModel struct {
	ID               types.String        `tfsdk:"id"`
	Name             types.String        `tfsdk:"name"`
	Transformation   transformationValue `tfsdk:"transformation"`
	AllowedForStrict types.Bool          `tfsdk:"allowed_for_strict"`
	Used             types.Bool          `tfsdk:"used"`
}

// namedTransformationModelFrom builds state from Cloudinary's answer; the
// definition comes from plan or prior state when the caller has it.
func namedTransformationModelFrom(name string, t *client.Transformation, definition transformationValue) namedTransformationModel {
	return namedTransformationModel{
		ID: types.StringValue(name), Name: types.StringValue(name), Transformation: definition,
		AllowedForStrict: types.BoolValue(t.AllowedForStrict), Used: types.BoolValue(t.Used),
	}
}

// withoutURLPrefix refuses a name given with the "t_" that delivery URLs
// put before it.
var withoutURLPrefix = stringvalidator.RegexMatches(regexp.MustCompile(`^(?:[^t]|t[^_]|t$)`), `must be given without the "t_" prefix that URLs use`)

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *namedTransformationResource) keepsUnchangedPlans() bool { return true }

func (r *namedTransformationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_named_transformation"
}

func (r *namedTransformationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"name", "The transformation's name, without the t_ prefix."})
}

func (r *namedTransformationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A named transformation: a transformation stored under a name and used in delivery URLs as " +
			"`t_<name>`. Deleting it also deletes the derived assets made with it (up to 1000; Cloudinary refuses to " +
			"delete a transformation with more, and the destroy then fails with its message).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The transformation's name.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The name, without the `t_` prefix that delivery URLs use. Letters, digits, `_` and `-`. Changing it replaces the transformation.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          nameValidators(withoutURLPrefix),
			},
			"transformation": schema.StringAttribute{
				Optional:   true,
				Computed:   true,
				CustomType: transformationType{},
				MarkdownDescription: "The definition, such as `c_fill,g_auto,w_400,h_400/q_auto`. It must be set: " + requiredButOptional + " Compared by meaning: " +
					"Cloudinary reports it with the components of each step in its own order. Changing it updates the " +
					"transformation in place with `unsafe_update`: the new definition applies to assets derived from now " +
					"on, while assets already derived with the old one are kept.",
				PlanModifiers: []planmodifier.String{equivalentSpellingPlan{}},
				Validators:    []validator.String{required{}},
			},
			"allowed_for_strict": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Whether the transformation may be used when strict transformations are enabled for the account. Cloudinary's default, `true`, applies when unset.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"used": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether any asset has been derived with the transformation.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *namedTransformationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan namedTransformationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, def := plan.Name.ValueString(), plan.Transformation.ValueString()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("name"), "named transformation", name) {
		return
	}
	err := r.data.client.CreateNamedTransformation(ctx, name, def, boolPtr(plan.AllowedForStrict))
	if client.IsAlreadyExists(err) {
		named := existingObject{what: fmt.Sprintf("Named transformation %q", name), resourceType: "cloudinary_named_transformation", importID: name, key: "name"}
		err = named.adoptOnlyOwnAfter(err, func() (bool, error) {
			got, getErr := r.data.client.GetNamedTransformation(ctx, name)
			return getErr == nil && transformation.Equal(got.Definition, def), getErr
		})
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create named transformation", err)
		return
	}
	r.recordWritten(ctx, name, plan.Transformation, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"name": name})...)
}

// recordWritten records what Cloudinary holds after a write, keeping the
// planned spelling of the definition, with a warning when Cloudinary changed
// its meaning.
func (r *namedTransformationResource) recordWritten(ctx context.Context, name string, def transformationValue, state *tfsdk.State, diags *diag.Diagnostics) {
	got, err := r.data.client.GetNamedTransformation(ctx, name)
	if err != nil {
		diags.AddError("Cannot read the named transformation back", err.Error())
		return
	}
	r.data.namedTransformations.put(name, got.TransformationSummary)
	if !transformation.Equal(got.Definition, def.ValueString()) {
		diags.AddWarning("Cloudinary changed the transformation",
			fmt.Sprintf("Named transformation %q was written as %q but Cloudinary reports %q.", name, def.ValueString(), got.Definition))
	}
	diags.Append(state.Set(ctx, namedTransformationModelFrom(name, got, def))...)
}

func (r *namedTransformationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state namedTransformationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"name": name})...)
	if !r.data.readDefinitions && !state.Transformation.IsNull() {
		r.readFromListing(ctx, state, resp)
		return
	}
	got, err := r.data.client.GetNamedTransformation(ctx, name)
	if err != nil {
		r.data.readFailed(ctx, resp, "named transformation", name, err)
		return
	}
	if got.Verbatim {
		resp.Diagnostics.AddWarning("Definition kept as Cloudinary wrote it",
			fmt.Sprintf("Named transformation %q has parameters this provider does not know; its definition is recorded as the "+
				"JSON Cloudinary sent, so the plan shows it changing to the configured definition.", name))
	}
	if !got.Named {
		resp.Diagnostics.AddError("Not a named transformation",
			fmt.Sprintf("%q is an unnamed transformation in Cloudinary; only named transformations can be managed.", name))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, namedTransformationModelFrom(name, got, newTransformationValue(got.Definition)))...)
}

// readFromListing reads a named transformation from the run's listing of
// them (one Admin API call per 500), when the provider is set not to read
// each definition: deletion and the listed flags show, a changed definition
// does not, since the listing does not carry definitions.
func (r *namedTransformationResource) readFromListing(ctx context.Context, state namedTransformationModel, resp *resource.ReadResponse) {
	if got, ok := lookUp(ctx, r.data, resp, "named transformation", state.Name.ValueString(), r.data.namedTransformations.get); ok {
		state.AllowedForStrict, state.Used = types.BoolValue(got.AllowedForStrict), types.BoolValue(got.Used)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

func (r *namedTransformationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state namedTransformationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	update := client.TransformationUpdate{}
	if !transformation.Equal(plan.Transformation.ValueString(), state.Transformation.ValueString()) {
		update.UnsafeUpdate = plan.Transformation.ValueString()
	}
	if !plan.AllowedForStrict.IsUnknown() && !plan.AllowedForStrict.Equal(state.AllowedForStrict) {
		update.AllowedForStrict = boolPtr(plan.AllowedForStrict)
	}
	name := plan.Name.ValueString()
	if update.UnsafeUpdate != "" || update.AllowedForStrict != nil {
		if err := r.data.client.UpdateNamedTransformation(ctx, name, update); err != nil {
			resp.Diagnostics.AddError("Cannot update named transformation", err.Error())
			return
		}
	}
	r.recordWritten(ctx, name, plan.Transformation, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"name": name})...)
}

func (r *namedTransformationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByKey(ctx, req, resp, "name", "named transformation", r.data.client.DeleteNamedTransformation, r.data.namedTransformations)
}

func (r *namedTransformationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	req.ID = strings.TrimPrefix(req.ID, "t_")
	importByNaturalKey(ctx, req, resp, "name")
}
