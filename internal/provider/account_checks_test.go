package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// writesReached is how many calls other than reads reached the emulator.
func writesReached(env *testEnv) int {
	n := 0
	for route, count := range env.emu.Counters().Snapshot() {
		if !strings.HasPrefix(route, "GET ") {
			n += count
		}
	}
	return n
}

// accountFields makes, outside Terraform, the fields that configured values
// are checked against: an enum and a set whose entry "green" was deleted
// (Cloudinary keeps it inactive), and a date field.
func accountFields(t *testing.T, env *testEnv) {
	t.Helper()
	entries := &client.Datasource{Values: []client.DatasourceEntry{{ExternalID: "red", Value: "Red"}, {ExternalID: "green", Value: "Green"}}}
	for _, f := range []client.MetadataFieldInput{
		{ExternalID: "colour", Type: "enum", Label: "Colour", Datasource: entries},
		{ExternalID: "tones", Type: "set", Label: "Tones", Datasource: entries},
		{ExternalID: "launch", Type: "date", Label: "Launch"},
	} {
		if _, err := env.client.CreateMetadataField(bg, f); err != nil {
			t.Fatal(err)
		}
		if f.Datasource != nil {
			must(t, env.client.DeleteDatasourceEntries(bg, f.ExternalID, []string{"green"}))
		}
	}
}

// A preset's or asset's metadata values are checked against the account's
// fields at plan time, with an error on the value's own path: a misspelled
// field, an entry that is deleted or was never in the datasource, a date in
// another form than YYYY-MM-DD (the forms the emulator, like Cloudinary,
// refuses on upload). Nothing is written.
func TestAccMetadataValuesCheckedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	accountFields(t, env)
	env.emu.Counters().Reset()
	configs := map[string]func(metadata string) string{
		"preset": func(metadata string) string {
			return env.config(fmt.Sprintf("resource \"cloudinary_upload_preset\" \"p\" {\n  name     = \"p\"\n  metadata = %s\n}\n", metadata))
		},
		"asset": func(metadata string) string {
			return env.config(fmt.Sprintf("resource \"cloudinary_asset\" \"a\" {\n  content_base64 = \"aGk=\"\n  public_id      = \"a.txt\"\n  resource_type  = \"raw\"\n  metadata       = %s\n}\n", metadata))
		},
	}
	var steps []resource.TestStep
	for _, kind := range []string{"preset", "asset"} {
		for _, c := range []struct{ metadata, want string }{
			{`{ color = "red" }`, `Unknown metadata field.*Attribute metadata\["color"\]: no metadata field has the external ID "color".*colour, launch, tones`},
			{`{ colour = "green" }`, `Invalid metadata value.*Attribute metadata\["colour"\]: "green" is a deleted \(inactive\) entry`},
			{`{ colour = "purple" }`, `Invalid metadata value.*Attribute metadata\["colour"\]: "purple" is not the external ID of an entry.*red`},
			{`{ tones = jsonencode(["red", "purple"]) }`, `Invalid metadata value.*Attribute metadata\["tones"\]: "purple" is not the external ID`},
			{`{ launch = "01/06/2026" }`, `Invalid metadata value.*Attribute metadata\["launch"\]: "01/06/2026" is not a date in the form YYYY-MM-DD`},
		} {
			steps = append(steps, resource.TestStep{Config: configs[kind](c.metadata), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)` + spaced(c.want))})
		}
		// Values that fit plan without complaint.
		steps = append(steps, resource.TestStep{
			Config:   configs[kind](`{ colour = "red", tones = jsonencode(["red"]), launch = "2026-06-01" }`),
			PlanOnly: true, ExpectNonEmptyPlan: true,
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	if n := writesReached(env); n != 0 {
		t.Fatalf("%d writes reached the API: %v", n, env.emu.Counters().Snapshot())
	}
}

// A file larger than the account takes for its resource type (media_limits
// in the usage report, OpenAPI usage_response) is refused at plan time, on
// the attribute that gives it, with one usage read however many assets the
// plan uploads. Nothing is uploaded.
func TestAccAsset_oversizeRefusedAtPlan(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, MediaLimits: emulator.MediaLimits{RawBytes: 16}})
	file := filepath.Join(t.TempDir(), "big.txt")
	writeFile(t, file, []byte(strings.Repeat("x", 32)))
	asset := func(name, source string) string {
		return fmt.Sprintf("resource \"cloudinary_asset\" %q {\n  %s\n  public_id     = \"%s.txt\"\n  resource_type = \"raw\"\n}\n", name, source, name)
	}
	inline := `content_base64 = base64encode("twenty-three bytes long")`
	var usageReads int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(asset("inline", inline)), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)File too large for the account.*\d+:\s+content_base64\s+=.*The file is 23 bytes; the account takes raw files of at most 16 bytes`),
			},
			{
				Config: env.config(asset("local", fmt.Sprintf("file = %q", file))), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)File too large for the account.*\d+:\s+file\s+=.*The file is 32 bytes`),
			},
			{
				PreConfig: func() { env.emu.Counters().Reset() },
				Config:    env.config(asset("inline", inline) + asset("local", fmt.Sprintf("file = %q", file))), PlanOnly: true,
				ExpectError: regexp.MustCompile(`File too large for the account`),
			},
			{
				PreConfig: func() { usageReads = env.emu.Counters().Route("GET /usage") },
				Config:    env.config(asset("small", `content_base64 = base64encode("sixteen bytes!!!")`)), PlanOnly: true, ExpectNonEmptyPlan: true,
			},
		},
	})
	if usageReads != 1 {
		t.Fatalf("a plan of two oversized assets read the usage report %d times, want once", usageReads)
	}
	if n := writesReached(env); n != 0 || env.emu.Counters().Upload() != 0 {
		t.Fatalf("calls that write reached the API: %v", env.emu.Counters().Snapshot())
	}
}
