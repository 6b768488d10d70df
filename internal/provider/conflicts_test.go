package provider

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// takeoverCase is one resource type for the tests of creates that meet an
// object made outside Terraform.
type takeoverCase struct {
	name     string
	hcl      string // the configuration: one resource of the type
	importID string
	// lookupID finds the import ID of an object whose ID Cloudinary chose.
	lookupID func(env *testEnv) (string, error)
	// prepare makes what the object needs that the configuration does not
	// hold (a metadata rule's fields); nil when nothing.
	prepare func(env *testEnv) error
	// identical makes the object outside Terraform as the configuration
	// describes it; different makes it with other or extra settings (nil
	// where the type has no settings).
	identical, different func(env *testEnv) error
	exists               func(env *testEnv) (bool, error)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

var takeoverCases = []takeoverCase{
	{
		name: "upload_preset", importID: "taken",
		hcl: `resource "cloudinary_upload_preset" "x" {
  name = "taken"
  tags = ["x"]
}`,
		identical: func(env *testEnv) error {
			return env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "taken", Settings: map[string]string{"tags": "x"}})
		},
		different: func(env *testEnv) error {
			return env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "taken", Settings: map[string]string{"tags": "x", "folder": "legacy"}})
		},
		exists: func(env *testEnv) (bool, error) { return existsAfter(env.client.GetUploadPreset(bg, "taken")) },
	},
	{
		name: "upload_mapping", importID: "taken",
		hcl: `resource "cloudinary_upload_mapping" "x" {
  folder   = "taken"
  template = "https://a.example.com/"
}`,
		identical: func(env *testEnv) error {
			return env.client.CreateUploadMapping(bg, client.UploadMapping{Folder: "taken", Template: "https://a.example.com/"})
		},
		different: func(env *testEnv) error {
			return env.client.CreateUploadMapping(bg, client.UploadMapping{Folder: "taken", Template: "https://b.example.com/"})
		},
		exists: func(env *testEnv) (bool, error) { return existsAfter(env.client.GetUploadMapping(bg, "taken")) },
	},
	{
		name: "named_transformation", importID: "taken",
		hcl: `resource "cloudinary_named_transformation" "x" {
  name           = "taken"
  transformation = "c_fill,w_100"
}`,
		identical: func(env *testEnv) error {
			return env.client.CreateNamedTransformation(bg, "taken", "w_100,c_fill", nil)
		},
		different: func(env *testEnv) error {
			return env.client.CreateNamedTransformation(bg, "taken", "c_fill,w_100/e_grayscale", nil)
		},
		exists: func(env *testEnv) (bool, error) { return existsAfter(env.client.GetNamedTransformation(bg, "taken")) },
	},
	{
		name: "streaming_profile", importID: "taken",
		hcl: `resource "cloudinary_streaming_profile" "x" {
  name            = "taken"
  representations = [{ transformation = "w_640,h_360" }]
}`,
		identical: func(env *testEnv) error {
			return env.client.CreateStreamingProfile(bg, client.StreamingProfile{Name: "taken", Representations: []string{"w_640,h_360"}})
		},
		different: func(env *testEnv) error {
			return env.client.CreateStreamingProfile(bg, client.StreamingProfile{Name: "taken", Representations: []string{"w_640,h_360", "w_320,h_180"}})
		},
		exists: func(env *testEnv) (bool, error) { return existsAfter(env.client.GetStreamingProfile(bg, "taken")) },
	},
	{
		name: "folder", importID: "taken",
		hcl: `resource "cloudinary_folder" "x" {
  path = "taken"
}`,
		identical: func(env *testEnv) error { _, err := env.client.CreateFolder(bg, "taken"); return err },
		exists: func(env *testEnv) (bool, error) {
			list, err := env.client.ListFolders(bg, "")
			return slices.ContainsFunc(list, func(f client.Folder) bool { return f.Path == "taken" }), err
		},
	},
	{
		name: "trigger",
		hcl: `resource "cloudinary_trigger" "x" {
  uri        = "https://a.example.com/hook"
  event_type = "upload"
}`,
		identical: func(env *testEnv) error {
			_, err := env.client.CreateTrigger(bg, client.TriggerSettings{URI: "https://a.example.com/hook", EventType: "upload"})
			return err
		},
		exists: func(env *testEnv) (bool, error) {
			list, err := env.client.ListTriggers(bg, "upload")
			return len(list) == 1, err
		},
		lookupID: func(env *testEnv) (string, error) {
			list, err := env.client.ListTriggers(bg, "upload")
			return onlyID(list, err, func(t client.Trigger) string { return t.ID })
		},
	},
	{
		name: "metadata_field", importID: "taken",
		hcl: `resource "cloudinary_metadata_field" "x" {
  external_id = "taken"
  type        = "string"
  label       = "Taken"
}`,
		identical: func(env *testEnv) error {
			_, err := env.client.CreateMetadataField(bg, client.MetadataFieldInput{ExternalID: "taken", Type: "string", Label: "Taken"})
			return err
		},
		different: func(env *testEnv) error {
			_, err := env.client.CreateMetadataField(bg, client.MetadataFieldInput{ExternalID: "taken", Type: "string", Label: "Taken by someone", Mandatory: true,
				DefaultValue: json.RawMessage(`"x"`)})
			return err
		},
		exists: func(env *testEnv) (bool, error) { return existsAfter(env.client.GetMetadataField(bg, "taken")) },
	},
	{
		name:      "metadata_rule",
		hcl:       hideCameraRule,
		prepare:   makeCameraFields,
		identical: func(env *testEnv) error { return makeRule(env, `{"metadata_field_id":"kind","populated":false}`) },
		different: func(env *testEnv) error { return makeRule(env, `{"metadata_field_id":"kind","populated":true}`) },
		exists: func(env *testEnv) (bool, error) {
			list, err := env.client.ListMetadataRules(bg)
			return len(list) == 1, err
		},
		lookupID: func(env *testEnv) (string, error) {
			list, err := env.client.ListMetadataRules(bg)
			return onlyID(list, err, func(r client.MetadataRule) string { return r.ExternalID })
		},
	},
	{
		name: "asset", importID: "raw/upload/taken.txt",
		hcl: `resource "cloudinary_asset" "x" {
  content_base64 = base64encode("hello")
  public_id      = "taken.txt"
  resource_type  = "raw"
  tags           = ["x"]
}`,
		identical: func(env *testEnv) error { return uploadTaken(env, "hello", "x") },
		different: func(env *testEnv) error { return uploadTaken(env, "someone else's", "x,legacy") },
		exists: func(env *testEnv) (bool, error) {
			return existsAfter(env.client.GetResource(bg, "raw", "upload", "taken.txt"))
		},
	},
}

