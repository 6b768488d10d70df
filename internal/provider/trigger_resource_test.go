package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
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
		},
	})
}
