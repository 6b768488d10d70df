package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// An object whose product_environment names a product environment of the
// account is managed with that environment's credentials, which the provider
// finds through the Provisioning API with the account's credentials: the
// environment by its cloud name, then an enabled access key of it, whose
// secret the keys listing carries (OpenAPI access-keys list example;
// cloudinary_npm access_keys_spec's key order has api_secret). So one apply
// can create an environment and configure it, with no environment secret in
// the configuration or the state. Each environment's credentials are looked
// up once per run, and each environment has a providerData of its own (its
// client and the run's caches), made on first use.

// productEnvironmentAttribute is the attribute of every resource, data
// source and list resource that acts inside a product environment.
const productEnvironmentAttribute = "product_environment"

// productEnvironmentDescription says what product_environment does; what
// replacing means is added by the resources.
const productEnvironmentDescription = "The cloud name of the product environment that holds the object, when it is " +
	"not the provider's own: the provider then uses that environment's credentials, which it finds through the " +
	"Provisioning API with the provider's account credentials (`account_url`, or `account_id`, `account_api_key` and " +
	"`account_api_secret`), so that one apply can create a product environment and configure it, with no " +
	"environment secret in the configuration or the state. Unset, the provider's own product environment " +
	"(`cloud_name` or `cloudinary_url`) is used."

// environments are the product environments of the account that this run
// works in, by cloud name.
type environments struct {
	account         *client.AccountClient
	settings        client.Config // the provider's client settings, without credentials
	readDefinitions bool

	mu     sync.Mutex
	byName map[string]*environment
	// listed are the environments that the credentials check listed, by
	// cloud name: an environment among them needs no lookup of its own.
	listed map[string]client.ProductEnvironment
	// missing are the cloud names that plan-time checks found no
	// environment by.
	missing map[string]bool
}

