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

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func mappingConfig(folder, template string) string {
	return fmt.Sprintf(`
resource "cloudinary_upload_mapping" "wiki" {
  folder   = %q
  template = %q
}
`, folder, template)
}

func TestAccUploadMapping_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_upload_mapping.wiki"
	emptyAfter := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(mappingConfig("wiki", "https://upload.wikimedia.org/wikipedia/")),
				ConfigPlanChecks: emptyAfter,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("wiki")),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "wiki"},
			{
				Config: env.config(mappingConfig("wiki", "s3://my-bucket/images/")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					m, err := env.client.GetUploadMapping(bg, "wiki")
					if err != nil || m.Template != "s3://my-bucket/images/" {
						return fmt.Errorf("mapping %+v %w", m, err)
					}
					return nil
				},
			},
			{
				Config: env.config(mappingConfig("media/wiki", "s3://my-bucket/images/")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: func() { must(t, env.client.DeleteUploadMapping(bg, "media/wiki")) },
				Config:    env.config(mappingConfig("media/wiki", "s3://my-bucket/images/")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, err := env.client.GetUploadMapping(bg, "media/wiki"); !client.IsNotFound(err) {
				return fmt.Errorf("mapping still exists: %w", err)
			}
			return nil
		},
	})
}

func TestAccUploadMapping_badInputAndConflict(t *testing.T) {
	env := newTestEnv(t)
	must(t, env.client.CreateUploadMapping(bg, client.UploadMapping{Folder: "taken", Template: "https://a.example.com/"}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(mappingConfig("wiki", "not a url")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute template.*absolute URL`)},
			{Config: env.config(mappingConfig("wiki", "ftp://x.example.com/")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute template`)},
			{Config: env.config(mappingConfig("wiki/", "https://x.example.com/")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute folder`)},
			{Config: env.config(mappingConfig("taken", "https://other.example.com/")), ExpectError: regexp.MustCompile(`(?s)already mapped.*terraform import`)},
		},
	})
}

func TestAccUploadMappingDataSource(t *testing.T) {
	env := newTestEnv(t)
	must(t, env.client.CreateUploadMapping(bg, client.UploadMapping{Folder: "remote", Template: "https://cdn.example.com/"}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`data "cloudinary_upload_mapping" "m" { folder = "remote" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudinary_upload_mapping.m", tfjsonpath.New("template"), knownvalue.StringExact("https://cdn.example.com/")),
			},
		}, {
			Config:      env.config(`data "cloudinary_upload_mapping" "m" { folder = "nowhere" }`),
			ExpectError: regexp.MustCompile(`has no upload mapping`),
		}},
	})
}

// Plans of many presets and mappings are served from one listing of each,
// not one call per resource: the Admin API allows 500 calls an hour.
func TestAccUploadPresetsAndMappings_planAPIEconomy(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	config := env.config(`
resource "cloudinary_upload_preset" "many" {
  count = 100
  name  = "preset_${count.index}"
  tags  = ["bulk"]
  transformation = "w_${count.index + 1},c_limit"
}

resource "cloudinary_upload_mapping" "many" {
  count    = 100
  folder   = "mapped/${count.index}"
  template = "https://cdn.example.com/${count.index}/"
}
`)
	var planCalls int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { env.emu.Counters().Reset() },
				Config:    config,
				PlanOnly:  true,
			},
			{
				PreConfig: func() { planCalls = env.readCalls() },
				Config:    config,
				PlanOnly:  true,
			},
		},
	})
	t.Logf("Admin API calls for plans of 200 resources: %d (%v)", planCalls, env.emu.Counters().Routes())
	if planCalls > 5 {
		t.Fatalf("a plan of 100 presets and 100 mappings made %d Admin API calls, want at most 5", planCalls)
	}
	if planCalls == 0 {
		t.Fatal("the plan made no Admin API call: the counters did not see it")
	}
}
