package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The keys data source lists an environment's keys with their secrets: the
// root key made with the environment and the keys made since.
func TestAccAccessKeysDataSource(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	created, err := account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Listed", CloudName: "acme-listed"})
	must(t, err)
	disabled := false
	extra, err := account.CreateAccessKey(bg, created.ID, client.AccessKeyParams{Name: "extra", Enabled: &disabled})
	must(t, err)
	keys, err := account.ListAccessKeys(bg, created.ID)
	must(t, err)
	if len(keys) != 2 {
		t.Fatalf("the new environment has keys %+v, want the root key and extra", keys)
	}
	var checks []knownvalue.Check
	for _, k := range selected(keys, func(k client.AccessKey) string { return k.APIKey }, func(client.AccessKey) bool { return true }, 0) {
		checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"name": knownvalue.StringExact(k.Name), "api_key": knownvalue.StringExact(k.APIKey), "api_secret": knownvalue.StringExact(k.APISecret),
			"enabled": knownvalue.Bool(k.APIKey != extra.APIKey), "root": knownvalue.Bool(k.APIKey != extra.APIKey),
		}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerBlockWithAccount() + fmt.Sprintf(`data "cloudinary_access_keys" "listed" { product_environment = %q }`, "acme-listed"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudinary_access_keys.listed", tfjsonpath.New("product_environment_id"), knownvalue.StringExact(created.ID)),
				statecheck.ExpectKnownValue("data.cloudinary_access_keys.listed", tfjsonpath.New("access_keys"), knownvalue.ListExact(checks)),
			},
		}},
	})
}
