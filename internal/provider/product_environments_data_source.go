package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*productEnvironmentsDataSource)(nil)

func newProductEnvironmentsDataSource() datasource.DataSource {
	return &productEnvironmentsDataSource{}
}

// productEnvironmentsDataSource lists the account's product environments
// with the Provisioning API's own filters, in one call (the listing has no
// pages).
type productEnvironmentsDataSource struct{ dataSourceBase }

type productEnvironmentsModel struct {
	ID                  types.String             `tfsdk:"id"`
	Enabled             types.Bool               `tfsdk:"enabled"`
	IDs                 types.Set                `tfsdk:"ids"`
	CloudNames          types.Set                `tfsdk:"cloud_names"`
	Prefix              types.String             `tfsdk:"prefix"`
	ProductEnvironments []productEnvironmentData `tfsdk:"product_environments"`
}

func (d *productEnvironmentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product_environments"
}

func (d *productEnvironmentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's product environments, with the provider's account credentials and one Provisioning API call.",
		Attributes: map[string]schema.Attribute{
			"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "The account ID."},
			"enabled": schema.BoolAttribute{Optional: true, MarkdownDescription: "Only enabled (`true`) or disabled (`false`) product environments; both when unset."},
			"ids": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Only the product environments of these IDs (at most 100). Cloudinary then ignores `cloud_names` and `prefix`."},
			"cloud_names": schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Only the product environments of these cloud names (at most 100)."},
			"prefix":      schema.StringAttribute{Optional: true, MarkdownDescription: "Only product environments whose names start with this, ignoring case."},
			"product_environments": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The product environments found.",
				NestedObject: schema.NestedAttributeObject{Attributes: productEnvironmentDataAttributes(
					schema.StringAttribute{Computed: true, MarkdownDescription: "The ID."},
					schema.StringAttribute{Computed: true, MarkdownDescription: "The cloud name."},
				)},
			},
		},
	}
}

func (d *productEnvironmentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg productEnvironmentsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	acct, ok := d.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	ids, _, diags := knownStrings(ctx, cfg.IDs)
	resp.Diagnostics.Append(diags...)
	cloudNames, _, diags := knownStrings(ctx, cfg.CloudNames)
	resp.Diagnostics.Append(diags...)
	list, err := acct.client.ListProductEnvironments(ctx, client.ProductEnvironmentFilter{
		Enabled: boolPtr(cfg.Enabled), IDs: ids, CloudNames: cloudNames, Prefix: cfg.Prefix.ValueString(),
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot list product environments", provisioningTrouble(err).Error())
		return
	}
	cfg.ID = types.StringValue(acct.client.AccountID())
	cfg.ProductEnvironments = []productEnvironmentData{}
	for _, e := range list {
		cfg.ProductEnvironments = append(cfg.ProductEnvironments, productEnvironmentDataFrom(e))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
