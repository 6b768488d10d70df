package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*streamingProfileResource)(nil)
	_ resource.ResourceWithImportState = (*streamingProfileResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*streamingProfileResource)(nil)
	_ resource.ResourceWithIdentity    = (*streamingProfileResource)(nil)
)

// builtinProfiles are the streaming profiles every account has, which a
// resource of the same name customises rather than creates.
var builtinProfiles = []string{"4k", "full_hd", "hd", "sd", "full_hd_wifi", "full_hd_lean", "hd_lean"}

func builtinProfile(name string) bool {
	for _, b := range builtinProfiles {
		if strings.EqualFold(b, name) {
			return true
		}
	}
	return false
}

// warnBuiltin says that a resource takes over a built-in profile.
func warnBuiltin(diags *diag.Diagnostics, name string) {
	diags.AddAttributeWarning(path.Root("name"), "Customising a built-in streaming profile",
		fmt.Sprintf("%q is one of Cloudinary's built-in streaming profiles (%s). This resource customises it in place "+
			"rather than creating a new profile, and destroying the resource reverts it to Cloudinary's original "+
			"settings. Choose another name for a profile of your own.", name, strings.Join(builtinProfiles, ", ")))
}

func newStreamingProfileResource() resource.Resource { return &streamingProfileResource{} }

type streamingProfileResource struct{ resourceBase }

