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
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
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
					if _, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGk="}, client.UploadOptions{PublicID: "kept.txt", Other: url.Values{"asset_folder": {"products/shoes/red"}}}); err != nil {
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
			if _, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGk="}, client.UploadOptions{PublicID: fmt.Sprintf("f%d.txt", i), Other: url.Values{"asset_folder": {"inbox/deep"}}}); err != nil {
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

// folderTreeConfig is a parent folder and a child whose path is built from
// the parent's, so that Terraform moves the parent first.
func folderTreeConfig(parent, child string) string {
	return fmt.Sprintf(`
resource "cloudinary_folder" "parent" {
  path = %q
}

resource "cloudinary_folder" "child" {
  path = "${cloudinary_folder.parent.path}/%s"
}
`, parent, child)
}

// Renaming a parent moves its child with it, so the child's own move finds
// nothing at its old path: one apply still converges, with the child where
// the configuration puts it, keeping its external ID, whether its own name
// stays or changes in the same apply.
func TestAccFolder_renameTree(t *testing.T) {
	env := newTestEnv(t)
	sameParentID := statecheck.CompareValue(compare.ValuesSame())
	sameChildID := statecheck.CompareValue(compare.ValuesSame())
	ids := func() []statecheck.StateCheck {
		return []statecheck.StateCheck{
			sameParentID.AddStateValue("cloudinary_folder.parent", tfjsonpath.New("external_id")),
			sameChildID.AddStateValue("cloudinary_folder.child", tfjsonpath.New("external_id")),
		}
	}
	at := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, p := range want {
				if !folderExists(env, p) {
					return fmt.Errorf("folder %q missing", p)
				}
			}
			return nil
		}
	}
	emptyAfter := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(folderTreeConfig("tree", "child")), ConfigStateChecks: ids(), Check: at("tree/child")},
			{
				Config: env.config(folderTreeConfig("grove", "child")), ConfigStateChecks: ids(), ConfigPlanChecks: emptyAfter,
				Check: at("grove/child"),
			},
			{
				Config: env.config(folderTreeConfig("wood", "twig")), ConfigStateChecks: ids(), ConfigPlanChecks: emptyAfter,
				Check: at("wood/twig"),
			},
		},
	})
}

// A child moved out of a parent that is renamed before it (depends_on
// orders them) is found by its name and external ID where the parent's move
// took it, and moved from there.
func TestAccFolder_moveOutOfRenamedParent(t *testing.T) {
	env := newTestEnv(t)
	config := func(parent, child string) string {
		return env.config(fmt.Sprintf(`
resource "cloudinary_folder" "parent" {
  path = %q
}

resource "cloudinary_folder" "child" {
  path       = %q
  depends_on = [cloudinary_folder.parent]
}
`, parent, child))
	}
	sameChildID := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config("old", "old/leaf"),
				ConfigStateChecks: []statecheck.StateCheck{sameChildID.AddStateValue("cloudinary_folder.child", tfjsonpath.New("external_id"))},
			},
			{
				Config:            config("new", "elsewhere/leaf"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{sameChildID.AddStateValue("cloudinary_folder.child", tfjsonpath.New("external_id"))},
				Check: func(*terraform.State) error {
					if !folderExists(env, "elsewhere/leaf") || folderExists(env, "new/leaf") {
						return fmt.Errorf("the child is not where the configuration puts it")
					}
					return nil
				},
			},
		},
	})
}

// A move whose answer is lost after Cloudinary made it: the retry finds
// nothing at the old path, and the folder, by its external ID, at the new
// one. The apply succeeds and the plan after it is empty.
func TestAccFolder_renameAnswerLost(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	faults := env.emu.Faults()
	cfg := func(p string) string { return env.faultyProvider() + folderConfig(p, "") }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg("before")},
			{
				PreConfig: func() {
					faults.Add(emulator.Fault{Method: "PUT", Path: "/folders", Times: 1, HangUp: true, AfterHandling: true})
				},
				Config:           cfg("after"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(*terraform.State) error {
					if n := faults.Pending(); n != 0 {
						return fmt.Errorf("the fault never fired")
					}
					if !folderExists(env, "after") || folderExists(env, "before") {
						return fmt.Errorf("the folder was not moved once")
					}
					return nil
				},
			},
		},
	})
}
