package provider

import (
	"fmt"
	"maps"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

const envAddr = "cloudinary_product_environment.env"

// updatesInPlace checks that the plan updates the environment in place and
// that the plan after the apply is empty.
func updatesInPlace(addr string) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// stateID reads the ID of a resource in the state, for import steps.
func stateID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", addr)
		}
		return rs.Primary.ID, nil
	}
}

// An environment is created, imported by ID and by cloud name, updated in
// place (name, enabled, custom attributes, cloud name), never replaced, and
// destroyed only after its deletion protection is turned off; every apply is
// followed by an empty plan.
func TestAccProductEnvironment_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	var id string
	holds := func(cloudName, name string, enabled bool, attributes map[string]string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got, err := environmentNamed(account, cloudName)
			switch {
			case err != nil:
				return err
			case id != "" && got.ID != id:
				return fmt.Errorf("product environment %q has ID %s, was %s: it was replaced", cloudName, got.ID, id)
			case got.Name != name || got.Enabled != enabled || !maps.Equal(got.CustomAttributes, attributes):
				return fmt.Errorf("Cloudinary holds %+v", got)
			}
			id = got.ID
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: environmentConfig(env, `  name = "Staging"
  cloud_name = "acme-staging"
  custom_attributes = { team = "media" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(envAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(envAddr, tfjsonpath.New("deletion_protection"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(envAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: holds("acme-staging", "Staging", true, map[string]string{"team": "media"}),
			},
			{ResourceName: envAddr, ImportState: true, ImportStateIdFunc: stateID(envAddr), ImportStateVerify: true},
			{ResourceName: envAddr, ImportState: true, ImportStateId: "acme-staging", ImportStateVerify: true},
			{
				Config: environmentConfig(env, `  name = "Staging 2"
  cloud_name = "acme-staging"
  enabled = false
  custom_attributes = { team = "video", tier = "gold" }`),
				ConfigPlanChecks: updatesInPlace(envAddr),
				Check:            holds("acme-staging", "Staging 2", false, map[string]string{"team": "video", "tier": "gold"}),
			},
			{
				// A rename is made in place, and custom attributes left out are
				// removed.
				Config: environmentConfig(env, `  name = "Staging 2"
  cloud_name = "acme-stage"
  enabled = true`),
				ConfigPlanChecks: updatesInPlace(envAddr),
				Check:            holds("acme-stage", "Staging 2", true, map[string]string{}),
			},
			{
				Config:      env.providerBlockWithAccount(),
				ExpectError: regexp.MustCompile(`(?s)protected\s+from\s+deletion.*set\s+deletion_protection\s+=\s+false\s+in\s+its\s+configuration,\s+apply`),
			},
			{
				Config: environmentConfig(env, `  name = "Staging 2"
  cloud_name = "acme-stage"
  deletion_protection = false`),
				ConfigPlanChecks: updatesInPlace(envAddr),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, err := account.GetProductEnvironment(bg, id); !client.IsNotFound(err) {
				return fmt.Errorf("product environment %s still exists: %w", id, err)
			}
			return nil
		},
	})
}

// A change of deletion_protection alone is Terraform's: the plan shows no
// other change, and Cloudinary is not written to.
func TestAccProductEnvironment_deletionProtectionIsStateOnly(t *testing.T) {
	env := newTestEnv(t)
	config := func(protected bool) string {
		return environmentConfig(env, fmt.Sprintf("  name = \"Quiet\"\n  cloud_name = \"acme-quiet\"\n  deletion_protection = %t", protected))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(true)},
			{
				PreConfig: func() { env.emu.Counters().Reset() },
				Config:    config(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(envAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(envAddr, tfjsonpath.New("updated_at"), knownvalue.NotNull()),
				}},
				Check: func(*terraform.State) error {
					if n := env.emu.Counters().Route("PUT /provisioning/accounts/{account_id}/sub_accounts/{sub_account_id}"); n != 0 {
						return fmt.Errorf("turning deletion protection off made %d updates of the environment", n)
					}
					return nil
				},
			},
		},
	})
}

// No change ever replaces an environment: a change of the base it was made
// from is refused at plan time, with what to do.
func TestAccProductEnvironment_neverReplaced(t *testing.T) {
	env := newTestEnv(t)
	config := func(base string) string {
		return environmentConfig(env, fmt.Sprintf(`  name = "Derived"
  cloud_name = "acme-derived"
  base_product_environment = %q
  deletion_protection = false`, base))
	}
	account := provisioningClient(t, env)
	_, err := account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Other base", CloudName: "acme-other-base"})
	must(t, err)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config(env.emu.CloudName()),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(envAddr, tfjsonpath.New("base_product_environment"), knownvalue.StringExact(env.emu.CloudName()))},
			},
			{
				Config:      config("acme-other-base"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)base\s+of\s+an\s+existing\s+product\s+environment\s+cannot\s+change.*Set\s+base_product_environment\s+back\s+to`),
			},
			{
				// An environment imported has no base; giving it one is no change.
				ResourceName: envAddr, ImportState: true, ImportStateId: "acme-derived", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"base_product_environment", "deletion_protection"},
			},
		},
	})
}

