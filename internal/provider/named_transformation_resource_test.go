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

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func namedTransformationConfig(name, def, extra string) string {
	return fmt.Sprintf(`
resource "cloudinary_named_transformation" "thumb" {
  name           = %q
  transformation = %q
  %s
}
`, name, def, extra)
}

func TestAccNamedTransformation_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_named_transformation.thumb"
	update := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Written in another order than Cloudinary's: no diff after apply.
				Config:           env.config(namedTransformationConfig("thumb", "w_150,h_100,c_fill/e_sepia", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("used"), knownvalue.Bool(false)),
					// Cloudinary's default for a named transformation (the live
					// create tests of cloudinary_npm, cloudinary_java, cloudinary_gem).
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_for_strict"), knownvalue.Bool(true)),
				},
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				// Import stores Cloudinary's canonical spelling; the import-block test shows it plans clean.
				ImportStateVerifyIgnore: []string{"transformation"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["transformation"]; got != "c_fill,h_100,w_150/e_sepia" {
						return fmt.Errorf("imported definition %q", got)
					}
					return nil
				},
			},
			{
				Config:           env.config(namedTransformationConfig("thumb", "w_200,h_100,c_fill/e_sepia", "allowed_for_strict = false")),
				ConfigPlanChecks: update,
				Check: func(*terraform.State) error {
					got, err := env.client.GetNamedTransformation(bg, "thumb")
					if err != nil || got.Definition != "c_fill,h_100,w_200/e_sepia" || got.AllowedForStrict {
						return fmt.Errorf("stored %+v %w", got, err)
					}
					return nil
				},
			},
			{
				Config: env.config(namedTransformationConfig("thumb_v2", "w_200,h_100,c_fill/e_sepia", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: func() { must(t, env.client.DeleteNamedTransformation(bg, "thumb_v2")) },
				Config:    env.config(namedTransformationConfig("thumb_v2", "w_200,h_100,c_fill/e_sepia", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, err := env.client.GetNamedTransformation(bg, "thumb_v2"); !client.IsNotFound(err) {
				return fmt.Errorf("transformation still exists: %w", err)
			}
			return nil
		},
	})
}

// Transformations made elsewhere import with import blocks, through
// configuration generation too, and plan clean against HCL that writes
// them in another order.
func TestAccNamedTransformation_importBlocksAndGeneratedConfig(t *testing.T) {
	env := newTestEnv(t)
	for name, def := range map[string]string{"hero": "c_fill,g_auto,h_600,w_1600/q_auto", "badge": "c_thumb,g_face,r_max,w_96"} {
		must(t, env.client.CreateNamedTransformation(bg, name, def, nil))
	}
	config := env.config(`
import {
  to = cloudinary_named_transformation.hero
  id = "t_hero"
}
import {
  to = cloudinary_named_transformation.badge
  id = "badge"
}
resource "cloudinary_named_transformation" "hero" {
  name           = "hero"
  transformation = "w_1600,h_600,c_fill,g_auto/q_auto"
}
resource "cloudinary_named_transformation" "badge" {
  name           = "badge"
  transformation = "w_96,c_thumb,g_face,r_max"
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("cloudinary_named_transformation.hero", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("cloudinary_named_transformation.badge", plancheck.ResourceActionNoop),
				}},
			},
			{Config: config, PlanOnly: true},
			{
				// terraform plan -generate-config-out on import blocks: the
				// generated HCL must import each with a no-op plan.
				ResourceName:    "cloudinary_named_transformation.hero",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "hero",
				GenerateConfig:  true,
				Config:          env.providerBlock(),
			},
			{
				ResourceName:    "cloudinary_named_transformation.badge",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "t_badge",
				GenerateConfig:  true,
				Config:          env.providerBlock(),
			},
		},
	})
}

func TestAccNamedTransformation_badInput(t *testing.T) {
	env := newTestEnv(t)
	must(t, env.client.CreateNamedTransformation(bg, "taken", "w_10", nil))
	step := func(name, def, want string) resource.TestStep {
		return resource.TestStep{Config: env.config(namedTransformationConfig(name, def, "")), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step("has space", "w_10", `(?s)Attribute name.*letters, digits`),
			step("t_prefixed", "w_10", `(?s)Attribute name.*without the "t_" prefix`),
			step("ok", "w_10,q_", `(?s)Invalid transformation.*"q_"`),
			step("ok", "w_10/zz_1", `(?s)Invalid transformation.*step 2.*unknown parameter "zz"`),
			{Config: env.config(`resource "cloudinary_named_transformation" "x" { name = "x" }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing required argument.*transformation`)},
			{Config: env.config(namedTransformationConfig("taken", "w_20", "")), ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import`)},
		},
	})
}

func TestAccTransformationDataSources(t *testing.T) {
	env := newTestEnv(t)
	for i := 0; i < 12; i++ {
		must(t, env.client.CreateNamedTransformation(bg, fmt.Sprintf("n%02d", i), fmt.Sprintf("w_%d", i+1), nil))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "cloudinary_transformations" "named" { named = true }
data "cloudinary_named_transformation" "one" { name = "t_n03" }
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudinary_transformations.named", tfjsonpath.New("transformations"), knownvalue.ListSizeExact(12)),
				statecheck.ExpectKnownValue("data.cloudinary_transformations.named", tfjsonpath.New("transformations").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("n00")),
				statecheck.ExpectKnownValue("data.cloudinary_named_transformation.one", tfjsonpath.New("transformation"), knownvalue.StringExact("w_4")),
			},
		}},
	})
}

// With read_named_transformation_definitions = false, a plan reads all
// named transformations with one listing instead of one call each: a
// deletion still shows, a changed definition does not (the listing does not
// carry definitions). The default reads each one and shows both.
func TestAccNamedTransformation_listingReads(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	resources := `
resource "cloudinary_named_transformation" "many" {
  count          = 30
  name           = "listed${count.index}"
  transformation = "c_fill,w_${count.index + 1}"
}
`
	listing := strings.Replace(env.config(resources), "api_base_url", "read_named_transformation_definitions = false\n  api_base_url", 1)
	var listingReads, definitionReads int
	changeOne := func() {
		must(t, env.client.UpdateNamedTransformation(bg, "listed3", client.TransformationUpdate{UnsafeUpdate: "c_fill,w_999"}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: listing},
			{
				PreConfig:        func() { changeOne(); env.emu.Counters().Reset() },
				Config:           listing,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					listingReads = env.emu.Counters().Route("GET /transformations") + env.emu.Counters().Route("GET /transformations/{name...}")
					env.emu.Counters().Reset()
				},
				Config: env.config(resources),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("cloudinary_named_transformation.many[3]", plancheck.ResourceActionUpdate),
				}},
			},
			{
				PreConfig: func() {
					definitionReads = env.emu.Counters().Route("GET /transformations") + env.emu.Counters().Route("GET /transformations/{name...}")
					must(t, env.client.DeleteNamedTransformation(bg, "listed7"))
				},
				Config: listing,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("cloudinary_named_transformation.many[7]", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
	t.Logf("transformation reads per run: %d with the listing, %d reading each definition", listingReads, definitionReads)
	if listingReads == 0 || listingReads > 4 || definitionReads < 30 {
		t.Fatalf("transformation reads: %d with the listing (want a few), %d reading definitions (want 30 or more)", listingReads, definitionReads)
	}
}
