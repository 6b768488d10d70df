package provider

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure        = (*assetResource)(nil)
	_ resource.ResourceWithImportState      = (*assetResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*assetResource)(nil)
	_ resource.ResourceWithConfigValidators = (*assetResource)(nil)
	_ resource.ResourceWithIdentity         = (*assetResource)(nil)
)

func newAssetResource() resource.Resource { return &assetResource{} }

type assetResource struct{ resourceBase }

type assetModel struct {
	ID            types.String `tfsdk:"id"`
	File          types.String `tfsdk:"file"`
	URL           types.String `tfsdk:"url"`
	ContentBase64 types.String `tfsdk:"content_base64"`
	SourceHash    types.String `tfsdk:"source_hash"`
	SourceVersion types.String `tfsdk:"source_version"`
	PublicID      types.String `tfsdk:"public_id"`
	ResourceType  types.String `tfsdk:"resource_type"`
	Type          types.String `tfsdk:"type"`
	UploadPreset  types.String `tfsdk:"upload_preset"`
	AssetFolder   types.String `tfsdk:"asset_folder"`
	DisplayName   types.String `tfsdk:"display_name"`
	Tags          types.Set    `tfsdk:"tags"`
	Context       types.Map    `tfsdk:"context"`
	Metadata      types.Map    `tfsdk:"metadata"`
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

	// ContentBase64WO is write-only: null in plans and states, read from
	// the configuration where the content is needed.
	ContentBase64WO types.String `tfsdk:"content_base64_wo"`
	ContentVersion  types.Int64  `tfsdk:"content_version"`
}

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *assetResource) keepsUnchangedPlans() bool { return true }

func (r *assetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_asset"
	// A new public ID renames the asset in place, so its identity can change.
	resp.ResourceBehavior.MutableIdentity = true
}

func (r *assetResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(
		identityAttribute{"resource_type", "The asset's resource type: image, video or raw."},
		identityAttribute{"type", "The asset's delivery type: upload, private or authenticated."},
		identityAttribute{"public_id", "The asset's public ID."},
	)
}

// identity is the asset's identity: the parts of its ID.
func (m assetModel) identity() map[string]string {
	return map[string]string{"resource_type": m.actualResourceType(), "type": m.Type.ValueString(), "public_id": m.PublicID.ValueString()}
}

