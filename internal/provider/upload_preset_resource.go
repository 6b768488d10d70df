package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/transformation"
)

var (
	_ resource.ResourceWithConfigure   = (*uploadPresetResource)(nil)
	_ resource.ResourceWithImportState = (*uploadPresetResource)(nil)
	_ resource.ResourceWithIdentity    = (*uploadPresetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*uploadPresetResource)(nil)
)

func newUploadPresetResource() resource.Resource { return &uploadPresetResource{} }

type uploadPresetResource struct{ resourceBase }

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *uploadPresetResource) keepsUnchangedPlans() bool { return true }

func (r *uploadPresetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upload_preset"
}

func (r *uploadPresetResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"name", "The preset's name."})
}

func (r *uploadPresetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The preset's name, which identifies it.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "The preset's name, used in upload calls. Letters, digits, `_` and `-`. Changing it replaces the preset.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          nameValidators(),
		},
		"unsigned": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(false),
			MarkdownDescription: "Whether the preset allows unsigned uploads (from browsers and apps without the API secret). Defaults to false.",
		},
		"extra_settings": schema.MapAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Other upload parameters, by their API names, in the string form the Admin API takes " +
				"(for upload parameters Cloudinary adds later). Keys that have their own attribute are refused here, and so are " +
				"parameters that belong to one upload call, such as `file`, `timestamp`, `signature` or `upload_preset`.",
			Validators: []validator.Map{extraSettingsValidator{}},
		},
	}
	for _, s := range presetSettings {
		attrs[s.name] = resourceSettingAttribute(s)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An upload preset: upload parameters kept in Cloudinary under a name, applied to every upload " +
			"that names the preset. A setting removed from the configuration is removed from the preset, and a setting " +
			"changed, added or removed in the console shows in the next plan. Settings are compared by meaning, not " +
			"spelling: Cloudinary answers with lists, booleans, numbers, headers and transformations in its own forms. " +
			"A setting that Cloudinary does not keep (an add-on the account lacks, say) fails the apply with an error that " +
			"names it. New or changed `metadata` values are checked at plan time against the account's fields (and the fields " +
			"this plan makes, when the preset depends on them): a value Cloudinary refuses would make every upload through the preset fail.",
		Attributes: attrs,
	}
}

func resourceSettingAttribute(s presetSetting) schema.Attribute {
	switch s.kind {
	case kindBool:
		return schema.BoolAttribute{Optional: true, MarkdownDescription: s.description}
	case kindFloat:
		return schema.Float64Attribute{Optional: true, MarkdownDescription: s.description, Validators: []validator.Float64{autoTagging}}
	case kindNameSet:
		return schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: s.description, Validators: nameSetValid[s.name]}
	case kindContext:
		if s.spelling != 0 {
			return schema.MapAttribute{Optional: true, Computed: true, ElementType: s.mapElement(), MarkdownDescription: s.description,
				PlanModifiers: []planmodifier.Map{equivalentSpellingPlan{equal: s.spelling.equal}}}
		}
		return schema.MapAttribute{Optional: true, ElementType: s.mapElement(), MarkdownDescription: s.description}
	case kindTransformation:
		return schema.StringAttribute{Optional: true, Computed: true, CustomType: transformationType{}, MarkdownDescription: s.description,
			PlanModifiers: []planmodifier.String{equivalentSpellingPlan{}}}
	case kindEager:
		return schema.ListAttribute{Optional: true, Computed: true, ElementType: transformationType{}, MarkdownDescription: s.description,
			PlanModifiers: []planmodifier.List{equivalentSpellingPlan{}}, Validators: []validator.List{transformationElements{}}}
	case kindSpelled:
		return schema.StringAttribute{Optional: true, Computed: true, CustomType: spellingType{spelling: s.spelling}, MarkdownDescription: s.description,
			PlanModifiers: []planmodifier.String{equivalentSpellingPlan{equal: s.spelling.equal}}, Validators: s.validators}
	case kindCoordinates:
		return schema.ListAttribute{Optional: true, ElementType: rectangleType, MarkdownDescription: s.description, Validators: rectangles}
	}
	return schema.StringAttribute{Optional: true, MarkdownDescription: s.description, Validators: s.validators}
}

// ModifyPlan checks new or changed metadata values against the account's
// fields: a value Cloudinary would refuse makes every upload through the
// preset fail.
func (r *uploadPresetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	at := path.Root("metadata")
	var planned, prior types.Map
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, at, &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, at, &prior)...)
	}
	if !resp.Diagnostics.HasError() && !planned.Equal(prior) {
		r.data.checkMetadataValues(ctx, at, planned, &resp.Diagnostics)
	}
}

