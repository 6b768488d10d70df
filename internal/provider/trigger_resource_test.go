package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func triggerConfig(uri, eventType string) string {
	return fmt.Sprintf("resource \"cloudinary_trigger\" \"t\" {\n  uri        = %q\n  event_type = %q\n}\n", uri, eventType)
}

func TestAccTrigger_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_trigger.t"
	var id string
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(triggerConfig("https://hooks.example.com/upload", "upload")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[addr].Primary.ID
					if id == "" {
						return fmt.Errorf("no id")
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				Config: env.config(triggerConfig("https://hooks.example.com/v2", "upload")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
				Check: func(*terraform.State) error {
					list, err := env.client.ListTriggers(bg, "upload")
					if err != nil || len(list) != 1 || list[0].URI != "https://hooks.example.com/v2" || list[0].ID != id {
						return fmt.Errorf("triggers %+v %w", list, err)
					}
					return nil
				},
			},
			{
				Config: env.config(triggerConfig("https://hooks.example.com/v2", "delete")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
			{
				PreConfig: func() {
					list, err := env.client.ListTriggers(bg, "delete")
					must(t, err)
					must(t, env.client.DeleteTrigger(bg, list[0].ID))
				},
				Config: env.config(triggerConfig("https://hooks.example.com/v2", "delete")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
			{
				Config: env.config(triggerConfig("https://hooks.example.com/v2", "delete") + `
data "cloudinary_triggers" "deletes" {
  event_type = "delete"
  depends_on = [cloudinary_trigger.t]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudinary_triggers.deletes", tfjsonpath.New("triggers"), knownvalue.ListSizeExact(1)),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if list, _ := env.client.ListTriggers(bg, ""); len(list) != 0 {
				return fmt.Errorf("%d triggers left", len(list))
			}
			return nil
		},
	})
}

func TestAccTrigger_badInput(t *testing.T) {
	env := newTestEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(triggerConfig("not a url", "upload")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute uri`)},
			{Config: env.config(triggerConfig("https://x.example.com", "uploaded")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute event_type.*value must be one of`)},
			{Config: env.config(triggerWithSettings("https://x.example.com", "  auth_scheme = \"hmac\"\n")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute auth_scheme.*value must be one of`)},
			{Config: env.config(triggerWithSettings("https://x.example.com", "  filter = \"resource_type=image\"\n")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Not a JSON object.*filter`)},
			{Config: env.config(triggerWithSettings("https://x.example.com", "  payload_template = jsonencode([1])\n")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Not a JSON object.*payload_template`)},
		},
	})
}

// triggerWithSettings is an upload trigger with the settings given as HCL
// attribute lines.
func triggerWithSettings(uri, settings string) string {
	return fmt.Sprintf("resource \"cloudinary_trigger\" \"t\" {\n  uri        = %q\n  event_type = \"upload\"\n%s}\n", uri, settings)
}

// A trigger's settings (cloudinary-go's CreateTriggerParams: additive,
// filter, filter_language, payload_template, auth_scheme) are attributes;
// filter and payload_template compare as JSON. Every one of them, and the
// URI, changes in place with one update (UpdateTriggerParams carries them
// all) that moves updated_at; removing the filter replaces the trigger.
func TestAccTrigger_settings(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC).Unix())
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, Now: func() time.Time { return time.Unix(now.Load(), 0) }})
	addr := "cloudinary_trigger.t"
	first := `  additive         = true
  filter           = jsonencode({ "==" = [{ var = "resource_type" }, "image"] })
  filter_language  = "jsonlogic"
  payload_template = jsonencode({ asset = "{{public_id}}" })
  auth_scheme      = "eddsa_v2"
`
	second := `  additive         = false
  filter           = jsonencode({ in = ["product", { var = "tags" }] })
  filter_language  = "jsonlogic"
  payload_template = jsonencode({ asset = "{{public_id}}", kind = "{{notification_type}}" })
  auth_scheme      = "legacy_hmac"
`
	respelled := strings.Replace(second, `jsonencode({ in = ["product", { var = "tags" }] })`, `"{ \"in\" : [ \"product\", { \"var\" : \"tags\" } ] }"`, 1)
	withoutFilter := `  auth_scheme = "legacy_hmac"
`
	sameID, updatedAt := statecheck.CompareValue(compare.ValuesSame()), statecheck.CompareValue(compare.ValuesDiffer())
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	listed := func(want client.TriggerSettings) resource.TestCheckFunc {
		return func(*terraform.State) error {
			list, err := env.client.ListTriggers(bg, "upload")
			if err != nil || len(list) != 1 {
				return fmt.Errorf("triggers %+v %w", list, err)
			}
			got := list[0].TriggerSettings
			if got.URI != want.URI || got.Additive != want.Additive || got.AuthScheme != want.AuthScheme ||
				!jsonDocument.equal(string(got.Filter), string(want.Filter)) || !jsonDocument.equal(string(got.PayloadTemplate), string(want.PayloadTemplate)) {
				return fmt.Errorf("Cloudinary holds %+v, want %+v", got, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(triggerWithSettings("https://hooks.example.com/a", first)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					updatedAt.AddStateValue(addr, tfjsonpath.New("updated_at")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additive"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("filter"), knownvalue.StringExact(`{"==":[{"var":"resource_type"},"image"]}`)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("filter_language"), knownvalue.StringExact("jsonlogic")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_scheme"), knownvalue.StringExact("eddsa_v2")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("uri_type"), knownvalue.StringExact("webhook")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringExact("2026-03-01T10:00:00Z")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("updated_at"), knownvalue.StringExact("2026-03-01T10:00:00Z")),
				},
				Check: listed(client.TriggerSettings{URI: "https://hooks.example.com/a", Additive: true, AuthScheme: "eddsa_v2",
					Filter: []byte(`{"==":[{"var":"resource_type"},"image"]}`), PayloadTemplate: []byte(`{"asset":"{{public_id}}"}`)}),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				PreConfig: func() { now.Add(3600) },
				Config:    env.config(triggerWithSettings("https://hooks.example.com/b", second)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("updated_at")),
					},
					PostApplyPostRefresh: emptyAfter,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					updatedAt.AddStateValue(addr, tfjsonpath.New("updated_at")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("additive"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringExact("2026-03-01T10:00:00Z")),
				},
				Check: listed(client.TriggerSettings{URI: "https://hooks.example.com/b", AuthScheme: "legacy_hmac",
					Filter:          []byte(`{"in":["product",{"var":"tags"}]}`),
					PayloadTemplate: []byte(`{"asset":"{{public_id}}","kind":"{{notification_type}}"}`)}),
			},
			{Config: env.config(triggerWithSettings("https://hooks.example.com/b", respelled)), PlanOnly: true},
			{
				Config: env.config(triggerWithSettings("https://hooks.example.com/b", withoutFilter)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("filter"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("payload_template"), knownvalue.Null()),
				},
				Check: listed(client.TriggerSettings{URI: "https://hooks.example.com/b", AuthScheme: "legacy_hmac"}),
			},
		},
	})
}