// Reads that meet a rate limit or refused credentials fail and keep the
// environment in the state (never the "gone" that would re-create it); a
// read after the environment really is deleted outside Terraform plans to
// create it again.
func TestAccProductEnvironment_refreshErrorsAndDrift(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	account := provisioningClient(t, env)
	// Without the credentials check, whose listing would meet the fault
	// first, the read's own listing meets it.
	config := uncheckedProviderBlock(env) + `
resource "cloudinary_product_environment" "env" {
  name                = "Drifting"
  cloud_name          = "acme-drift"
  deletion_protection = false
}
`
	refreshFault := func(f emulator.Fault) func() {
		return func() { env.emu.Faults().Add(f) }
	}
	const listing = "/provisioning/accounts/"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:   refreshFault(emulator.Fault{Method: "GET", Path: listing, Times: 1, Status: 429, ResetIn: 40 * time.Minute}),
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot\s+read\s+product\s+environment.*429`),
			},
			{
				PreConfig:   refreshFault(emulator.Fault{Method: "GET", Path: listing, Times: 1, Status: 401, Message: "Invalid credentials"}),
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid\s+credentials.*account_api_key`),
			},
			{
				PreConfig:   refreshFault(emulator.Fault{Method: "GET", Path: listing, Times: 1, Status: 403, Message: "Not allowed"}),
				Config:      config,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Not\s+allowed.*provisioning\s+access`),
			},
			{Config: config, PlanOnly: true}, // still in the state, unchanged
			{
				PreConfig: func() {
					got, err := environmentNamed(account, "acme-drift")
					must(t, err)
					must(t, account.DeleteProductEnvironment(bg, got.ID))
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// A create that meets an environment of its cloud name says how to import
// it; one that reuses a deleted environment's cloud name fails with
// Cloudinary's message and says why.
func TestAccProductEnvironment_createConflicts(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	_, err := account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Taken", CloudName: "acme-taken"})
	must(t, err)
	retired, err := account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Retired", CloudName: "acme-retired"})
	must(t, err)
	must(t, account.DeleteProductEnvironment(bg, retired.ID))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      environmentConfig(env, "  name = \"Mine\"\n  cloud_name = \"acme-taken\""),
				ExpectError: regexp.MustCompile(`(?s)Product\s+environment\s+"acme-taken"\s+already\s+exists.*terraform\s+import\s+cloudinary_product_environment.<name>\s+acme-taken`),
			},
			{
				Config:      environmentConfig(env, "  name = \"Mine\"\n  cloud_name = \"acme-retired\""),
				ExpectError: regexp.MustCompile(`(?s)Cloudinary\s+answered\s+409\s+Conflict:\s+Customers\s+is\s+invalid.*deleted\s+product\s+environment\s+can\s+never\s+be\s+used\s+again`),
			},
		},
	})
}

// Without account credentials, the resource says how to configure them.
func TestAccProductEnvironmentResource_needsAccountCredentials(t *testing.T) {
	env := newTestEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config(`resource "cloudinary_product_environment" "env" { name = "No account" }`),
			ExpectError: regexp.MustCompile(`(?s)Account\s+credentials\s+are\s+not\s+configured.*account_url`),
		}},
	})
}

// On an account without provisioning access, a create fails with
// Cloudinary's message and says what it means.
func TestAccProductEnvironment_noProvisioningAccess(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, NoProvisioningAccess: true})
	config := uncheckedProviderBlock(env) +
		`resource "cloudinary_product_environment" "env" { name = "Refused" }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)Cloudinary\s+answered\s+403\s+Forbidden:\s+Provisioning\s+API\s+access\s+is\s+not\s+enabled.*account\s+may\s+not\s+have\s+provisioning\s+access`),
		}},
	})
}

// One apply creates a product environment and configures it: a preset
// names the new environment by its cloud_name attribute, and the provider
// finds the new environment's credentials through the account's; the plan
// after is empty, and the destroy removes the preset, then the environment.
func TestAccProductEnvironment_createdAndConfiguredInOneApply(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	config := env.accountProviderBlock() + `
resource "cloudinary_product_environment" "env" {
  name                = "Configured"
  cloud_name          = "acme-configured"
  deletion_protection = false
}

