package provider

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// actionsCheck skips a test of actions below Terraform 1.14 and on OpenTofu.
var actionsCheck = terraformOnly{feature: "actions", since: tfversion.Version1_14_0}

// uploadDerived uploads an image with eager transformations (a "|"-joined
// list) and tags, outside Terraform, as a site's uploads would be.
func uploadDerived(t *testing.T, c *client.Client, publicID, eager string, tags ...string) {
	t.Helper()
	src := client.Source{ContentBase64: base64.StdEncoding.EncodeToString(pngOf(t, 8, 8)), MediaType: "image/png"}
	_, err := c.Upload(bg, "image", src, client.UploadOptions{PublicID: publicID, Tags: tags, Other: map[string][]string{"eager": {eager}}})
	must(t, err)
}

// derivedOf is an asset's derived assets: transformation to ID.
func derivedOf(t *testing.T, c *client.Client, publicID string) map[string]string {
	t.Helper()
	list, err := c.ListDerivedOfAsset(bg, "image", "upload", publicID)
	must(t, err)
	out := map[string]string{}
	for _, d := range list {
		out[d.Transformation] = d.ID
	}
	return out
}

// expectDerived checks that an asset has exactly the derived assets of the
// given transformations.
func expectDerived(c *client.Client, publicID string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		list, err := c.ListDerivedOfAsset(bg, "image", "upload", publicID)
		if err != nil {
			return err
		}
		var got []string
		for _, d := range list {
			got = append(got, d.Transformation)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			return fmt.Errorf("%s has derived assets %v, want %v", publicID, got, want)
		}
		return nil
	}
}

// expectInvalidated checks that the CDN was asked to purge the delivery URL
// of each derived asset, given as transformation/public ID.
func expectInvalidated(env *testEnv, derived ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		purged := env.emu.Invalidated()
		for _, d := range derived {
			tr, publicID, _ := strings.Cut(d, "/")
			url := regexp.MustCompile("/" + regexp.QuoteMeta(tr) + `/v\d+/` + regexp.QuoteMeta(publicID) + `\.`)
			if !slices.ContainsFunc(purged, url.MatchString) {
				return fmt.Errorf("the URL of %s was not invalidated: %v", d, purged)
			}
		}
		return nil
	}
}

// actionsAfterUpdateCheck skips a test below Terraform 1.14.1: Terraform
// 1.14.0 runs after_update actions before the update (hashicorp/terraform
// issue 37930, fixed in 1.14.1), so a computed attribute that the action
// changes, such as a named transformation's used, is reported inconsistent.
var actionsAfterUpdateCheck = terraformOnly{feature: "actions", since: version.Must(version.NewVersion("1.14.1"))}

// namedTransformationWithAction is a named transformation whose updates
// trigger cloudinary_delete_derived with the given configuration.
func namedTransformationWithAction(definition, actionConfig string) string {
	return fmt.Sprintf(`
locals {
  thumb = "act_thumb"
}

action "cloudinary_delete_derived" "thumb" {
  config {
    %[2]s
  }
}

resource "cloudinary_named_transformation" "thumb" {
  name           = local.thumb
  transformation = %[1]q

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.cloudinary_delete_derived.thumb]
    }
  }
}
`, definition, actionConfig)
}

