package provider

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// messyAccount is the account made outside Terraform that adoption starts
// from; `make adopt` seeds the same one.
const messyAccount = "testdata/messy-account.tsv"

// The list blocks and the configuration that the README's adoption uses.
const (
	adoptQueryFile  = "../../examples/adopt/adopt.tfquery.hcl"
	adoptConfigFile = "../../examples/adopt/main.tf"
)

// An account made outside Terraform is adopted whole, as the README shows:
// the list resources find everything (terraform-plugin-testing's query
// mode), `terraform query -generate-config-out` writes the configuration,
// the plan is imports only, and after the apply the plan is empty.
func TestAccAdoptAccount(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	seedAccount(t, env, messyAccount)
	listBlocks := readFile(t, adoptQueryFile)

	profiles, err := env.client.ListStreamingProfiles(bg)
	must(t, err)
	folders, err := env.client.SearchFolders(bg, "", 0)
	must(t, err)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{listResourcesCheck},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},
			{Query: true, Config: listBlocks, QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudinary_upload_preset.all", 2),
				querycheck.ExpectLength("cloudinary_upload_mapping.all", 1),
				querycheck.ExpectLength("cloudinary_named_transformation.all", 3),
				querycheck.ExpectLength("cloudinary_streaming_profile.all", len(profiles)),
				querycheck.ExpectLength("cloudinary_folder.all", len(folders)),
				querycheck.ExpectLength("cloudinary_trigger.all", 1),
				querycheck.ExpectLength("cloudinary_asset.all", 2),
				querycheck.ExpectLength("cloudinary_metadata_field.all", 3),
				querycheck.ExpectLength("cloudinary_metadata_rule.all", 1),
				querycheck.ExpectIdentity("cloudinary_upload_preset.all", identity("name", "web_uploads")),
				querycheck.ExpectIdentity("cloudinary_streaming_profile.all", identity("name", "hd")),
				querycheck.ExpectIdentity("cloudinary_folder.all", identity("path", "products/shoes/red")),
				querycheck.ExpectIdentity("cloudinary_asset.all", identity("resource_type", "raw", "type", "upload", "public_id", "docs/readme.txt")),
			}},
		},
	})

	env.emu.Counters().Reset()
	cli := newTerraformCLI(t, "1.14.0", map[string]string{
		"main.tf": readFile(t, adoptConfigFile), "adopt.tfquery.hcl": readFile(t, adoptQueryFile),
	})
	t.Setenv("CLOUDINARY_URL", env.emu.CloudinaryURL(env.url)) // the example's provider block is empty
	generated := cli.queryGeneratingConfig(t, "adopted.tf")
	if want := 2 + 1 + 3 + len(profiles) + len(folders) + 1 + 2 + 3 + 1; generated != want {
		t.Fatalf("terraform query generated %d resources, want %d", generated, want)
	}
	cli.applyPureImports(t, generated)
	if n := env.emu.Counters().Route("GET /resources/{resource_type}/{type}/{public_id...}"); n != 0 {
		t.Errorf("adopting read assets one call each (%d calls): the listing should carry them", n)
	}
}