resource "cloudinary_upload_preset" "p" {
  product_environment = cloudinary_product_environment.env.cloud_name
  name                = "in_new_environment"
  tags                = ["new"]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				created, err := environmentNamed(account, "acme-configured")
				if err != nil {
					return err
				}
				root, err := accessKeyNamed(account, "acme-configured", "Root")
				if err != nil {
					return err
				}
				inside, err := client.New(client.Config{CloudName: created.CloudName, APIKey: root.APIKey, APISecret: root.APISecret, BaseURL: env.client.BaseURL()})
				if err != nil {
					return err
				}
				preset, err := inside.GetUploadPreset(bg, "in_new_environment")
				if err != nil || preset.Settings["tags"] != "new" {
					return fmt.Errorf("the new environment holds preset %+v (%w)", preset, err)
				}
				return nil
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			if _, err := environmentNamed(account, "acme-configured"); err == nil {
				return fmt.Errorf("product environment acme-configured still exists")
			}
			return nil
		},
	})
}

// Renaming an environment's cloud name keeps the objects inside it: they
// follow the new name in place, not by a replacement (which would delete
// nothing where the old name no longer answers, then fail to create what
// is still there). Moving an object to another environment is refused, in
// the apply, with how to replace it.
func TestAccProductEnvironment_renameKeepsItsObjects(t *testing.T) {
	env := newTestEnv(t)
	account := provisioningClient(t, env)
	config := func(cloudName, presetIn string) string {
		return env.accountProviderBlock() + fmt.Sprintf(`
resource "cloudinary_product_environment" "env" {
  name                = "Renamed"
  cloud_name          = %q
  deletion_protection = false
}

resource "cloudinary_product_environment" "other" {
  name                = "Other"
  cloud_name          = "acme-other"
  deletion_protection = false
}

resource "cloudinary_upload_preset" "p" {
  product_environment = cloudinary_product_environment.%s.cloud_name
  name                = "follows"
  tags                = ["kept"]
}
`, cloudName, presetIn)
	}
	const preset = "cloudinary_upload_preset.p"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("acme-before", "env")},
			{
				Config: config("acme-after", "env"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(preset, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					renamed, err := environmentNamed(account, "acme-after")
					if err != nil {
						return err
					}
					root, err := accessKeyNamed(account, renamed.CloudName, "Root")
					if err != nil {
						return err
					}
					inside, err := client.New(client.Config{CloudName: renamed.CloudName, APIKey: root.APIKey, APISecret: root.APISecret, BaseURL: env.client.BaseURL()})
					if err != nil {
						return err
					}
					_, err = inside.GetUploadPreset(bg, "follows")
					return err
				},
			},
			{
				Config:      config("acme-after", "other"),
				ExpectError: regexp.MustCompile(`(?s)An object cannot move to another product environment.*-replace=ADDRESS`),
			},
			// Back where it is, so that the destroy deletes the preset before
			// its environment (the failed step recorded the other one as its
			// dependency).
			{
				Config:           config("acme-after", "env"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
