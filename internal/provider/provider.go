// Package provider implements the Cloudinary Terraform provider on the
// terraform-plugin-framework.
package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ provider.Provider                       = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithListResources      = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithFunctions          = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithActions            = (*cloudinaryProvider)(nil)
)

// New returns a constructor of the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &cloudinaryProvider{version: version} }
}

type cloudinaryProvider struct {
	version string
}

type providerModel struct {
	CloudName              types.String `tfsdk:"cloud_name"`
	APIKey                 types.String `tfsdk:"api_key"`
	APISecret              types.String `tfsdk:"api_secret"`
	CloudinaryURL          types.String `tfsdk:"cloudinary_url"`
	AccountID              types.String `tfsdk:"account_id"`
	AccountAPIKey          types.String `tfsdk:"account_api_key"`
	AccountAPISecret       types.String `tfsdk:"account_api_secret"`
	AccountURL             types.String `tfsdk:"account_url"`
	APIBaseURL             types.String `tfsdk:"api_base_url"`
	SignatureAlgorithm     types.String `tfsdk:"signature_algorithm"`
	MaxRetries             types.Int64  `tfsdk:"max_retries"`
	MaxRateLimitWaitSecond types.Int64  `tfsdk:"max_rate_limit_wait_seconds"`
	MinRetryWaitMS         types.Int64  `tfsdk:"min_retry_wait_ms"`
	MaxRetryWaitMS         types.Int64  `tfsdk:"max_retry_wait_ms"`
	UploadChunkSizeMB      types.Int64  `tfsdk:"upload_chunk_size_mb"`
	SkipCredentialsCheck   types.Bool   `tfsdk:"skip_credentials_check"`
	ReadNamedDefinitions   types.Bool   `tfsdk:"read_named_transformation_definitions"`
}

func (p *cloudinaryProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "cloudinary"
	resp.Version = p.version
}

