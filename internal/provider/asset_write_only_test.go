package provider

import (
	"encoding/base64"
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

// content_base64_wo uploads content that neither the plan nor the state
// holds: a new content_version uploads it again, new content alone does
// not.
func TestAccAsset_writeOnlyContent(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_asset.token"
	config := func(content string, version int) string {
		return env.config(fmt.Sprintf(`
resource "cloudinary_asset" "token" {
  content_base64_wo = base64encode(%q)
  content_version   = %d
  public_id         = "secrets/token.txt"
  resource_type     = "raw"
}
`, content, version))
	}
	etagIs := func(content string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New("etag"), knownvalue.StringExact(md5Hex(content)))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   writeOnlyCheck,
		Steps: []resource.TestStep{
			{
				// Content without a version could never be uploaded again.
				Config: env.config(`
resource "cloudinary_asset" "token" {
  content_base64_wo = base64encode("x")
  public_id         = "secrets/token.txt"
  resource_type     = "raw"
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(spaced(`Attribute "content_version" must be specified when "content_base64_wo" is specified`)),
			},
			{
				Config: config("first secret", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					etagIs("first secret"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("bytes"), knownvalue.Int64Exact(int64(len("first secret")))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("content_base64_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("source_hash"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("content_version"), knownvalue.Int64Exact(1)),
				},
				Check: stateHoldsNo("first secret"),
			},
			{
				// New content under the same version: Terraform cannot see it,
				// and nothing is uploaded.
				PreConfig: func() { env.countUploadsFromHere() },
				Config:    config("second secret", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{etagIs("first secret")},
				Check:             env.expectUploads(0),
			},
			{
				PreConfig: func() { env.countUploadsFromHere() },
				Config:    config("second secret", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{etagIs("second secret")},
				Check:             resource.ComposeTestCheckFunc(env.expectUploads(1), stateHoldsNo("second secret")),
			},
			{
				// Back to content kept in the state: content_version goes, and the
				// content is uploaded again from content_base64.
				PreConfig: func() { env.countUploadsFromHere() },
				Config: env.config(`
resource "cloudinary_asset" "token" {
  content_base64 = base64encode("third")
  public_id      = "secrets/token.txt"
  resource_type  = "raw"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{etagIs("third"), statecheck.ExpectKnownValue(addr, tfjsonpath.New("content_version"), knownvalue.Null())},
				Check:             env.expectUploads(1),
			},
		},
	})
}

// stateHoldsNo fails when any attribute of the state holds the content,
// plain or in base64.
func stateHoldsNo(content string) resource.TestCheckFunc {
	encoded := base64.StdEncoding.EncodeToString([]byte(content))
	return func(s *terraform.State) error {
		for address, r := range s.RootModule().Resources {
			for name, value := range r.Primary.Attributes {
				if strings.Contains(value, content) || strings.Contains(value, encoded) {
					return fmt.Errorf("the state of %s holds the content in %s", address, name)
				}
			}
		}
		return nil
	}
}

// countUploadsFromHere starts counting Upload API calls afresh.
func (e *testEnv) countUploadsFromHere() {
	if e.emu != nil {
		e.emu.Counters().Reset()
	}
}

// expectUploads checks how many uploads reached the emulator since
// countUploadsFromHere.
func (e *testEnv) expectUploads(want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if e.emu == nil {
			return nil
		}
		if got := e.emu.Counters().Route("POST /{resource_type}/upload"); got != want {
			return fmt.Errorf("%d uploads, want %d: %v", got, want, e.emu.Counters().Snapshot())
		}
		return nil
	}
}
