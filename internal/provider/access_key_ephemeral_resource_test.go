package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// ephemeralResourcesCheck skips a test of ephemeral resources below
// Terraform 1.10 (and OpenTofu, whose ephemeral resources came later).
var ephemeralResourcesCheck = terraformOnly{feature: "ephemeral resources", since: tfversion.Version1_10_0}

// The ephemeral key hands its secret, found by name or by API key, to
// another provider's configuration (the test's echo provider, which
// Terraform configures with ephemeral values as it would a secrets
// manager's), and the secret is the key's.
func TestAccAccessKeyEphemeral(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	keys := keysConfig(env, "acme-ephemeral", keyBlock("ci", "ci", ""))
	echo := func(by string) string {
		return keys + fmt.Sprintf(`
ephemeral "cloudinary_access_key" "ci" {
  product_environment = cloudinary_product_environment.env.cloud_name
  %s
}

provider "echo" {
  data = { secret = ephemeral.cloudinary_access_key.ci.api_secret, key = ephemeral.cloudinary_access_key.ci.api_key }
}

resource "echo" "secret" {}
`, by)
	}
	secretIs := func() statecheck.StateCheck {
		return statecheck.ExpectKnownValue("echo.secret", tfjsonpath.New("data").AtMapKey("secret"), knownvalue.StringFunc(func(v string) error {
			got, err := accessKeyNamed(account, "acme-ephemeral", "ci")
			if err != nil || v != got.APISecret {
				return fmt.Errorf("the ephemeral secret is not key ci's (%w)", err)
			}
			return nil
		}))
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{ephemeralResourcesCheck},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"cloudinary": testAccProtoV6ProviderFactories["cloudinary"],
			"echo":       echoprovider.NewProviderServer(),
		},
		Steps: []resource.TestStep{
			{Config: keys},
			{Config: echo(`name = cloudinary_access_key.ci.name`), ConfigStateChecks: []statecheck.StateCheck{secretIs()}},
			{Config: echo(`api_key = cloudinary_access_key.ci.api_key`), ConfigStateChecks: []statecheck.StateCheck{secretIs()}},
			{Config: echo(`name = "nobody"`), ExpectError: regexp.MustCompile(`has\s+no\s+access\s+key\s+with\s+API\s+key\s+or\s+name\s+"nobody"`)},
			{Config: keys},
		},
	})
}
