package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure        = (*assetResource)(nil)
	_ resource.ResourceWithImportState      = (*assetResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*assetResource)(nil)
	_ resource.ResourceWithConfigValidators = (*assetResource)(nil)
)

func newAssetResource() resource.Resource { return &assetResource{} }

type assetResource struct {
	data *providerData
}

type assetModel struct {
	ID            types.String `tfsdk:"id"`
	File          types.String `tfsdk:"file"`
	URL           types.String `tfsdk:"url"`
	ContentBase64 types.String `tfsdk:"content_base64"`
	SourceHash    types.String `tfsdk:"source_hash"`
	PublicID      types.String `tfsdk:"public_id"`
	ResourceType  types.String `tfsdk:"resource_type"`
	Type          types.String `tfsdk:"type"`
	UploadPreset  types.String `tfsdk:"upload_preset"`
	AssetFolder   types.String `tfsdk:"asset_folder"`
	DisplayName   types.String `tfsdk:"display_name"`
	Tags          types.Set    `tfsdk:"tags"`
	Context       types.Map    `tfsdk:"context"`
	AccessMode    types.String `tfsdk:"access_mode"`
	Overwrite     types.Bool   `tfsdk:"overwrite"`
	Invalidate    types.Bool   `tfsdk:"invalidate"`
	AssetID       types.String `tfsdk:"asset_id"`
	Version       types.Int64  `tfsdk:"version"`
	Format        types.String `tfsdk:"format"`
	Bytes         types.Int64  `tfsdk:"bytes"`
	Width         types.Int64  `tfsdk:"width"`
	Height        types.Int64  `tfsdk:"height"`
	Etag          types.String `tfsdk:"etag"`
	DeliveryURL   types.String `tfsdk:"delivery_url"`
	SecureURL     types.String `tfsdk:"secure_url"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

// publicIDPattern holds what the Upload API reference allows in a public ID.
var publicIDPattern = regexp.MustCompile(`^[^/\s?&#\\%<>+](?:[^?&#\\%<>+]*[^/\s?&#\\%<>+])?$`)

func (r *assetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_asset"
}

func (r *assetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An uploaded file. Its content comes from exactly one of `file`, `url` or `content_base64`; " +
			"a change of content (detected by `source_hash`) uploads it again over the same public ID, while tags, " +
			"context, display name and asset folder change in place through the Upload API, which is not rate limited. " +
			"Destroying it deletes the asset.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "`resource_type/type/public_id`, the import ID."},
			"file": schema.StringAttribute{Optional: true, Validators: []validator.String{existingFile{}},
				MarkdownDescription: "Path of a local file to upload. It is streamed, never read whole into memory."},
			"url": schema.StringAttribute{Optional: true,
				Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^https?://\S+$`), "must be an http:// or https:// URL")},
				MarkdownDescription: "A remote http(s) URL that Cloudinary fetches the file from. Changing the URL uploads again; a change of content behind the same URL is not detected."},
			"content_base64": schema.StringAttribute{Optional: true, Sensitive: false, Validators: []validator.String{base64Content{}},
				MarkdownDescription: "The file's content, base64-encoded (standard alphabet, with padding)."},
			"source_hash": schema.StringAttribute{Computed: true,
				MarkdownDescription: "SHA-256 of the source content (of the URL, for `url`), computed at plan time; a change uploads the file again."},
			"public_id": schema.StringAttribute{Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255), stringvalidator.RegexMatches(publicIDPattern,
					"must not begin or end with a slash or a space, nor contain any of ? & # \\ % < > +")},
				MarkdownDescription: "The public ID. Cloudinary chooses one when unset. Images' and videos' public IDs have no file extension; raw files' do. Changing it replaces the asset."},
			"resource_type": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("image"),
				PlanModifiers:       []planmodifier.String{autoResourceType{}},
				Validators:          []validator.String{stringvalidator.OneOf("image", "raw", "video", "auto")},
				MarkdownDescription: "`image` (the default), `raw`, `video`, or `auto` to let Cloudinary decide (the `id` then shows the type it chose). Changing it replaces the asset, unless the change is to `auto`."},
			"type": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("upload"),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.OneOf("upload", "private", "authenticated")},
				MarkdownDescription: "The delivery type: `upload` (the default), `private` or `authenticated`. Changing it replaces the asset."},
			"upload_preset": schema.StringAttribute{Optional: true,
				MarkdownDescription: "An upload preset whose settings apply to the upload."},
			"asset_folder": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep, Validators: []validator.String{folderValidator},
				MarkdownDescription: "The asset folder. Changes in place. When unset, whatever Cloudinary (or the preset) chose is kept."},
			"display_name": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep,
				Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^/]+$`), "must not be empty or contain a slash")},
				MarkdownDescription: "The display name. Changes in place."},
			"tags": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Tags. Change in place; an empty set removes them all. When unset, the tags the asset has (from a preset, say) are kept unmanaged."},
			"context": schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Contextual metadata. Values may contain `=` and `|`: the provider escapes them as the API requires. Changes in place; an empty map removes it all."},
			"access_mode": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep,
				Validators:          []validator.String{stringvalidator.OneOf("public", "authenticated")},
				MarkdownDescription: "`public` or `authenticated`. Changes in place (through the Admin API)."},
			"overwrite": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether creating the asset may replace an existing asset with the same public ID. Defaults to false: an existing asset is an error, to import instead. Uploads of new content over this asset always overwrite it."},
			"invalidate": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether re-uploads and destroy invalidate the CDN's cached copies."},
			"asset_id":     schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Cloudinary's immutable asset ID."},
			"version":      schema.Int64Attribute{Computed: true, PlanModifiers: keepInt, MarkdownDescription: "The version, which changes with each upload."},
			"format":       schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The file format, such as `png` (empty for raw files)."},
			"bytes":        schema.Int64Attribute{Computed: true, PlanModifiers: keepInt, MarkdownDescription: "The size in bytes."},
			"width":        schema.Int64Attribute{Computed: true, PlanModifiers: keepInt, MarkdownDescription: "The width in pixels, for images and videos."},
			"height":       schema.Int64Attribute{Computed: true, PlanModifiers: keepInt, MarkdownDescription: "The height in pixels, for images and videos."},
			"etag":         schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The MD5 digest of the content."},
			"delivery_url": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The http delivery URL (with the version)."},
			"secure_url":   schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The https delivery URL (with the version)."},
			"created_at":   schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the asset was first uploaded (RFC 3339)."},
		},
	}
}

func (r *assetResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("file"), path.MatchRoot("url"), path.MatchRoot("content_base64")),
	}
}

func (r *assetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan digests the source, so that a change of content plans an
// update, and marks what an upload of new content will change.
func (r *assetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan assetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.File.IsUnknown() || plan.URL.IsUnknown() || plan.ContentBase64.IsUnknown() {
		return
	}
	digest, err := digestSource(plan.File.ValueString(), plan.URL.ValueString(), plan.ContentBase64.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the asset's source", err.Error())
		return
	}
	var state *assetModel
	if !req.State.Raw.IsNull() {
		state = &assetModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	switch {
	case state == nil:
		plan.SourceHash = types.StringValue(digest.sha256)
	case state.SourceHash.ValueString() == digest.sha256:
		plan.SourceHash = state.SourceHash
	case state.SourceHash.IsNull() && digest.md5 != "" && digest.md5 == state.Etag.ValueString():
		// Imported: Cloudinary already holds this content.
		plan.SourceHash = state.SourceHash
	default:
		plan.SourceHash = types.StringValue(digest.sha256)
		for _, v := range []*types.Int64{&plan.Version, &plan.Bytes, &plan.Width, &plan.Height} {
			*v = types.Int64Unknown()
		}
		for _, v := range []*types.String{&plan.Etag, &plan.Format, &plan.DeliveryURL, &plan.SecureURL} {
			*v = types.StringUnknown()
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// uploadParams are the parameters of an upload or re-upload.
func uploadParams(ctx context.Context, m assetModel, overwrite bool) (url.Values, diag.Diagnostics) {
	var diags diag.Diagnostics
	q := url.Values{"type": {m.Type.ValueString()}, "overwrite": {strconv.FormatBool(overwrite)}}
	setIfKnown := func(key string, v types.String) {
		if !v.IsNull() && !v.IsUnknown() {
			q.Set(key, v.ValueString())
		}
	}
	setIfKnown("public_id", m.PublicID)
	setIfKnown("upload_preset", m.UploadPreset)
	setIfKnown("asset_folder", m.AssetFolder)
	setIfKnown("display_name", m.DisplayName)
	setIfKnown("access_mode", m.AccessMode)
	if m.Invalidate.ValueBool() {
		q.Set("invalidate", "true")
	}
	if tags, ok, d := knownStrings(ctx, m.Tags); ok {
		diags.Append(d...)
		q.Set("tags", strings.Join(tags, ","))
	}
	if ctxMap, ok, d := knownMap(ctx, m.Context); ok {
		diags.Append(d...)
		q.Set("context", client.EncodeContext(ctxMap))
	}
	return q, diags
}

func knownStrings(ctx context.Context, s types.Set) ([]string, bool, diag.Diagnostics) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false, nil
	}
	var out []string
	diags := s.ElementsAs(ctx, &out, false)
	sort.Strings(out)
	return out, true, diags
}

func knownMap(ctx context.Context, m types.Map) (map[string]string, bool, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, false, nil
	}
	out := map[string]string{}
	diags := m.ElementsAs(ctx, &out, false)
	return out, true, diags
}

// actualResourceType is the resource type Cloudinary stored the asset as,
// which "auto" leaves to Cloudinary: it is the first part of the ID.
func (m assetModel) actualResourceType() string {
	rt, _, _ := strings.Cut(m.ID.ValueString(), "/")
	return rt
}

func (m assetModel) source() client.Source {
	return client.Source{FilePath: m.File.ValueString(), URL: m.URL.ValueString(), ContentBase64: m.ContentBase64.ValueString()}
}

func (r *assetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan assetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	params, diags := uploadParams(ctx, plan, plan.Overwrite.ValueBool())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := r.data.client.Upload(ctx, plan.ResourceType.ValueString(), plan.source(), params)
	if err != nil {
		resp.Diagnostics.AddError("Cannot upload the asset", err.Error())
		return
	}
	if got.Existing && !r.sameContent(plan, got) {
		resp.Diagnostics.AddError("Asset already exists",
			fmt.Sprintf("Cloudinary already has an asset %s and overwrite is false. Import it with `terraform import cloudinary_asset.<name> %s`, or set overwrite = true to replace it.",
				assetID(got.ResourceType, got.Type, got.PublicID), assetID(got.ResourceType, got.Type, got.PublicID)))
		return
	}
	resp.Diagnostics.Append(setFromAPI(ctx, &plan, got)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// sameContent tells whether an existing asset that an upload with
// overwrite=false found holds the planned content: then it is this upload,
// stored by an attempt whose answer was lost, and is taken as created.
func (r *assetResource) sameContent(plan assetModel, existing *client.Resource) bool {
	digest, err := digestSource(plan.File.ValueString(), plan.URL.ValueString(), plan.ContentBase64.ValueString())
	return err == nil && digest.md5 != "" && digest.md5 == existing.Etag
}

// setFromAPI fills what Cloudinary decides into m. Attributes that the
// configuration set keep their planned values; unknown ones take Cloudinary's.
func setFromAPI(ctx context.Context, m *assetModel, r *client.Resource) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(assetID(r.ResourceType, r.Type, r.PublicID))
	m.PublicID, m.Type = types.StringValue(r.PublicID), types.StringValue(r.Type)
	if m.ResourceType.IsUnknown() || m.ResourceType.IsNull() {
		m.ResourceType = types.StringValue(r.ResourceType)
	}
	m.AssetID, m.Version, m.Format = types.StringValue(r.AssetID), types.Int64Value(r.Version), types.StringValue(r.Format)
	m.Bytes, m.Width, m.Height = types.Int64Value(r.Bytes), types.Int64Value(r.Width), types.Int64Value(r.Height)
	m.DeliveryURL, m.SecureURL, m.CreatedAt = types.StringValue(r.URL), types.StringValue(r.SecureURL), types.StringValue(r.CreatedAt)
	if r.Etag != "" || m.Etag.IsUnknown() {
		m.Etag = types.StringValue(r.Etag)
	}
	for _, f := range []struct {
		v   *types.String
		api string
	}{{&m.AssetFolder, r.AssetFolder}, {&m.DisplayName, r.DisplayName}, {&m.AccessMode, r.AccessMode}} {
		if f.v.IsUnknown() || f.v.IsNull() {
			*f.v = types.StringValue(f.api)
		}
	}
	if m.Tags.IsUnknown() || m.Tags.IsNull() {
		var d diag.Diagnostics
		m.Tags, d = types.SetValueFrom(ctx, types.StringType, nonNilStrings(r.Tags))
		diags.Append(d...)
	}
	if m.Context.IsUnknown() || m.Context.IsNull() {
		var d diag.Diagnostics
		m.Context, d = types.MapValueFrom(ctx, types.StringType, nonNilMap(r.Context.Custom))
		diags.Append(d...)
	}
	return diags
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func (r *assetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state assetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, found, err := r.data.assets.get(ctx, state.actualResourceType(), state.Type.ValueString(), state.PublicID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the asset", err.Error())
		return
	}
	if !found {
		resp.State.RemoveResource(ctx)
		return
	}
	// Drift in what the configuration manages shows as a difference.
	state.AssetFolder, state.DisplayName, state.AccessMode = types.StringNull(), types.StringNull(), types.StringNull()
	state.Tags, state.Context = types.SetNull(types.StringType), types.MapNull(types.StringType)
	resp.Diagnostics.Append(setFromAPI(ctx, &state, &got)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *assetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state assetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rt, id := state.actualResourceType(), state.PublicID.ValueString()
	var got *client.Resource
	var err error
	if !plan.SourceHash.Equal(state.SourceHash) {
		params, diags := uploadParams(ctx, plan, true)
		resp.Diagnostics.Append(diags...)
		params.Set("public_id", id)
		got, err = r.data.client.Upload(ctx, rt, plan.source(), params)
	} else {
		got, err = r.updateMetadata(ctx, plan, state)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot update the asset", err.Error())
		return
	}
	resp.Diagnostics.Append(setFromAPI(ctx, &plan, got)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// updateMetadata changes tags, context, display name and asset folder with
// one explicit call (the Upload API, not rate limited), emptied tags and
// context with the tags and context commands, and the access mode through the
// Admin API, which alone can change it.
func (r *assetResource) updateMetadata(ctx context.Context, plan, state assetModel) (*client.Resource, error) {
	rt, typ, id := state.actualResourceType(), state.Type.ValueString(), state.PublicID.ValueString()
	q := url.Values{}
	changed := func(a, b types.String) bool { return !a.IsUnknown() && !a.IsNull() && !a.Equal(b) }
	if changed(plan.AssetFolder, state.AssetFolder) {
		q.Set("asset_folder", plan.AssetFolder.ValueString())
	}
	if changed(plan.DisplayName, state.DisplayName) {
		q.Set("display_name", plan.DisplayName.ValueString())
	}
	if tags, ok, _ := knownStrings(ctx, plan.Tags); ok && !plan.Tags.Equal(state.Tags) {
		if len(tags) == 0 {
			if _, err := r.data.client.Tags(ctx, rt, typ, client.TagRemoveAll, nil, []string{id}); err != nil {
				return nil, err
			}
		} else {
			q.Set("tags", strings.Join(tags, ","))
		}
	}
	if m, ok, _ := knownMap(ctx, plan.Context); ok && !plan.Context.Equal(state.Context) {
		if len(m) == 0 {
			if err := r.data.client.RemoveAllContext(ctx, rt, typ, []string{id}); err != nil {
				return nil, err
			}
		} else {
			q.Set("context", client.EncodeContext(m))
		}
	}
	if changed(plan.AccessMode, state.AccessMode) {
		if _, err := r.data.client.UpdateResource(ctx, rt, typ, id, url.Values{"access_mode": {plan.AccessMode.ValueString()}}); err != nil {
			return nil, err
		}
	}
	// The explicit call also answers with the asset as it now is.
	return r.data.client.Explicit(ctx, rt, typ, id, q)
}

func (r *assetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Destroy answers "not found" (not an error) for an asset already gone.
	if _, err := r.data.client.Destroy(ctx, state.actualResourceType(), state.Type.ValueString(), state.PublicID.ValueString(), state.Invalidate.ValueBool()); err != nil {
		resp.Diagnostics.AddError("Cannot delete the asset", err.Error())
	}
}

func (r *assetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	rt, typ, id, err := parseAssetID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	for attr, v := range map[string]string{"id": req.ID, "resource_type": rt, "type": typ, "public_id": id} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("overwrite"), false)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("invalidate"), false)...)
}

// autoResourceType replaces the asset when its resource type changes, except
// to "auto", which names the type Cloudinary already detected.
type autoResourceType struct{}

func (autoResourceType) Description(context.Context) string {
	return "a change of resource type replaces the asset, except a change to \"auto\""
}

func (m autoResourceType) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (autoResourceType) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.ValueString() == "auto" {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	actual, _, _ := strings.Cut(id.ValueString(), "/")
	resp.RequiresReplace = req.PlanValue.ValueString() != actual
}

// existingFile checks at plan time that a file exists and is a regular file.
type existingFile struct{}

func (existingFile) Description(context.Context) string { return "must be an existing regular file" }

func (v existingFile) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (existingFile) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	info, err := os.Stat(req.ConfigValue.ValueString())
	switch {
	case err != nil:
		resp.Diagnostics.AddAttributeError(req.Path, "Cannot read the file", err.Error())
	case !info.Mode().IsRegular():
		resp.Diagnostics.AddAttributeError(req.Path, "Not a regular file", fmt.Sprintf("%s is not a regular file.", req.ConfigValue.ValueString()))
	}
}

// base64Content checks that content decodes, as a stream.
type base64Content struct{}

func (base64Content) Description(context.Context) string { return "must be standard base64" }

func (v base64Content) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (base64Content) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	_, err := io.Copy(io.Discard, base64.NewDecoder(base64.StdEncoding, strings.NewReader(s)))
	if err != nil || s == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base64 content", "content_base64 must be non-empty standard base64, as base64encode() or filebase64() produce.")
	}
}
