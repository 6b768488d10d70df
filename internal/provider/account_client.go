package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// accountClientHolder holds the Provisioning API's client, nil without
// account credentials.
type accountClientHolder struct {
	accountClient *client.AccountClient
}

// account returns the Provisioning API's client, or adds an error that
// says how to configure the account credentials when there are none.
func (d *providerData) account(diags *diag.Diagnostics) (*client.AccountClient, bool) {
	if d.accountClient == nil {
		diags.AddError("account credentials are not configured",
			"Users, user groups and product environments are managed with the account credentials of Cloudinary's "+
				"Provisioning API: set account_url (or account_id, account_api_key and account_api_secret) in the provider "+
				"block, or CLOUDINARY_ACCOUNT_URL in the environment.")
		return nil, false
	}
	return d.accountClient, true
}