// presetObject is a preset's plan, state or configuration as one object's
// attributes, read at once: getting seventy attributes one path at a time
// walks the schema seventy times.
type presetObject map[string]attr.Value

// objectGetter is what plans, states and configurations have in common.
type objectGetter interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

func presetObjectOf(ctx context.Context, from objectGetter) (presetObject, diag.Diagnostics) {
	var obj types.Object
	diags := from.Get(ctx, &obj)
	return obj.Attributes(), diags
}

// extraSettings are the values of extra_settings (nil when null).
func (o presetObject) extraSettings(ctx context.Context) (map[string]string, diag.Diagnostics) {
	m, ok := o["extra_settings"].(types.Map)
	if !ok || m.IsNull() || m.IsUnknown() {
		return nil, nil
	}
	out := map[string]string{}
	return out, m.ElementsAs(ctx, &out, false)
}

// preset is the preset the object describes: its name, whether it is
// unsigned, and every setting that is set, in API string form.
func (o presetObject) preset(ctx context.Context) (client.UploadPreset, diag.Diagnostics) {
	var diags diag.Diagnostics
	name, _ := o["name"].(types.String)
	unsigned, _ := o["unsigned"].(types.Bool)
	p := client.UploadPreset{Name: name.ValueString(), Unsigned: unsigned.ValueBool(), Settings: map[string]string{}}
	for _, s := range presetSettings {
		str, ok, d := settingString(ctx, o[s.name])
		diags.Append(d...)
		if ok {
			p.Settings[s.name] = str
		}
	}
	extra, d := o.extraSettings(ctx)
	diags.Append(d...)
	for k, v := range extra {
		p.Settings[k] = v
	}
	return p, diags
}

// presetFrom reads the preset that a plan or state describes.
func presetFrom(ctx context.Context, from objectGetter) (client.UploadPreset, diag.Diagnostics) {
	o, diags := presetObjectOf(ctx, from)
	if diags.HasError() {
		return client.UploadPreset{}, diags
	}
	p, d := o.preset(ctx)
	return p, append(diags, d...)
}

// writePresetState writes what Cloudinary holds to a state (schemaType is
// the state schema's type): every typed setting as read (null when absent,
// but for the write-only settings, which keep their prior value), and in
// extra_settings the keys it managed before, or every untyped setting on
// import. Values that mean what the prior value means keep the prior spelling.
func writePresetState(ctx context.Context, p client.UploadPreset, prior presetObject, imported bool, schemaType attr.Type, state stateSetter) diag.Diagnostics {
	var diags diag.Diagnostics
	out := presetObject{"id": types.StringValue(p.Name), "name": types.StringValue(p.Name), "unsigned": types.BoolValue(p.Unsigned)}
	for _, s := range presetSettings {
		raw, present := p.Settings[s.name]
		var d diag.Diagnostics
		switch {
		case present:
			out[s.name], d = settingValue(ctx, s, raw)
		case writeOnlySettings[s.name] && prior[s.name] != nil:
			out[s.name] = prior[s.name]
		case isEmptyString(prior[s.name]):
			// An empty string setting is no setting: sent empty, it is removed,
			// and Cloudinary's answer leaves it out.
			out[s.name] = prior[s.name]
		default:
			out[s.name] = nullSetting(s)
		}
		diags.Append(d...)
	}
	priorExtra, d := prior.extraSettings(ctx)
	diags.Append(d...)
	extra := map[string]attr.Value{}
	for k, v := range p.Settings {
		had, managed := priorExtra[k]
		switch {
		case isTypedSetting(k) || (!managed && !imported):
		case managed && sameUntypedSetting(had, v):
			extra[k] = types.StringValue(had)
		default:
			extra[k] = types.StringValue(v)
		}
	}
	out["extra_settings"] = types.MapNull(types.StringType)
	if len(extra) > 0 || priorExtra != nil {
		out["extra_settings"] = types.MapValueMust(types.StringType, extra)
	}
	objectType, ok := schemaType.(attr.TypeWithAttributeTypes)
	if !ok {
		diags.AddError("Unexpected schema", "The upload preset's schema is not an object. This is a bug in the provider; please report it.")
		return diags
	}
	obj, d := types.ObjectValue(objectType.AttributeTypes(), out)
	diags.Append(d...)
	if !diags.HasError() {
		diags.Append(state.Set(ctx, obj)...)
	}
	return diags
}

// isEmptyString tells whether a value is a known, empty plain string.
func isEmptyString(v attr.Value) bool {
	s, ok := v.(types.String)
	return ok && !s.IsNull() && !s.IsUnknown() && s.ValueString() == ""
}

