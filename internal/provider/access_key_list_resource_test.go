package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The keys list finds the keys of one environment, with the environment's
// cloud name and the API key as identities and the secret in their states.
func TestAccAccessKeyList(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	created, err := account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Queried", CloudName: "acme-queried"})
	must(t, err)
	key, err := account.CreateAccessKey(bg, created.ID, client.AccessKeyParams{Name: "ci"})
	must(t, err)
	byKey := queryfilter.ByResourceIdentity(accountIdentity("product_environment", "acme-queried", "api_key", key.APIKey))
	queryTestWith(t, env.providerBlockWithAccount(), listBlock("cloudinary_access_key", "keys", `product_environment = "acme-queried"`),
		querycheck.ExpectLength("cloudinary_access_key.keys", 2),
		querycheck.ExpectIdentity("cloudinary_access_key.keys", accountIdentity("product_environment", "acme-queried", "api_key", key.APIKey)),
		querycheck.ExpectResourceDisplayName("cloudinary_access_key.keys", byKey, knownvalue.StringExact("acme-queried/ci")),
		querycheck.ExpectResourceKnownValues("cloudinary_access_key.keys", byKey, []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("api_secret"), KnownValue: knownvalue.StringExact(key.APISecret)},
			{Path: tfjsonpath.New("product_environment_id"), KnownValue: knownvalue.StringExact(created.ID)},
		}),
	)
}
