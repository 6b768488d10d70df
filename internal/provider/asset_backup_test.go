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
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// backedUpAsset is a folder and an asset in it, on an account that backs up
// every upload.
const backedUpAsset = `
resource "cloudinary_folder" "f" {
  path = "kept"
}
resource "cloudinary_asset" "a" {
  content_base64 = base64encode("terms v1")
  public_id      = "kept/terms.txt"
  resource_type  = "raw"
  asset_folder   = cloudinary_folder.f.path
  tags           = ["legal"]
  context        = { alt = "Terms" }
}
`

// deleteLeavingPlaceholder deletes an asset as someone outside Terraform
// would, with delete, and checks that the account kept a placeholder in its
// place (details 200, placeholder true, bytes 0).
func deleteLeavingPlaceholder(t *testing.T, env *testEnv, resourceType, publicID string) {
	t.Helper()
	if _, err := env.client.DeleteResources(bg, resourceType, "upload", []string{publicID}); err != nil {
		t.Fatal(err)
	}
	got, err := env.client.GetResource(bg, resourceType, "upload", publicID)
	if err != nil || !got.Placeholder || got.Bytes != 0 {
		t.Fatalf("after the deletion %s reads %+v (%v), want a placeholder", publicID, got, err)
	}
}

// On an account that keeps backups, an asset that Terraform manages and
// that is deleted outside Terraform leaves a placeholder; the plan proposes
// to create the asset again, the apply uploads it over the placeholder, and
// the plan after is empty. Destroying the folder then succeeds: the
// placeholder that the asset's destroy leaves does not count as an asset in
// it.
func TestAccAsset_deletedOnBackedUpAccount(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, AutomaticBackup: true})
	config := env.config(backedUpAsset)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { deleteLeavingPlaceholder(t, env, "raw", "kept/terms.txt") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("cloudinary_asset.a", plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudinary_asset.a", tfjsonpath.New("bytes"), knownvalue.Int64Exact(int64(len("terms v1")))),
					statecheck.ExpectKnownValue("cloudinary_asset.a", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("legal")})),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			folders, err := env.client.SearchFolders(bg, `path="kept"`, 0)
			if err != nil {
				return fmt.Errorf("searching for the destroyed folder: %w", err)
			}
			if len(folders) != 0 {
				return fmt.Errorf("after destroy the folder remains: %v", folders)
			}
			return nil
		},
	})
}

// A deleted asset's placeholder is no asset to adopt or list: importing it
// fails as for an asset that does not exist, and the assets data source
// leaves it out.
func TestAccAsset_placeholderIsNotAnAsset(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	for _, id := range []string{"gone.txt", "live.txt"} {
		src := client.Source{ContentBase64: "aGk=", MediaType: "text/plain"}
		if _, err := env.client.Upload(bg, "raw", src, client.UploadOptions{PublicID: id, Other: url.Values{"backup": {"true"}}}); err != nil {
			t.Fatal(err)
		}
	}
	deleteLeavingPlaceholder(t, env, "raw", "gone.txt")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(`
data "cloudinary_assets" "raw" {
  resource_type = "raw"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudinary_assets.raw", tfjsonpath.New("assets"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"public_id": knownvalue.StringExact("live.txt")}),
					})),
				},
			},
			{
				Config: env.config(`
import {
  to = cloudinary_asset.gone
  id = "raw/upload/gone.txt"
}
resource "cloudinary_asset" "gone" {
  content_base64 = "aGk="
  public_id      = "gone.txt"
  resource_type  = "raw"
}
`),
				ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`),
			},
		},
	})
}
