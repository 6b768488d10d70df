package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

var _ datasource.DataSourceWithConfigure = (*namedTransformationDataSource)(nil)

func newNamedTransformationDataSource() datasource.DataSource {
	return &namedTransformationDataSource{}
}

type namedTransformationDataSource struct{ dataSourceBase }

func (d *namedTransformationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_named_transformation"
}

func (d *namedTransformationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a named transformation's definition.",
		Attributes: map[string]schema.Attribute{
			"id":                 schema.StringAttribute{Computed: true, MarkdownDescription: "The transformation's name."},
			"name":               schema.StringAttribute{Required: true, MarkdownDescription: "The name, with or without the `t_` prefix."},
			"transformation":     schema.StringAttribute{Computed: true, CustomType: transformationType{}, MarkdownDescription: "The definition, in canonical form (each step's components in key order)."},
			"allowed_for_strict": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the transformation may be used when strict transformations are enabled."},
			"used":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether any asset has been derived with it."},
		},
	}
}

func (d *namedTransformationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var name string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name = strings.TrimPrefix(name, "t_")
	got, err := d.data.client.GetNamedTransformation(ctx, name)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read named transformation", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, namedTransformationModelFrom(name, got, newTransformationValue(got.Definition)))...)
}
