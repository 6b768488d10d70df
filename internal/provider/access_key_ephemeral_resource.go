package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/ephemeralvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure        = (*accessKeyEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigValidators = (*accessKeyEphemeralResource)(nil)
)

func newAccessKeyEphemeralResource() ephemeral.EphemeralResource {
	return &accessKeyEphemeralResource{}
}

// accessKeyEphemeralResource reads an access key's secret for the length of
// one Terraform command (Terraform 1.10 and later), so that it can reach
// another provider's write-only attribute without being stored in a plan or
// a state.
type accessKeyEphemeralResource struct {
	data *providerData
}

type accessKeyEphemeralModel struct {
	ProductEnvironment types.String `tfsdk:"product_environment"`
	Name               types.String `tfsdk:"name"`
	APIKey             types.String `tfsdk:"api_key"`
	APISecret          types.String `tfsdk:"api_secret"`
	Enabled            types.Bool   `tfsdk:"enabled"`
}

func (e *accessKeyEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *accessKeyEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_key"
}

func (e *accessKeyEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an access key of a product environment, with its secret, without storing it in the plan " +
			"or the state (Terraform 1.10 and later), with the provider's account credentials: for a write-only attribute " +
			"of another provider, such as a secrets manager's or a CI system's.",
		Attributes: map[string]schema.Attribute{
			"product_environment": schema.StringAttribute{Required: true, MarkdownDescription: "The cloud name of the key's product environment."},
			"name":                schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The key's name. Set this or `api_key`."},
			"api_key":             schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The API key. Set this or `name`."},
			"api_secret":          schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "The API secret."},
			"enabled":             schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the key authenticates API calls."},
		},
	}
}

func (e *accessKeyEphemeralResource) ConfigValidators(context.Context) []ephemeral.ConfigValidator {
	return []ephemeral.ConfigValidator{ephemeralvalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("api_key"))}
}

func (e *accessKeyEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var cfg accessKeyEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	acct, ok := e.data.provisioned(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	keyOrName := cfg.APIKey.ValueString()
	if known(cfg.Name) {
		keyOrName = cfg.Name.ValueString()
	}
	key, _, err := findAccessKey(ctx, acct, cfg.ProductEnvironment.ValueString(), keyOrName)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read access key", err.Error())
		return
	}
	secret := secretOrKept(key.APISecret, "")
	if secret == "" {
		resp.Diagnostics.AddError("Cloudinary did not show the access key's secret",
			fmt.Sprintf("The keys listing of %q gave no secret for key %q.", cfg.ProductEnvironment.ValueString(), key.Name))
		return
	}
	cfg.Name, cfg.APIKey, cfg.APISecret, cfg.Enabled = types.StringValue(key.Name), types.StringValue(key.APIKey), types.StringValue(secret), types.BoolValue(key.Enabled)
	resp.Diagnostics.Append(resp.Result.Set(ctx, cfg)...)
}
