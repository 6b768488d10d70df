package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*usageDataSource)(nil)

func newUsageDataSource() datasource.DataSource { return &usageDataSource{} }

type usageDataSource struct {
	data *providerData
}

type quotaModel struct {
	Usage       types.Float64 `tfsdk:"usage"`
	Limit       types.Float64 `tfsdk:"limit"`
	UsedPercent types.Float64 `tfsdk:"used_percent"`
}

type usageModel struct {
	ID               types.String  `tfsdk:"id"`
	Plan             types.String  `tfsdk:"plan"`
	LastUpdated      types.String  `tfsdk:"last_updated"`
	Transformations  quotaModel    `tfsdk:"transformations"`
	Objects          quotaModel    `tfsdk:"objects"`
	Bandwidth        quotaModel    `tfsdk:"bandwidth"`
	Storage          quotaModel    `tfsdk:"storage"`
	Requests         types.Float64 `tfsdk:"requests"`
	Resources        types.Float64 `tfsdk:"resources"`
	DerivedResources types.Float64 `tfsdk:"derived_resources"`
	AddOns           types.Map     `tfsdk:"add_ons"`
}

var quotaAttrTypes = map[string]attr.Type{"usage": types.Float64Type, "limit": types.Float64Type, "used_percent": types.Float64Type}

func quotaFrom(q client.Quota) quotaModel {
	return quotaModel{Usage: types.Float64Value(q.Usage), Limit: types.Float64Value(q.Limit), UsedPercent: types.Float64Value(q.UsedPercent)}
}

func quotaAttribute(what string) schema.Attribute {
	return schema.SingleNestedAttribute{
		Computed:            true,
		MarkdownDescription: what,
		Attributes: map[string]schema.Attribute{
			"usage":        schema.Float64Attribute{Computed: true, MarkdownDescription: "How much is used."},
			"limit":        schema.Float64Attribute{Computed: true, MarkdownDescription: "The plan's limit."},
			"used_percent": schema.Float64Attribute{Computed: true, MarkdownDescription: "Usage as a percentage of the limit."},
		},
	}
}

func (d *usageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_usage"
}

func (d *usageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the account's usage report: delivery and storage figures, which Cloudinary updates " +
			"about once a day (`last_updated` gives the date of the figures), not with each API call. Outputs built on " +
			"them change at most daily, so a `terraform plan -detailed-exitcode` drift check sees them change then.",
		Attributes: map[string]schema.Attribute{
			"id":                schema.StringAttribute{Computed: true, MarkdownDescription: "The cloud name."},
			"plan":              schema.StringAttribute{Computed: true, MarkdownDescription: "The account's plan."},
			"last_updated":      schema.StringAttribute{Computed: true, MarkdownDescription: "The date of the figures (YYYY-MM-DD), which Cloudinary counts about daily."},
			"transformations":   quotaAttribute("Transformations made this period."),
			"objects":           quotaAttribute("Stored assets and derived assets."),
			"bandwidth":         quotaAttribute("Bytes delivered this period."),
			"storage":           quotaAttribute("Bytes stored."),
			"requests":          schema.Float64Attribute{Computed: true, MarkdownDescription: "Delivery requests this period (requests for assets, not API calls)."},
			"resources":         schema.Float64Attribute{Computed: true, MarkdownDescription: "Assets stored."},
			"derived_resources": schema.Float64Attribute{Computed: true, MarkdownDescription: "Derived assets stored."},
			"add_ons": schema.MapNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The add-ons' quotas, by add-on name (such as `webpurify`).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"usage":        schema.Float64Attribute{Computed: true, MarkdownDescription: "How much is used."},
					"limit":        schema.Float64Attribute{Computed: true, MarkdownDescription: "The plan's limit."},
					"used_percent": schema.Float64Attribute{Computed: true, MarkdownDescription: "Usage as a percentage of the limit."},
				}},
			},
		},
	}
}

func (d *usageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *usageDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	u, err := d.data.client.GetUsage(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read usage", err.Error())
		return
	}
	addOns := make(map[string]quotaModel, len(u.AddOns))
	for name, q := range u.AddOns {
		addOns[name] = quotaFrom(q)
	}
	addOnMap, diags := types.MapValueFrom(ctx, types.ObjectType{AttrTypes: quotaAttrTypes}, addOns)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &usageModel{
		ID: types.StringValue(d.data.client.CloudName()), Plan: types.StringValue(u.Plan), LastUpdated: types.StringValue(u.LastUpdated),
		Transformations: quotaFrom(u.Transformations), Objects: quotaFrom(u.Objects), Bandwidth: quotaFrom(u.Bandwidth), Storage: quotaFrom(u.Storage),
		Requests: types.Float64Value(u.Requests), Resources: types.Float64Value(u.Resources), DerivedResources: types.Float64Value(u.DerivedResources),
		AddOns: addOnMap,
	})...)
}
