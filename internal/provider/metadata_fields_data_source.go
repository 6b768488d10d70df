package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*metadataFieldsDataSource)(nil)

func newMetadataFieldsDataSource() datasource.DataSource { return &metadataFieldsDataSource{} }

type metadataFieldsDataSource struct{ dataSourceBase }

type metadataFieldsModel struct {
	ID     types.String         `tfsdk:"id"`
	Fields []metadataFieldModel `tfsdk:"fields"`
}

func (d *metadataFieldsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_metadata_fields"
}

func (d *metadataFieldsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every structured metadata field of the account, in the Media Library's order, with one Admin API call.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The cloud name."},
			"fields": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The fields.",
				NestedObject: schema.NestedAttributeObject{Attributes: metadataFieldAttributes()}},
		},
	}
}

func (d *metadataFieldsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListMetadataFields(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list metadata fields", err.Error())
		return
	}
	out := metadataFieldsModel{ID: types.StringValue(d.data.client.CloudName()), Fields: []metadataFieldModel{}}
	for _, f := range list {
		model, diags := metadataFieldModelFrom(ctx, f)
		resp.Diagnostics.Append(diags...)
		out.Fields = append(out.Fields, model)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
}
