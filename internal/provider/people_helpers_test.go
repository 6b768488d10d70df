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
	return env, env.account
}

// accountConfig prefixes a configuration with a provider block that has
// only the account's credentials: users and groups need no others.
func (e *testEnv) accountConfig(hcl string) string { return e.accountProviderBlock() + hcl }

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
