package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*productEnvironmentDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*productEnvironmentDataSource)(nil)
)

func newProductEnvironmentDataSource() datasource.DataSource { return &productEnvironmentDataSource{} }

// productEnvironmentDataSource reads one product environment, by ID or by
// cloud name, from the run's listing of the account's environments.
type productEnvironmentDataSource struct{ dataSourceBase }

// productEnvironmentData is a product environment as the data sources
// report it.
type productEnvironmentData struct {
	ID               types.String `tfsdk:"id"`
	CloudName        types.String `tfsdk:"cloud_name"`
	Name             types.String `tfsdk:"name"`
	Enabled          types.Bool   `tfsdk:"enabled"`
	CustomAttributes types.Map    `tfsdk:"custom_attributes"`
	CreatedAt        types.String `tfsdk:"created_at"`
	UpdatedAt        types.String `tfsdk:"updated_at"`
}

func productEnvironmentDataFrom(e client.ProductEnvironment) productEnvironmentData {
	return productEnvironmentData{
		ID: types.StringValue(e.ID), CloudName: types.StringValue(e.CloudName), Name: types.StringValue(e.Name),
		Enabled: types.BoolValue(e.Enabled), CustomAttributes: stringMap(e.CustomAttributes),
		CreatedAt: optionalString(e.CreatedAt), UpdatedAt: optionalString(e.UpdatedAt),
	}
}

// productEnvironmentDataAttributes describe a product environment; id and
// cloud_name are set by the caller (a data source takes one of them).
func productEnvironmentDataAttributes(id, cloudName schema.StringAttribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                id,
		"cloud_name":        cloudName,
		"name":              schema.StringAttribute{Computed: true, MarkdownDescription: "The display name."},
		"enabled":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the product environment is enabled."},
		"custom_attributes": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The custom attributes."},
		"created_at":        schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created (RFC 3339)."},
		"updated_at":        schema.StringAttribute{Computed: true, MarkdownDescription: "When it was last changed (RFC 3339)."},
	}
}

func (d *productEnvironmentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product_environment"
}

func (d *productEnvironmentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a product environment of the account, by ID or by cloud name, with the provider's account credentials.",
		Attributes: productEnvironmentDataAttributes(
			schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The ID of the product environment to read. Set this or `cloud_name`."},
			schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The cloud name of the product environment to read. Set this or `id`."},
		),
	}
}

func (d *productEnvironmentDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("cloud_name"))}
}

func (d *productEnvironmentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg productEnvironmentData
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	acct, ok := d.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	var env client.ProductEnvironment
	var found bool
	var err error
	by, value := "ID", cfg.ID.ValueString()
	if known(cfg.CloudName) {
		by, value = "cloud name", cfg.CloudName.ValueString()
		env, found, err = acct.environmentNamed(ctx, value)
	} else {
		env, found, err = acct.environments.get(ctx, value)
	}
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Cannot read product environment", provisioningTrouble(err).Error())
	case !found:
		resp.Diagnostics.AddError("Product environment not found", fmt.Sprintf("The account has no product environment with %s %q.", by, value))
	default:
		resp.Diagnostics.Append(resp.State.Set(ctx, productEnvironmentDataFrom(env))...)
	}
}
