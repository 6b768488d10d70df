package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccTriggerList(t *testing.T) {
	env := newTestEnv(t)
	for _, tr := range []struct{ uri, event string }{{"https://h.example.com/a", "upload"}, {"https://h.example.com/b", "upload"}} {
		_, err := env.client.CreateTrigger(bg, client.TriggerSettings{URI: tr.uri, EventType: tr.event})
		must(t, err)
	}
	filtered, err := env.client.CreateTrigger(bg, client.TriggerSettings{URI: "https://h.example.com/c", EventType: "delete",
		Filter: []byte(`{"!!":[{"var":"public_id"}]}`), AuthScheme: "legacy_hmac", Additive: true})
	must(t, err)
	queryTest(t, env, listBlock("cloudinary_trigger", "all", "")+listBlock("cloudinary_trigger", "deletes", `event_type = "delete"`),
		querycheck.ExpectLength("cloudinary_trigger.all", 3),
		querycheck.ExpectLength("cloudinary_trigger.deletes", 1),
		// The results carry the trigger's settings, as a read does.
		querycheck.ExpectResourceKnownValues("cloudinary_trigger.deletes", queryfilter.ByResourceIdentity(identity("id", filtered.ID)),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("filter"), KnownValue: knownvalue.StringExact(`{"!!":[{"var":"public_id"}]}`)},
				{Path: tfjsonpath.New("auth_scheme"), KnownValue: knownvalue.StringExact("legacy_hmac")},
				{Path: tfjsonpath.New("additive"), KnownValue: knownvalue.Bool(true)},
			}),
	)
}
