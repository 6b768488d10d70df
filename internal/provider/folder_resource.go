package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

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
	_ resource.ResourceWithModifyPlan  = (*folderResource)(nil)
	_ resource.ResourceWithIdentity    = (*folderResource)(nil)
)

func newFolderResource() resource.Resource { return &folderResource{} }

type folderResource struct{ resourceBase }

type folderModel struct {
	ID           types.String `tfsdk:"id"`
	Path         types.String `tfsdk:"path"`
	Name         types.String `tfsdk:"name"`
	ExternalID   types.String `tfsdk:"external_id"`
	ForceDestroy types.Bool   `tfsdk:"force_destroy"`
}

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *folderResource) keepsUnchangedPlans() bool { return true }

func (r *folderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_folder"
	// A new path moves the folder in place, so its identity can change.
	resp.ResourceBehavior.MutableIdentity = true
}

func (r *folderResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"path", "The folder's full path."})
}

func (r *folderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An asset folder. Creating it creates any missing parent folders; a folder that already exists " +
			"is an error that says to import it. Changing `path` moves the folder in place, with its sub-folders and assets; a " +
			"folder that a parent's move (or an earlier attempt whose answer was lost) already took to its new path is found there by its external ID. " +
			"Cloudinary refuses to delete a folder that holds assets: destroying one then fails with an error that says " +
			"so, unless `force_destroy` is set.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The folder's path."},
			"path": schema.StringAttribute{Required: true, Validators: []validator.String{folderValidator},
				MarkdownDescription: "The full path, such as `products/shoes`: no leading or trailing slash and no empty segments. " +
					"Changing it moves (renames) the folder in place, with its sub-folders and the assets in them; nothing is deleted."},
			"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "The last segment of the path."},
			"external_id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Cloudinary's ID of the folder."},
			"force_destroy": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether destroying the folder first deletes every asset in it and its sub-folders. Defaults to false. **The assets are deleted for good.**"},
		},
	}
}

// ModifyPlan derives id and name from the planned path, so that a move
// shows them changing.
func (r *folderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var folderPath types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("path"), &folderPath)...)
	if folderPath.IsUnknown() || folderPath.IsNull() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), folderPath)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("name"), lastSegment(folderPath.ValueString()))...)
}

func (r *folderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan folderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	folderPath, started := plan.Path.ValueString(), time.Now()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("path"), "folder", folderPath) {
		return
	}
	f, err := r.data.client.CreateFolder(ctx, folderPath)
	if client.IsAlreadyExists(err) {
		f, err = r.adoptOwn(ctx, folderPath, err, started)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create folder", err)
		return
	}
	r.data.folders.in(parentFolder(folderPath)).put(folderPath, *f)
	plan.ExternalID = types.StringValue(f.ExternalID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"path": plan.Path.ValueString()})...)
}

// adoptOwn handles a 409 on create: the folder is this call's own when an
// earlier attempt may have made it and Cloudinary made it while the call ran.
func (r *folderResource) adoptOwn(ctx context.Context, folderPath string, conflict error, started time.Time) (*client.Folder, error) {
	var existing client.Folder
	folder := existingObject{what: fmt.Sprintf("Folder %q", folderPath), resourceType: "cloudinary_folder", importID: folderPath, key: "path"}
	err := folder.adoptOnlyOwnAfter(conflict, func() (bool, error) {
		siblings, err := r.data.client.ListFolders(ctx, parentFolder(folderPath))
		i := slices.IndexFunc(siblings, func(f client.Folder) bool { return f.Path == folderPath })
		if err != nil || i < 0 {
			return false, err
		}
		existing = siblings[i]
		return createdByThisCall(existing.CreatedAt, answeredAt(conflict), time.Since(started)), nil
	})
	if err != nil {
		return nil, err
	}
	return &existing, nil
}

