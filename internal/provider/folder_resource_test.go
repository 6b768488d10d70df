package provider

import (
	"fmt"
	"net/url"
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
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(folderConfig("products/shoes", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("shoes")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("external_id"), knownvalue.NotNull()),
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
				Config: env.config(folderConfig("products/boots", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
			{
				PreConfig: func() { must(t, env.client.DeleteFolder(bg, "products/boots")) },
				Config:    env.config(folderConfig("products/boots", "")),
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
					if left, _ := env.client.Search(bg, `asset_folder:"inbox/*"`); len(left) != 0 {
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
