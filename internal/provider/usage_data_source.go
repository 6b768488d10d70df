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

type usageDataSource struct{ dataSourceBase }

type quotaModel struct {
	Usage       types.Float64 `tfsdk:"usage"`
	Limit       types.Float64 `tfsdk:"limit"`
	UsedPercent types.Float64 `tfsdk:"used_percent"`
}

type usageModel struct {
	ID               types.String     `tfsdk:"id"`
	Plan             types.String     `tfsdk:"plan"`
	LastUpdated      types.String     `tfsdk:"last_updated"`
	DateRequested    types.String     `tfsdk:"date_requested"`
	Transformations  quotaModel       `tfsdk:"transformations"`
	Objects          quotaModel       `tfsdk:"objects"`
	Bandwidth        quotaModel       `tfsdk:"bandwidth"`
	Storage          quotaModel       `tfsdk:"storage"`
	Credits          types.Object     `tfsdk:"credits"` // a quotaModel; null on a plan without credits
	Impressions      types.Float64    `tfsdk:"impressions"`
	SecondsDelivered types.Float64    `tfsdk:"seconds_delivered"`
	Requests         types.Float64    `tfsdk:"requests"`
	Resources        types.Float64    `tfsdk:"resources"`
	DerivedResources types.Float64    `tfsdk:"derived_resources"`
	MediaLimits      mediaLimitsModel `tfsdk:"media_limits"`
	AddOns           types.Map        `tfsdk:"add_ons"`
}

// mediaLimitsModel is the report's media_limits (OpenAPI usage_response).
type mediaLimitsModel struct {
	ImageMaxSizeBytes   types.Int64 `tfsdk:"image_max_size_bytes"`
	VideoMaxSizeBytes   types.Int64 `tfsdk:"video_max_size_bytes"`
	RawMaxSizeBytes     types.Int64 `tfsdk:"raw_max_size_bytes"`
	ImageMaxPixels      types.Int64 `tfsdk:"image_max_px"`
	AssetMaxTotalPixels types.Int64 `tfsdk:"asset_max_total_px"`
}

var quotaAttrTypes = map[string]attr.Type{"usage": types.Float64Type, "limit": types.Float64Type, "used_percent": types.Float64Type}

func quotaFrom(q client.Quota) quotaModel {
	return quotaModel{Usage: types.Float64Value(q.Usage), Limit: types.Float64Value(q.Limit), UsedPercent: types.Float64Value(q.UsedPercent)}
}

func mediaLimitsFrom(l client.MediaLimits) mediaLimitsModel {
	return mediaLimitsModel{
		ImageMaxSizeBytes: positiveInt64(l.ImageMaxSizeBytes), VideoMaxSizeBytes: positiveInt64(l.VideoMaxSizeBytes),
		RawMaxSizeBytes: positiveInt64(l.RawMaxSizeBytes), ImageMaxPixels: positiveInt64(l.ImageMaxPixels),
		AssetMaxTotalPixels: positiveInt64(l.AssetMaxTotalPixels),
	}
}

// positiveInt64 is null for 0, which stands for a limit the report leaves out.
func positiveInt64(n int64) types.Int64 {
	if n <= 0 {
		return types.Int64Null()
	}
	return types.Int64Value(n)
}

var quotaAttributes = map[string]schema.Attribute{
	"usage":        schema.Float64Attribute{Computed: true, MarkdownDescription: "How much is used."},
	"limit":        schema.Float64Attribute{Computed: true, MarkdownDescription: "The plan's limit."},
	"used_percent": schema.Float64Attribute{Computed: true, MarkdownDescription: "Usage as a percentage of the limit."},
}

func quotaAttribute(what string) schema.Attribute {
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: what, Attributes: quotaAttributes}
}

func mediaLimitAttribute(what string) schema.Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: what + " Null when the report gives none."}
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
			"date_requested":    schema.StringAttribute{Computed: true, MarkdownDescription: "The day the figures were asked for, as Cloudinary gives it."},
			"transformations":   quotaAttribute("Transformations made this period."),
			"objects":           quotaAttribute("Stored assets and derived assets."),
			"bandwidth":         quotaAttribute("Bytes delivered this period."),
			"storage":           quotaAttribute("Bytes stored."),
			"credits":           quotaAttribute("Credits used this period, of the plan's: plans with credits measure transformations, storage and bandwidth in them. Null on a plan without credits."),
			"impressions":       schema.Float64Attribute{Computed: true, MarkdownDescription: "Impressions this period (image deliveries)."},
			"seconds_delivered": schema.Float64Attribute{Computed: true, MarkdownDescription: "Seconds of video delivered this period."},
			"requests":          schema.Float64Attribute{Computed: true, MarkdownDescription: "Delivery requests this period (requests for assets, not API calls)."},
			"resources":         schema.Float64Attribute{Computed: true, MarkdownDescription: "Assets stored."},
			"derived_resources": schema.Float64Attribute{Computed: true, MarkdownDescription: "Derived assets stored."},
			"media_limits": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The largest files and images the account takes.",
				Attributes: map[string]schema.Attribute{
					"image_max_size_bytes": mediaLimitAttribute("The largest image upload, in bytes."),
					"video_max_size_bytes": mediaLimitAttribute("The largest video upload, in bytes."),
					"raw_max_size_bytes":   mediaLimitAttribute("The largest raw file upload, in bytes."),
					"image_max_px":         mediaLimitAttribute("The most pixels of one image."),
					"asset_max_total_px":   mediaLimitAttribute("The most pixels of all the frames of an asset together."),
				},
			},
			"add_ons": schema.MapNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The add-ons' quotas, by add-on name (such as `webpurify`).",
				NestedObject:        schema.NestedAttributeObject{Attributes: quotaAttributes},
			},
		},
	}
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
	var credits *quotaModel
	if u.Credits != nil {
		q := quotaFrom(*u.Credits)
		credits = &q
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &usageModel{
		ID: types.StringValue(d.data.client.CloudName()), Plan: types.StringValue(u.Plan), LastUpdated: types.StringValue(u.LastUpdated),
		DateRequested:   optionalString(u.DateRequested),
		Transformations: quotaFrom(u.Transformations), Objects: quotaFrom(u.Objects), Bandwidth: quotaFrom(u.Bandwidth), Storage: quotaFrom(u.Storage),
		Credits:     objectFrom(ctx, types.ObjectType{AttrTypes: quotaAttrTypes}, credits, &resp.Diagnostics),
		Impressions: types.Float64Value(u.Impressions.Usage), SecondsDelivered: types.Float64Value(u.SecondsDelivered.Usage),
		Requests: types.Float64Value(u.Requests), Resources: types.Float64Value(u.Resources), DerivedResources: types.Float64Value(u.DerivedResources),
		MediaLimits: mediaLimitsFrom(u.MediaLimits), AddOns: addOnMap,
	})...)
}