// A named transformation's update runs cloudinary_delete_derived from its
// action_trigger: the derived assets of that transformation go for the
// assets named (and their CDN copies), the originals, the other assets and
// the derived assets of other transformations stay; an unknown named
// transformation is an error that names it. One asset outside the action's
// public IDs keeps the transformation used, so that the test holds on
// Terraform 1.14.0 too (see actionsAfterUpdateCheck).
func TestAccDeleteDerivedAction_afterNamedTransformationUpdate(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	const forAssets = `transformations = [local.thumb]
    public_ids      = ["act/a", "act/b"]`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{actionsCheck},
		Steps: []resource.TestStep{
			{Config: env.config(namedTransformationWithAction("c_fill,w_10,h_10", forAssets))},
			{
				PreConfig: func() {
					uploadDerived(t, env.client, "act/a", "t_act_thumb|w_30")
					uploadDerived(t, env.client, "act/b", "t_act_thumb")
					uploadDerived(t, env.client, "act/c", "w_30")
					uploadDerived(t, env.client, "act/keep", "t_act_thumb")
				},
				Config: env.config(namedTransformationWithAction("c_fill,w_20,h_20", forAssets)),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectDerived(env.client, "act/a", "w_30"),
					expectDerived(env.client, "act/b"),
					expectDerived(env.client, "act/c", "w_30"),
					expectDerived(env.client, "act/keep", "t_act_thumb"),
					expectInvalidated(env, "t_act_thumb/act/a", "t_act_thumb/act/b"),
				),
			},
			{
				Config:      env.config(namedTransformationWithAction("c_fill,w_30,h_30", `transformations = ["ghost"]`)),
				ExpectError: regexp.MustCompile(`(?s)Named transformation not found.*"ghost"`),
			},
		},
	})
}

// Without public IDs, every derived asset of the named transformation goes
// when its definition changes.
func TestAccDeleteDerivedAction_everyDerivedAssetAfterUpdate(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{actionsAfterUpdateCheck},
		Steps: []resource.TestStep{
			{Config: env.config(namedTransformationWithAction("c_fill,w_10,h_10", "transformations = [local.thumb]"))},
			{
				PreConfig: func() {
					uploadDerived(t, env.client, "act/a", "t_act_thumb|w_30")
					uploadDerived(t, env.client, "act/b", "t_act_thumb")
				},
				Config: env.config(namedTransformationWithAction("c_fill,w_20,h_20", "transformations = [local.thumb]")),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectDerived(env.client, "act/a", "w_30"),
					expectDerived(env.client, "act/b"),
					expectInvalidated(env, "t_act_thumb/act/a", "t_act_thumb/act/b"),
				),
			},
		},
	})
}

// explicitOnPresetChange is an upload preset whose eager list, when it
// changes, runs cloudinary_explicit for the tagged assets.
func explicitOnPresetChange(eager string) string {
	return fmt.Sprintf(`
locals {
  eager = %s
}

action "cloudinary_explicit" "products" {
  config {
    tag   = "act_product"
    eager = local.eager
  }
}

resource "cloudinary_upload_preset" "products" {
  name  = "act_products"
  tags  = ["act_product"]
  eager = local.eager

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.cloudinary_explicit.products]
    }
  }
}
`, eager)
}

// A preset's changed eager list runs cloudinary_explicit for the assets
// with the preset's tag: they get the new transformation, and the one they
// had is generated again (a new derived asset).
func TestAccExplicitAction_afterPresetEagerChange(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	var before map[string]string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{actionsCheck},
		Steps: []resource.TestStep{
			{Config: env.config(explicitOnPresetChange(`["w_10"]`))},
			{
				PreConfig: func() {
					uploadDerived(t, env.client, "act/p1", "w_10", "act_product")
					uploadDerived(t, env.client, "act/other", "w_10")
					before = derivedOf(t, env.client, "act/p1")
				},
				Config: env.config(explicitOnPresetChange(`["w_10", "c_fill,h_40,w_40"]`)),
				Check: resource.ComposeAggregateTestCheckFunc(
					expectDerived(env.client, "act/p1", "w_10", "c_fill,h_40,w_40"),
					expectDerived(env.client, "act/other", "w_10"),
					func(*terraform.State) error {
						if now := derivedOf(t, env.client, "act/p1"); now["w_10"] == before["w_10"] {
							return fmt.Errorf("w_10 of act/p1 kept its ID %s: not generated again", now["w_10"])
						}
						return nil
					},
				),
			},
		},
	})
}

// invokeAction runs `terraform apply -invoke=address` (Terraform 1.14 and
// later; terraform-plugin-testing has no step for it) on a configuration,
// with the provider served by this process, and returns the CLI's output.
func invokeAction(t *testing.T, hcl, address string) (string, error) {
	t.Helper()
	return invokeActionIn(t, map[string]string{"main.tf": hcl}, address)
}

