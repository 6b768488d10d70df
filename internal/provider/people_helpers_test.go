package provider

import (
	"fmt"
	"testing"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// newAccountTestEnv is an emulated account, with unlimited budgets unless
// opts say otherwise, and a client of its Provisioning API.
func newAccountTestEnv(t *testing.T, opts emulator.Options) (*testEnv, *client.AccountClient) {
	t.Helper()
	if opts.HourlyLimit == 0 {
		opts.HourlyLimit = -1
	}
	if opts.ProvisioningHourlyLimit == 0 {
		opts.ProvisioningHourlyLimit = -1
	}
	env := newTestEnvWith(t, opts)
	return env, env.accountClientForTest(t)
}

// accountClientForTest is a client of the emulated account's Provisioning
// API, for tests to make and check what Terraform finds.
func (e *testEnv) accountClientForTest(t *testing.T) *client.AccountClient {
	t.Helper()
	c, err := client.NewAccountClient(client.AccountConfig{
		AccountID: e.emu.AccountID(), APIKey: e.emu.AccountAPIKey(), APISecret: e.emu.AccountAPISecret(), BaseURL: e.url + "/v1_1",
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// providerBlockWithAccount configures the provider for the emulated account
// with both the environment's and the account's credentials.
func (e *testEnv) providerBlockWithAccount() string {
	return fmt.Sprintf(`
provider "cloudinary" {
  cloud_name   = %q
  api_key      = %q
  api_secret   = %q
  api_base_url = "%s/v1_1"
  account_url  = %q
}
`, e.emu.CloudName(), e.emu.APIKey(), e.emu.APISecret(), e.url, e.emu.AccountURL(e.url))
}

// accountConfig prefixes a configuration with the provider block that has
// the account credentials.
func (e *testEnv) accountConfig(hcl string) string { return e.providerBlockWithAccount() + hcl }

// primaryEnvironmentID is the ID of the account's own product environment,
// which the emulator lists among the account's environments.
func primaryEnvironmentID(t *testing.T, env *testEnv, c *client.AccountClient) string {
	t.Helper()
	list, err := c.ListProductEnvironments(bg, client.ProductEnvironmentFilter{CloudNames: []string{env.emu.CloudName()}})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("the account lists %d environments named %s", len(list), env.emu.CloudName())
	}
	return list[0].ID
}

func userByEmail(c *client.AccountClient, email string) (client.User, error) {
	found, err := c.ListUsers(bg, client.UserFilter{Emails: []string{email}})
	if err != nil {
		return client.User{}, err
	}
	if len(found) != 1 {
		return client.User{}, fmt.Errorf("%d users with email %s", len(found), email)
	}
	return found[0], nil
}
