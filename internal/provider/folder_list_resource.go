package provider

import (
	"context"
	"sort"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// folderSearchLimit is how many folders Cloudinary's folder search returns
// at most.
const folderSearchLimit = 2000

func newFolderListResource() list.ListResource {
	return &listResource{
		typeName: "_folder",
		description: "Lists the account's asset folders at every depth, with the folder search (one Admin API call per " +
			"500, at most 2000 folders: narrow a larger tree with `path_prefix`). Each result's identity is the path.",
		filters: map[string]listschema.Attribute{
			"path_prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only folders whose paths start with this, such as `products/`."},
		},
		find: findFolders,
	}
}

func findFolders(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	expression := ""
	if prefix := stringFilter(ctx, req.config, "path_prefix", &diags); prefix != "" {
		expression = "path:" + strconv.Quote(prefix+"*")
	}
	folders, err := d.client.SearchFolders(ctx, expression, req.limit)
	if err != nil {
		diags.AddError("Cannot list folders", err.Error())
		return nil, diags
	}
	if len(folders) >= folderSearchLimit {
		diags.AddWarning("Folder search limit reached",
			"Cloudinary's folder search returns at most 2000 folders, so some may be missing: list them in parts with path_prefix.")
	}
	sort.Slice(folders, func(i, j int) bool { return folders[i].Path < folders[j].Path })
	out := make([]listedObject, 0, len(folders))
	for _, f := range folders {
		out = append(out, listedObject{
			identity: map[string]string{"path": f.Path},
			display:  f.Path,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, folderModel{
					ID: types.StringValue(f.Path), Path: types.StringValue(f.Path), Name: types.StringValue(f.Name),
					ExternalID: types.StringValue(f.ExternalID), ForceDestroy: types.BoolValue(false),
				})
			},
		})
	}
	return out, diags
}
