package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// economyCount is how many objects of one kind the apply-economy tests
// write: three waves of Terraform's default parallelism (10).
const economyCount = 30

// applyAdminCalls writes hcl as the configuration, plans it into a file,
// and applies that plan with Terraform's default parallelism. It returns the
// Admin API calls of the apply alone, but for its credentials ping, and
// every route's count, and checks that the next plan is empty.
func (c *terraformCLI) applyAdminCalls(t *testing.T, env *testEnv, hcl string) (int, map[string]int) {
	t.Helper()
	writeFile(t, filepath.Join(c.dir, "main.tf"), []byte(requiredProviders+env.providerBlock()+hcl))
	planFile := filepath.Join(c.dir, "economy.plan")
	_, err := c.tf.Plan(bg, c.reattach, tfexec.Out(planFile))
	must(t, err)
	env.emu.Counters().Reset()
	must(t, c.tf.Apply(bg, c.reattach, tfexec.DirOrPlan(planFile)))
	calls, routes := env.readCalls(), env.emu.Counters().Snapshot()
	changes, err := c.tf.Plan(bg, c.reattach)
	must(t, err)
	if changes {
		t.Fatal("the plan after the apply is not empty")
	}
	return calls, routes
}

// economyCase is one kind of object for the apply-economy tests: its
// configuration, a template of economyCount objects (%[1]d) in a version
// (%[2]s: "v1", then "v2", which changes every object in place), and the
// extra Admin calls that its writes may make beyond one per object.
type economyCase struct {
	kind            string
	template        string
	extra           func(count int) int
	needsDependents string // objects the writes need, created first
}

// batchedReadBack allows the read-backs' listings: one per wave of
// Terraform's default parallelism (10) on an idle machine, as make bench
// measures; a loaded machine starts a wave's writes further apart, and a
// window then goes out with part of a wave. The bound (a third of the
// objects) tolerates that and still fails a read per object.
func batchedReadBack(count int) int { return (count + 2) / 3 }

func testApplyEconomy(t *testing.T, c economyCase) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	cli := newTerraformCLI(t, "1.5.0", map[string]string{"main.tf": requiredProviders + env.providerBlock()})
	if c.needsDependents != "" {
		cli.applyAdminCalls(t, env, c.needsDependents)
	}
	for _, step := range []struct{ what, version string }{{"create", "v1"}, {"update", "v2"}} {
		calls, routes := cli.applyAdminCalls(t, env, c.needsDependents+fmt.Sprintf(c.template, economyCount, step.version))
		limit := economyCount + c.extra(economyCount)
		t.Logf("%s of %d %s: %d Admin API calls (%v)", step.what, economyCount, c.kind, calls, routes)
		if calls > limit {
			t.Errorf("the %s of %d %s made %d Admin API calls, want at most %d: %v", step.what, economyCount, c.kind, calls, limit, routes)
		}
	}
}

// Presets (after every write), metadata fields and triggers (after updates)
// are read back from listings that the writes that finish together share:
// one listing per wave of Terraform's parallelism on an idle machine, not one read per
// object. Field and trigger creates take the object from the create's answer.
func TestAccApplyEconomy_readBackInSharedListings(t *testing.T) {
	for _, c := range []economyCase{
		{kind: "upload presets", extra: batchedReadBack, template: `
resource "cloudinary_upload_preset" "many" {
  count = %[1]d
  name  = "economy_${count.index}"
  tags  = ["%[2]s"]
}
`},
		{kind: "metadata fields", extra: batchedReadBack, template: `
resource "cloudinary_metadata_field" "many" {
  count       = %[1]d
  external_id = "economy_${count.index}"
  type        = "string"
  label       = "Field ${count.index} %[2]s"
}
`},
		{kind: "triggers", extra: batchedReadBack, template: `
resource "cloudinary_trigger" "many" {
  count      = %[1]d
  event_type = "upload"
  uri        = "https://hooks.example.com/%[2]s/${count.index}"
}
`},
	} {
		t.Run(c.kind, func(t *testing.T) { testApplyEconomy(t, c) })
	}
}

func noExtraCalls(int) int { return 0 }

// Upload mappings, metadata rules and folders need no read-back: their
// writes' answers (or, for mappings, what was written) are what state
// holds. One Admin call per object created or changed; a rule's create also
// lists the rules once per run, to make sure it makes no duplicate.
func TestAccApplyEconomy_oneCallPerObject(t *testing.T) {
	fields := `
resource "cloudinary_metadata_field" "target" {
  external_id = "target"
  type        = "string"
  label       = "Target"
}
resource "cloudinary_metadata_field" "source" {
  external_id = "source"
  type        = "string"
  label       = "Source"
}
`
	for _, c := range []economyCase{
		{kind: "upload mappings", extra: noExtraCalls, template: `
resource "cloudinary_upload_mapping" "many" {
  count    = %[1]d
  folder   = "economy/${count.index}"
  template = "https://cdn.example.com/%[2]s/${count.index}/"
}
`},
		{kind: "metadata rules", extra: func(int) int { return 1 }, needsDependents: fields, template: `
resource "cloudinary_metadata_rule" "many" {
  count             = %[1]d
  metadata_field_id = cloudinary_metadata_field.target.external_id
  name              = "Rule ${count.index}"
  condition         = jsonencode({ metadata_field_id = cloudinary_metadata_field.source.external_id, equals = "%[2]s${count.index}" })
  result            = { hide = true }
}
`},
		{kind: "folders", extra: noExtraCalls, template: `
resource "cloudinary_folder" "many" {
  count = %[1]d
  path  = "economy_%[2]s_${count.index}"
}
`},
	} {
		t.Run(c.kind, func(t *testing.T) { testApplyEconomy(t, c) })
	}
}

// A preset whose create succeeded but whose read-back listing failed is an
// error that says it was created, and Terraform keeps it (tainted), so that
// the next apply replaces it rather than meeting it as one to import.
func TestAccReadBack_failedListingKeepsTheCreatedPreset(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	config := env.config(`
resource "cloudinary_upload_preset" "kept" {
  name = "kept"
  tags = ["a"]
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.emu.Faults().Add(emulator.Fault{Method: "GET", Path: "/upload_presets", Times: 1, Status: 403, Message: "Listing refused"})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`Upload preset "kept" was created, but reading it back failed:(.|\n)*Listing refused`),
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("cloudinary_upload_preset.kept", plancheck.ResourceActionReplace)}},
			},
		},
	})
}