// The account's own objects are adopted with terraform query too, as
// examples/adopt-account shows: every product environment (the account's
// own among them), the keys of one, the users, the groups and the
// memberships, as pure imports that plan empty after.
func TestAccAdoptAccountProvisioning(t *testing.T) {
	env, account := newAccountTestEnv(t, emulator.Options{})
	shop, err := account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Shop", CloudName: "acme-adopt",
		CustomAttributes: map[string]string{"team": "commerce"}})
	must(t, err)
	_, err = account.CreateAccessKey(bg, shop.ID, client.AccessKeyParams{Name: "ci"})
	must(t, err)
	dana, err := account.CreateUser(bg, client.UserParams{Name: "Dana", Email: "dana@example.com", Role: "media_library_user",
		ProductEnvironmentIDs: []string{shop.ID}})
	must(t, err)
	_, err = account.CreateUser(bg, client.UserParams{Name: "Ravi", Email: "ravi@example.com", Role: "technical_admin"})
	must(t, err)
	designers, err := account.CreateUserGroup(bg, "Designers")
	must(t, err)
	_, err = account.AddGroupMember(bg, designers.ID, dana.ID)
	must(t, err)

	cli := newTerraformCLI(t, "1.14.0", map[string]string{
		"main.tf":             readFile(t, "../../examples/adopt-account/main.tf"),
		"account.tfquery.hcl": readFile(t, "../../examples/adopt-account/account.tfquery.hcl"),
	})
	clearCredentialEnv(t) // the example's provider block is empty
	t.Setenv("CLOUDINARY_ACCOUNT_URL", env.emu.AccountURL(env.url))
	t.Setenv("TF_VAR_keys_of", "acme-adopt")
	generated := cli.queryGeneratingConfig(t, "adopted.tf")
	// Two environments (the account's own and acme-adopt), acme-adopt's
	// root and ci keys, two users, one group, one membership.
	if want := 2 + 2 + 2 + 1 + 1; generated != want {
		t.Fatalf("terraform query generated %d resources, want %d:\n%s", generated, want, readFile(t, filepath.Join(cli.dir, "adopted.tf")))
	}
	cli.applyPureImports(t, generated)
}

// Adopting with import blocks that iterate over a data source (the
// example for Terraform before 1.14) imports every named transformation
// with a plan that changes nothing, and plans empty after. It drives the
// terraform CLI itself: terraform-plugin-testing cannot check for_each
// resources.
func TestAccAdoptWithForEach(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1}) // it adopts every named transformation in the account
	seedAccount(t, env, messyAccount)
	cli := newTerraformCLI(t, "1.7.0", map[string]string{
		"main.tf":     readFile(t, "../../examples/import-for-each/named_transformations.tf"),
		"provider.tf": requiredProviders + env.providerBlock(),
	})
	cli.applyPureImports(t, 3)
	state, err := cli.tf.Show(bg, cli.reattach)
	must(t, err)
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == `cloudinary_named_transformation.adopted["card"]` {
			if got := r.AttributeValues["transformation"]; got != "c_fill,g_auto,h_300,w_400/q_auto/f_auto" {
				t.Errorf("adopted card transformation = %v", got)
			}
			return
		}
	}
	t.Fatal("the card transformation was not adopted")
}

// pureImports tells what keeps a plan from importing want resources and
// changing nothing.
func pureImports(plan *tfjson.Plan, want int) error {
	var problems []error
	if len(plan.ResourceChanges) != want {
		problems = append(problems, fmt.Errorf("the plan has %d resource changes, want %d imports", len(plan.ResourceChanges), want))
	}
	for _, change := range plan.ResourceChanges {
		if change.Change.Importing == nil || !change.Change.Actions.NoOp() {
			problems = append(problems, fmt.Errorf("%s: want a pure import, got %v (importing: %v)",
				change.Address, change.Change.Actions, change.Change.Importing != nil))
		}
	}
	return errors.Join(problems...)
}

// requiredProviders names this provider as the source of "cloudinary", with
// the full address that serveProvider registers: OpenTofu resolves a short
// "mediaops/cloudinary" on its own registry, Terraform on its own.
var requiredProviders = `
terraform {
  required_providers {
    cloudinary = { source = "` + providerAddress + `" }
  }
}
`

// providerAddress is the address under which serveProvider serves the
// provider: on the registry host where the CLI under test resolves short
// addresses, as terraform-plugin-testing does (TF_ACC_PROVIDER_HOST, which
// make testacc-tofu sets to registry.opentofu.org), so that the examples'
// short "mediaops/cloudinary" finds it on either tool.
var providerAddress = func() string {
	host := os.Getenv(resource.EnvTfAccProviderHost)
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/mediaops/cloudinary"
}()

// terraformCLI is a working directory in which the terraform CLI runs
// with this provider served in-process: for what terraform-plugin-testing
// does not run (`terraform query -generate-config-out`, for_each
// resources).
type terraformCLI struct {
	dir      string
	tf       *tfexec.Terraform
	reattach *tfexec.ReattachOption
}