// missingForChecks tells whether plan-time checks found no environment by
// the cloud name in this run; false without account credentials.
func (e *environments) missingForChecks(cloudName string) bool {
	if e == nil {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.missing[cloudName]
}

func (e *environments) markMissingForChecks(cloudName string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.missing == nil {
		e.missing = map[string]bool{}
	}
	e.missing[cloudName] = true
}

// environment is one product environment of the run.
type environment struct {
	mu   sync.Mutex
	data *providerData // nil until its credentials are found
	id   string        // the environment's ID, found with its credentials
}

// environmentProblem is why an environment's credentials cannot be found.
type environmentProblem struct {
	summary, detail string
	missing         bool // the account has no environment by that cloud name
}

func (p *environmentProblem) Error() string { return p.summary + ": " + p.detail }

func (e *environments) entry(cloudName string) *environment {
	e.mu.Lock()
	defer e.mu.Unlock()
	env, ok := e.byName[cloudName]
	if !ok {
		env = &environment{}
		e.byName[cloudName] = env
	}
	return env
}

// data returns the providerData of the environment, finding its
// credentials on first use. A failed lookup is not remembered: an
// environment that this apply creates exists for a later object.
func (e *environments) data(ctx context.Context, cloudName string) (*providerData, error) {
	env := e.entry(cloudName)
	env.mu.Lock()
	defer env.mu.Unlock()
	if env.data != nil {
		return env.data, nil
	}
	pe, err := e.find(ctx, cloudName)
	if err != nil {
		return nil, err
	}
	key, err := e.keyOf(ctx, pe)
	if err != nil {
		return nil, err
	}
	cl, err := newEnvironmentClient(e.settings, credentials{Owner: cloudName, APIKey: key.APIKey, APISecret: key.APISecret, BaseURL: e.account.BaseURL()})
	if err != nil {
		return nil, fmt.Errorf("making the client of product environment %q: %w", cloudName, err)
	}
	tflog.Debug(ctx, "found the credentials of a product environment", map[string]any{"cloud_name": cloudName, "api_key": key.APIKey})
	env.data = newProviderData(cl, e.readDefinitions)
	env.data.accountClient, env.data.environments = e.account, e
	env.id = pe.ID
	return env.data, nil
}

// id is the ID of the environment of that cloud name, found with its
// credentials (data), so that asking it costs no call of its own.
func (e *environments) id(ctx context.Context, cloudName string) (string, error) {
	if _, err := e.data(ctx, cloudName); err != nil {
		return "", err
	}
	env := e.entry(cloudName)
	env.mu.Lock()
	defer env.mu.Unlock()
	return env.id, nil
}

// keyOf finds an enabled access key of the environment whose secret is
// known: the keys listing carries secrets (the client reads a masked one as
// none). Of those it takes the one least likely to go away during the run:
// the root key that came with the environment, else the oldest. A key that
// this configuration manages is usually newer, and one that its apply
// disables or destroys must not be the key the other objects use.
func (e *environments) keyOf(ctx context.Context, pe client.ProductEnvironment) (client.AccessKey, error) {
	cloudName := pe.CloudName
	keys, err := e.account.ListAccessKeys(ctx, pe.ID)
	switch {
	case client.IsNotFound(err):
		// Deleted since it was listed (a destroy deletes an environment
		// and the objects in it at once).
		return client.AccessKey{}, &environmentProblem{missing: true, summary: "Unknown product environment", detail: fmt.Sprintf(
			"Product environment %q was deleted while the provider was looking up its access keys.", cloudName)}
	case err != nil:
		return client.AccessKey{}, fmt.Errorf("listing the access keys of product environment %q: %w", cloudName, err)
	}
	usable := slices.DeleteFunc(keys, func(k client.AccessKey) bool { return !k.Enabled || k.APISecret == "" })
	if len(usable) > 0 {
		return slices.MinFunc(usable, steadierKey), nil
	}
	return client.AccessKey{}, &environmentProblem{summary: "No usable access key", detail: fmt.Sprintf(
		"Product environment %q has no enabled access key whose secret the Provisioning API returns, so the provider "+
			"cannot act in it. Enable one of its keys, or create one (cloudinary_access_key).", cloudName)}
}

// find looks the environment up by its cloud name.
func (e *environments) find(ctx context.Context, cloudName string) (client.ProductEnvironment, error) {
	e.mu.Lock()
	pe, ok := e.listed[cloudName]
	e.mu.Unlock()
	if ok {
		return pe, nil
	}
	found, err := e.account.ListProductEnvironments(ctx, client.ProductEnvironmentFilter{CloudNames: []string{cloudName}})
	if err != nil {
		return client.ProductEnvironment{}, fmt.Errorf("looking up product environment %q: %w", cloudName, err)
	}
	for _, pe := range found {
		if pe.CloudName == cloudName {
			return pe, nil
		}
	}
	return client.ProductEnvironment{}, &environmentProblem{missing: true, summary: "Unknown product environment", detail: fmt.Sprintf(
		"Account %s has no product environment with the cloud name %q (product_environment). Check the cloud name; "+
			"an environment that this configuration creates must be referenced (cloudinary_product_environment.<name>.cloud_name), "+
			"so that Terraform creates it first.", e.account.AccountID(), cloudName)}
}

// in returns the data to act with for an object whose product_environment
// is productEnvironment: the provider's own when it is null, else that
// environment's. It returns nil, with an error naming product_environment,
// when there is none.
func (d *providerData) in(ctx context.Context, productEnvironment types.String, diags *diag.Diagnostics) *providerData {
	data, err := d.environmentData(ctx, productEnvironment)
	if err != nil {
		addEnvironmentError(diags, err)
	}
	return data
}

// checkedIn returns the data that plan-time checks of an object use, or nil
// to skip them: when product_environment is unknown, or names an
// environment that does not exist yet (this apply may create it), or whose
// credentials cannot be found (with a warning). An environment found
// missing is not looked up again for the checks of this run, so that a plan
// of many objects in an environment that it creates costs one lookup.
func (d *providerData) checkedIn(ctx context.Context, productEnvironment types.String, diags *diag.Diagnostics) *providerData {
	if d == nil || productEnvironment.IsUnknown() || d.environments.missingForChecks(productEnvironment.ValueString()) {
		return nil
	}
	data, err := d.environmentData(ctx, productEnvironment)
	problem := (*environmentProblem)(nil)
	switch {
	case err == nil:
		return data
	case errors.As(err, &problem) && problem.missing:
		d.environments.markMissingForChecks(productEnvironment.ValueString())
	case productEnvironment.IsNull():
		// No environment of the provider's own, which the apply reports.
	default:
		diags.AddAttributeWarning(path.Root(productEnvironmentAttribute), "Cannot check values against the product environment", err.Error())
	}
	return nil
}

func (d *providerData) environmentData(ctx context.Context, productEnvironment types.String) (*providerData, error) {
	switch {
	case productEnvironment.IsUnknown():
		return nil, &environmentProblem{summary: "Unknown product environment",
			detail: "The product environment is not known yet. This is a bug in the provider; please report it."}
	case productEnvironment.IsNull():
		if d.client == nil {
			return nil, &environmentProblem{summary: "No product environment to act in", detail: "The provider has account " +
				"credentials but no product environment's credentials (cloud_name, api_key and api_secret, or " +
				"cloudinary_url). Set product_environment to the cloud name of the product environment that holds the " +
				"object, or give the provider a product environment's credentials."}
		}
		return d, nil
	}
	cloudName := productEnvironment.ValueString()
	switch {
	case d.client != nil && d.client.CloudName() == cloudName:
		return d, nil
	case d.environments == nil:
		return nil, noAccountCredentials()
	}
	return d.environments.data(ctx, cloudName)
}

// noAccountCredentials is why an object with product_environment cannot be
// acted on by a provider without the account's credentials.
func noAccountCredentials() *environmentProblem {
	return &environmentProblem{summary: "Account credentials are not configured",
		detail: "product_environment is set, and the provider finds a product environment's credentials with the account's: " + accountCredentialsAdvice}
}

// addEnvironmentError reports why an object's product environment cannot
// be used, on product_environment.
func addEnvironmentError(diags *diag.Diagnostics, err error) {
	at := path.Root(productEnvironmentAttribute)
	if problem := (*environmentProblem)(nil); errors.As(err, &problem) {
		diags.AddAttributeError(at, problem.summary, problem.detail)
		return
	}
	detail := err.Error()
	if _, advice, ok := accountCredentialTrouble(err); ok {
		detail += "\n\n" + advice
	}
	diags.AddAttributeError(at, "Cannot find the product environment's credentials", detail)
}

// accountCredentialTrouble recognises an error of the Provisioning API that
// is about the account's credentials, and says what to check.
func accountCredentialTrouble(err error) (summary, advice string, ok bool) {
	switch {
	case client.IsUnauthorized(err):
		return "Cloudinary refused the account credentials",
			"Check account_id, account_api_key and account_api_secret (or account_url, CLOUDINARY_ACCOUNT_URL): the " +
				"console's Account API Keys page (Settings, Account) shows them.", true
	case client.IsForbidden(err):
		return "The account has no access to the Provisioning API",
			"Cloudinary accepted the account credentials but refuses the Provisioning API: it is available on " +
				"Enterprise plans only, and on accounts with roles, the account API key needs a role that allows the call.", true
	}
	return "", "", false
}

// steadierKey orders access keys by how long they are likely to stay: the
// root key first, then by creation time (RFC 3339 in UTC, so text order is
// time order), then by API key for a stable choice.
func steadierKey(a, b client.AccessKey) int {
	if a.Root != b.Root {
		if a.Root {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(a.CreatedAt, b.CreatedAt), cmp.Compare(a.APIKey, b.APIKey))
}
