package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
)

func newUploadPresetResource() resource.Resource { return &uploadPresetResource{} }

type uploadPresetResource struct {
	data *providerData
}

var presetNamePattern = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

// attrGetter is what plans, states and configurations have in common.
type attrGetter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

func (r *uploadPresetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upload_preset"
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
			Validators: []validator.String{
				stringvalidator.LengthBetween(1, 255),
				stringvalidator.RegexMatches(presetNamePattern, "must contain only letters, digits, _ and -"),
			},
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
				"(for upload parameters Cloudinary adds later). Keys that have their own attribute are refused here.",
			Validators: []validator.Map{extraSettingsValidator{}},
		},
	}
	for _, s := range presetSettings {
		attrs[s.name] = resourceSettingAttribute(s)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An upload preset: upload parameters kept in Cloudinary under a name, applied to every upload " +
			"that names the preset. Settings left out of the configuration are not sent and never show a difference; " +
			"a setting removed from the configuration is removed from the preset. Settings are compared by meaning, not " +
			"spelling: Cloudinary answers with lists, booleans, numbers and transformations in its own forms.",
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
		return schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: s.description}
	case kindTransformation:
		return schema.StringAttribute{Optional: true, Computed: true, CustomType: transformationType{}, MarkdownDescription: s.description,
			PlanModifiers: []planmodifier.String{equivalentTransformationPlan{}}}
	case kindEager:
		return schema.ListAttribute{Optional: true, Computed: true, ElementType: transformationType{}, MarkdownDescription: s.description,
			PlanModifiers: []planmodifier.List{equivalentTransformationPlan{}}, Validators: []validator.List{transformationElements{}}}
	}
	return schema.StringAttribute{Optional: true, MarkdownDescription: s.description, Validators: s.validators}
}

func (r *uploadPresetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// readSetting reads one setting attribute as its typed value.
func readSetting(ctx context.Context, from attrGetter, s presetSetting) (attr.Value, diag.Diagnostics) {
	p := path.Root(s.name)
	switch s.kind {
	case kindBool:
		var v types.Bool
		return v, from.GetAttribute(ctx, p, &v)
	case kindFloat:
		var v types.Float64
		return v, from.GetAttribute(ctx, p, &v)
	case kindNameSet:
		var v types.Set
		return v, from.GetAttribute(ctx, p, &v)
	case kindContext:
		var v types.Map
		return v, from.GetAttribute(ctx, p, &v)
	case kindTransformation:
		var v transformationValue
		return v, from.GetAttribute(ctx, p, &v)
	case kindEager:
		var v types.List
		return v, from.GetAttribute(ctx, p, &v)
	}
	var v types.String
	return v, from.GetAttribute(ctx, p, &v)
}

// presetFrom reads the preset that a plan or state describes: its name,
// whether it is unsigned, and every setting that is set, in API string form.
func presetFrom(ctx context.Context, from attrGetter) (client.UploadPreset, diag.Diagnostics) {
	var diags diag.Diagnostics
	var name types.String
	var unsigned types.Bool
	var extra map[string]string
	diags.Append(from.GetAttribute(ctx, path.Root("name"), &name)...)
	diags.Append(from.GetAttribute(ctx, path.Root("unsigned"), &unsigned)...)
	diags.Append(from.GetAttribute(ctx, path.Root("extra_settings"), &extra)...)
	p := client.UploadPreset{Name: name.ValueString(), Unsigned: unsigned.ValueBool(), Settings: map[string]string{}}
	for _, s := range presetSettings {
		v, d := readSetting(ctx, from, s)
		diags.Append(d...)
		str, ok, d := settingString(ctx, v)
		diags.Append(d...)
		if ok {
			p.Settings[s.name] = str
		}
	}
	for k, v := range extra {
		p.Settings[k] = v
	}
	return p, diags
}

// writePresetState writes what Cloudinary holds to state. A setting that
// Cloudinary does not return keeps its prior value (some settings are
// write-only); extra_settings keeps the keys it managed before, or takes
// every untyped setting on import.
func writePresetState(ctx context.Context, p client.UploadPreset, prior attrGetter, imported bool, state *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("id"), p.Name)...)
	diags.Append(state.SetAttribute(ctx, path.Root("name"), p.Name)...)
	diags.Append(state.SetAttribute(ctx, path.Root("unsigned"), p.Unsigned)...)
	for _, s := range presetSettings {
		raw, present := p.Settings[s.name]
		var v attr.Value
		var d diag.Diagnostics
		if present {
			v, d = settingValue(ctx, s.kind, raw)
		} else {
			v, d = readSetting(ctx, prior, s)
		}
		diags.Append(d...)
		diags.Append(state.SetAttribute(ctx, path.Root(s.name), v)...)
	}
	var priorExtra map[string]string
	diags.Append(prior.GetAttribute(ctx, path.Root("extra_settings"), &priorExtra)...)
	extra := map[string]string{}
	for k, v := range p.Settings {
		if _, managed := priorExtra[k]; !typedSettingNames[k] && (managed || imported) {
			extra[k] = v
		}
	}
	if len(extra) == 0 && priorExtra == nil {
		diags.Append(state.SetAttribute(ctx, path.Root("extra_settings"), types.MapNull(types.StringType))...)
		return diags
	}
	diags.Append(state.SetAttribute(ctx, path.Root("extra_settings"), extra)...)
	return diags
}

