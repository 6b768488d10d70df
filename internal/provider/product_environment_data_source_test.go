package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The environment data sources find an environment by ID and by cloud
// name, and list them with Cloudinary's filters.
func TestAccProductEnvironmentDataSources(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	disabled := false
	for _, p := range []client.ProductEnvironmentParams{
		{Name: "Data one", CloudName: "acme-data-one", CustomAttributes: map[string]string{"team": "media"}},
		{Name: "Data two", CloudName: "acme-data-two", Enabled: &disabled},
		{Name: "Elsewhere", CloudName: "acme-elsewhere"},
	} {
		_, err := account.CreateProductEnvironment(bg, p)
		must(t, err)
	}
	one, err := environmentNamed(account, "acme-data-one")
	must(t, err)
	names := func(values ...string) knownvalue.Check {
		var checks []knownvalue.Check
		for _, v := range values {
			checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{"cloud_name": knownvalue.StringExact(v)}))
		}
		return knownvalue.ListExact(checks)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.providerBlockWithAccount() + `data "cloudinary_product_environment" "x" { cloud_name = "acme-nowhere" }`,
				ExpectError: regexp.MustCompile(`no\s+product\s+environment\s+with\s+cloud\s+name\s+"acme-nowhere"`),
			},
			{
				Config:      env.providerBlockWithAccount() + `data "cloudinary_product_environment" "x" {}`,
				ExpectError: regexp.MustCompile(`Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured`),
			},
			{
				Config: env.providerBlockWithAccount() + `
data "cloudinary_product_environment" "by_id" { id = "` + one.ID + `" }
data "cloudinary_product_environment" "by_name" { cloud_name = "acme-data-one" }
data "cloudinary_product_environments" "data" { prefix = "data" }
data "cloudinary_product_environments" "enabled_data" {
  prefix  = "DATA"
  enabled = true
}
data "cloudinary_product_environments" "named" { cloud_names = ["acme-elsewhere", "acme-data-two"] }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudinary_product_environment.by_id", tfjsonpath.New("cloud_name"), knownvalue.StringExact("acme-data-one")),
					statecheck.ExpectKnownValue("data.cloudinary_product_environment.by_id", tfjsonpath.New("custom_attributes"),
						knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("media")})),
					statecheck.ExpectKnownValue("data.cloudinary_product_environment.by_name", tfjsonpath.New("id"), knownvalue.StringExact(one.ID)),
					statecheck.ExpectKnownValue("data.cloudinary_product_environment.by_name", tfjsonpath.New("name"), knownvalue.StringExact("Data one")),
					statecheck.ExpectKnownValue("data.cloudinary_product_environments.data", tfjsonpath.New("product_environments"), names("acme-data-one", "acme-data-two")),
					statecheck.ExpectKnownValue("data.cloudinary_product_environments.enabled_data", tfjsonpath.New("product_environments"), names("acme-data-one")),
					statecheck.ExpectKnownValue("data.cloudinary_product_environments.named", tfjsonpath.New("product_environments").AtSliceIndex(0).AtMapKey("enabled"), knownvalue.NotNull()),
				},
			},
		},
	})
}
