package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// The metadata schema of a shop: a validated string, an integer with a
// range, and a set of colours. fields gives extra HCL for the colours.
func metadataSchemaConfig(colors, skuLabel string) string {
	return fmt.Sprintf(`
resource "cloudinary_metadata_field" "sku" {
  external_id   = "sku"
  type          = "string"
  label         = %q
  default_value = "none"
  validation = {
    strlen = { min = 2, max = 8 }
  }
  restrictions = { readonly_ui = true }
}

resource "cloudinary_metadata_field" "stock" {
  external_id = "stock"
  type        = "integer"
  label       = "In stock"
  mandatory   = true
  validation = {
    greater_than = { value = "0", equals = true }
    less_than    = { value = "1000" }
  }
}

resource "cloudinary_metadata_field" "colors" {
  external_id = "colors"
  type        = "set"
  label       = "Colours"
%s
}
`, skuLabel, colors)
}

const redGreenBlue = `
  datasource = [
    { external_id = "red", value = "Red" },
    { external_id = "green", value = "Green" },
    { external_id = "blue", value = "Blue" },
  ]
  default_values = ["red"]
`

// datasourceOf lists a field's entries as Cloudinary has them: the active
// ones in order as "id=value", then " | " and the inactive ones' IDs.
func datasourceOf(t *testing.T, env *testEnv, id string) string {
	t.Helper()
	f, err := env.client.GetMetadataField(bg, id)
	must(t, err)
	var active, inactive []string
	for _, d := range f.Datasource.Values {
		if d.Active() {
			active = append(active, d.ExternalID+"="+d.Value)
		} else {
			inactive = append(inactive, d.ExternalID)
		}
	}
	sort.Strings(inactive)
	return strings.Join(active, " ") + " | " + strings.Join(inactive, " ")
}

// expectColors checks the datasource of the colors field.
func expectColors(t *testing.T, env *testEnv, want string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := datasourceOf(t, env, "colors"); got != want {
			return fmt.Errorf("datasource of colors: %s, want %s", got, want)
		}
		return nil
	}
}

func TestAccMetadataField_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	colors := "cloudinary_metadata_field.colors"
	update := func(addr string) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(metadataSchemaConfig(redGreenBlue, "SKU")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudinary_metadata_field.sku", tfjsonpath.New("restrictions").AtMapKey("hidden_ui"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("cloudinary_metadata_field.stock", tfjsonpath.New("validation").AtMapKey("less_than").AtMapKey("equals"), knownvalue.Bool(false)),
				},
				Check: expectColors(t, env, "red=Red green=Green blue=Blue | "),
			},
			{ResourceName: "cloudinary_metadata_field.sku", ImportState: true, ImportStateVerify: true},
			{ResourceName: "cloudinary_metadata_field.stock", ImportState: true, ImportStateVerify: true},
			{ResourceName: colors, ImportState: true, ImportStateVerify: true},
			{
				// In place: a renamed entry, one removed, one added in the middle, and a new default.
				Config: env.config(metadataSchemaConfig(`
  datasource = [
    { external_id = "red", value = "Crimson" },
    { external_id = "yellow", value = "Yellow" },
    { external_id = "blue", value = "Blue" },
  ]
  default_values = ["yellow", "blue"]
`, "Stock keeping unit")),
				ConfigPlanChecks: update(colors),
				Check:            expectColors(t, env, "red=Crimson yellow=Yellow blue=Blue | green"),
			},
			{
				// The removed entry comes back: restored, in its place.
				Config:           env.config(metadataSchemaConfig(redGreenBlue, "Stock keeping unit")),
				ConfigPlanChecks: update(colors),
				Check:            expectColors(t, env, "red=Red green=Green blue=Blue | yellow"),
			},
			{
				// Drift: an entry deleted in the console is restored.
				PreConfig:        func() { must(t, env.client.DeleteDatasourceEntries(bg, "colors", []string{"green"})) },
				Config:           env.config(metadataSchemaConfig(redGreenBlue, "Stock keeping unit")),
				ConfigPlanChecks: update(colors),
				Check:            expectColors(t, env, "red=Red green=Green blue=Blue | yellow"),
			},
			{
				// A new external ID replaces the field.
				Config: env.config(strings.Replace(metadataSchemaConfig(redGreenBlue, "Stock keeping unit"), `external_id = "colors"`, `external_id = "colours"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(colors, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error {
					if _, err := env.client.GetMetadataField(bg, "colors"); !client.IsNotFound(err) {
						return fmt.Errorf("the replaced field is still there: %w", err)
					}
					return nil
				},
			},
		},
	})
}

// An alphabetically sorted field: Cloudinary orders its entries itself, so
// the configuration lists them in that order and no positions are sent;
// turning sorting off puts them in the configured order. The group shows
// drift like any setting.
func TestAccMetadataField_groupAndAlphabeticalOrder(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_metadata_field.sizes"
	sizes := func(settings string, entries ...string) string {
		return env.config(fmt.Sprintf(`
resource "cloudinary_metadata_field" "sizes" {
  external_id = "sizes"
  type        = "enum"
  label       = "Sizes"
  %s
  datasource  = [%s]
}
`, settings, strings.Join(entries, ", ")))
	}
	small, medium, large, extra := `{ external_id = "s", value = "small" }`, `{ external_id = "m", value = "medium" }`,
		`{ external_id = "l", value = "Large" }`, `{ external_id = "xl", value = "extra large" }`
	expectSizes := func(want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			if got := datasourceOf(t, env, "sizes"); got != want {
				return fmt.Errorf("datasource of sizes: %s, want %s", got, want)
			}
			return nil
		}
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	sorted := "alphabetically_sorted = true\n  group = \"catalog\""
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: sizes(sorted, large, medium, small),
				Check:  expectSizes("l=Large m=medium s=small | "),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				// A new entry, listed in its alphabetical place.
				Config:           sizes(sorted, extra, large, medium, small),
				ConfigPlanChecks: update,
				Check:            expectSizes("xl=extra large l=Large m=medium s=small | "),
			},
			{
				// Sorting off: the configured order, and the default group.
				Config:           sizes("", small, extra, large, medium),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("group"), knownvalue.StringExact("default")),
				},
				Check: expectSizes("s=small xl=extra large l=Large m=medium | "),
			},
			{
				// Drift: a group and sorting set in the console show in the plan.
				PreConfig: func() {
					yes := true
					_, err := env.client.UpdateMetadataField(bg, "sizes", client.MetadataFieldInput{Label: "Sizes", Group: "elsewhere", AlphabeticallySorted: &yes})
					must(t, err)
				},
				Config:           sizes("", small, extra, large, medium),
				ConfigPlanChecks: update,
				Check:            expectSizes("s=small xl=extra large l=Large m=medium | "),
			},
		},
	})
}

// A field deleted outside Terraform is planned again, and the apply explains
// why Cloudinary refuses it: a deleted field's external ID is never reused.
func TestAccMetadataField_deletedOutside(t *testing.T) {
	env := newTestEnv(t)
	config := env.config(`
resource "cloudinary_metadata_field" "note" {
  external_id = "note_field"
  type        = "string"
  label       = "Note"
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { must(t, env.client.DeleteMetadataField(bg, "note_field")) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("cloudinary_metadata_field.note", plancheck.ResourceActionCreate),
				}},
				ExpectError: regexp.MustCompile(`(?s)never reuses a deleted field's external ID`),
			},
		},
	})
}