func makeRule(env *testEnv, condition string) error {
	yes := true
	_, err := env.client.CreateMetadataRule(bg, client.MetadataRule{MetadataFieldID: "camera", Name: "Hide camera",
		Condition: json.RawMessage(condition), Result: client.MetadataRuleResult{Hide: &yes}})
	return err
}

func uploadTaken(env *testEnv, content, tags string) error {
	_, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: b64(content)}, client.UploadOptions{PublicID: "taken.txt", Other: url.Values{"tags": {tags}}})
	return err
}

// onlyID is the ID of the one object of a listing.
func onlyID[T any](list []T, err error, id func(T) string) (string, error) {
	if err == nil && len(list) != 1 {
		err = fmt.Errorf("%d objects listed, want 1", len(list))
	}
	if err != nil {
		return "", err
	}
	return id(list[0]), nil
}

// existsAfter turns a single-object read into whether the object exists.
func existsAfter[T any](_ T, err error) (bool, error) {
	if client.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// A create that meets an object made outside Terraform never takes it over,
// whether the object matches the configuration or holds other settings: the
// apply fails with the advice to import it (with its import ID), nothing of
// it enters the state, and destroying the configuration leaves it alone.
func TestAccCreateNeverTakesOver(t *testing.T) {
	for _, tc := range takeoverCases {
		for _, variant := range []struct {
			name string
			make func(*testEnv) error
		}{{"identical", tc.identical}, {"different", tc.different}} {
			if variant.make == nil {
				continue
			}
			t.Run(tc.name+"/"+variant.name, func(t *testing.T) {
				env := newTestEnv(t)
				if tc.prepare != nil {
					must(t, tc.prepare(env))
				}
				must(t, variant.make(env))
				advice := `(?s)already\s+exists\s+in\s+Cloudinary\s+but\s+is\s+not\s+in\s+this\s+Terraform\s+state.*interrupted.*import\s+\{.*to\s+=\s+` +
					regexp.QuoteMeta(resourceTypeOf(tc.hcl)) + `\.<name>`
				importID := tc.importID
				if tc.lookupID != nil {
					id, err := tc.lookupID(env)
					must(t, err)
					importID = id
				}
				advice += `.*id\s+=\s+"` + regexp.QuoteMeta(importID) + `"`
				stillThere := func(*terraform.State) error {
					ok, err := tc.exists(env)
					if err == nil && !ok {
						err = errors.New("the object made outside Terraform is gone")
					}
					return err
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{
						{Config: env.config(tc.hcl), ExpectError: regexp.MustCompile(advice)},
						{
							// Nothing of the object is in the state: an empty
							// configuration destroys nothing.
							Config: env.providerBlock(),
							Check: resource.ComposeTestCheckFunc(stillThere, func(s *terraform.State) error {
								if n := len(s.RootModule().Resources); n != 0 {
									return fmt.Errorf("the state holds %d resource(s)", n)
								}
								return nil
							}),
						},
					},
					CheckDestroy: stillThere,
				})
			})
		}
	}
}

