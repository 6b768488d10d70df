package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Two fields of a photo library: a category, and a team shown for
// employees only.
const ruleFields = `
resource "cloudinary_metadata_field" "category" {
  external_id = "category"
  type        = "enum"
  label       = "Category"
  datasource = [
    { external_id = "employee", value = "Employee" },
    { external_id = "culture", value = "Culture" },
  ]
}

resource "cloudinary_metadata_field" "team" {
  external_id = "team"
  type        = "set"
  label       = "Team"
  datasource = [
    { external_id = "rnd", value = "R&D" },
    { external_id = "hr", value = "HR" },
  ]
}
`

func ruleConfig(condition, result, extra string) string {
	return ruleFields + fmt.Sprintf(`
resource "cloudinary_metadata_rule" "team_for_employees" {
  metadata_field_id = cloudinary_metadata_field.team.external_id
  name              = "Team for employees"
  condition         = %s
  result            = %s
%s
}
`, condition, result, extra)
}

func TestAccMetadataRule_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_metadata_rule.team_for_employees"
	condition := `jsonencode({ metadata_field_id = cloudinary_metadata_field.category.external_id, equals = "employee" })`
	// The same condition written with its keys in another order.
	sameCondition := `jsonencode({ equals = "employee", metadata_field_id = "category" })`
	var ruleID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(ruleConfig(condition, `{ activate_values = { all = true }, disable = false }`, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("position"), knownvalue.Int64Exact(1)),
				},
				Check: func(s *terraform.State) error {
					ruleID = s.RootModule().Resources[addr].Primary.ID
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				Config: env.config(ruleConfig(sameCondition, `{ activate_values = { all = true }, disable = false }`, "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
			{
				Config: env.config(ruleConfig(
					`jsonencode({ and = [{ metadata_field_id = "category", populated = true }, { or = [{ metadata_field_id = "category", includes = ["employee", "culture"] }] }] })`,
					`{ apply_value = { value = "rnd", mode = "default" }, activate_values = { external_ids = ["rnd"], mode = "override" }, hide = false }`,
					`state = "inactive"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					rules, err := env.client.ListMetadataRules(bg)
					if err != nil || len(rules) != 1 || rules[0].ExternalID != ruleID || rules[0].State != "inactive" || rules[0].Result.ActivateValues.Mode != "override" {
						return fmt.Errorf("rules %+v %w", rules, err)
					}
					return nil
				},
			},
			{
				// A new external ID replaces the field the rule acts on, and the rule with it.
				Config: env.config(strings.Replace(ruleConfig(condition, `{ hide = true }`, ""), `external_id = "team"`, `external_id = "teams"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("cloudinary_metadata_field.team", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error {
					rules, err := env.client.ListMetadataRules(bg)
					if err != nil || len(rules) != 1 || rules[0].MetadataFieldID != "teams" {
						return fmt.Errorf("rules %+v %w", rules, err)
					}
					ruleID = rules[0].ExternalID
					return nil
				},
			},
			{
				// Drift: a rule deleted outside Terraform is made again.
				PreConfig: func() { must(t, env.client.DeleteMetadataRule(bg, ruleID)) },
				Config:    env.config(strings.Replace(ruleConfig(condition, `{ hide = true }`, ""), `external_id = "team"`, `external_id = "teams"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccMetadataRule_badInput(t *testing.T) {
	env := newTestEnv(t)
	var steps []resource.TestStep
	for condition, want := range map[string]string{
		`"not json"`: `condition is not JSON`,
		`jsonencode({ metadata_field_id = "category" })`:                                 `needs exactly one of populated, includes or equals`,
		`jsonencode({ metadata_field_id = "category", populated = true, equals = "a" })`: `needs exactly one of populated, includes or equals`,
		`jsonencode({ and = [] })`:                                                       `"and" must be the only key, with a non-empty list`,
		`jsonencode({ equals = "a" })`:                                                   `needs metadata_field_id`,
	} {
		steps = append(steps, resource.TestStep{Config: env.config(ruleConfig(condition, `{ hide = true }`, "")), PlanOnly: true,
			ExpectError: regexp.MustCompile(spaced(regexp.QuoteMeta(want)))})
	}
	okCondition := `jsonencode({ metadata_field_id = "category", populated = true })`
	for result, want := range map[string]string{
		`{}`: `A rule's result needs at least one of`,
		`{ activate_values = { mode = "append" } }`:                            `either all = true or external_ids`,
		`{ activate_values = { all = true, external_ids = ["a"] } }`:           `either all = true or external_ids`,
		`{ activate_values = { all = true, mode = "override" } }`:              `mode applies to external_ids`,
		`{ apply_value = { value = "a", mode = "sometimes" } }`:                `value must be one of`,
		`{ activate_values = { external_ids = ["a"], mode = "replace_all" } }`: `value must be one of`,
	} {
		steps = append(steps, resource.TestStep{Config: env.config(ruleConfig(okCondition, result, "")), PlanOnly: true,
			ExpectError: regexp.MustCompile(spaced(regexp.QuoteMeta(want)))})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	env.expectNoAPICalls(t)
}
