package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The environments list finds the account's environments by name prefix,
// with their IDs as identities and their states as an import writes them
// (protected from deletion).
func TestAccProductEnvironmentList(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	var team client.ProductEnvironment
	for _, p := range []client.ProductEnvironmentParams{
		{Name: "Team one", CloudName: "acme-team-one"}, {Name: "team two", CloudName: "acme-team-two"}, {Name: "Other", CloudName: "acme-other"},
	} {
		created, err := account.CreateProductEnvironment(bg, p)
		must(t, err)
		if p.Name == "Team one" {
			team = created
		}
	}
	byID := queryfilter.ByResourceIdentity(accountIdentity("id", team.ID))
	queryTestWith(t, env.providerBlockWithAccount(), listBlock("cloudinary_product_environment", "team", `prefix = "team"`),
		querycheck.ExpectLength("cloudinary_product_environment.team", 2),
		querycheck.ExpectIdentity("cloudinary_product_environment.team", accountIdentity("id", team.ID)),
		querycheck.ExpectResourceDisplayName("cloudinary_product_environment.team", byID, knownvalue.StringExact("acme-team-one (Team one)")),
		querycheck.ExpectResourceKnownValues("cloudinary_product_environment.team", byID, []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("cloud_name"), KnownValue: knownvalue.StringExact("acme-team-one")},
			{Path: tfjsonpath.New("deletion_protection"), KnownValue: knownvalue.Bool(true)},
		}),
	)
}