type streamingProfileModel struct {
	ID              types.String `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	DisplayName     types.String `tfsdk:"display_name"`
	Representations types.List   `tfsdk:"representations"`
	Predefined      types.Bool   `tfsdk:"predefined"`
}

var representationObject = types.ObjectType{AttrTypes: map[string]attr.Type{"transformation": transformationType{}}}

func (m streamingProfileModel) toAPI() client.StreamingProfile {
	p := client.StreamingProfile{Name: m.Name.ValueString(), DisplayName: m.DisplayName.ValueString()}
	for _, el := range m.Representations.Elements() {
		if obj, ok := el.(types.Object); ok {
			if t, ok := obj.Attributes()["transformation"].(transformationValue); ok {
				p.Representations = append(p.Representations, t.ValueString())
			}
		}
	}
	return p
}

func representationsValue(defs []string) (types.List, diag.Diagnostics) {
	items := make([]attr.Value, 0, len(defs))
	for _, d := range defs {
		obj, diags := types.ObjectValue(representationObject.AttrTypes, map[string]attr.Value{"transformation": newTransformationValue(d)})
		if diags.HasError() {
			return types.ListNull(representationObject), diags
		}
		items = append(items, obj)
	}
	return types.ListValue(representationObject, items)
}

func streamingProfileModelFrom(p *client.StreamingProfile) (streamingProfileModel, diag.Diagnostics) {
	reps, diags := representationsValue(p.Representations)
	return streamingProfileModel{
		ID: types.StringValue(p.Name), Name: types.StringValue(p.Name), DisplayName: types.StringValue(p.DisplayName),
		Representations: reps, Predefined: types.BoolValue(p.Predefined),
	}, diags
}

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *streamingProfileResource) keepsUnchangedPlans() bool { return true }

func (r *streamingProfileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_streaming_profile"
}

func (r *streamingProfileResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"name", "The profile's name, in lower case: Cloudinary compares profile names without regard to case, so a change of case is the same profile."})
}

// profileIdentity is a profile's identity: its name in lower case.
func profileIdentity(name string) map[string]string {
	return map[string]string{"name": strings.ToLower(name)}
}

func (r *streamingProfileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An adaptive streaming profile (HLS and MPEG-DASH): the representations, one video " +
			"transformation each, that a video is encoded into. Cloudinary's built-in profiles (`4k`, `full_hd`, `hd`, " +
			"`sd`, `full_hd_wifi`, `full_hd_lean`, `hd_lean`) can be managed too: creating one takes it over and " +
			"updates it in place, and destroying it reverts it to Cloudinary's original settings.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The profile's name.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The profile's name: letters, digits, `_` and `-`, compared without regard to case as Cloudinary does. Changing it (other than its case) replaces the profile.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						resp.RequiresReplace = !strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString())
					}, "A change of name other than its case replaces the profile.", "A change of name other than its case replaces the profile.")},
				Validators: nameValidators(),
			},
			"display_name": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "A descriptive name. Kept as Cloudinary has it when unset.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"representations": schema.ListNestedAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The representations, in order, usually from the highest resolution to the " +
					"lowest; at least one must be set: " + requiredButOptional + " Each transformation is compared by meaning with what Cloudinary reports.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"transformation": schema.StringAttribute{
						Required:            true,
						CustomType:          transformationType{},
						MarkdownDescription: "The representation's video transformation, such as `w_1280,h_720,c_limit,vc_h264:main:3.1,br_3500k`.",
					},
				}},
				PlanModifiers: []planmodifier.List{equivalentSpellingPlan{transformations: representationTransformations}},
				Validators:    []validator.List{required{}, listvalidator.SizeAtLeast(1)},
			},
			"predefined": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether this is one of Cloudinary's built-in profiles.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// ModifyPlan warns, in the plan, that creating a profile named after a
// built-in one customises that profile.
func (r *streamingProfileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if !name.IsUnknown() && builtinProfile(name.ValueString()) {
		warnBuiltin(&resp.Diagnostics, name.ValueString())
	}
}

func (r *streamingProfileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan streamingProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := plan.toAPI()
	// Cloudinary compares profile names without regard to case.
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("name"), "streaming profile", strings.ToLower(want.Name)) {
		return
	}
	err := r.data.client.CreateStreamingProfile(ctx, want)
	if client.IsAlreadyExists(err) {
		err = r.customiseBuiltinOrAdoptOwn(ctx, want, err, &resp.Diagnostics)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create streaming profile", err)
		return
	}
	r.recordWritten(ctx, plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, profileIdentity(plan.Name.ValueString()))...)
}

// customiseBuiltinOrAdoptOwn handles a 409 on create. A built-in profile,
// which every account has and which no one can delete, is managed by
// updating it (the plan warned, and destroy reverts it to Cloudinary's
// original). A custom one is this create's own only when an earlier attempt
// may have made it and it holds the planned representations.
func (r *streamingProfileResource) customiseBuiltinOrAdoptOwn(ctx context.Context, want client.StreamingProfile, conflict error, diags *diag.Diagnostics) error {
	got, err := r.data.client.GetStreamingProfile(ctx, want.Name)
	if err != nil {
		return fmt.Errorf("%w (and reading it failed: %w)", conflict, err)
	}
	if got.Predefined {
		warnBuiltin(diags, want.Name)
		return r.data.client.UpdateStreamingProfile(ctx, want)
	}
	profile := existingObject{what: fmt.Sprintf("Streaming profile %q", want.Name), resourceType: "cloudinary_streaming_profile", importID: want.Name, key: "name"}
	return profile.adoptOnlyOwnAfter(conflict, func() (bool, error) {
		return sameTransformations(got.Representations, want.Representations), nil
	})
}

// recordWritten records what Cloudinary holds after a write, keeping the
// planned spellings, with a warning when Cloudinary changed the
// representations.
func (r *streamingProfileResource) recordWritten(ctx context.Context, plan streamingProfileModel, state stateSetter, diags *diag.Diagnostics) {
	got, err := r.data.client.GetStreamingProfile(ctx, plan.Name.ValueString())
	if err != nil {
		diags.AddError("Cannot read the streaming profile back", err.Error())
		return
	}
	if !sameTransformations(got.Representations, plan.toAPI().Representations) {
		diags.AddWarning("Cloudinary changed the representations",
			fmt.Sprintf("Streaming profile %q reports representations %v.", got.Name, got.Representations))
	}
	if plan.ID.IsUnknown() {
		plan.ID = types.StringValue(plan.Name.ValueString())
	}
	plan.Predefined = types.BoolValue(got.Predefined)
	if plan.DisplayName.IsUnknown() || plan.DisplayName.IsNull() {
		plan.DisplayName = types.StringValue(got.DisplayName)
	}
	diags.Append(state.Set(ctx, plan)...)
}

func (r *streamingProfileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var name string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, profileIdentity(name))...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := r.data.client.GetStreamingProfile(ctx, name)
	if err != nil {
		r.data.readFailed(ctx, resp, "streaming profile", name, err)
		return
	}
	if len(got.Verbatim) > 0 {
		resp.Diagnostics.AddWarning("Representations kept as Cloudinary wrote them",
			fmt.Sprintf("Streaming profile %q has representations %v with parameters this provider does not know; they are "+
				"recorded as the JSON Cloudinary sent, so the plan shows them changing to the configured ones.", name, got.Verbatim))
	}
	imported, diags := wasImported(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if imported {
		// An import names the profile in any case: record Cloudinary's.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	} else {
		got.Name = name // keep the configured case
	}
	model, diags := streamingProfileModelFrom(got)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func (r *streamingProfileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan streamingProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.client.UpdateStreamingProfile(ctx, plan.toAPI()); err != nil {
		resp.Diagnostics.AddError("Cannot update streaming profile", err.Error())
		return
	}
	r.recordWritten(ctx, plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, profileIdentity(plan.Name.ValueString()))...)
}

// Delete deletes a custom profile, or reverts a built-in one. Cloudinary
// refuses to revert a built-in that was never changed: that is already the
// state a destroy asks for.
func (r *streamingProfileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state streamingProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.data.client.DeleteStreamingProfile(ctx, state.Name.ValueString())
	if err == nil || client.IsNotFound(err) {
		return
	}
	if state.Predefined.ValueBool() && !client.IsRateLimited(err) {
		if got, getErr := r.data.client.GetStreamingProfile(ctx, state.Name.ValueString()); getErr == nil && got.Predefined {
			return
		}
	}
	resp.Diagnostics.AddError("Cannot delete streaming profile", err.Error())
}

func (r *streamingProfileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "name")
}

// representationTransformations picks the transformations out of a list of
// representation objects.
func representationTransformations(l basetypes.ListValue) []attr.Value {
	out := make([]attr.Value, 0, len(l.Elements()))
	for _, el := range l.Elements() {
		obj, ok := el.(types.Object)
		if !ok || obj.IsUnknown() {
			return nil
		}
		out = append(out, obj.Attributes()["transformation"])
	}
	return out
}
