package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func folderConfig(path, extra string) string {
	return fmt.Sprintf("resource \"cloudinary_folder\" \"f\" {\n  path = %q\n  %s\n}\n", path, extra)
}

func folderExists(env *testEnv, path string) bool {
	list, err := env.client.ListFolders(bg, parentFolder(path))
	if err != nil {
		return false
	}
	for _, f := range list {
		if f.Path == path {
			return true
		}
	}
	return false
}

func TestAccFolder_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_folder.f"
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	sameExternalID := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(folderConfig("products/shoes", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("shoes")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("external_id"), knownvalue.NotNull()),
					sameExternalID.AddStateValue(addr, tfjsonpath.New("external_id")),
				},
				Check: func(*terraform.State) error {
					if !folderExists(env, "products") || !folderExists(env, "products/shoes") {
						return fmt.Errorf("folder or parent missing")
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				Config: env.config(folderConfig("products/shoes", "force_destroy = true")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
			{
				// A new path moves the folder in place, with what it holds: even
				// with force_destroy set, a changed path never deletes assets.
				PreConfig: func() {
					if _, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGk="}, url.Values{"public_id": {"kept.txt"}, "asset_folder": {"products/shoes/red"}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.config(folderConfig("products/boots", "force_destroy = true")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("products/boots")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("boots")),
					sameExternalID.AddStateValue(addr, tfjsonpath.New("external_id")),
				},
				Check: func(*terraform.State) error {
					got, err := env.client.GetResource(bg, "raw", "upload", "kept.txt")
					if err != nil || got.AssetFolder != "products/boots/red" {
						return fmt.Errorf("the asset after the move: %+v, %w", got, err)
					}
					if folderExists(env, "products/shoes") {
						return fmt.Errorf("the old path still exists")
					}
					return nil
				},
			},
			{
				// Drift: deleted outside Terraform, created again.
				PreConfig: func() {
					if _, err := env.client.Destroy(bg, "raw", "upload", "kept.txt", false); err != nil {
						t.Fatal(err)
					}
					must(t, env.client.DeleteFolder(bg, "products/boots"))
				},
				Config: env.config(folderConfig("products/boots", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if folderExists(env, "products/boots") {
				return fmt.Errorf("folder still exists")
			}
			return nil
		},
	})
}

// A folder with assets is refused without force_destroy, and emptied and
// deleted with it.
func TestAccFolder_notEmpty(t *testing.T) {
	env := newTestEnv(t)
	fill := func() {
		for i := 0; i < 3; i++ {
			if _, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGk="}, url.Values{"public_id": {fmt.Sprintf("f%d.txt", i)}, "asset_folder": {"inbox/deep"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(folderConfig("inbox", ""))},
			{
				PreConfig:   fill,
				Config:      env.providerBlock(),
				ExpectError: regexp.MustCompile(`(?s)Folder is not empty.*holds 3\s+asset\(s\).*force_destroy`),
			},
			{
				Config: env.config(folderConfig("inbox", "force_destroy = true")),
			},
			{
				Config: env.providerBlock(),
				Check: func(*terraform.State) error {
					if folderExists(env, "inbox") {
						return fmt.Errorf("folder still exists")
					}
					if left, _ := env.client.Search(bg, client.SearchQuery{Expression: `asset_folder:"inbox/*"`}); len(left) != 0 {
						return fmt.Errorf("%d assets left", len(left))
					}
					return nil
				},
			},
		},
	})
}

func TestAccFolder_badInput(t *testing.T) {
	env := newTestEnv(t)
	var steps []resource.TestStep
	for _, bad := range []string{"/lead", "trail/", "a//b", "q?x", ""} {
		steps = append(steps, resource.TestStep{Config: env.config(folderConfig(bad, "")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute path`)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// Folder reads share their parent's listing: a plan of 30 folders under one
// parent lists it once, not once per folder.
func TestAccFolder_readsShareOneListing(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	config := env.config(`
resource "cloudinary_folder" "many" {
  count = 30
  path  = "bulk/f${count.index}"
}
`)
	var listings int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{PreConfig: func() { env.emu.Counters().Reset() }, Config: config, PlanOnly: true},
			{PreConfig: func() { listings = env.emu.Counters().Route("GET /folders/{path...}") }, Config: config, PlanOnly: true},
		},
	})
	if listings != 1 {
		t.Fatalf("a plan of 30 folders listed their parent %d times, want once", listings)
	}
}
