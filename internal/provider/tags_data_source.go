package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*tagsDataSource)(nil)

func newTagsDataSource() datasource.DataSource { return &tagsDataSource{} }

type tagsDataSource struct{ dataSourceBase }

type tagsModel struct {
	ID           types.String `tfsdk:"id"`
	ResourceType types.String `tfsdk:"resource_type"`
	Prefix       types.String `tfsdk:"prefix"`
	Tags         []string     `tfsdk:"tags"`
}

func (d *tagsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tags"
}

func (d *tagsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the tags used by assets of a resource type, all pages of them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The resource type listed."},
			"resource_type": schema.StringAttribute{Optional: true, MarkdownDescription: "`image` (the default), `raw` or `video`.",
				Validators: []validator.String{stringvalidator.OneOf("image", "raw", "video")}},
			"prefix": schema.StringAttribute{Optional: true, MarkdownDescription: "Only tags that start with this."},
			"tags":   schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The tags, in alphabetical order."},
		},
	}
}

func (d *tagsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg tagsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rt := cfg.ResourceType.ValueString()
	if rt == "" {
		rt = "image"
	}
	tags, err := d.data.client.ListTags(ctx, rt, cfg.Prefix.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot list tags", err.Error())
		return
	}
	cfg.ID, cfg.Tags = types.StringValue(rt), nonNilStrings(tags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
