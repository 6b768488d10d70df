package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*accessKeysDataSource)(nil)

func newAccessKeysDataSource() datasource.DataSource { return &accessKeysDataSource{} }

// accessKeysDataSource lists the access keys of one product environment,
// with their secrets (sensitive), from the run's keys listing.
type accessKeysDataSource struct{ dataSourceBase }

type accessKeysModel struct {
	ProductEnvironment   types.String    `tfsdk:"product_environment"`
	ProductEnvironmentID types.String    `tfsdk:"product_environment_id"`
	AccessKeys           []accessKeyData `tfsdk:"access_keys"`
}

type accessKeyData struct {
	Name         types.String `tfsdk:"name"`
	APIKey       types.String `tfsdk:"api_key"`
	APISecret    types.String `tfsdk:"api_secret"`
	Enabled      types.Bool   `tfsdk:"enabled"`
	Root         types.Bool   `tfsdk:"root"`
	DedicatedFor types.Set    `tfsdk:"dedicated_for"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
}

func accessKeyDataFrom(k client.AccessKey) accessKeyData {
	return accessKeyData{
		Name: types.StringValue(k.Name), APIKey: types.StringValue(k.APIKey), APISecret: optionalString(secretOrKept(k.APISecret, "")),
		Enabled: types.BoolValue(k.Enabled), Root: types.BoolValue(k.Root), DedicatedFor: stringSet(nonNilStrings(k.DedicatedFor)),
		CreatedAt: optionalString(k.CreatedAt), UpdatedAt: optionalString(k.UpdatedAt),
	}
}

func (d *accessKeysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_keys"
}

func (d *accessKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the access keys of a product environment, with their secrets (sensitive), with the provider's account credentials.",
		Attributes: map[string]schema.Attribute{
			"product_environment": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The cloud name of the product environment whose keys to list."},
			"product_environment_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The ID of the product environment."},
			"access_keys": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The keys, ordered by API key.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "The key's name."},
					"api_key":       schema.StringAttribute{Computed: true, MarkdownDescription: "The API key."},
					"api_secret":    schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "The API secret; null when Cloudinary does not show it."},
					"enabled":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the key authenticates API calls."},
					"root":          schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is the key made with the product environment."},
					"dedicated_for": schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The purposes the key is dedicated to (`webhooks`)."},
					"created_at":    schema.StringAttribute{Computed: true, MarkdownDescription: "When the key was created (RFC 3339)."},
					"updated_at":    schema.StringAttribute{Computed: true, MarkdownDescription: "When the key was last changed (RFC 3339)."},
				}},
			},
		},
	}
}

func (d *accessKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg accessKeysModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	acct, ok := d.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	cloudName := cfg.ProductEnvironment.ValueString()
	env, err := acct.existingEnvironment(ctx, cloudName)
	var keys []client.AccessKey
	if err == nil {
		keys, _, err = acct.keysOf(ctx, env.ID)
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot list access keys", err.Error())
		return
	}
	cfg.ProductEnvironmentID = types.StringValue(env.ID)
	cfg.AccessKeys = []accessKeyData{}
	for _, k := range selected(keys, func(k client.AccessKey) string { return k.APIKey }, func(client.AccessKey) bool { return true }, 0) {
		cfg.AccessKeys = append(cfg.AccessKeys, accessKeyDataFrom(k))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
