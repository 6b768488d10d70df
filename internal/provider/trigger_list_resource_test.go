package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccTriggerList(t *testing.T) {
	env := newTestEnv(t)
	for _, tr := range []struct{ uri, event string }{{"https://h.example.com/a", "upload"}, {"https://h.example.com/b", "upload"}, {"https://h.example.com/c", "delete"}} {
		_, err := env.client.CreateTrigger(bg, client.TriggerSettings{URI: tr.uri, EventType: tr.event})
		must(t, err)
	}
	queryTest(t, env, listBlock("cloudinary_trigger", "all", "")+listBlock("cloudinary_trigger", "deletes", `event_type = "delete"`),
		querycheck.ExpectLength("cloudinary_trigger.all", 3),
		querycheck.ExpectLength("cloudinary_trigger.deletes", 1),
	)
}