func (p *cloudinaryProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages a Cloudinary product environment: upload presets, upload mappings, named " +
			"transformations, streaming profiles, assets, folders, webhook triggers, and structured metadata fields " +
			"and rules. Credentials come from the " +
			"attributes below or from the `CLOUDINARY_URL` (or `CLOUDINARY_CLOUD_NAME`, `CLOUDINARY_API_KEY` and " +
			"`CLOUDINARY_API_SECRET`) environment variables. With an account's credentials as well (or instead), from " +
			"the `account_*` attributes or `CLOUDINARY_ACCOUNT_URL` (or `CLOUDINARY_ACCOUNT_ID`, " +
			"`CLOUDINARY_ACCOUNT_API_KEY` and `CLOUDINARY_ACCOUNT_API_SECRET`), it also works through the Provisioning " +
			"API: objects whose `product_environment` names another product environment of the account are managed " +
			"with that environment's credentials, which the provider finds through the Provisioning API, so that no " +
			"environment's secret is written in the configuration or the state.",
		Attributes: map[string]schema.Attribute{
			"cloud_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The cloud name of the product environment. Set it with `api_key` and `api_secret`, or use `cloudinary_url`. Defaults to the `CLOUDINARY_CLOUD_NAME` environment variable.",
			},
			"api_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The API key. Defaults to the `CLOUDINARY_API_KEY` environment variable.",
			},
			"api_secret": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "The API secret. It is never logged or shown in plans. Defaults to the `CLOUDINARY_API_SECRET` environment variable.",
			},
			"cloudinary_url": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "All three credentials in one URL, `cloudinary://API_KEY:API_SECRET@CLOUD_NAME`, as the Cloudinary console shows it. Conflicts with `cloud_name`, `api_key` and `api_secret`. Defaults to the `CLOUDINARY_URL` environment variable.",
			},
			"account_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The account's ID (a UUID, shown on the console's Account API Keys page), for the " +
					"Provisioning API. Set it with `account_api_key` and `account_api_secret`, or use `account_url`. " +
					"Account credentials are needed by `product_environment` attributes and by the account's own objects. " +
					"Defaults to the `CLOUDINARY_ACCOUNT_ID` environment variable.",
			},
			"account_api_key": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The account API key (formerly \"provisioning API key\"). Defaults to the " +
					"`CLOUDINARY_ACCOUNT_API_KEY` environment variable, or the older `CLOUDINARY_PROVISIONING_API_KEY`.",
			},
			"account_api_secret": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "The account API secret. It is never logged or shown in plans. Defaults to the " +
					"`CLOUDINARY_ACCOUNT_API_SECRET` environment variable, or the older `CLOUDINARY_PROVISIONING_API_SECRET`.",
			},
			"account_url": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "All three account credentials in one URL, `" + accountCredentials.urlForm + "`; an " +
					"`?upload_prefix=` query sets the API root, as in `CLOUDINARY_URL`. Conflicts with `account_id`, " +
					"`account_api_key` and `account_api_secret`. Defaults to the `CLOUDINARY_ACCOUNT_URL` environment variable.",
			},
			"api_base_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The API root, ending in `/v1_1`. Defaults to `" + client.DefaultBaseURL + "`; accounts in Cloudinary's " +
					"EU or AP data centres use `https://api-eu.cloudinary.com/v1_1` or `https://api-ap.cloudinary.com/v1_1`. " +
					"Plain `http` is accepted only for loopback hosts, such as a local emulator.",
			},
			"signature_algorithm": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "How Upload API calls are signed: `sha1` (the default) or `sha256`, as set for the account.",
				Validators:          []validator.String{stringvalidator.OneOf(client.SHA1, client.SHA256)},
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "How many times a call that failed with a rate limit (HTTP 420 or 429), a server error or a dropped connection is retried, with exponential backoff. Defaults to 5; 0 disables retries.",
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"max_rate_limit_wait_seconds": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "The longest the provider waits for the Admin API's hourly rate limit to reset. When the reset is further away, the call fails at once with an error that says when to retry. Defaults to 60.",
				Validators:          []validator.Int64{int64validator.Between(1, 3600)},
			},
			"min_retry_wait_ms": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "The first retry's backoff, in milliseconds; each further retry waits about twice as long, with jitter. Defaults to 1000.",
				Validators:          []validator.Int64{int64validator.Between(1, 60_000)},
			},
			"max_retry_wait_ms": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "The longest backoff between two retries (other than a rate-limit wait), in milliseconds. Defaults to 30000.",
				Validators:          []validator.Int64{int64validator.Between(1, 600_000), int64validator.AtLeastSumOf(path.MatchRoot("min_retry_wait_ms"))},
			},
			"upload_chunk_size_mb": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Files larger than this many megabytes (1 MB = 1,000,000 bytes) are uploaded in parts of this " +
					"size, each retried on its own, as the official SDKs' `upload_large` does. Defaults to 20. Cloudinary refuses " +
					"a single upload request over 100 MB and parts under 5 MiB, hence the bounds 6 to 100. Chunking does not lift " +
					"the plan's limit on file size.",
				Validators: []validator.Int64{int64validator.Between(6, 100)},
			},
			"read_named_transformation_definitions": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether a refresh reads each named transformation's definition, one Admin API call each, " +
					"so that a definition changed outside Terraform shows in the plan. Defaults to true. When false, all named " +
					"transformations are read with one listing call per 500, which shows deletions and the listed flags but " +
					"not changed definitions (the listing does not carry them): for accounts with hundreds of named " +
					"transformations and an hourly budget of 500 calls.",
			},
			"skip_credentials_check": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether to skip the check that the provider makes when it is configured: one Admin API " +
					"call (ping) that proves the endpoint answers and accepts the credentials, so that a wrong endpoint or " +
					"secret fails once, within seconds, instead of once per resource. Defaults to false; set it to plan " +
					"offline with `-refresh=false`. When it is skipped and a refresh finds an object gone, the provider first " +
					"makes sure, with at most one ping per run, that the cloud name and the endpoint are right before it " +
					"drops anything from the state.",
			},
		},
	}
}

func (p *cloudinaryProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	refuseUnknownSettings(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	envCreds, hasEnv, accountCreds, hasAccount := resolveBothCredentials(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !cfg.APIBaseURL.IsNull() {
		if _, err := client.NormalizeBaseURL(cfg.APIBaseURL.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("api_base_url"), "Invalid API base URL", err.Error())
			return
		}
	}
	settings := p.clientSettings(cfg)
	var data *providerData
	if hasEnv {
		if data = p.environmentData(ctx, cfg, settings, envCreds, &resp.Diagnostics); data == nil {
			return
		}
	} else {
		data = newProviderData(nil, readDefinitionsSetting(cfg))
	}
	if hasAccount && !p.attachAccount(ctx, cfg, settings, accountCreds, data, &resp.Diagnostics) {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.EphemeralResourceData = data
	resp.ActionData = data
}

// refuseUnknownSettings refuses credentials and addresses that are known
// only after apply: the provider is configured before any resource.
func refuseUnknownSettings(cfg providerModel, diags *diag.Diagnostics) {
	for name, v := range map[string]types.String{
		"cloud_name": cfg.CloudName, "api_key": cfg.APIKey, "api_secret": cfg.APISecret,
		"cloudinary_url": cfg.CloudinaryURL, "api_base_url": cfg.APIBaseURL,
		"account_id": cfg.AccountID, "account_api_key": cfg.AccountAPIKey, "account_api_secret": cfg.AccountAPISecret,
		"account_url": cfg.AccountURL,
	} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider configuration",
				"The provider cannot be configured with a value that is only known after apply. Use a literal, a variable "+
					"or an environment variable for "+name+", or apply the resources it depends on first (-target). To "+
					"configure a product environment that this configuration creates, give the provider the account's "+
					"credentials and set product_environment on the objects in it instead.")
		}
	}
}