// nullSetting is the null value of a setting's attribute.
func nullSetting(s presetSetting) attr.Value {
	switch s.kind {
	case kindBool:
		return types.BoolNull()
	case kindFloat:
		return types.Float64Null()
	case kindNameSet:
		return types.SetNull(types.StringType)
	case kindContext:
		return types.MapNull(s.mapElement())
	case kindEager:
		return types.ListNull(transformationType{})
	case kindTransformation:
		return transformationValue{StringValue: types.StringNull()}
	case kindSpelled:
		return spellingValue{StringValue: types.StringNull(), spelling: s.spelling}
	case kindCoordinates:
		return types.ListNull(rectangleType)
	}
	return types.StringNull()
}

// settingsNotKept lists the settings that a write sent but Cloudinary's
// answer lacks or holds with another meaning (an add-on the account does
// not have, for example).
func settingsNotKept(sent, got map[string]string) []string {
	var out []string
	for key, want := range sent {
		have, ok := got[key]
		switch {
		case want == "" || writeOnlySettings[key]:
			continue
		case !ok:
			out = append(out, fmt.Sprintf("%s (not kept)", key))
		case !sameSetting(key, want, have):
			out = append(out, fmt.Sprintf("%s (kept as %q)", key, have))
		}
	}
	sort.Strings(out)
	return out
}

// sameContext compares two maps, their values under a spelling (plain
// strings when it is zero).
func sameContext(a, b map[string]string, values spelling) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !values.equal(v, w) {
			return false
		}
	}
	return true
}

// sameSetting compares two API strings of a setting by meaning.
func sameSetting(key string, a, b string) bool {
	s, typed := presetSettingsByName[key]
	if !typed {
		return sameUntypedSetting(a, b)
	}
	switch s.kind {
	case kindBool:
		x, errX := strconv.ParseBool(a)
		y, errY := strconv.ParseBool(b)
		return errX == nil && errY == nil && x == y
	case kindFloat:
		return sameNumber(a, b)
	case kindNameSet:
		return commaSet.equal(a, b)
	case kindContext:
		return sameContext(client.DecodeContext(a), client.DecodeContext(b), s.spelling)
	case kindTransformation:
		return transformation.Equal(a, b)
	case kindEager:
		return sameTransformations(splitNonEmpty(a, "|"), splitNonEmpty(b, "|"))
	case kindSpelled:
		return s.spelling.equal(a, b)
	case kindCoordinates:
		x, okX := parseCoordinates(a)
		y, okY := parseCoordinates(b)
		return okX && okY && slices.EqualFunc(x, y, slices.Equal)
	}
	return a == b
}

// sameUntypedSetting compares settings of extra_settings, whose kinds the
// provider does not know: booleans as booleans, numbers as numbers.
func sameUntypedSetting(a, b string) bool {
	x, errX := strconv.ParseBool(a)
	y, errY := strconv.ParseBool(b)
	if errX == nil && errY == nil {
		return x == y
	}
	return a == b || sameNumber(a, b)
}

func sameNumber(a, b string) bool {
	x, errX := strconv.ParseFloat(a, 64)
	y, errY := strconv.ParseFloat(b, 64)
	return errX == nil && errY == nil && x == y
}

// notKeptError reports settings that Cloudinary did not keep. State holds
// what Cloudinary has, so the next plan shows the difference.
func notKeptError(diags *diag.Diagnostics, name string, notKept []string) {
	if len(notKept) == 0 {
		return
	}
	diags.AddError("Cloudinary did not keep some settings",
		fmt.Sprintf("Upload preset %q was written, but Cloudinary's answer differs for: %s. This usually means an add-on "+
			"or feature the account does not have. Terraform records what Cloudinary holds; remove these settings from "+
			"the configuration, or enable what they need, and apply again.", name, strings.Join(notKept, ", ")))
}

// warnVerbatim says which settings Cloudinary answered in a form that the
// provider cannot read back into the configuration's form.
func warnVerbatim(diags *diag.Diagnostics, name string, verbatim []string) {
	if len(verbatim) == 0 {
		return
	}
	diags.AddWarning("Settings kept as Cloudinary wrote them",
		fmt.Sprintf("Upload preset %q holds settings with parameters this provider does not know: %s. They are recorded as "+
			"the JSON Cloudinary sent, so the plan shows them as changing to the configured value.", name, strings.Join(verbatim, ", ")))
}

