package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*folderResource)(nil)
	_ resource.ResourceWithImportState = (*folderResource)(nil)
)

func newFolderResource() resource.Resource { return &folderResource{} }

type folderResource struct {
	data *providerData
}

type folderModel struct {
	ID           types.String `tfsdk:"id"`
	Path         types.String `tfsdk:"path"`
	Name         types.String `tfsdk:"name"`
	ExternalID   types.String `tfsdk:"external_id"`
	ForceDestroy types.Bool   `tfsdk:"force_destroy"`
}

func (r *folderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_folder"
}

func (r *folderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An asset folder. Creating it creates any missing parent folders. Cloudinary refuses to delete " +
			"a folder that holds assets: destroying one then fails with an error that says so, unless `force_destroy` is set.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The folder's path."},
			"path": schema.StringAttribute{Required: true, Validators: []validator.String{folderValidator},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The full path, such as `products/shoes`: no leading or trailing slash and no empty segments. Changing it replaces the folder."},
			"name":        schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "The last segment of the path."},
			"external_id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Cloudinary's ID of the folder."},
			"force_destroy": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether destroying the folder first deletes every asset in it and its sub-folders. Defaults to false. **The assets are deleted for good.**"},
		},
	}
}

func (r *folderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *folderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan folderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f, err := r.data.client.CreateFolder(ctx, plan.Path.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot create folder", err.Error())
		return
	}
	plan.ID, plan.Name, plan.ExternalID = plan.Path, types.StringValue(f.Name), types.StringValue(f.ExternalID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// parentFolder is the path of a folder's parent ("" for a root folder).
func parentFolder(folderPath string) string {
	if i := strings.LastIndex(folderPath, "/"); i >= 0 {
		return folderPath[:i]
	}
	return ""
}

// findFolder looks for a folder among its parent's sub-folders. A missing
// parent means the folder is gone too; any other error is not an answer.
func (r *folderResource) findFolder(ctx context.Context, folderPath string) (*client.Folder, error) {
	parent := parentFolder(folderPath)
	siblings, err := r.data.client.ListFolders(ctx, parent)
	if client.IsNotFound(err) && parent != "" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	for _, f := range siblings {
		if f.Path == folderPath {
			return &f, nil
		}
	}
	return nil, nil
}

func (r *folderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state folderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f, err := r.findFolder(ctx, state.Path.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read folder", err.Error())
		return
	}
	if f == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID, state.Name = state.Path, types.StringValue(f.Name)
	if f.ExternalID != "" {
		state.ExternalID = types.StringValue(f.ExternalID)
	}
	if state.ForceDestroy.IsNull() {
		state.ForceDestroy = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only changes force_destroy, which lives in state alone.
func (r *folderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan folderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *folderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state folderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	folderPath := state.Path.ValueString()
	err := r.data.client.DeleteFolder(ctx, folderPath)
	if err == nil || client.IsNotFound(err) {
		return
	}
	assets, searchErr := r.assetsIn(ctx, folderPath)
	if searchErr != nil || len(assets) == 0 {
		resp.Diagnostics.AddError("Cannot delete folder", err.Error())
		return
	}
	if !state.ForceDestroy.ValueBool() {
		resp.Diagnostics.AddError("Folder is not empty",
			fmt.Sprintf("Cloudinary will not delete folder %q: it (or a sub-folder) holds %d asset(s). Delete them first, "+
				"or set force_destroy = true to delete them with the folder.", folderPath, len(assets)))
		return
	}
	if err := r.deleteAssets(ctx, assets); err != nil {
		resp.Diagnostics.AddError("Cannot empty folder", err.Error())
		return
	}
	if err := r.data.client.DeleteFolder(ctx, folderPath); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete folder", err.Error())
	}
}

// assetsIn finds the assets in a folder and its sub-folders.
func (r *folderResource) assetsIn(ctx context.Context, folderPath string) ([]client.Resource, error) {
	q := strconv.Quote(folderPath)
	return r.data.client.Search(ctx, "asset_folder="+q+" OR asset_folder:"+strconv.Quote(folderPath+"/*"))
}

// deleteAssets deletes assets 100 at a time per resource and delivery type.
func (r *folderResource) deleteAssets(ctx context.Context, assets []client.Resource) error {
	groups := map[assetGroup][]string{}
	for _, a := range assets {
		g := assetGroup{a.ResourceType, a.Type}
		groups[g] = append(groups[g], a.PublicID)
	}
	for g, ids := range groups {
		for start := 0; start < len(ids); start += maxAssetBatch {
			if _, err := r.data.client.DeleteResources(ctx, g.resourceType, g.typ, ids[start:min(start+maxAssetBatch, len(ids))]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *folderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "path")
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("force_destroy"), false)...)
}
