package provider

import (
	"context"
	"fmt"
	"regexp"

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
	_ resource.ResourceWithConfigure   = (*uploadMappingResource)(nil)
	_ resource.ResourceWithImportState = (*uploadMappingResource)(nil)
	_ resource.ResourceWithIdentity    = (*uploadMappingResource)(nil)
)

func newUploadMappingResource() resource.Resource { return &uploadMappingResource{} }

type uploadMappingResource struct{ resourceBase }

type uploadMappingModel struct {
	ID       types.String `tfsdk:"id"`
	Folder   types.String `tfsdk:"folder"`
	Template types.String `tfsdk:"template"`
}

func (m uploadMappingModel) toAPI() client.UploadMapping {
	return client.UploadMapping{Folder: m.Folder.ValueString(), Template: m.Template.ValueString()}
}

func mappingModelFromAPI(m client.UploadMapping) uploadMappingModel {
	return uploadMappingModel{ID: types.StringValue(m.Folder), Folder: types.StringValue(m.Folder), Template: types.StringValue(m.Template)}
}

// templateValidator accepts the URL prefixes Cloudinary can fetch from.
var templateValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^(https?|s3|gs)://[^\s/]+(/\S*)?$`),
	"must be an absolute URL with http, https, s3 or gs scheme, such as https://example.com/images/")

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *uploadMappingResource) keepsUnchangedPlans() bool { return true }

func (r *uploadMappingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upload_mapping"
}

func (r *uploadMappingResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"folder", "The mapped folder."})
}

func (r *uploadMappingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An upload mapping: assets requested under `folder` are fetched on first use from the URL " +
			"prefix `template` (auto-upload).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The mapped folder, which identifies the mapping.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"folder": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The folder that is mapped. Changing it replaces the mapping.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{folderValidator},
			},
			"template": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The URL prefix that the folder maps to, such as `https://example.com/images/` (http, https, s3 or gs). Changes in place.",
				Validators:          []validator.String{templateValidator},
			},
		},
	}
}

func (r *uploadMappingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan uploadMappingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := plan.toAPI()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("folder"), "upload mapping of folder", want.Folder) {
		return
	}
	err := r.data.client.CreateUploadMapping(ctx, want)
	if client.IsAlreadyExists(err) {
		mapping := existingObject{what: fmt.Sprintf("The upload mapping of folder %q", want.Folder), resourceType: "cloudinary_upload_mapping", importID: want.Folder, key: "folder"}
		err = mapping.adoptOnlyOwnAfter(err, func() (bool, error) {
			got, getErr := r.data.client.GetUploadMapping(ctx, want.Folder)
			return getErr == nil && got.Template == want.Template, getErr
		})
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create upload mapping", err)
		return
	}
	r.recordWritten(ctx, want, &resp.State, resp.Identity, &resp.Diagnostics)
}

// recordWritten records what Cloudinary holds after a write, in the state,
// the identity and the run's listing: the mapping as written, since the
// answers to create and update carry no mapping.
func (r *uploadMappingResource) recordWritten(ctx context.Context, m client.UploadMapping, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	r.data.mappings.put(m.Folder, m)
	diags.Append(state.Set(ctx, mappingModelFromAPI(m))...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"folder": m.Folder})...)
}

func (r *uploadMappingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if m, ok := readByKey(ctx, r.data, req, resp, "folder", "upload mapping", r.data.mappings); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, mappingModelFromAPI(m))...)
	}
}

func (r *uploadMappingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan uploadMappingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := plan.toAPI()
	if err := r.data.client.UpdateUploadMapping(ctx, want); err != nil {
		resp.Diagnostics.AddError("Cannot update upload mapping", err.Error())
		return
	}
	r.recordWritten(ctx, want, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *uploadMappingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByKey(ctx, req, resp, "folder", "upload mapping", r.data.client.DeleteUploadMapping, r.data.mappings)
}

func (r *uploadMappingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "folder")
}