// parentFolder is the path of a folder's parent ("" for a root folder).
func parentFolder(folderPath string) string {
	if i := strings.LastIndex(folderPath, "/"); i >= 0 {
		return folderPath[:i]
	}
	return ""
}

func lastSegment(folderPath string) string {
	return folderPath[strings.LastIndex(folderPath, "/")+1:]
}

// Read finds the folder in its parent's listing, which every folder of the
// same parent shares in one run.
func (r *folderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state folderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	folderPath := state.Path.ValueString()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"path": folderPath})...)
	f, ok := lookUp(ctx, r.data, resp, "folder", folderPath, r.data.folders.in(parentFolder(folderPath)).get)
	if !ok {
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

// Update moves the folder when its path changed; force_destroy lives in
// state alone. A move keeps the folder's ID.
func (r *folderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state folderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	from, to := state.Path.ValueString(), plan.Path.ValueString()
	if from != to {
		if err := r.move(ctx, from, to, state.ExternalID.ValueString()); err != nil {
			resp.Diagnostics.AddError("Cannot move folder", err.Error())
			return
		}
		r.data.folders.in(parentFolder(from)).forget(from)
		r.data.folders.in(parentFolder(to)).put(to, client.Folder{Name: lastSegment(to), Path: to, ExternalID: state.ExternalID.ValueString()})
	}
	plan.ExternalID = state.ExternalID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"path": plan.Path.ValueString()})...)
}

// move renames the folder from one path to another. When nothing is at the
// old path, the folder may have moved already: an earlier attempt of this
// move whose answer was lost put it at the new path, or the move of an
// ancestor folder earlier in this apply took it along (a child whose path is
// built from its parent's). Its external ID, which Cloudinary keeps across
// moves (the OpenAPI calls it the folder's immutable identifier), tells it
// from any other folder at the same path.
func (r *folderResource) move(ctx context.Context, from, to, externalID string) error {
	err := r.data.client.RenameFolder(ctx, from, to)
	if !client.IsNotFound(err) || externalID == "" {
		return err
	}
	now, found, lookErr := r.whereIs(ctx, externalID, lastSegment(from), parentFolder(to))
	switch {
	case lookErr != nil:
		return fmt.Errorf("%w (and looking for the folder by its external ID failed: %w)", err, lookErr)
	case !found:
		return err
	case now == to:
		return nil
	}
	return r.data.client.RenameFolder(ctx, now, to)
}

// whereIs finds the folder with externalID: among the sub-folders of the
// new path's parent, where both a lost move and an ancestor's move put a
// folder built from its parent's path, or else by its old name anywhere,
// since an ancestor's move keeps the folder's name.
func (r *folderResource) whereIs(ctx context.Context, externalID, name, parent string) (string, bool, error) {
	siblings, err := r.data.client.ListFolders(ctx, parent)
	if err != nil && !client.IsNotFound(err) {
		return "", false, err
	}
	if p, ok := folderWithID(siblings, externalID); ok {
		return p, true, nil
	}
	named, err := r.data.client.SearchFolders(ctx, "name="+strconv.Quote(name), 0)
	if err != nil {
		return "", false, err
	}
	p, ok := folderWithID(named, externalID)
	return p, ok, nil
}

// folderWithID is the path of the folder with externalID among folders.
func folderWithID(folders []client.Folder, externalID string) (string, bool) {
	for _, f := range folders {
		if f.ExternalID == externalID {
			return f.Path, true
		}
	}
	return "", false
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
		r.data.folders.in(parentFolder(folderPath)).forget(folderPath)
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
		return
	}
	r.data.folders.in(parentFolder(folderPath)).forget(folderPath)
}

// assetsIn finds the assets in a folder and its sub-folders.
func (r *folderResource) assetsIn(ctx context.Context, folderPath string) ([]client.Resource, error) {
	q := strconv.Quote(folderPath)
	return r.data.client.Search(ctx, client.SearchQuery{Expression: "asset_folder=" + q + " OR asset_folder:" + strconv.Quote(folderPath+"/*")})
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