// resolveBothCredentials finds the product environment's credentials and
// the account's, by the same rules; at least one kind must be given.
func resolveBothCredentials(cfg providerModel, diags *diag.Diagnostics) (env credentials, hasEnv bool, account credentials, hasAccount bool) {
	resolve := func(kind credentialKind, attributes [3]string, url types.String) (credentials, bool) {
		sources, err := kind.sources(attributes, url.ValueString(), os.Getenv)
		creds, found := credentials{}, false
		if err == nil {
			creds, found, err = kind.resolve(sources)
		}
		if problem := (*credentialProblem)(nil); errors.As(err, &problem) {
			diags.AddError(problem.Summary, problem.Detail)
		}
		return creds, found
	}
	env, hasEnv = resolve(environmentCredentials, [3]string{cfg.CloudName.ValueString(), cfg.APIKey.ValueString(), cfg.APISecret.ValueString()}, cfg.CloudinaryURL)
	account, hasAccount = resolve(accountCredentials, [3]string{cfg.AccountID.ValueString(), cfg.AccountAPIKey.ValueString(), cfg.AccountAPISecret.ValueString()}, cfg.AccountURL)
	if !diags.HasError() && !hasEnv && !hasAccount {
		diags.AddError(missingCredentials.Summary, missingCredentials.Detail)
	}
	return env, hasEnv, account, hasAccount
}

// clientSettings are the settings of every client the provider makes, the
// provider's own and those of the product environments it finds, without
// credentials.
func (p *cloudinaryProvider) clientSettings(cfg providerModel) client.Config {
	return client.Config{
		BaseURL:            cfg.APIBaseURL.ValueString(),
		UserAgent:          "terraform-provider-cloudinary/" + p.version + " (+https://registry.terraform.io/providers/mediaops/cloudinary)",
		SignatureAlgorithm: cfg.SignatureAlgorithm.ValueString(),
		MaxRetries:         retriesSetting(cfg.MaxRetries),
		MaxRateLimitWait:   time.Duration(cfg.MaxRateLimitWaitSecond.ValueInt64()) * time.Second,
		MinRetryWait:       time.Duration(cfg.MinRetryWaitMS.ValueInt64()) * time.Millisecond,
		MaxRetryWait:       time.Duration(cfg.MaxRetryWaitMS.ValueInt64()) * time.Millisecond,
		ChunkSize:          cfg.UploadChunkSizeMB.ValueInt64() * 1_000_000,
	}
}

func readDefinitionsSetting(cfg providerModel) bool {
	return cfg.ReadNamedDefinitions.IsNull() || cfg.ReadNamedDefinitions.ValueBool()
}

// environmentData makes the client of the provider's own product
// environment and, unless skipped, checks its credentials with one ping.
func (p *cloudinaryProvider) environmentData(ctx context.Context, cfg providerModel, settings client.Config, creds credentials, diags *diag.Diagnostics) *providerData {
	ctx = maskSecret(ctx, creds.APISecret)
	cl, err := newEnvironmentClient(settings, creds)
	if err != nil {
		diags.AddError("Cannot configure the Cloudinary client", err.Error())
		return nil
	}
	tflog.Debug(ctx, "configured the Cloudinary client", map[string]any{"cloud_name": creds.Owner, "credentials_from": creds.Source})
	if !cfg.SkipCredentialsCheck.ValueBool() {
		if err := cl.Ping(ctx); err != nil {
			addPingError(diags, cl.BaseURL(), err)
			return nil
		}
	}
	return newProviderData(cl, readDefinitionsSetting(cfg))
}