func (r *assetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An uploaded file. Its content comes from exactly one of `file`, `url`, `content_base64` or the write-only " +
			"`content_base64_wo`; a change of content (detected by `source_hash`), of `source_version` or of `content_version` " +
			"uploads it again over the same public ID, " +
			"while tags, context, display name and asset folder change in place through the Upload API, which is not rate " +
			"limited, and a new `public_id` renames the asset. Files larger than the provider's `upload_chunk_size_mb` " +
			"(20 MB by default) are uploaded in parts, as Cloudinary requires of files over 100 MB; a `file`, `content_base64` or `content_base64_wo` " +
			"larger than the account takes for its resource type (`media_limits` of its usage report) fails the plan. Destroying it deletes the asset. " +
			"An asset deleted outside Terraform is uploaded again from its source by the next apply, also on an account that " +
			"keeps backups, where the deletion leaves a placeholder (which the provider does not restore).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "`resource_type/type/public_id`, the import ID."},
			"file": schema.StringAttribute{Optional: true, Validators: []validator.String{regularFile{}},
				MarkdownDescription: "Path of a local file to upload. It is streamed, never read whole into memory. The file may " +
					"be made by another resource of the same apply (such as `local_file`): a file that does not exist yet at plan " +
					"time is read at apply time, with a warning in the plan."},
			"url": schema.StringAttribute{Optional: true,
				Validators: []validator.String{sourceURLValidator},
				MarkdownDescription: "A remote http(s) URL that Cloudinary fetches the file from, percent-encoded as delivery URLs " +
					"are (a space is `%20`, `é` is `%C3%A9`). Changing the URL uploads again. " +
					"The content behind the URL is not watched: to fetch it again, change `source_version`."},
			"content_base64": schema.StringAttribute{Optional: true, Sensitive: false, Validators: []validator.String{base64Content{}},
				MarkdownDescription: "The file's content, base64-encoded (standard alphabet, with padding). It is kept in the state; for content that should not be, use `content_base64_wo`."},
			"content_base64_wo": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
				Validators: []validator.String{base64Content{}, stringvalidator.AlsoRequires(path.MatchRoot("content_version"))},
				MarkdownDescription: "The file's content, base64-encoded, as a write-only value (Terraform or OpenTofu 1.11 or later): it is " +
					"uploaded but never stored in the plan or the state, nor is a hash of it (the state keeps only what Cloudinary " +
					"reports, such as `etag` and `bytes`). Terraform cannot see it change, so it comes with `content_version`: " +
					"bump that to upload new content. It may come from an ephemeral value."},
			"content_version": schema.Int64Attribute{Optional: true,
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("content_base64_wo"))},
				MarkdownDescription: "The version of `content_base64_wo`'s content, which is required with it: any number you " +
					"choose, such as `1`. Changing it uploads the content again; the content alone changing does not."},
			"source_hash": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The hex SHA-256 of the source: of the file's or the decoded `content_base64`'s bytes, and, " +
					"for `url`, of the URL string itself (the provider does not fetch URLs). Computed at plan time, or at apply " +
					"time for a file that another resource makes; a change uploads the asset again."},
			"source_version": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Any value you choose; changing it uploads the asset again from its source. Use it to " +
					"fetch the content behind an unchanged `url` again, for example `source_version = \"2024-06-01\"`."},
			"public_id": schema.StringAttribute{Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    publicIDValidators,
				MarkdownDescription: "The public ID. Images' and videos' public IDs have no file extension; raw files' do. When " +
					"unset, the provider picks one before the first attempt (20 random lowercase letters and digits, the form " +
					"Cloudinary uses), so that a retried upload can never make a second asset; a preset's folder still prefixes " +
					"it, but its `use_filename` does not apply. Changing it renames the asset in place (the Upload API's rename), " +
					"keeping its version and derived assets; the new public ID must not be taken."},
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
			"asset_folder": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep, Validators: []validator.String{folderOrNoneValidator},
				MarkdownDescription: "The asset folder; an empty string is the root, no folder. Changes in place. When unset, whatever Cloudinary (or the preset) chose is kept."},
			"display_name": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep,
				Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^/]+$`), "must not be empty or contain a slash")},
				MarkdownDescription: "The display name. Changes in place."},
			"tags": schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Tags. Change in place; an empty set removes them all. When unset, the tags the asset has (from a preset, say) are kept unmanaged."},
			"context": schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Contextual metadata. Values may contain `=` and `|`: the provider escapes them as the API requires. Changes in place; an empty map removes it all."},
			"metadata": schema.MapAttribute{Optional: true, Computed: true, ElementType: spellingType{spelling: metadataValue},
				PlanModifiers: []planmodifier.Map{equivalentSpellingPlan{equal: metadataValue.equal}},
				MarkdownDescription: "Structured metadata values, by field external ID: text for string and date fields (`YYYY-MM-DD`), " +
					"a number as text for integer fields, an entry ID for enum fields, and a JSON array of entry IDs for set fields " +
					"(`jsonencode([...])`, compared in any order). New or changed values are checked at plan time against the " +
					"account's fields (and the fields this plan makes, when the asset depends on them). Only the fields named here are managed: values that rules, " +
					"defaults or people give other fields are left alone, and a field removed from the map is cleared. Changes in place, " +
					"through the Upload API's metadata method."},
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
		resourcevalidator.ExactlyOneOf(path.MatchRoot("file"), path.MatchRoot("url"), path.MatchRoot("content_base64"), path.MatchRoot("content_base64_wo")),
	}
}

// ModifyPlan digests the source, so that a change of content plans an
// upload, and marks what an upload or a rename will change. A file that
// cannot be read yet (another resource makes it during the apply) is read
// at apply time.
func (r *assetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan assetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var state *assetModel
	if !req.State.Raw.IsNull() {
		state = &assetModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	resp.Diagnostics.Append(readWriteOnlyContent(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	digest, known := r.planDigest(plan, &resp.Diagnostics)
	switch {
	case plan.writesOnly():
		// Neither the content nor its hash is kept: only content_version
		// (or a change from another source) uploads it again.
		plan.SourceHash = types.StringNull()
		if state != nil && plan.uploadsOver(*state) {
			plan.markUploadChanges()
		}
	case !known:
		plan.SourceHash = types.StringUnknown()
		if state != nil {
			plan.markUploadChanges()
		}
	case state == nil:
		plan.SourceHash = types.StringValue(digest.sha256)
	case !plan.SourceVersion.Equal(state.SourceVersion) || !plan.ContentVersion.Equal(state.ContentVersion):
		plan.SourceHash = types.StringValue(digest.sha256)
		plan.markUploadChanges()
	case state.SourceHash.ValueString() == digest.sha256:
		plan.SourceHash = state.SourceHash
	case state.SourceHash.IsNull() && digest.md5 != "" && digest.md5 == state.Etag.ValueString():
		// Imported: Cloudinary already holds this content.
		plan.SourceHash = state.SourceHash
	case state.SourceHash.IsNull() && plan.URL.ValueString() != "" && plan.URL.Equal(state.SecureURL):
		// Imported, with its own delivery URL as the source: the content it has.
		plan.SourceHash = state.SourceHash
	default:
		plan.SourceHash = types.StringValue(digest.sha256)
		plan.markUploadChanges()
	}
	r.checkAgainstAccount(ctx, plan, state, digest, known, &resp.Diagnostics)
	plan.ContentBase64WO = types.StringNull()
	if state != nil && !plan.PublicID.IsUnknown() && !plan.PublicID.Equal(state.PublicID) {
		// A rename: the ID and delivery URLs follow the public ID.
		plan.ID = types.StringValue(assetID(state.actualResourceType(), state.Type.ValueString(), plan.PublicID.ValueString()))
		plan.DeliveryURL, plan.SecureURL = types.StringUnknown(), types.StringUnknown()
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// checkAgainstAccount checks at plan time what the apply would write that
// Cloudinary would refuse: a file larger than the account takes, metadata
// values that its fields do not accept.
func (r *assetResource) checkAgainstAccount(ctx context.Context, plan assetModel, state *assetModel, digest sourceDigest, known bool, diags *diag.Diagnostics) {
	if r.data == nil {
		return
	}
	uploads := state == nil || plan.uploadsOver(*state)
	if uploads && known && digest.md5 != "" && !plan.ResourceType.IsUnknown() {
		r.data.checkUploadSize(ctx, plan.sourceAttribute(), plan.ResourceType.ValueString(), digest.size, diags)
	}
	if state == nil || !plan.Metadata.Equal(state.Metadata) {
		r.data.checkMetadataValues(ctx, path.Root("metadata"), plan.Metadata, diags)
	}
}

// planDigest digests the source at plan time; known is false when the
// source is not known yet, or is a file that does not exist yet (with a
// warning, since the apply fails unless another resource makes it).
func (r *assetResource) planDigest(plan assetModel, diags *diag.Diagnostics) (sourceDigest, bool) {
	if plan.File.IsUnknown() || plan.URL.IsUnknown() || plan.ContentBase64.IsUnknown() || plan.ContentBase64WO.IsUnknown() {
		return sourceDigest{}, false
	}
	if file := plan.File.ValueString(); file != "" {
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			diags.AddAttributeWarning(path.Root("file"), "The file does not exist yet",
				fmt.Sprintf("%s does not exist now. It is read when the plan is applied, which fails unless another "+
					"resource of this configuration (such as local_file) makes it first.", file))
			return sourceDigest{}, false
		}
	}
	digest, err := digestSource(plan.File.ValueString(), plan.URL.ValueString(), plan.content())
	if err != nil {
		diags.AddAttributeError(plan.sourceAttribute(), "Cannot read the source", err.Error())
		return sourceDigest{}, false
	}
	return digest, true
}

// markUploadChanges marks what an upload of new content changes.
func (m *assetModel) markUploadChanges() {
	for _, v := range []*types.Int64{&m.Version, &m.Bytes, &m.Width, &m.Height} {
		*v = types.Int64Unknown()
	}
	for _, v := range []*types.String{&m.Etag, &m.Format, &m.DeliveryURL, &m.SecureURL} {
		*v = types.StringUnknown()
	}
}

// applyDigest completes a source hash left unknown at plan time, now that
// the file exists (or fails with why it does not).
func (m *assetModel) applyDigest(diags *diag.Diagnostics) bool {
	digest, err := digestSource(m.File.ValueString(), m.URL.ValueString(), m.content())
	if err != nil {
		diags.AddAttributeError(m.sourceAttribute(), "Cannot read the source", err.Error())
		return false
	}
	m.SourceHash = types.StringValue(digest.sha256)
	return true
}

// uploadOptions are the options of an upload or re-upload: what the model
// sets and knows. Known empty tags and context are sent empty.
func uploadOptions(ctx context.Context, m assetModel, overwrite bool) (client.UploadOptions, diag.Diagnostics) {
	var diags diag.Diagnostics
	opts := client.UploadOptions{
		PublicID: m.PublicID.ValueString(), Type: m.Type.ValueString(), Overwrite: &overwrite, Invalidate: m.Invalidate.ValueBool(),
		UploadPreset: stringPtr(m.UploadPreset), AssetFolder: stringPtr(m.AssetFolder), DisplayName: stringPtr(m.DisplayName),
		AccessMode: stringPtr(m.AccessMode),
	}
	if tags, ok, d := knownStrings(ctx, m.Tags); ok {
		diags.Append(d...)
		opts.Tags = nonNilStrings(tags)
	}
	if ctxMap, ok, d := knownMap(ctx, m.Context); ok {
		diags.Append(d...)
		opts.Context = ctxMap
	}
	if values, ok, d := knownMap(ctx, m.Metadata); ok && len(values) > 0 {
		diags.Append(d...)
		opts.Metadata = values
	}
	return opts, diags
}

// actualResourceType is the resource type Cloudinary stored the asset as,
// which "auto" leaves to Cloudinary: it is the first part of the ID.
func (m assetModel) actualResourceType() string {
	rt, _, _ := strings.Cut(m.ID.ValueString(), "/")
	return rt
}

func (m assetModel) source() client.Source {
	return client.Source{FilePath: m.File.ValueString(), URL: m.URL.ValueString(), ContentBase64: m.content()}
}

// sourceAttribute is the attribute that gives the asset's content.
func (m assetModel) sourceAttribute() path.Path {
	switch {
	case !m.URL.IsNull():
		return path.Root("url")
	case !m.ContentBase64.IsNull():
		return path.Root("content_base64")
	case m.writesOnly():
		return path.Root("content_base64_wo")
	}
	return path.Root("file")
}

// uploadError reports a failed upload: on the source attribute when the
// source was at fault (a URL Cloudinary could not fetch, a file it refused
// or that could not be read), so that Terraform quotes that line.
func (m assetModel) uploadError(diags *diag.Diagnostics, summary string, err error) {
	if client.IsSourceError(err) {
		diags.AddAttributeError(m.sourceAttribute(), summary, err.Error())
		return
	}
	diags.AddError(summary, err.Error())
}

func (r *assetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan assetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(readWriteOnlyContent(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.SourceHash.IsUnknown() {
		if !plan.applyDigest(&resp.Diagnostics) {
			return
		}
	}
	// A fixed public ID makes the upload safe to retry: a repeat finds the
	// asset the lost attempt made instead of making a second one.
	generated := plan.PublicID.IsUnknown() || plan.PublicID.IsNull()
	if !generated && !r.data.creating.claim(&resp.Diagnostics, path.Root("public_id"), "asset",
		assetID(plan.ResourceType.ValueString(), plan.Type.ValueString(), plan.PublicID.ValueString())) {
		return
	}
	if generated {
		id, err := randomPublicID()
		if err != nil {
			resp.Diagnostics.AddError("Cannot choose a public ID", err.Error())
			return
		}
		plan.PublicID = types.StringValue(id)
	}
	opts, diags := uploadOptions(ctx, plan, plan.Overwrite.ValueBool())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	started := time.Now()
	got, err := r.data.client.Upload(ctx, plan.ResourceType.ValueString(), plan.source(), opts)
	if err != nil {
		if client.MayHaveTakenEffect(err) {
			addCreateError(&resp.Diagnostics, "Cannot upload the asset", err)
		} else {
			plan.uploadError(&resp.Diagnostics, "Cannot upload the asset", err)
		}
		return
	}
	if got.Existing {
		if err := adoptOwnAsset(got, started); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("public_id"), "Asset already exists", err.Error()+", or set overwrite = true to replace it.")
			return
		}
	}
	r.recordWritten(ctx, plan, got, &resp.State, resp.Identity, &resp.Diagnostics)
}

// recordWritten records what Cloudinary holds after a write, in the state
// and the identity: the plan, with what Cloudinary decided filled in.
func (r *assetResource) recordWritten(ctx context.Context, plan assetModel, got *client.Resource, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(setFromAPI(ctx, &plan, got)...)
	diags.Append(state.Set(ctx, &plan)...)
	diags.Append(setIdentity(ctx, identity, plan.identity())...)
}

// adoptOwnAsset handles an upload that found an asset at its public ID and
// kept it (overwrite is false): the asset is the upload's own when an
// earlier attempt of it may have made it and Cloudinary made it while the
// upload ran. That attempt sent the same parameters, so the asset already
// holds the planned tags, context and metadata.
func adoptOwnAsset(got *client.Resource, started time.Time) error {
	id := assetID(got.ResourceType, got.Type, got.PublicID)
	asset := existingObject{what: "Asset " + id, resourceType: "cloudinary_asset", importID: id, key: "public_id"}
	return asset.adoptOnlyOwn(errors.New("the upload found an asset with this public ID and kept it (overwrite is false)"),
		got.EarlierAttemptMayHaveActed, func() (bool, error) {
			return createdByThisCall(got.CreatedAt, got.AnsweredAt, time.Since(started)), nil
		})
}

// randomPublicID is a public ID of the form Cloudinary gives assets: 20
// random lowercase letters and digits.
func randomPublicID() (string, error) {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, 0, 20)
	b := make([]byte, 32)
	for len(out) < cap(out) {
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		for _, c := range b {
			// 252 is the largest multiple of 36 under 256: no letter is likelier.
			if c < 252 && len(out) < cap(out) {
				out = append(out, alphabet[int(c)%len(alphabet)])
			}
		}
	}
	return string(out), nil
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
		m.Context, d = types.MapValueFrom(ctx, types.StringType, nonNilMap(r.Context))
		diags.Append(d...)
	}
	if !m.Metadata.IsNull() {
		m.Metadata = managedMetadata(m.Metadata, r.Metadata)
	}
	return diags
}

func (r *assetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state assetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, state.identity())...)
	id := state.ID.ValueString()
	got, found, err := r.data.assets.get(ctx, state.actualResourceType(), state.Type.ValueString(), state.PublicID.ValueString())
	if err != nil {
		r.data.readFailed(ctx, resp, "asset", id, err)
		return
	}
	if !found {
		// Gone, or deleted on an account that keeps backups: the placeholder
		// Cloudinary keeps in its place (placeholder true, bytes 0) is no
		// asset, and the client's listings leave it out. Either way the next
		// plan creates the asset again by uploading its configured source, not
		// by restoring the backup: the configuration holds the source, and an
		// upload gives exactly the configured content, tags, context and
		// metadata, where a restore would bring back whatever the latest
		// backed-up version held. The upload lands on the placeholder's public
		// ID as a new version of the same asset.
		r.data.dropGone(ctx, resp, "asset", id)
		return
	}
	if state.File.IsNull() && state.URL.IsNull() && state.ContentBase64.IsNull() && !state.writesOnly() {
		// Just imported: the asset's own delivery URL stands for the content it
		// has, and every metadata value it holds is adopted.
		state.URL = types.StringValue(got.SecureURL)
		state.Metadata = allMetadata(got.Metadata)
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
	resp.Diagnostics.Append(readWriteOnlyContent(ctx, req.Config, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.SourceHash.IsUnknown() {
		if !plan.applyDigest(&resp.Diagnostics) {
			return
		}
	}
	if !plan.PublicID.Equal(state.PublicID) {
		renamed, err := r.rename(ctx, state, plan.PublicID.ValueString())
		if err != nil {
			resp.Diagnostics.AddError("Cannot rename the asset", err.Error())
			return
		}
		// From here on the asset is known by its new name: record it, so that
		// a failure below leaves state that matches Cloudinary.
		state.PublicID, state.ID = plan.PublicID, types.StringValue(assetID(renamed.ResourceType, renamed.Type, renamed.PublicID))
		state.DeliveryURL, state.SecureURL = types.StringValue(renamed.URL), types.StringValue(renamed.SecureURL)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, state.identity())...)
	}
	rt, id := state.actualResourceType(), state.PublicID.ValueString()
	var got *client.Resource
	var err error
	if plan.uploadsOver(state) {
		opts, diags := uploadOptions(ctx, plan, true)
		resp.Diagnostics.Append(diags...)
		opts.PublicID = id
		got, err = r.data.client.Upload(ctx, rt, plan.source(), opts)
	} else {
		got, err = r.updateMetadata(ctx, plan, state)
	}
	if err != nil {
		plan.uploadError(&resp.Diagnostics, "Cannot update the asset", err)
		return
	}
	r.recordWritten(ctx, plan, got, &resp.State, resp.Identity, &resp.Diagnostics)
}

// rename gives the asset a new public ID. When the rename's answer was lost
// and its retry no longer finds the old name, the asset under the new name
// is the same asset (its asset ID says so) and the rename is done.
func (r *assetResource) rename(ctx context.Context, state assetModel, to string) (*client.Resource, error) {
	rt, typ := state.actualResourceType(), state.Type.ValueString()
	renamed, err := r.data.client.Rename(ctx, rt, typ, state.PublicID.ValueString(), to, false)
	if client.IsNotFound(err) {
		if moved, getErr := r.data.client.Explicit(ctx, rt, typ, to, client.ExplicitOptions{}); getErr == nil && moved.AssetID == state.AssetID.ValueString() {
			return moved, nil
		}
	}
	return renamed, err
}

// updateMetadata changes tags, context, display name and asset folder with
// one explicit call (the Upload API, not rate limited), emptied tags and
// context with the tags and context commands, structured metadata with the
// metadata method, and the access mode through the Admin API, which alone
// can change it.
func (r *assetResource) updateMetadata(ctx context.Context, plan, state assetModel) (*client.Resource, error) {
	rt, typ, id := state.actualResourceType(), state.Type.ValueString(), state.PublicID.ValueString()
	var changes client.ExplicitOptions
	changed := func(a, b types.String) bool { return !a.IsUnknown() && !a.IsNull() && !a.Equal(b) }
	if changed(plan.AssetFolder, state.AssetFolder) {
		changes.AssetFolder = stringPtr(plan.AssetFolder)
	}
	if changed(plan.DisplayName, state.DisplayName) {
		changes.DisplayName = stringPtr(plan.DisplayName)
	}
	if tags, ok, _ := knownStrings(ctx, plan.Tags); ok && !plan.Tags.Equal(state.Tags) {
		if len(tags) == 0 {
			if _, err := r.data.client.Tags(ctx, rt, typ, client.TagRemoveAll, nil, []string{id}); err != nil {
				return nil, err
			}
		} else {
			changes.Tags = tags
		}
	}
	if m, ok, _ := knownMap(ctx, plan.Context); ok && !plan.Context.Equal(state.Context) {
		if len(m) == 0 {
			if err := r.data.client.RemoveAllContext(ctx, rt, typ, []string{id}); err != nil {
				return nil, err
			}
		} else {
			changes.Context = m
		}
	}
	if changed(plan.AccessMode, state.AccessMode) {
		if _, err := r.data.client.UpdateResource(ctx, rt, typ, id, client.UpdateResourceOptions{AccessMode: plan.AccessMode.ValueString()}); err != nil {
			return nil, err
		}
	}
	if values := metadataChanges(plan.Metadata, state.Metadata); values != nil {
		if _, err := r.data.client.UpdateAssetMetadata(ctx, rt, typ, []string{id}, values); err != nil {
			return nil, err
		}
	}
	// The explicit call also answers with the asset as it now is.
	return r.data.client.Explicit(ctx, rt, typ, id, changes)
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
	importID := req.ID
	if importID == "" && req.Identity != nil {
		parts, diags := identityParts(ctx, req.Identity, "resource_type", "type", "public_id")
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		importID = assetID(parts["resource_type"], parts["type"], parts["public_id"])
	}
	rt, typ, id, err := parseAssetID(importID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	for attr, v := range map[string]string{"id": importID, "resource_type": rt, "type": typ, "public_id": id} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"resource_type": rt, "type": typ, "public_id": id})...)
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

// regularFile refuses at plan time a path that exists but is not a regular
// file. A path that does not exist yet is left to ModifyPlan, which warns:
// another resource of the configuration may make the file during the apply.
type regularFile struct{}

func (regularFile) Description(context.Context) string { return "must be a regular file, if it exists" }

func (v regularFile) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regularFile) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	info, err := os.Stat(req.ConfigValue.ValueString())
	switch {
	case errors.Is(err, fs.ErrNotExist):
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
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base64 content", req.Path.String()+" must be non-empty standard base64, as base64encode() or filebase64() produce.")
	}
}