// A field made outside Terraform is imported, not taken over.
func TestAccMetadataField_existing(t *testing.T) {
	env := newTestEnv(t)
	_, err := env.client.CreateMetadataField(bg, client.MetadataFieldInput{ExternalID: "taken", Type: "date", Label: "Taken", DefaultValue: json.RawMessage(`"2026-01-02"`)})
	must(t, err)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "cloudinary_metadata_field" "taken" {
  external_id = "taken"
  type        = "date"
  label       = "Taken"
}
`),
			ExpectError: regexp.MustCompile(`(?s)already exists in Cloudinary.*terraform import\s+cloudinary_metadata_field.<name> taken`),
		}, {
			Config: env.config(`
import {
  to = cloudinary_metadata_field.taken
  id = "taken"
}
resource "cloudinary_metadata_field" "taken" {
  external_id   = "taken"
  type          = "date"
  label         = "Taken"
  default_value = "2026-01-02"
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("cloudinary_metadata_field.taken", plancheck.ResourceActionNoop),
			}},
		}},
	})
}

func TestAccMetadataField_badInput(t *testing.T) {
	env := newTestEnv(t)
	field := func(body string) string {
		return env.config("resource \"cloudinary_metadata_field\" \"f\" {\n  external_id = \"f\"\n  label = \"F\"\n" + body + "\n}\n")
	}
	steps := []resource.TestStep{}
	for body, want := range map[string]string{
		`type = "enum"`: `Missing datasource`,
		`type = "string"
  datasource = [{ external_id = "a", value = "A" }]`: `Only enum and set fields have a datasource`,
		`type = "enum"
  datasource = [{ external_id = "a", value = "A" }]
  default_value = "b"`: `"b" is not the external_id of any datasource entry`,
		`type = "set"
  datasource = [{ external_id = "a", value = "A" }, { external_id = "a", value = "B" }]`: `Duplicate datasource external ID`,
		`type = "set"
  datasource = [{ external_id = "a", value = "A" }]
  default_value = "a"`: `Use default_values`,
		`type = "integer"
  default_value = "ten"`: `"ten" is not an integer`,
		`type = "date"
  default_value = "2026-13-01"`: `not a date in the form YYYY-MM-DD`,
		`type = "string"
  validation = { greater_than = { value = "3" } }`: `greater_than applies to integer and date fields`,
		`type = "integer"
  validation = { strlen = { max = 3 } }`: `strlen applies to string fields`,
		`type = "string"
  validation = { strlen = { min = 5, max = 2 } }`: `min is greater than max`,
		`type = "integer"
  default_value = "12"
  validation = { less_than = { value = "10" } }`: `Default value fails the validation`,
		`type = "string"
  allow_dynamic_list_values = true`: `applies to enum and set fields only`,
		`type = "string"
  alphabetically_sorted = true`: `alphabetically_sorted applies to enum and set fields only`,
		`type = "enum"
  alphabetically_sorted = true
  datasource = [{ external_id = "b", value = "beta" }, { external_id = "a", value = "Alpha" }]`: `list "Alpha" before "beta"`,
		`type = "number"`: `Attribute type value must be one of`,
	} {
		steps = append(steps, resource.TestStep{Config: field(body), PlanOnly: true, ExpectError: regexp.MustCompile(spaced(regexp.QuoteMeta(want)))})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	env.expectNoAPICalls(t)
}

// Changing a field's type under the same external ID is refused at plan
// time: the old field would be deleted and the new one refused.
func TestAccMetadataField_typeChangeNeedsANewExternalID(t *testing.T) {
	env := newTestEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(`
resource "cloudinary_metadata_field" "f" {
  external_id = "count_field"
  type        = "string"
  label       = "Count"
}
`)},
			{Config: env.config(`
resource "cloudinary_metadata_field" "f" {
  external_id = "count_field"
  type        = "integer"
  label       = "Count"
}
`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)type cannot change.*another external_id`)},
		},
	})
}

// A create whose answer was lost is retried; the retry's "already exists"
// is the lost attempt's own field, which the resource then manages.
func TestAccMetadataField_lostAnswer(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	env.emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/metadata_fields", Times: 1, Status: 502, AfterHandling: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "cloudinary_metadata_field" "f" {
  external_id = "lost"
  type        = "string"
  label       = "Lost"
}
`),
			Check: func(*terraform.State) error {
				if env.emu.Faults().Pending() != 0 {
					return fmt.Errorf("the fault did not happen")
				}
				return nil
			},
		}},
	})
}

