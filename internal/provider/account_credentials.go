package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// accountCredentialsAdvice says how to give the provider an account's
// credentials.
const accountCredentialsAdvice = "set the provider's account_url (account://ACCOUNT_API_KEY:ACCOUNT_API_SECRET@ACCOUNT_ID), " +
	"or account_id, account_api_key and account_api_secret, or the CLOUDINARY_ACCOUNT_URL environment variable (or " +
	"CLOUDINARY_ACCOUNT_ID, CLOUDINARY_ACCOUNT_API_KEY and CLOUDINARY_ACCOUNT_API_SECRET). The console's Account API Keys " +
	"page (Settings, Account) shows them."

// account returns the Provisioning API's client, or adds an error that says
// how to configure it. The account's own resources (product environments,
// access keys, users) call it.
//
//nolint:unused // the account's resources, on their own branches, call it
func (d *providerData) account(diags *diag.Diagnostics) (*client.AccountClient, bool) {
	if d.accountClient == nil {
		diags.AddError("Account credentials are not configured", "This needs the Provisioning API, and so an account's credentials: "+accountCredentialsAdvice)
		return nil, false
	}
	return d.accountClient, true
}

// attachAccount makes the Provisioning API's client and, unless skipped,
// checks the account's credentials with one call, which lists the
// account's product environments: the lookups of this run's
// product_environment attributes then need no call of their own.
func (p *cloudinaryProvider) attachAccount(ctx context.Context, cfg providerModel, settings client.Config, creds credentials, data *providerData, diags *diag.Diagnostics) bool {
	ctx = maskSecret(ctx, creds.APISecret)
	baseURL := settings.BaseURL
	if baseURL == "" {
		baseURL = creds.BaseURL
	}
	account, err := client.NewAccountClient(client.AccountConfig{
		AccountID: creds.Owner, APIKey: creds.APIKey, APISecret: creds.APISecret, BaseURL: baseURL,
		UserAgent: settings.UserAgent, MaxRetries: settings.MaxRetries, MaxRateLimitWait: settings.MaxRateLimitWait,
		MinRetryWait: settings.MinRetryWait, MaxRetryWait: settings.MaxRetryWait, Logger: tflogLogger{secret: creds.APISecret},
	})
	if err != nil {
		diags.AddError("Cannot configure the Cloudinary account client", err.Error())
		return false
	}
	tflog.Debug(ctx, "configured the Cloudinary account client", map[string]any{"account_id": creds.Owner, "credentials_from": creds.Source})
	envs := &environments{account: account, settings: settings, readDefinitions: data.readDefinitions, byName: map[string]*environment{}}
	if !cfg.SkipCredentialsCheck.ValueBool() {
		listed, err := account.ListProductEnvironments(ctx, client.ProductEnvironmentFilter{})
		if err != nil {
			addAccountCheckError(diags, account.BaseURL(), err)
			return false
		}
		envs.listed = indexBy(listed, func(pe client.ProductEnvironment) string { return pe.CloudName })
	}
	data.accountClient, data.environments = account, envs
	return true
}

// addAccountCheckError reports, once for the whole run, why the provider
// cannot work with the account's credentials.
func addAccountCheckError(diags *diag.Diagnostics, baseURL string, err error) {
	if summary, advice, ok := accountCredentialTrouble(err); ok {
		diags.AddError(summary, fmt.Sprintf("The provider checked the account credentials against %s: %s. %s", baseURL, err, advice))
		return
	}
	diags.AddError("Cannot reach Cloudinary's Provisioning API",
		fmt.Sprintf("The provider could not check the account credentials against %s: %s. Check account_id, api_base_url "+
			"(or the account URL's upload_prefix) and the network; skip_credentials_check skips this check.", baseURL, err))
}