// The cloudinary_triggers data source shows every setting of a trigger.
func TestAccTriggers_dataSourceShowsSettings(t *testing.T) {
	env := newTestEnv(t)
	_, err := env.client.CreateTrigger(bg, client.TriggerSettings{
		URI: "https://hooks.example.com/ds", EventType: "delete", Additive: true, AuthScheme: "eddsa_v2", FilterLanguage: "jsonlogic",
		Filter: []byte(`{"!!":[{"var":"public_id"}]}`), PayloadTemplate: []byte(`{"id":"{{public_id}}"}`),
	})
	must(t, err)
	item := tfjsonpath.New("triggers").AtSliceIndex(0)
	ds := "data.cloudinary_triggers.all"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`data "cloudinary_triggers" "all" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, item.AtMapKey("additive"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, item.AtMapKey("filter"), knownvalue.StringExact(`{"!!":[{"var":"public_id"}]}`)),
				statecheck.ExpectKnownValue(ds, item.AtMapKey("filter_language"), knownvalue.StringExact("jsonlogic")),
				statecheck.ExpectKnownValue(ds, item.AtMapKey("payload_template"), knownvalue.StringExact(`{"id":"{{public_id}}"}`)),
				statecheck.ExpectKnownValue(ds, item.AtMapKey("auth_scheme"), knownvalue.StringExact("eddsa_v2")),
				statecheck.ExpectKnownValue(ds, item.AtMapKey("uri_type"), knownvalue.StringExact("webhook")),
				statecheck.ExpectKnownValue(ds, item.AtMapKey("updated_at"), knownvalue.NotNull()),
			},
		}},
	})
}

// A plan of many triggers reads them from one listing, not one call each:
// the Admin API allows few calls an hour.
func TestAccTriggers_planAPIEconomy(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	config := env.config(`
resource "cloudinary_trigger" "uploads" {
  count      = 12
  uri        = "https://hooks.example.com/up/${count.index}"
  event_type = "upload"
}

resource "cloudinary_trigger" "deletes" {
  count      = 8
  uri        = "https://hooks.example.com/del/${count.index}"
  event_type = "delete"
  filter     = jsonencode({ "!!" = [{ var = "public_id" }] })
}
`)
	var calls, listings int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{PreConfig: func() { env.emu.Counters().Reset() }, Config: config, PlanOnly: true},
			{PreConfig: func() { calls, listings = env.readCalls(), env.emu.Counters().Route("GET /triggers") }, Config: config, PlanOnly: true},
		},
	})
	// Each terraform plan of the plan-only step lists the triggers once.
	if calls == 0 || calls > 2 || listings != calls {
		t.Fatalf("plans of 20 triggers made %d Admin API calls, %d of them listings of triggers (%v), want one listing per plan",
			calls, listings, env.emu.Counters().Snapshot())
	}
}