// resourceTypeOf is the type of the first resource block in hcl.
func resourceTypeOf(hcl string) string {
	return regexp.MustCompile(`resource "([a-z_]+)"`).FindStringSubmatch(hcl)[1]
}

// An apply interrupted (SIGINT) while Cloudinary makes an object says that
// the create may have taken effect, not only that it was cancelled. The next
// apply finds the object, which is not in the state, and says that an
// interrupted apply may have made it and how to import it; after the import
// the plan is empty.
func TestAccInterruptedCreate(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	const preset = `
resource "cloudinary_upload_preset" "web" {
  name = "web"
  tags = ["x"]
}
`
	cli := newTerraformCLI(t, "1.5.0", map[string]string{"main.tf": requiredProviders + env.providerBlock() + preset})
	// Cloudinary makes the preset at once but holds its answer back.
	env.emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/upload_presets", Times: 1, Delay: time.Minute, AfterHandling: true})
	ctx, interrupt := context.WithCancel(bg) // terraform-exec sends SIGINT on cancel
	defer interrupt()
	go func() {
		for ctx.Err() == nil {
			if made, _ := existsAfter(env.client.GetUploadPreset(bg, "web")); made {
				interrupt()
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	var output strings.Builder
	cli.tf.SetStderr(&output)
	if err := cli.tf.Apply(ctx, cli.reattach); err == nil {
		t.Fatal("the interrupted apply succeeded")
	}
	if !regexp.MustCompile(`(?s)Cannot create upload preset.*may have taken effect`).MatchString(output.String()) {
		t.Fatalf("the interrupted create does not say that it may have taken effect:\n%s", output.String())
	}

	output.Reset()
	if err := cli.tf.Apply(bg, cli.reattach); err == nil {
		t.Fatal("the next apply took over the preset the interrupted one made")
	}
	if !regexp.MustCompile(`(?s)Upload preset "web" already exists.*not in this\s+Terraform\s+state.*interrupted.*import`).MatchString(output.String()) {
		t.Fatalf("the next apply does not say how to import:\n%s", output.String())
	}
	must(t, cli.tf.Import(bg, "cloudinary_upload_preset.web", "web", cli.reattach))
	if changes, err := cli.tf.Plan(bg, cli.reattach); err != nil || changes {
		t.Fatalf("after the import: changes %v, err %v", changes, err)
	}
}