// settingsNotKept lists the settings that a write sent but Cloudinary's
// answer lacks or holds with another meaning (an add-on the account does
// not have, for example).
func settingsNotKept(sent, got map[string]string) []string {
	var out []string
	for key, want := range sent {
		have, ok := got[key]
		switch {
		case want == "":
			continue
		case !ok:
			out = append(out, fmt.Sprintf("%s (not kept)", key))
		case !sameSetting(settingKindOf(key), want, have):
			out = append(out, fmt.Sprintf("%s (kept as %q)", key, have))
		}
	}
	sort.Strings(out)
	return out
}

func settingKindOf(key string) settingKind {
	for _, s := range presetSettings {
		if s.name == key {
			return s.kind
		}
	}
	return kindString
}

// sameSetting compares two API strings of a setting by meaning.
func sameSetting(kind settingKind, a, b string) bool {
	switch kind {
	case kindBool:
		x, errX := strconv.ParseBool(a)
		y, errY := strconv.ParseBool(b)
		return errX == nil && errY == nil && x == y
	case kindFloat:
		x, errX := strconv.ParseFloat(a, 64)
		y, errY := strconv.ParseFloat(b, 64)
		return errX == nil && errY == nil && x == y
	case kindNameSet:
		x, y := splitNonEmpty(a, ","), splitNonEmpty(b, ",")
		sort.Strings(x)
		sort.Strings(y)
		return strings.Join(x, ",") == strings.Join(y, ",")
	case kindContext:
		return client.EncodeContext(client.DecodeContext(a)) == client.EncodeContext(client.DecodeContext(b))
	case kindTransformation:
		return transformation.Equal(a, b)
	case kindEager:
		x, y := splitNonEmpty(a, "|"), splitNonEmpty(b, "|")
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !transformation.Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

func warnNotKept(diags *diag.Diagnostics, name string, notKept []string) {
	if len(notKept) == 0 {
		return
	}
	diags.AddWarning("Cloudinary did not keep some settings",
		fmt.Sprintf("Upload preset %q was written, but Cloudinary's answer differs for: %s. This usually means an add-on "+
			"or feature the account does not have. Terraform keeps the configured values in state; the next plan will "+
			"show the difference if Cloudinary reports another value.", name, strings.Join(notKept, ", ")))
}

func (r *uploadPresetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	want, diags := presetFrom(ctx, req.Plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.data.client.CreateUploadPreset(ctx, want)
	if client.IsAlreadyExists(err) {
		err = r.adoptIfIdentical(ctx, want, err)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot create upload preset", err.Error())
		return
	}
	r.finishWrite(ctx, want, req.Plan, &resp.State, &resp.Diagnostics)
}

// adoptIfIdentical handles a 409 on create. When a retried create had in
// fact succeeded before its answer was lost, the preset that exists is the
// one asked for: take it rather than fail or create another. Anything else
// is a real conflict.
func (r *uploadPresetResource) adoptIfIdentical(ctx context.Context, want client.UploadPreset, conflict error) error {
	got, err := r.data.client.GetUploadPreset(ctx, want.Name)
	if err != nil || got.Unsigned != want.Unsigned || len(settingsNotKept(want.Settings, got.Settings)) > 0 {
		return fmt.Errorf("%w. An upload preset named %q already exists in Cloudinary with other settings; "+
			"import it with `terraform import cloudinary_upload_preset.<name> %s` to manage it", conflict, want.Name, want.Name)
	}
	return nil
}

// finishWrite reads the preset back, warns about settings Cloudinary did
// not keep, and records the planned values in state.
func (r *uploadPresetResource) finishWrite(ctx context.Context, want client.UploadPreset, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	got, err := r.data.client.GetUploadPreset(ctx, want.Name)
	if err != nil {
		diags.AddError("Cannot read the upload preset back", err.Error())
		return
	}
	r.data.presets.put(got.Name, *got)
	warnNotKept(diags, want.Name, settingsNotKept(want.Settings, got.Settings))
	state.Raw = plan.Raw
	diags.Append(state.SetAttribute(ctx, path.Root("id"), want.Name)...)
}

func (r *uploadPresetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var name string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, found, err := r.data.presets.get(ctx, name)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read upload preset", err.Error())
		return
	}
	if !found {
		resp.State.RemoveResource(ctx)
		return
	}
	imported, d := wasImported(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(writePresetState(ctx, p, req.State, imported, &resp.State)...)
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
	if err := r.data.client.UpdateUploadPreset(ctx, want); err != nil {
		resp.Diagnostics.AddError("Cannot update upload preset", err.Error())
		return
	}
	r.finishWrite(ctx, want, req.Plan, &resp.State, &resp.Diagnostics)
}

func (r *uploadPresetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var name string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.client.DeleteUploadPreset(ctx, name); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete upload preset", err.Error())
		return
	}
	r.data.presets.forget(name)
}

func (r *uploadPresetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "name")
}

// extraSettingsValidator refuses extra_settings keys that have their own
// attribute, so that one setting cannot be managed twice.
type extraSettingsValidator struct{}

func (extraSettingsValidator) Description(context.Context) string {
	return "keys must not be settings that have their own attribute"
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
		case typedSettingNames[key] || key == "unsigned" || key == "name":
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Setting has its own attribute",
				fmt.Sprintf("Set %q with the %s attribute, not in extra_settings.", key, key))
		case key == "" || strings.ContainsAny(key, " =&"):
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Invalid setting name",
				fmt.Sprintf("%q is not an upload parameter name.", key))
		}
	}
}
