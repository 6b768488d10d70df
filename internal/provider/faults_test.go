package provider

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// faultKind describes one resource type for the fault-injection tests.
type faultKind struct {
	name           string
	addr           string
	create, update string // HCL of the resource before and after an in-place update
	updateMethod   string // the HTTP method of the update's write ("" when the update is state-only)
	readPath       string // the path prefix of the calls that read the resource
	deletePath     string // the path prefix of the call that deletes it
	importIgnore   []string
	// stored lists the keys of the objects of this type that Cloudinary holds;
	// key gives the key of a resource in state.
	stored func(env *testEnv) ([]string, error)
	key    func(attrs map[string]string) string
	// prepare makes what the resource needs outside the configuration (the
	// fields a metadata rule acts on); nil when nothing.
	prepare func(env *testEnv) error
}

var faultKinds = []faultKind{
	{
		name: "upload_preset", readPath: "/upload_presets", deletePath: "/upload_presets", addr: "cloudinary_upload_preset.x", updateMethod: "PUT",
		create: `resource "cloudinary_upload_preset" "x" {
  name = "faulty"
  tags = ["a"]
}`,
		update: `resource "cloudinary_upload_preset" "x" {
  name = "faulty"
  tags = ["a", "b"]
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListUploadPresets(bg)
			return keys(list, func(i int) string { return list[i].Name }), err
		},
		key: func(a map[string]string) string { return a["name"] },
	},
	{
		name: "upload_mapping", readPath: "/upload_mappings", deletePath: "/upload_mappings", addr: "cloudinary_upload_mapping.x", updateMethod: "PUT",
		create: `resource "cloudinary_upload_mapping" "x" {
  folder   = "faulty"
  template = "https://a.example.com/"
}`,
		update: `resource "cloudinary_upload_mapping" "x" {
  folder   = "faulty"
  template = "https://b.example.com/"
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListUploadMappings(bg)
			return keys(list, func(i int) string { return list[i].Folder }), err
		},
		key: func(a map[string]string) string { return a["folder"] },
	},
	{
		name: "named_transformation", readPath: "/transformations", deletePath: "/transformations", addr: "cloudinary_named_transformation.x", updateMethod: "PUT",
		create: `resource "cloudinary_named_transformation" "x" {
  name           = "faulty"
  transformation = "c_fill,w_100"
}`,
		update: `resource "cloudinary_named_transformation" "x" {
  name           = "faulty"
  transformation = "c_fill,w_200"
}`,
		stored: func(env *testEnv) ([]string, error) {
			named := true
			list, err := env.client.ListTransformations(bg, &named)
			return keys(list, func(i int) string { return strings.TrimPrefix(list[i].Name, "t_") }), err
		},
		key: func(a map[string]string) string { return a["name"] },
	},
	{
		name: "streaming_profile", readPath: "/streaming_profiles", deletePath: "/streaming_profiles", addr: "cloudinary_streaming_profile.x", updateMethod: "PUT",
		importIgnore: []string{"representations"}, // imported in Cloudinary's spelling
		create: `resource "cloudinary_streaming_profile" "x" {
  name            = "faulty"
  representations = [{ transformation = "w_640,h_360" }]
}`,
		update: `resource "cloudinary_streaming_profile" "x" {
  name            = "faulty"
  representations = [{ transformation = "w_640,h_360" }, { transformation = "w_320,h_180" }]
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListStreamingProfiles(bg)
			var custom []string
			for _, p := range list {
				if !p.Predefined {
					custom = append(custom, p.Name)
				}
			}
			return custom, err
		},
		key: func(a map[string]string) string { return a["name"] },
	},
	{
		name: "asset", readPath: "/resources", deletePath: "/raw/destroy", addr: "cloudinary_asset.x", updateMethod: "POST",
		importIgnore: []string{"content_base64", "source_hash", "url"},
		create: `resource "cloudinary_asset" "x" {
  content_base64 = base64encode("faulty")
  public_id      = "faulty.txt"
  resource_type  = "raw"
  tags           = ["a"]
}`,
		update: `resource "cloudinary_asset" "x" {
  content_base64 = base64encode("faulty")
  public_id      = "faulty.txt"
  resource_type  = "raw"
  tags           = ["a", "b"]
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.Search(bg, client.SearchQuery{})
			return keys(list, func(i int) string { return list[i].ResourceType + "/" + list[i].Type + "/" + list[i].PublicID }), err
		},
		key: func(a map[string]string) string { return a["id"] },
	},
	{
		name: "folder", readPath: "/folders", deletePath: "/folders", addr: "cloudinary_folder.x",
		create: `resource "cloudinary_folder" "x" {
  path = "faulty"
}`,
		update: `resource "cloudinary_folder" "x" {
  path          = "faulty"
  force_destroy = true
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListFolders(bg, "")
			return keys(list, func(i int) string { return list[i].Path }), err
		},
		key: func(a map[string]string) string { return a["path"] },
	},
	{
		name: "trigger", readPath: "/triggers", deletePath: "/triggers", addr: "cloudinary_trigger.x", updateMethod: "PUT",
		create: `resource "cloudinary_trigger" "x" {
  uri        = "https://a.example.com/hook"
  event_type = "upload"
}`,
		update: `resource "cloudinary_trigger" "x" {
  uri        = "https://b.example.com/hook"
  event_type = "upload"
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListTriggers(bg, "")
			return keys(list, func(i int) string { return list[i].ID }), err
		},
		key: func(a map[string]string) string { return a["id"] },
	},
	{
		// The metadata API refuses a taken external ID with 400, not 409.
		name: "metadata_field", readPath: "/metadata_fields", deletePath: "/metadata_fields", addr: "cloudinary_metadata_field.x", updateMethod: "PUT",
		create: `resource "cloudinary_metadata_field" "x" {
  external_id = "faulty"
  type        = "string"
  label       = "Faulty"
}`,
		update: `resource "cloudinary_metadata_field" "x" {
  external_id = "faulty"
  type        = "string"
  label       = "Still faulty"
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListMetadataFields(bg)
			return keys(list, func(i int) string { return list[i].ExternalID }), err
		},
		key: func(a map[string]string) string { return a["external_id"] },
	},
	{
		// Cloudinary gives each rule a new ID: a create is never repeated, and
		// one whose answer was lost finds the rule it made.
		name: "metadata_rule", readPath: "/metadata_rules", deletePath: "/metadata_rules", addr: "cloudinary_metadata_rule.x", updateMethod: "PUT",
		prepare: makeCameraFields,
		create:  hideCameraRule,
		update: `resource "cloudinary_metadata_rule" "x" {
  metadata_field_id = "camera"
  name              = "Hide camera"
  condition         = jsonencode({ metadata_field_id = "kind", populated = false })
  result            = { disable = true }
}`,
		stored: func(env *testEnv) ([]string, error) {
			list, err := env.client.ListMetadataRules(bg)
			return keys(list, func(i int) string { return list[i].ExternalID }), err
		},
		key: func(a map[string]string) string { return a["id"] },
	},
}

// makeCameraFields makes, outside Terraform, the two fields that
// hideCameraRule acts on and tests.
func makeCameraFields(env *testEnv) error {
	for _, in := range []client.MetadataFieldInput{{ExternalID: "kind", Type: "string", Label: "Kind"}, {ExternalID: "camera", Type: "string", Label: "Camera"}} {
		if _, err := env.client.CreateMetadataField(bg, in); err != nil {
			return err
		}
	}
	return nil
}

// hideCameraRule hides the camera field while kind is empty.
const hideCameraRule = `resource "cloudinary_metadata_rule" "x" {
  metadata_field_id = "camera"
  name              = "Hide camera"
  condition         = jsonencode({ metadata_field_id = "kind", populated = false })
  result            = { hide = true }
}`

func keys[T any](items []T, key func(int) string) []string {
	out := make([]string, 0, len(items))
	for i := range items {
		out = append(out, key(i))
	}
	return out
}

// consistent checks that Cloudinary holds exactly the objects of the kind
// that the state holds: none lost, orphaned or duplicated.
func (k faultKind) consistent(env *testEnv) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		stored, err := k.stored(env)
		if err != nil {
			return err
		}
		var inState []string
		for _, rs := range s.RootModule().Resources {
			if rs.Type == strings.Split(k.addr, ".")[0] {
				inState = append(inState, k.key(rs.Primary.Attributes))
			}
		}
		sort.Strings(stored)
		sort.Strings(inState)
		if fmt.Sprint(stored) != fmt.Sprint(inState) {
			return fmt.Errorf("Cloudinary holds %v but the state has %v", stored, inState)
		}
		return nil
	}
}

// faultyProvider retries quickly, so that the faults cost little time.
func (e *testEnv) faultyProvider() string {
	return strings.Replace(e.providerBlock(), "}", "  min_retry_wait_ms           = 10\n  max_retry_wait_ms           = 50\n  max_rate_limit_wait_seconds = 5\n}", 1)
}

// faultSteps checks, step by step, that the faults a step installs all
// fire during that step, and that a step with slow answers was slow.
type faultSteps struct {
	t      *testing.T
	faults interface{ Pending() int }
	step   string
	slow   time.Duration
	start  time.Time
}

// begin ends the previous step's check and starts the next one's.
func (f *faultSteps) begin(step string, slow time.Duration, install func()) func() {
	return func() {
		f.end()
		f.step, f.slow, f.start = step, slow, time.Now()
		install()
	}
}

// end checks the step that ran last.
func (f *faultSteps) end() {
	f.t.Helper()
	if f.step == "" {
		return
	}
	if n := f.faults.Pending(); n != 0 {
		f.t.Fatalf("step %q: %d injected fault(s) never fired", f.step, n)
	}
	if took := time.Since(f.start); took < f.slow {
		f.t.Fatalf("step %q took %s; its answers were delayed by %s", f.step, took, f.slow)
	}
}

// Every operation of every resource type meets a fault and still succeeds:
// rate limits that reset soon, 5xx bursts, connections dropped before and
// after Cloudinary acted, slow answers. A rate limit that resets much later
// fails with the time to retry. After each run Cloudinary and the state
// agree exactly, and each step's faults really fired.
func TestAccFaults(t *testing.T) {
	for _, kind := range faultKinds {
		t.Run(kind.name, func(t *testing.T) {
			env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, Seed: 11})
			if kind.prepare != nil {
				must(t, kind.prepare(env))
			}
			faults := env.emu.Faults()
			check := &faultSteps{t: t, faults: faults}
			cfg := func(hcl string) string { return env.faultyProvider() + hcl }
			const delay = 700 * time.Millisecond
			deleteFault := emulator.Fault{Method: "DELETE", Path: kind.deletePath, Times: 1, HangUp: true}
			if kind.name == "asset" {
				deleteFault = emulator.Fault{Method: "POST", Path: kind.deletePath, Times: 1, HangUp: true, AfterHandling: true}
			}
			steps := []resource.TestStep{
				{
					// Create: rate limited (soon reset), then the write's answer lost
					// after Cloudinary stored it.
					PreConfig: check.begin("create", 0, func() {
						faults.Add(emulator.Fault{Method: "POST", Times: 2, Status: 420, ResetIn: 500 * time.Millisecond})
						faults.Add(emulator.Fault{Method: "POST", Times: 1, HangUp: true, AfterHandling: true})
					}),
					Config: cfg(kind.create),
					Check:  kind.consistent(env),
				},
				{
					// Import through a burst of server errors.
					PreConfig: check.begin("import", 0, func() {
						faults.Add(emulator.Fault{Method: "GET", Path: kind.readPath, Times: 1, Status: 500})
						faults.Add(emulator.Fault{Method: "GET", Path: kind.readPath, Times: 1, Status: 503})
					}),
					ResourceName: kind.addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: kind.importIgnore,
				},
				{
					// Update: a dropped connection before the write, then one after.
					PreConfig: check.begin("update", 0, func() {
						if kind.updateMethod != "" {
							faults.Add(emulator.Fault{Method: kind.updateMethod, Times: 1, HangUp: true})
							faults.Add(emulator.Fault{Method: kind.updateMethod, Times: 1, HangUp: true, AfterHandling: true})
						}
					}),
					Config: cfg(kind.update),
					Check:  kind.consistent(env),
				},
				{
					// Read: a slow answer.
					PreConfig: check.begin("read", delay, func() {
						faults.Add(emulator.Fault{Method: "GET", Path: kind.readPath, Times: 1, Delay: delay})
					}),
					Config:   cfg(kind.update),
					PlanOnly: true,
				},
				{
					// A rate limit that resets in 40 minutes: a clear error, no change.
					PreConfig: check.begin("far rate limit", 0, func() {
						faults.Add(emulator.Fault{Method: "GET", Path: kind.readPath, Times: 1, Status: 420, ResetIn: 40 * time.Minute})
					}),
					Config:      cfg(kind.update),
					ExpectError: regexp.MustCompile(`(?s)rate\s+limit\s+resets\s+at\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ;\s+retry\s+after\s+that`),
				},
				{
					// Delete: a dropped connection (for assets, an answer lost
					// after the delete).
					PreConfig: check.begin("delete", 0, func() { faults.Add(deleteFault) }),
					Config:    env.faultyProvider(),
					Check:     kind.consistent(env),
				},
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
			check.end()
		})
	}
}