func (r *uploadPresetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	want, diags := presetFrom(ctx, req.Plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("name"), "upload preset", want.Name) {
		return
	}
	write := r.data.presets.beginWrite()
	defer write.end()
	err := r.data.client.CreateUploadPreset(ctx, want)
	if client.IsAlreadyExists(err) {
		err = r.adoptOwn(ctx, want, err)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create upload preset", err)
		return
	}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"name": want.Name})...)
	if !r.recordWritten(ctx, write, want, "created", req.Plan, &resp.State, &resp.Diagnostics) {
		keepPlanned(req.Plan, &resp.State, &resp.Diagnostics)
	}
}

// adoptOwn handles a 409 on create: the preset is this create's own when an
// earlier attempt may have made it and it holds what was asked.
func (r *uploadPresetResource) adoptOwn(ctx context.Context, want client.UploadPreset, conflict error) error {
	preset := existingObject{what: fmt.Sprintf("Upload preset %q", want.Name), resourceType: "cloudinary_upload_preset", importID: want.Name, key: "name"}
	return preset.adoptOnlyOwnAfter(conflict, func() (bool, error) {
		got, err := r.data.client.GetUploadPreset(ctx, want.Name)
		return err == nil && got.Unsigned == want.Unsigned && len(settingsNotKept(want.Settings, got.Settings)) == 0, err
	})
}

// recordWritten records what Cloudinary holds after a write (done says
// which): it reads the preset back, in one listing with the preset writes
// that finish with it, with an error for planned settings that it did not
// keep. It returns false when the read-back failed.
func (r *uploadPresetResource) recordWritten(ctx context.Context, write *pendingWrite[client.UploadPreset], want client.UploadPreset, done string,
	plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) bool {
	got, err := write.readBack(ctx, want.Name)
	if err != nil {
		diags.AddError("Cannot read the upload preset back", readBackFailed(fmt.Sprintf("Upload preset %q", want.Name), done, err))
		return false
	}
	prior, d := presetObjectOf(ctx, plan)
	diags.Append(d...)
	diags.Append(writePresetState(ctx, got, prior, false, state.Schema.Type(), state)...)
	notKeptError(diags, want.Name, settingsNotKept(want.Settings, got.Settings))
	return true
}

func (r *uploadPresetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	p, ok := readByKey(ctx, r.data, req, resp, "name", "upload preset", r.data.presets)
	if !ok {
		return
	}
	imported, d := wasImported(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	warnVerbatim(&resp.Diagnostics, p.Name, p.Verbatim)
	prior, d := presetObjectOf(ctx, req.State)
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(writePresetState(ctx, p, prior, imported, resp.State.Schema.Type(), &resp.State)...)
	if imported {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
	}
}

func (r *uploadPresetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	want, diags := presetFrom(ctx, req.Plan)
	resp.Diagnostics.Append(diags...)
	had, diags := presetFrom(ctx, req.State)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	for key := range had.Settings {
		if _, kept := want.Settings[key]; !kept {
			want.Settings[key] = "" // an empty value removes the setting
		}
	}
	write := r.data.presets.beginWrite()
	defer write.end()
	if err := r.data.client.UpdateUploadPreset(ctx, want); err != nil {
		resp.Diagnostics.AddError("Cannot update upload preset", err.Error())
		return
	}
	r.recordWritten(ctx, write, want, "updated", req.Plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"name": want.Name})...)
}

func (r *uploadPresetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByKey(ctx, req, resp, "name", "upload preset", r.data.client.DeleteUploadPreset, r.data.presets)
}

func (r *uploadPresetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "name")
}

// extraSettingsValidator refuses extra_settings keys that have their own
// attribute, so that one setting cannot be managed twice.
type extraSettingsValidator struct{}

func (extraSettingsValidator) Description(context.Context) string {
	return "keys must be upload parameters that a preset can hold and that have no attribute of their own"
}

func (v extraSettingsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (extraSettingsValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for key := range req.ConfigValue.Elements() {
		switch {
		case isTypedSetting(key) || key == "unsigned" || key == "name":
			addAttributeError(&resp.Diagnostics, req.Path.AtMapKey(key), "Setting has its own attribute",
				fmt.Sprintf("Set %q with the %s attribute, not in extra_settings.", key, key))
		case notPresetSettings[key] != "":
			addAttributeError(&resp.Diagnostics, req.Path.AtMapKey(key), "Not a preset setting",
				fmt.Sprintf("A preset cannot hold %q: %s.", key, notPresetSettings[key]))
		case key == "" || strings.ContainsAny(key, " =&"):
			addAttributeError(&resp.Diagnostics, req.Path.AtMapKey(key), "Invalid setting name",
				fmt.Sprintf("%q is not an upload parameter name.", key))
		}
	}
}