// invokeActionIn is invokeAction on a configuration of several files.
func invokeActionIn(t *testing.T, files map[string]string, address string) (string, error) {
	t.Helper()
	skipOnOpenTofu(t, "actions")
	v, err := cliVersion()
	must(t, err)
	if v.LessThan(tfversion.Version1_14_0) {
		t.Skipf("needs Terraform 1.14 or later for actions; the CLI of the tests is %s (TF_ACC_TERRAFORM_PATH selects another)", v)
	}
	binary, err := cliBinary()
	must(t, err)
	dir := t.TempDir()
	declaresSource := false
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), []byte(content))
		declaresSource = declaresSource || strings.Contains(content, "required_providers")
	}
	if !declaresSource {
		source := fmt.Sprintf("terraform {\n  required_providers {\n    cloudinary = { source = %q }\n  }\n}\n", providerAddress)
		writeFile(t, filepath.Join(dir, "versions.tf"), []byte(source))
	}
	reattach, err := json.Marshal(serveProvider(t))
	must(t, err)
	run := func(args ...string) (string, error) {
		cmd := exec.Command(binary, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(reattach), "TF_IN_AUTOMATION=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return run("apply", "-auto-approve", "-input=false", "-no-color", "-invoke="+address)
}

// Both actions run on their own with `terraform apply -invoke`, by public
// ID, and report their progress; cloudinary_explicit by public ID names a
// missing asset in its error.
func TestAccActions_invoke(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	uploadDerived(t, env.client, "inv/a", "w_10|w_20")
	config := env.config(`
action "cloudinary_delete_derived" "a" {
  config {
    public_ids = ["inv/a"]
  }
}

action "cloudinary_explicit" "a" {
  config {
    public_ids  = ["inv/a"]
    eager       = ["w_50"]
    invalidate  = false
    eager_async = true
  }
}

action "cloudinary_explicit" "missing" {
  config {
    public_ids = ["inv/ghost"]
    eager      = ["w_50"]
  }
}
`)
	out, err := invokeAction(t, config, "action.cloudinary_delete_derived.a")
	if err != nil || !strings.Contains(out, "Deleted 2 derived assets of 1 image/upload assets") {
		t.Fatalf("invoking cloudinary_delete_derived: %v\n%s", err, out)
	}
	must(t, expectDerived(env.client, "inv/a")(nil))
	must(t, expectInvalidated(env, "w_10/inv/a", "w_20/inv/a")(nil))

	purged := len(env.emu.Invalidated())
	out, err = invokeAction(t, config, "action.cloudinary_explicit.a")
	if err != nil || !strings.Contains(out, "Generated 1 eager transformations of image/upload/inv/a (1 of 1 assets)") {
		t.Fatalf("invoking cloudinary_explicit: %v\n%s", err, out)
	}
	must(t, expectDerived(env.client, "inv/a", "w_50")(nil))
	if n := len(env.emu.Invalidated()); n != purged {
		t.Errorf("invalidate = false purged %d URLs", n-purged)
	}

	out, err = invokeAction(t, config, "action.cloudinary_explicit.missing")
	if err == nil || !strings.Contains(out, "Asset not found") || !strings.Contains(out, `"inv/ghost"`) {
		t.Fatalf("invoking cloudinary_explicit for a missing asset: %v\n%s", err, out)
	}

	// Cloudinary's refusal is an error that says what was being done and
	// carries Cloudinary's message.
	env.emu.Faults().Add(emulator.Fault{Method: "DELETE", Path: "/resources/image/upload", Times: 1, Status: 403, Message: "Not allowed to delete"})
	out, err = invokeAction(t, config, "action.cloudinary_delete_derived.a")
	if err == nil || !regexp.MustCompile(`(?s)Cannot delete derived assets.*deleting derived resources of image/upload.*Not allowed to delete`).MatchString(out) {
		t.Fatalf("cloudinary_delete_derived refused: %v\n%s", err, out)
	}

	out, err = invokeAction(t, env.config(`
action "cloudinary_delete_derived" "nothing" {
  config {
    invalidate = true
  }
}
`), "action.cloudinary_delete_derived.nothing")
	if err == nil || !regexp.MustCompile(`(?s)Missing Attribute Configuration.*transformations,public_ids`).MatchString(out) {
		t.Fatalf("cloudinary_delete_derived without transformations or public IDs: %v\n%s", err, out)
	}
}

// Docs are generated from the schemas: every action and attribute must
// describe itself.
func TestUnitActionSchemasDescribeEveryAttribute(t *testing.T) {
	ctx := context.Background()
	p, ok := New("test")().(interface {
		Actions(context.Context) []func() action.Action
	})
	if !ok {
		t.Fatal("the provider has no actions")
	}
	for _, newAction := range p.Actions(ctx) {
		a := newAction()
		var meta action.MetadataResponse
		a.Metadata(ctx, action.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
		var resp action.SchemaResponse
		a.Schema(ctx, action.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() || resp.Schema.MarkdownDescription == "" {
			t.Errorf("action %s: no description, or %v", meta.TypeName, resp.Diagnostics)
		}
		for name, attr := range resp.Schema.Attributes {
			if attr.GetMarkdownDescription() == "" {
				t.Errorf("action %s.%s has no description", meta.TypeName, name)
			}
		}
	}
}

// actionExampleAssets are the assets that the action examples name, which a
// reader would have uploaded.
var actionExampleAssets = map[string][]string{
	"cloudinary_delete_derived": {"banners/spring", "banners/summer"},
	"cloudinary_explicit":       {"site/hero"},
}

// The action examples apply (the resources that trigger them), then each
// action they declare runs with `terraform apply -invoke`.
func TestAccActionExamples(t *testing.T) {
	declared := regexp.MustCompile(`(?m)^action "(\w+)" "(\w+)"`)
	for _, file := range exampleFiles(t, "actions", "action.tf") {
		t.Run(filepath.Base(filepath.Dir(file)), func(t *testing.T) {
			env := newTestEnv(t)
			env.requireEmulator(t)
			files := exampleProviderFiles(t, env)
			files["action.tf"] = readFile(t, file)
			cli := newTerraformCLI(t, "1.14.0", files)
			skipOnOpenTofu(t, "actions")
			for _, publicID := range actionExampleAssets[filepath.Base(filepath.Dir(file))] {
				uploadDerived(t, env.client, publicID, "w_10")
			}
			cli.applyThenPlanEmpty(t, "action example")
			for _, m := range declared.FindAllStringSubmatch(files["action.tf"], -1) {
				address := "action." + m[1] + "." + m[2]
				if out, err := invokeActionIn(t, files, address); err != nil {
					t.Errorf("terraform apply -invoke=%s: %v\n%s", address, err, out)
				}
			}
		})
	}
}

// With product_environment, an action works in that environment, with the
// credentials the provider finds through the Provisioning API: the
// environment's asset loses its derived assets, the provider's own
// environment's asset of the same public ID keeps them.
func TestAccActions_inProductEnvironment(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	other := newProductEnvironment(t, env, "act-env")
	uploadDerived(t, other, "shared/pic", "w_10")
	uploadDerived(t, env.client, "shared/pic", "w_10")
	out, err := invokeAction(t, env.providerBlockWithAccount()+`
action "cloudinary_delete_derived" "other" {
  config {
    product_environment = "act-env"
    public_ids          = ["shared/pic"]
  }
}
`, "action.cloudinary_delete_derived.other")
	if err != nil {
		t.Fatalf("invoking cloudinary_delete_derived in another environment: %v\n%s", err, out)
	}
	must(t, expectDerived(other, "shared/pic")(nil))
	must(t, expectDerived(env.client, "shared/pic", "w_10")(nil))

	out, err = invokeAction(t, env.providerBlockWithAccount()+`
action "cloudinary_explicit" "nowhere" {
  config {
    product_environment = "no-such-env"
    public_ids          = ["shared/pic"]
    eager               = ["w_20"]
  }
}
`, "action.cloudinary_explicit.nowhere")
	if err == nil || !regexp.MustCompile(`(?s)Unknown product environment.*no-such-env`).MatchString(out) {
		t.Fatalf("cloudinary_explicit in a missing environment: %v\n%s", err, out)
	}
}
