package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ datasource.DataSourceWithConfigure = (*uploadMappingDataSource)(nil)

func newUploadMappingDataSource() datasource.DataSource { return &uploadMappingDataSource{} }

type uploadMappingDataSource struct{ dataSourceBase }

func (d *uploadMappingDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upload_mapping"
}

func (d *uploadMappingDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the upload mapping of a folder.",
		Attributes: map[string]schema.Attribute{
			"id":       schema.StringAttribute{Computed: true, MarkdownDescription: "The mapped folder."},
			"folder":   schema.StringAttribute{Required: true, MarkdownDescription: "The folder whose mapping to read.", Validators: []validator.String{folderValidator}},
			"template": schema.StringAttribute{Computed: true, MarkdownDescription: "The URL prefix the folder maps to."},
		},
	}
}

func (d *uploadMappingDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg uploadMappingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, found, err := d.data.mappings.get(ctx, cfg.Folder.ValueString())
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Cannot read upload mapping", err.Error())
		return
	case !found:
		resp.Diagnostics.AddError("Upload mapping not found", fmt.Sprintf("Folder %q has no upload mapping in Cloudinary.", cfg.Folder.ValueString()))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, mappingModelFromAPI(m))...)
}