// newTerraformCLI writes the files into a new directory and runs terraform
// init there. The test is skipped without TF_ACC, or when the terraform
// that terraform-plugin-testing would use (TF_ACC_TERRAFORM_PATH, else the
// PATH's) is older than minVersion.
func newTerraformCLI(t *testing.T, minVersion string, files map[string]string) *terraformCLI {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	binary, err := cliBinary()
	must(t, err)
	cli := &terraformCLI{dir: t.TempDir()}
	cli.tf, err = tfexec.NewTerraform(cli.dir, binary)
	must(t, err)
	skipBefore(t, cli.tf, minVersion)
	for name, content := range files {
		path := filepath.Join(cli.dir, name)
		must(t, os.MkdirAll(filepath.Dir(path), 0o700))
		writeFile(t, path, []byte(content))
	}
	cli.reattach = tfexec.Reattach(serveProvider(t))
	must(t, cli.tf.Init(bg, cli.reattach))
	return cli
}

// skipBefore skips the test when the CLI is older than minVersion.
func skipBefore(t *testing.T, tf *tfexec.Terraform, minVersion string) {
	t.Helper()
	v, _, err := tf.Version(bg, true)
	must(t, err)
	if v.LessThan(version.Must(version.NewVersion(minVersion))) {
		t.Skipf("needs Terraform or OpenTofu %s or later; %s is %s", minVersion, tf.ExecPath(), v)
	}
}

// queryGeneratingConfig runs `terraform query -generate-config-out=file`
// and returns how many resource blocks it wrote.
func (c *terraformCLI) queryGeneratingConfig(t *testing.T, file string) int {
	t.Helper()
	path := filepath.Join(c.dir, file)
	messages, err := c.tf.QueryJSON(bg, tfexec.GenerateConfigOut(path), c.reattach)
	must(t, err)
	for msg := range messages {
		if msg.Err != nil {
			t.Fatalf("terraform query: %v", msg.Err)
		}
	}
	return len(regexp.MustCompile(`(?m)^resource `).FindAllString(readFile(t, path), -1))
}

// applyPureImports plans, checks that the plan imports want resources and
// changes nothing, applies it, and checks that the next plan is empty.
func (c *terraformCLI) applyPureImports(t *testing.T, want int) {
	t.Helper()
	planFile := filepath.Join(c.dir, "imports.plan")
	_, err := c.tf.Plan(bg, c.reattach, tfexec.Out(planFile))
	must(t, err)
	plan, err := c.tf.ShowPlanFile(bg, planFile, c.reattach)
	must(t, err)
	if err := pureImports(plan, want); err != nil {
		t.Fatal(err)
	}
	must(t, c.tf.Apply(bg, c.reattach, tfexec.DirOrPlan(planFile)))
	next := filepath.Join(c.dir, "next.plan")
	changes, err := c.tf.Plan(bg, c.reattach, tfexec.Out(next))
	must(t, err)
	if changes {
		out, _ := c.tf.ShowPlanFileRaw(bg, next, c.reattach)
		t.Fatalf("the plan after the imports is not empty:\n%s", out)
	}
}

// serveProvider serves the provider in this process for a terraform binary
// to reattach to, until the test ends.
func serveProvider(t *testing.T) tfexec.ReattachInfo {
	t.Helper()
	address := providerAddress
	ctx, stop := context.WithCancel(context.Background())
	configs := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	go func() {
		err := tf6server.Serve(address, providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, configs, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t), tf6server.WithoutLogStderrOverride())
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	config := <-configs
	t.Cleanup(func() { stop(); <-closed })
	return tfexec.ReattachInfo{address: {
		Protocol: string(config.Protocol), ProtocolVersion: config.ProtocolVersion, Pid: config.Pid, Test: config.Test,
		Addr: tfexec.ReattachConfigAddr{Network: config.Addr.Network(), String: config.Addr.String()},
	}}
}

