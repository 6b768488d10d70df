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
	_ provider.Provider                  = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithListResources = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithFunctions     = (*cloudinaryProvider)(nil)
	_ provider.ProviderWithActions       = (*cloudinaryProvider)(nil)
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
			"`CLOUDINARY_API_SECRET`) environment variables.",
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
	for name, v := range map[string]types.String{
		"cloud_name": cfg.CloudName, "api_key": cfg.APIKey, "api_secret": cfg.APISecret,
		"cloudinary_url": cfg.CloudinaryURL, "api_base_url": cfg.APIBaseURL,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown provider configuration",
				"The provider cannot be configured with a value that is only known after apply. Use a literal, a variable "+
					"or an environment variable for "+name+", or apply the resources it depends on first (-target).")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	creds, err := resolveCredentials(credentialSources{
		CloudName: cfg.CloudName.ValueString(), APIKey: cfg.APIKey.ValueString(), APISecret: cfg.APISecret.ValueString(),
		URL:          cfg.CloudinaryURL.ValueString(),
		EnvCloudName: os.Getenv("CLOUDINARY_CLOUD_NAME"), EnvAPIKey: os.Getenv("CLOUDINARY_API_KEY"),
		EnvAPISecret: os.Getenv("CLOUDINARY_API_SECRET"), EnvURL: os.Getenv("CLOUDINARY_URL"),
	})
	if problem := (*credentialProblem)(nil); errors.As(err, &problem) {
		resp.Diagnostics.AddError(problem.Summary, problem.Detail)
		return
	}
	baseURL := creds.BaseURL
	if !cfg.APIBaseURL.IsNull() {
		baseURL = cfg.APIBaseURL.ValueString()
	}
	if baseURL != "" {
		if _, err := client.NormalizeBaseURL(baseURL); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("api_base_url"), "Invalid API base URL", err.Error())
			return
		}
	}
	ctx = maskSecret(ctx, creds.APISecret)
	cl, err := client.New(client.Config{
		CloudName: creds.CloudName, APIKey: creds.APIKey, APISecret: creds.APISecret,
		BaseURL:            baseURL,
		UserAgent:          "terraform-provider-cloudinary/" + p.version + " (+https://registry.terraform.io/providers/mediaops/cloudinary)",
		SignatureAlgorithm: cfg.SignatureAlgorithm.ValueString(),
		MaxRetries:         retriesSetting(cfg.MaxRetries),
		MaxRateLimitWait:   time.Duration(cfg.MaxRateLimitWaitSecond.ValueInt64()) * time.Second,
		MinRetryWait:       time.Duration(cfg.MinRetryWaitMS.ValueInt64()) * time.Millisecond,
		MaxRetryWait:       time.Duration(cfg.MaxRetryWaitMS.ValueInt64()) * time.Millisecond,
		ChunkSize:          cfg.UploadChunkSizeMB.ValueInt64() * 1_000_000,
		Logger:             tflogLogger{secret: creds.APISecret},
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot configure the Cloudinary client", err.Error())
		return
	}
	tflog.Debug(ctx, "configured the Cloudinary client", map[string]any{"cloud_name": creds.CloudName, "credentials_from": creds.Source})
	if !cfg.SkipCredentialsCheck.ValueBool() {
		if err := cl.Ping(ctx); err != nil {
			addPingError(&resp.Diagnostics, cl.BaseURL(), err)
			return
		}
	}
	data := newProviderData(cl, cfg.ReadNamedDefinitions.IsNull() || cfg.ReadNamedDefinitions.ValueBool())
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
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
	return []func() resource.Resource{
		newUploadPresetResource,
		newUploadMappingResource,
		newNamedTransformationResource,
		newStreamingProfileResource,
		newAssetResource,
		newFolderResource,
		newTriggerResource,
		newMetadataFieldResource,
		newMetadataRuleResource,
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
	}
}

func (p *cloudinaryProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newUploadPresetDataSource,
		newUploadMappingDataSource,
		newNamedTransformationDataSource,
		newTransformationsDataSource,
		newAssetsDataSource,
		newTagsDataSource,
		newFoldersDataSource,
		newUsageDataSource,
		newTriggersDataSource,
		newMetadataFieldDataSource,
		newMetadataFieldsDataSource,
	}
}
