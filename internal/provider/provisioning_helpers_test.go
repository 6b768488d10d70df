package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// provisioningClient is the Provisioning API client of the test's emulated
// account, for changes made outside Terraform and for checking what
// Cloudinary holds. The tests that use it need the emulator: on a real
// account, the cloud names of the environments they create and delete would
// be retired for good.
func provisioningClient(t *testing.T, env *testEnv) *client.AccountClient {
	t.Helper()
	env.requireEmulator(t)
	return env.account
}

// uncheckedProviderBlock configures the provider with the account
// credentials and without the credentials check, whose listing of the
// environments would otherwise be the first Provisioning API call of a run.
func uncheckedProviderBlock(env *testEnv) string {
	block := env.providerBlockWithAccount()
	return block[:strings.LastIndex(block, "}")] + "  skip_credentials_check = true\n}\n"
}

// environmentNamed is the account's product environment of a cloud name.
func environmentNamed(c *client.AccountClient, cloudName string) (client.ProductEnvironment, error) {
	list, err := c.ListProductEnvironments(bg, client.ProductEnvironmentFilter{CloudNames: []string{cloudName}})
	if err != nil {
		return client.ProductEnvironment{}, err
	}
	if i := slices.IndexFunc(list, func(e client.ProductEnvironment) bool { return e.CloudName == cloudName }); i >= 0 {
		return list[i], nil
	}
	return client.ProductEnvironment{}, fmt.Errorf("no product environment %q", cloudName)
}

// accessKeyNamed is the key of a name of the environment of a cloud name.
func accessKeyNamed(c *client.AccountClient, cloudName, name string) (client.AccessKey, error) {
	env, err := environmentNamed(c, cloudName)
	if err != nil {
		return client.AccessKey{}, err
	}
	keys, err := c.ListAccessKeys(bg, env.ID)
	if err != nil {
		return client.AccessKey{}, err
	}
	if i := slices.IndexFunc(keys, func(k client.AccessKey) bool { return k.Name == name }); i >= 0 {
		return keys[i], nil
	}
	return client.AccessKey{}, fmt.Errorf("product environment %q has no key %q", cloudName, name)
}

// environmentConfig is a product environment resource "env" with the
// given attributes (HCL lines).
func environmentConfig(env *testEnv, attributes string) string {
	return env.providerBlockWithAccount() + fmt.Sprintf("\nresource \"cloudinary_product_environment\" \"env\" {\n%s\n}\n", attributes)
}