// seedAccount makes the objects a seed file lists, as someone else would
// have: Admin API calls form-encoded with the parameters in the file's
// order and spelling, and signed uploads.
func seedAccount(t *testing.T, env *testEnv, seedFile string) {
	t.Helper()
	for number, line := range strings.Split(readFile(t, seedFile), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		var err error
		if fields[0] == "UPLOAD" {
			err = seedUpload(env, fields[1:])
		} else {
			err = seedAdminCall(env, fields[0], fields[1], fields[2:])
		}
		if err != nil {
			t.Fatalf("%s:%d: %v", seedFile, number+1, err)
		}
	}
}

// seedAdminCall sends one Admin API call with its parameters in order, or
// with a JSON body.
func seedAdminCall(env *testEnv, method, path string, params []string) error {
	var body []string
	for _, p := range params {
		name, value, _ := strings.Cut(p, "=")
		body = append(body, url.QueryEscape(name)+"="+url.QueryEscape(value))
	}
	contentType := "application/x-www-form-urlencoded"
	if len(params) == 1 && strings.HasPrefix(params[0], "{") {
		body, contentType = params, "application/json"
	}
	req, err := http.NewRequest(method, env.url+"/v1_1/"+env.emu.CloudName()+path, strings.NewReader(strings.Join(body, "&")))
	if err != nil {
		return err
	}
	req.SetBasicAuth(env.emu.APIKey(), env.emu.APISecret())
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 { // 201 for a new trigger
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	return nil
}

// seedUpload uploads text content: resource type, public ID, content, then
// upload parameters.
func seedUpload(env *testEnv, fields []string) error {
	if len(fields) < 3 {
		return fmt.Errorf("UPLOAD needs a resource type, a public ID and content")
	}
	params := url.Values{"public_id": {fields[1]}}
	for _, p := range fields[3:] {
		name, value, _ := strings.Cut(p, "=")
		params.Set(name, value)
	}
	src := client.Source{ContentBase64: base64.StdEncoding.EncodeToString([]byte(fields[2])), MediaType: "text/plain"}
	_, err := env.client.Upload(bg, fields[0], src, client.UploadOptions{Other: params})
	return err
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	return string(data)
}

// unusualNames is an account whose public IDs and folder paths hold spaces
// and accented letters, and whose display names, tags and context hold & and #.
const unusualNames = "testdata/unusual-names.tsv"

// Assets and folders whose names hold spaces, accents, & and # are adopted
// with `terraform query -generate-config-out`: the generated `url` of an
// asset is its percent-encoded delivery URL, which the provider accepts, so
// the plan is imports only and the plan after the apply is empty.
func TestAccAdoptUnusualNames(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	seedAccount(t, env, unusualNames)
	folders, err := env.client.SearchFolders(bg, "", 0)
	must(t, err)
	skipOnOpenTofu(t, "`query`")
	cli := newTerraformCLI(t, "1.14.0", map[string]string{
		"main.tf": requiredProviders + env.providerBlock(),
		"adopt.tfquery.hcl": `
list "cloudinary_asset" "all" {
  provider         = cloudinary
  include_resource = true
}
list "cloudinary_folder" "all" {
  provider         = cloudinary
  include_resource = true
}
`,
	})
	generated := cli.queryGeneratingConfig(t, "adopted.tf")
	if want := 2 + len(folders); generated != want {
		t.Fatalf("terraform query generated %d resources, want %d", generated, want)
	}
	adopted := readFile(t, filepath.Join(cli.dir, "adopted.tf"))
	for _, want := range []string{`/docs/terms%20v2.txt"`, `/docs/caf%C3%A9%20cr%C3%A8me%20%E2%80%93%20menu.txt"`, `"Terms & Conditions #2"`, `"Dossiers été/notes v2"`} {
		if !strings.Contains(adopted, want) {
			t.Errorf("the generated configuration lacks %s:\n%s", want, adopted)
		}
	}
	cli.applyPureImports(t, generated)
}