// newEnvironmentClient makes the client of one product environment: the
// provider's settings, its credentials, and the API root that the
// credentials' URL named when api_base_url does not.
func newEnvironmentClient(settings client.Config, creds credentials) (*client.Client, error) {
	settings.CloudName, settings.APIKey, settings.APISecret = creds.Owner, creds.APIKey, creds.APISecret
	if settings.BaseURL == "" {
		settings.BaseURL = creds.BaseURL
	}
	settings.Logger = tflogLogger{secret: creds.APISecret}
	return client.New(settings)
}

// addPingError reports, once for the whole run, why the provider cannot
// work with Cloudinary.
func addPingError(diags *diag.Diagnostics, baseURL string, err error) {
	if summary, advice, ok := accountTrouble(baseURL, err); ok {
		diags.AddError(summary, fmt.Sprintf("The provider checked its configuration against %s: %s. %s", baseURL, err, advice))
		return
	}
	if client.IsRateLimited(err) {
		diags.AddError("Cloudinary's Admin API rate limit is reached", err.Error())
		return
	}
	diags.AddError("Cannot reach Cloudinary",
		fmt.Sprintf("The provider could not check its credentials against %s: %s. Check api_base_url (or the "+
			"CLOUDINARY_URL's upload_prefix) and the network; skip_credentials_check skips this check.", baseURL, err))
}

// retriesSetting maps the attribute to the client's setting, where 0 means
// the default and a negative number means none.
func retriesSetting(v types.Int64) int {
	switch {
	case v.IsNull():
		return 0
	case v.ValueInt64() == 0:
		return -1
	}
	return int(v.ValueInt64())
}

func (p *cloudinaryProvider) Resources(context.Context) []func() resource.Resource {
	// Every resource here acts inside a product environment.
	return []func() resource.Resource{
		inProductEnvironment(newUploadPresetResource),
		inProductEnvironment(newUploadMappingResource),
		inProductEnvironment(newNamedTransformationResource),
		inProductEnvironment(newStreamingProfileResource),
		inProductEnvironment(newAssetResource),
		inProductEnvironment(newFolderResource),
		inProductEnvironment(newTriggerResource),
		inProductEnvironment(newMetadataFieldResource),
		inProductEnvironment(newMetadataRuleResource),
		// The account's own objects, with the account credentials.
		newProductEnvironmentResource,
		newAccessKeyResource,
		newUserResource,
		newUserGroupResource,
		newUserGroupMembershipResource,
	}
}

// Functions are pure and offline: Terraform calls them without
// configuring the provider.
func (p *cloudinaryProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newDeliveryURLFunction, newNormalizeTransformationFunction, newParseDeliveryURLFunction}
}

// Actions run on Terraform 1.14 and later.
func (p *cloudinaryProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{newDeleteDerivedAction, newExplicitAction}
}

func (p *cloudinaryProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		newUploadPresetListResource,
		newUploadMappingListResource,
		newNamedTransformationListResource,
		newStreamingProfileListResource,
		newAssetListResource,
		newFolderListResource,
		newTriggerListResource,
		newMetadataFieldListResource,
		newMetadataRuleListResource,
		newProductEnvironmentListResource,
		newAccessKeyListResource,
		newUserListResource,
		newUserGroupListResource,
		newUserGroupMembershipListResource,
	}
}

func (p *cloudinaryProvider) DataSources(context.Context) []func() datasource.DataSource {
	// Every data source here acts inside a product environment.
	return []func() datasource.DataSource{
		dataSourceInProductEnvironment(newUploadPresetDataSource),
		dataSourceInProductEnvironment(newUploadMappingDataSource),
		dataSourceInProductEnvironment(newNamedTransformationDataSource),
		dataSourceInProductEnvironment(newTransformationsDataSource),
		dataSourceInProductEnvironment(newAssetsDataSource),
		dataSourceInProductEnvironment(newTagsDataSource),
		dataSourceInProductEnvironment(newFoldersDataSource),
		dataSourceInProductEnvironment(newUsageDataSource),
		dataSourceInProductEnvironment(newTriggersDataSource),
		dataSourceInProductEnvironment(newMetadataFieldDataSource),
		dataSourceInProductEnvironment(newMetadataFieldsDataSource),
		// The account's own objects, with the account credentials.
		newProductEnvironmentDataSource,
		newProductEnvironmentsDataSource,
		newAccessKeysDataSource,
		newUserDataSource,
		newUsersDataSource,
		newUserGroupDataSource,
		newUserGroupsDataSource,
	}
}

func (p *cloudinaryProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		newAccessKeyEphemeralResource,
	}
}