// A plan of many fields and rules reads them with one listing each.
func TestAccMetadata_planAPIEconomy(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	config := env.config(`
resource "cloudinary_metadata_field" "many" {
  count       = 40
  external_id = "field_${count.index}"
  type        = "enum"
  label       = "Field ${count.index}"
  datasource  = [{ external_id = "a", value = "A" }, { external_id = "b", value = "B" }]
}

resource "cloudinary_metadata_rule" "many" {
  count             = 20
  metadata_field_id = cloudinary_metadata_field.many[count.index].external_id
  name              = "Rule ${count.index}"
  condition         = jsonencode({ metadata_field_id = cloudinary_metadata_field.many[count.index + 20].external_id, equals = "a" })
  result            = { hide = true }
}
`)
	var calls int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{PreConfig: func() { env.emu.Counters().Reset() }, Config: config, PlanOnly: true},
			{PreConfig: func() { calls = env.readCalls() }, Config: config, PlanOnly: true},
		},
	})
	routes := env.emu.Counters().Snapshot()
	// Each terraform plan of the plan-only step reads with one listing of
	// fields and one of rules, however many there are.
	if calls == 0 || calls%2 != 0 || calls > 4 || routes["GET /metadata_fields/{external_id}"] != 0 {
		t.Fatalf("plans of 40 fields and 20 rules made %d Admin API calls (%v), want a listing of fields and one of rules per plan", calls, routes)
	}
}

// The advice about external IDs of deleted fields comes only with the refusal
// it explains: a create refused for another reason (here, credentials) says
// nothing of it.
func TestAccMetadataField_externalIDAdviceOnlyWhenTheIDIsTaken(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	cli := newTerraformCLI(t, "1.5.0", map[string]string{"main.tf": requiredProviders + env.providerBlock() + `
resource "cloudinary_metadata_field" "note" {
  external_id = "note_field"
  type        = "string"
  label       = "Note"
}
`})
	env.emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/metadata_fields", Times: 1, Status: 401, Message: "Invalid credentials"})
	var output strings.Builder
	cli.tf.SetStderr(&output)
	if err := cli.tf.Apply(bg, cli.reattach); err == nil {
		t.Fatal("the apply succeeded through a refused create")
	}
	if got := output.String(); !strings.Contains(got, "401") || strings.Contains(got, "external ID") {
		t.Fatalf("want the 401 without advice about external IDs:\n%s", got)
	}
}
