package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*foldersDataSource)(nil)

func newFoldersDataSource() datasource.DataSource { return &foldersDataSource{} }

type foldersDataSource struct{ dataSourceBase }

type foldersModel struct {
	ID      types.String       `tfsdk:"id"`
	Path    types.String       `tfsdk:"path"`
	Folders []folderEntryModel `tfsdk:"folders"`
}

type folderEntryModel struct {
	Name types.String `tfsdk:"name"`
	Path types.String `tfsdk:"path"`
}

func (d *foldersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_folders"
}

func (d *foldersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the root folders, or the sub-folders of a folder.",
		Attributes: map[string]schema.Attribute{
			"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "The folder listed (empty for the root)."},
			"path": schema.StringAttribute{Optional: true, MarkdownDescription: "The folder whose sub-folders to list; the root folders when unset.", Validators: []validator.String{folderValidator}},
			"folders": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The folders, in alphabetical order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Computed: true, MarkdownDescription: "The folder's own name."},
					"path": schema.StringAttribute{Computed: true, MarkdownDescription: "The folder's full path."},
				}},
			},
		},
	}
}

func (d *foldersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg foldersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	folders, err := d.data.client.ListFolders(ctx, cfg.Path.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot list folders", err.Error())
		return
	}
	cfg.ID = types.StringValue(cfg.Path.ValueString())
	cfg.Folders = make([]folderEntryModel, 0, len(folders))
	for _, f := range folders {
		cfg.Folders = append(cfg.Folders, folderEntryModel{Name: types.StringValue(f.Name), Path: types.StringValue(f.Path)})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
