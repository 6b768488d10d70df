package provider

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// The documented examples (examples/, rendered into docs/ by make docs) are
// applied against the emulator, so that none can break unnoticed. The demo,
// the adoption example and the for_each import example have tests of their
// own (scripts/demo.sh, TestAccAdoptAccount, TestAccAdoptWithForEach).
var examplesDir = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		panic(err)
	}
	return dir
}()

// exampleStages apply the resource examples in the order a reader would:
// presets name metadata fields whose values they check at plan time, and
// assets name a preset and metadata fields, by their names rather than by
// reference. Every other resource example applies in the first stage.
var exampleStages = map[string]int{"cloudinary_upload_preset": 1, "cloudinary_asset": 2}

// exampleFixtures are files that examples read from their own directory.
var exampleFixtures = map[string]string{"logo.png": filepath.Join(examplesDir, "demo", "logo.png")}

// Every resource and data source example applies, each stage followed by an
// empty plan, with the provider configured as examples/provider shows (its
// blocks pointed at the emulator by an override file); then the import
// examples (string IDs, `terraform import` commands, identities) adopt what
// the resource examples made, and the list examples run `terraform query`.
func TestAccExamples(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, HTTPClient: offlineWeb(t)})
	base := exampleProviderFiles(t, env)

	cli := newTerraformCLI(t, "1.5.0", base)
	for name, source := range exampleFixtures {
		writeFile(t, filepath.Join(cli.dir, name), []byte(readFile(t, source)))
	}
	// The provider runs in this process: relative paths (path.module is ".")
	// must resolve in the configuration's directory, as they do for a
	// provider that terraform starts there. No other test runs meanwhile.
	t.Chdir(cli.dir)
	stages := resourceExampleStages(t)
	for i, stage := range stages {
		for _, file := range stage {
			writeFile(t, filepath.Join(cli.dir, exampleFileName(file)), []byte(exampleForCLI(t, readFile(t, file))))
		}
		cli.applyThenPlanEmpty(t, fmt.Sprintf("resource examples, stage %d", i+1))
	}
	files := exampleFiles(t, "data-sources", "data-source.tf")
	if functionsSince.met(t) {
		files = append(files, exampleFiles(t, "functions", "function.tf")...)
	}
	for _, file := range files {
		writeFile(t, filepath.Join(cli.dir, exampleFileName(file)), []byte(readFile(t, file)))
	}
	cli.applyThenPlanEmpty(t, "data source and function examples")

	// One named transformation that the import examples name exists only in
	// the account, as it would for a reader adopting it.
	must(t, env.client.CreateNamedTransformation(bg, "avatar", "c_thumb,g_face,w_96,h_96", nil))
	ids := exampleObjectIDs(t, env)

	t.Run("import blocks with string IDs", func(t *testing.T) {
		imports := joinedExamples(t, "import-by-string-id.tf", ids)
		adopting := newTerraformCLI(t, "1.5.0", withFile(base, "imports.tf", imports))
		generated := adopting.planGeneratingConfig(t, "generated.tf")
		adopting.applyPureImports(t, countImports(imports))

		t.Run("terraform import commands", func(t *testing.T) {
			importing := newTerraformCLI(t, "1.5.0", withFile(base, "generated.tf", generated))
			commands := exampleImportCommands(t, ids)
			for _, c := range commands {
				must(t, importing.tf.Import(bg, c.address, c.id, importing.reattach))
			}
			importing.expectEmptyPlan(t, "after the terraform import commands")
		})
	})
	t.Run("import blocks with identities", func(t *testing.T) {
		imports := joinedExamples(t, "import-by-identity.tf", ids)
		adopting := newTerraformCLI(t, "1.12.0", withFile(base, "imports.tf", imports))
		adopting.planGeneratingConfig(t, "generated.tf")
		adopting.applyPureImports(t, countImports(imports))
	})
	t.Run("ephemeral resources", func(t *testing.T) {
		skipOnOpenTofu(t, "ephemeral resources of this provider's tests")
		var ephemerals strings.Builder
		for _, file := range exampleFiles(t, "ephemeral-resources", "ephemeral-resource.tf") {
			ephemerals.WriteString(readFile(t, file) + "\n")
		}
		opening := newTerraformCLI(t, "1.10.0", withFile(base, "ephemeral.tf", ephemerals.String()))
		opening.expectEmptyPlan(t, "opening the ephemeral resources")
	})
	t.Run("list blocks", func(t *testing.T) {
		skipOnOpenTofu(t, "`query`")
		var lists strings.Builder
		for _, file := range exampleFiles(t, "list-resources", "list-resource.tfquery.hcl") {
			lists.WriteString(readFile(t, file) + "\n")
		}
		querying := newTerraformCLI(t, "1.14.0", withFile(base, "examples.tfquery.hcl", lists.String()))
		querying.queryGeneratingConfig(t, "found.tf")
	})
}

// exampleForCLI is an example as the CLI of the tests can apply it: on one
// older than write-only attributes, without the blocks that set one.
func exampleForCLI(t *testing.T, hcl string) string {
	t.Helper()
	if writeOnlySince.met(t) {
		return hcl
	}
	return withoutWriteOnlyBlocks(hcl)
}

// withoutWriteOnlyBlocks leaves out of an example the blocks that set a
// write-only attribute (named *_wo), each with the comment above it:
// examples separate blocks with blank lines.
func withoutWriteOnlyBlocks(hcl string) string {
	setsWriteOnly := regexp.MustCompile(`(?m)^\s+\w+_wo\s*=`)
	var kept []string
	for _, block := range strings.Split(hcl, "\n\n") {
		if !setsWriteOnly.MatchString(block) {
			kept = append(kept, block)
		}
	}
	return strings.Join(kept, "\n\n")
}

func TestUnitExamplesWithoutWriteOnlyBlocks(t *testing.T) {
	example := readFile(t, filepath.Join(examplesDir, "resources", "cloudinary_asset", "resource.tf"))
	got := withoutWriteOnlyBlocks(example)
	if strings.Contains(got, "_wo") || strings.Contains(got, "content_version") || strings.Contains(got, "write-only") {
		t.Errorf("write-only block left in:\n%s", got)
	}
	blocks := regexp.MustCompile(`(?m)^resource "cloudinary_asset"`)
	if want := len(blocks.FindAllString(example, -1)) - 1; len(blocks.FindAllString(got, -1)) != want {
		t.Errorf("want the %d other asset examples kept:\n%s", want, got)
	}
}

// exampleProviderFiles configure the provider as examples/provider/provider.tf
// does, with an override file that points each of its provider blocks at the
// emulator (and the value of its variable in the environment).
func exampleProviderFiles(t *testing.T, env *testEnv) map[string]string {
	t.Helper()
	t.Setenv("TF_VAR_cloudinary_api_secret", env.emu.APISecret())
	example := readFile(t, filepath.Join(examplesDir, "provider", "provider.tf"))
	var override strings.Builder
	for _, alias := range providerAliases(example) {
		block := env.providerBlockWithAccount()
		if alias != "" {
			block = strings.Replace(block, "{\n", fmt.Sprintf("{\n  alias = %q\n", alias), 1)
		}
		override.WriteString(block)
	}
	return map[string]string{"provider.tf": example, "emulator_override.tf": override.String()}
}

// providerAliases lists the aliases of a configuration's cloudinary provider
// blocks ("" for the default one).
func providerAliases(hcl string) []string {
	var aliases []string
	inBlock := false
	for _, line := range strings.Split(hcl, "\n") {
		switch {
		case strings.HasPrefix(line, `provider "cloudinary" {}`):
			aliases = append(aliases, "")
		case strings.HasPrefix(line, `provider "cloudinary" {`):
			inBlock = true
			aliases = append(aliases, "")
		case inBlock && strings.HasPrefix(line, "}"):
			inBlock = false
		case inBlock:
			if m := regexp.MustCompile(`^\s*alias\s*=\s*"([^"]+)"`).FindStringSubmatch(line); m != nil {
				aliases[len(aliases)-1] = m[1]
			}
		}
	}
	return aliases
}

// resourceExampleStages groups every examples/resources/*/resource.tf by
// exampleStages.
func resourceExampleStages(t *testing.T) [][]string {
	t.Helper()
	var stages [][]string
	for _, file := range exampleFiles(t, "resources", "resource.tf") {
		stage := exampleStages[filepath.Base(filepath.Dir(file))]
		for len(stages) <= stage {
			stages = append(stages, nil)
		}
		stages[stage] = append(stages[stage], file)
	}
	return stages
}

// exampleFiles lists the files of a name in each directory of an examples
// kind, failing when a directory has none (a new example that this test would
// otherwise skip).
func exampleFiles(t *testing.T, kind, name string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(examplesDir, kind, "*"))
	must(t, err)
	if len(dirs) == 0 {
		t.Fatalf("no examples under %s", kind)
	}
	sort.Strings(dirs)
	var files []string
	for _, dir := range dirs {
		file := filepath.Join(dir, name)
		if _, err := os.Stat(file); err != nil {
			t.Fatalf("example %s has no %s", dir, name)
		}
		files = append(files, file)
	}
	return files
}

// exampleFileName names an example's copy after its directory, so that the
// examples of one kind can share a configuration.
func exampleFileName(file string) string {
	return filepath.Base(filepath.Dir(file)) + "_" + filepath.Base(file)
}

// joinedExamples joins the file of a name of every resource example, with
// the placeholder IDs that they show replaced by the account's (see
// exampleObjectIDs).
func joinedExamples(t *testing.T, name string, ids map[string]string) string {
	t.Helper()
	var out strings.Builder
	for _, file := range exampleFiles(t, "resources", name) {
		out.WriteString(withAccountIDs(readFile(t, file), filepath.Base(filepath.Dir(file)), ids) + "\n")
	}
	return out.String()
}

// placeholderID is how examples show an ID that Cloudinary generates (of a
// trigger, a metadata rule or a product environment, or an access key's API
// key): a reader puts their own in its place.
var placeholderID = regexp.MustCompile(`\b[0-9a-f]{32}\b|\b[0-9]{15}\b`)

// withAccountIDs replaces the placeholder IDs of a resource type's example:
// each by the ID that ids holds for it, when the example shows several (a
// membership's group and user), or else by the type's one ID.
func withAccountIDs(hcl, resourceType string, ids map[string]string) string {
	return placeholderID.ReplaceAllStringFunc(hcl, func(placeholder string) string {
		if id, ok := ids[placeholder]; ok {
			return id
		}
		if id, ok := ids[resourceType]; ok {
			return id
		}
		return placeholder
	})
}

// exampleObjectIDs are the generated IDs of the objects that the import
// examples adopt (a trigger, the one metadata rule, a product environment
// and an access key's API key), by resource type.
func exampleObjectIDs(t *testing.T, env *testEnv) map[string]string {
	t.Helper()
	triggers, err := env.client.ListTriggers(bg, "")
	must(t, err)
	rules, err := env.client.ListMetadataRules(bg)
	must(t, err)
	// The import examples adopt cloudinary_trigger.uploads, one of the
	// trigger examples.
	uploads := slices.IndexFunc(triggers, func(tr client.Trigger) bool { return tr.URI == "https://hooks.example.com/cloudinary/uploads" })
	if uploads < 0 || len(rules) != 1 {
		t.Fatalf("the examples made triggers %+v and %d metadata rules, want the uploads trigger and one rule", triggers, len(rules))
	}
	account := provisioningClient(t, env)
	staging, err := environmentNamed(account, "acme-staging")
	must(t, err)
	ci, err := accessKeyNamed(account, "acme-staging", "ci")
	must(t, err)
	ids := map[string]string{"cloudinary_trigger": triggers[uploads].ID, "cloudinary_metadata_rule": rules[0].ExternalID,
		"cloudinary_product_environment": staging.ID, "cloudinary_access_key": ci.APIKey}
	maps.Copy(ids, examplePeopleIDs(t, env))
	return ids
}

// Placeholders of the membership examples: the group's ID and the user's.
const (
	exampleMembershipGroup = "e7e8e9eaebecedeeeff0f1f2f3f4f5f6"
	exampleMembershipUser  = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
)

// examplePeopleIDs are the IDs of the user and the group that the user and
// group import examples adopt, and of the membership example's group and
// user, by placeholder.
func examplePeopleIDs(t *testing.T, env *testEnv) map[string]string {
	t.Helper()
	c := env.account
	users, err := c.ListUsers(bg, client.UserFilter{Emails: []string{"jane@example.com", "eddie@example.com"}})
	must(t, err)
	groups, err := c.ListUserGroups(bg)
	must(t, err)
	ids := map[string]string{}
	for _, u := range users {
		ids[map[string]string{"jane@example.com": "cloudinary_user", "eddie@example.com": exampleMembershipUser}[u.Email]] = u.ID
	}
	for _, g := range groups {
		ids[map[string]string{"Designers": "cloudinary_user_group", "Editors": exampleMembershipGroup}[g.Name]] = g.ID
	}
	for _, key := range []string{"cloudinary_user", exampleMembershipUser, "cloudinary_user_group", exampleMembershipGroup} {
		if ids[key] == "" {
			t.Fatalf("the examples made users %+v and groups %+v, without the one of %s", users, groups, key)
		}
	}
	return ids
}

// importCommand is one `terraform import ADDRESS ID` line of an import.sh.
type importCommand struct{ address, id string }

// exampleImportCommands reads the commands of every import.sh example.
func exampleImportCommands(t *testing.T, ids map[string]string) []importCommand {
	t.Helper()
	var commands []importCommand
	for _, file := range exampleFiles(t, "resources", "import.sh") {
		script := withAccountIDs(readFile(t, file), filepath.Base(filepath.Dir(file)), ids)
		lines := bufio.NewScanner(strings.NewReader(script))
		for lines.Scan() {
			fields := strings.Fields(lines.Text())
			if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
				continue
			}
			if len(fields) != 4 || fields[0] != "terraform" || fields[1] != "import" {
				t.Fatalf("%s: not a terraform import command: %q", file, lines.Text())
			}
			commands = append(commands, importCommand{address: fields[2], id: fields[3]})
		}
	}
	return commands
}

func countImports(hcl string) int {
	return len(regexp.MustCompile(`(?m)^import \{`).FindAllString(hcl, -1))
}

func withFile(files map[string]string, name, content string) map[string]string {
	out := map[string]string{name: content}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// applyThenPlanEmpty applies the configuration and checks that the next plan
// is empty.
func (c *terraformCLI) applyThenPlanEmpty(t *testing.T, what string) {
	t.Helper()
	var stderr bytes.Buffer
	c.tf.SetStderr(&stderr)
	defer c.tf.SetStderr(io.Discard)
	if err := c.tf.Apply(bg, c.reattach); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, stderr.String())
	}
	c.expectEmptyPlan(t, what)
}

// expectEmptyPlan fails the test when a plan would change anything.
func (c *terraformCLI) expectEmptyPlan(t *testing.T, what string) {
	t.Helper()
	planFile := filepath.Join(c.dir, "check.plan")
	changes, err := c.tf.Plan(bg, c.reattach, tfexec.Out(planFile))
	must(t, err)
	if changes {
		out, _ := c.tf.ShowPlanFileRaw(bg, planFile, c.reattach)
		t.Fatalf("%s: the plan is not empty:\n%s", what, out)
	}
}

// planGeneratingConfig runs `terraform plan -generate-config-out=file` and
// returns what it wrote.
func (c *terraformCLI) planGeneratingConfig(t *testing.T, file string) string {
	t.Helper()
	path := filepath.Join(c.dir, file)
	_, err := c.tf.Plan(bg, c.reattach, tfexec.GenerateConfigOut(path))
	must(t, err)
	return readFile(t, path)
}

// offlineWeb stands in for the web that the emulator fetches `url` sources
// from: every URL answers with the demo's logo.
func offlineWeb(t *testing.T) *http.Client {
	logo := []byte(readFile(t, filepath.Join(examplesDir, "demo", "logo.png")))
	return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"image/png"}},
			Body: io.NopCloser(bytes.NewReader(logo)), ContentLength: int64(len(logo)), Request: r}, nil
	})}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// exampleGuides are the directories of examples/guides, each applied by a
// test below.
var exampleGuides = []string{"migrating-from-another-provider", "product-environments"}

// A guide's example that no test applies fails here.
func TestUnitEveryGuideExampleIsApplied(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(examplesDir, "guides", "*"))
	must(t, err)
	var names []string
	for _, dir := range dirs {
		names = append(names, filepath.Base(dir))
	}
	sort.Strings(names)
	if fmt.Sprint(names) != fmt.Sprint(exampleGuides) {
		t.Fatalf("examples/guides holds %v; the tests apply %v", names, exampleGuides)
	}
}

// The guide to several product environments applies one module to two of
// them through provider aliases, each with its own credentials; both hold the
// same configuration, and the next plan is empty.
//
// Terraform starts a provider process per provider configuration, so each
// alias has its own client: the provider served in this test's process would
// be one process for both, so this test runs the provider's binary, as the
// demo does (dev_overrides, no init for it; `get` for the module).
func TestAccExamples_productEnvironments(t *testing.T) {
	staging := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	production := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, CloudName: "production", APIKey: "987654321098765", APISecret: "production-secret"})
	t.Setenv("TF_VAR_staging_cloudinary_url", staging.emu.CloudinaryURL(staging.url))
	t.Setenv("TF_VAR_production_cloudinary_url", production.emu.CloudinaryURL(production.url))
	tf := terraformWithProviderBinary(t, "1.5.0", exampleDirFiles(t, filepath.Join(examplesDir, "guides", "product-environments")))
	must(t, tf.Get(bg))
	must(t, tf.Apply(bg))
	changes, err := tf.Plan(bg)
	must(t, err)
	if changes {
		t.Fatal("the plan after applying two product environments is not empty")
	}
	for name, env := range map[string]*testEnv{"staging": staging, "production": production} {
		preset, err := env.client.GetUploadPreset(bg, "product_photos")
		if err != nil || preset.Settings["tags"] != "product,"+name {
			t.Errorf("%s holds preset %+v (%v)", name, preset, err)
		}
	}
}

// The provisioning example (issue: configuring a new environment in the
// same apply) creates a product environment, a key, a group and a user in
// it, and presets and a named transformation inside the new environment, in
// one apply with only the account's credentials, and then plans clean. The
// provider's binary runs it, as a reader would, with CLOUDINARY_ACCOUNT_URL
// in the environment.
func TestAccExamples_provisioning(t *testing.T) {
	env, account := newAccountTestEnv(t, emulator.Options{})
	clearCredentialEnv(t)
	t.Setenv("CLOUDINARY_ACCOUNT_URL", env.emu.AccountURL(env.url))
	tf := terraformWithProviderBinary(t, "1.5.0", exampleDirFiles(t, filepath.Join(examplesDir, "product-environments")))
	must(t, tf.Apply(bg))
	changes, err := tf.Plan(bg)
	must(t, err)
	if changes {
		t.Fatal("the plan after applying the provisioning example is not empty")
	}
	shop, err := environmentNamed(account, "acme-shop")
	must(t, err)
	keys, err := account.ListAccessKeys(bg, shop.ID)
	must(t, err)
	ci := slices.IndexFunc(keys, func(k client.AccessKey) bool { return k.Name == "ci" })
	if ci < 0 || !keys[ci].Enabled {
		t.Fatalf("acme-shop has keys %+v, without the enabled ci key", keys)
	}
	users, err := account.ListUsers(bg, client.UserFilter{Emails: []string{"dana@example.com"}})
	must(t, err)
	if len(users) != 1 || !slices.Equal(users[0].ProductEnvironmentIDs, []string{shop.ID}) {
		t.Fatalf("the account holds users %+v, want Dana in acme-shop only", users)
	}
	groups, err := account.ListUserGroups(bg)
	must(t, err)
	designers := slices.IndexFunc(groups, func(g client.UserGroup) bool { return g.Name == "Shop designers" })
	if designers < 0 {
		t.Fatalf("the account holds groups %+v, without Shop designers", groups)
	}
	members, err := account.ListGroupMembers(bg, groups[designers].ID)
	must(t, err)
	if len(members) != 1 || members[0].ID != users[0].ID {
		t.Errorf("Shop designers has members %+v, want Dana", members)
	}
	inShop, err := client.New(client.Config{CloudName: "acme-shop", APIKey: keys[ci].APIKey, APISecret: keys[ci].APISecret, BaseURL: env.client.BaseURL()})
	must(t, err)
	if _, err := inShop.GetUploadPreset(bg, "products"); err != nil {
		t.Errorf("acme-shop has no products preset: %v", err)
	}
	if _, err := inShop.GetNamedTransformation(bg, "product_card"); err != nil {
		t.Errorf("acme-shop has no product_card transformation: %v", err)
	}
	if _, err := env.client.GetUploadPreset(bg, "products"); !client.IsNotFound(err) {
		t.Errorf("the account's own environment holds the products preset, or cannot say: %v", err)
	}
}

// The guide to moving from another Cloudinary provider adopts what that
// provider made, with this provider's import IDs, as pure imports.
func TestAccExamples_migratingFromAnotherProvider(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "acme-videos", Settings: map[string]string{"asset_folder": "acme-videos"}}))
	trigger, err := env.client.CreateTrigger(bg, client.TriggerSettings{URI: "https://example.com/webhooks/uploaded", EventType: "upload"})
	must(t, err)
	_, err = env.client.CreateFolder(bg, "production/assets")
	must(t, err)
	must(t, env.client.CreateUploadMapping(bg, client.UploadMapping{Folder: "images", Template: "https://example.com/images/"}))

	imports := withAccountIDs(readFile(t, filepath.Join(examplesDir, "guides", "migrating-from-another-provider", "imports.tf")),
		"cloudinary_trigger", map[string]string{"cloudinary_trigger": trigger.ID})
	cli := newTerraformCLI(t, "1.5.0", withFile(exampleProviderFiles(t, env), "imports.tf", imports))
	cli.planGeneratingConfig(t, "generated.tf")
	cli.applyPureImports(t, countImports(imports))
}

// exampleDirFiles reads every file of an example directory, by path
// relative to it.
func exampleDirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err == nil {
			files[rel] = readFile(t, path)
		}
		return err
	})
	must(t, err)
	return files
}

// terraformWithProviderBinary is a working directory with the files, in
// which the CLI under test takes this provider from its binary, built for
// the test, through dev_overrides.
func terraformWithProviderBinary(t *testing.T, minVersion string, files map[string]string) *tfexec.Terraform {
	t.Helper()
	binary, err := cliBinary()
	must(t, err)
	dir, bin := t.TempDir(), t.TempDir()
	tf, err := tfexec.NewTerraform(dir, binary)
	must(t, err)
	skipBefore(t, tf, minVersion)
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-cloudinary"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	config := filepath.Join(bin, "terraformrc")
	writeFile(t, config, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"mediaops/cloudinary\" = %q\n  }\n  direct {}\n}\n", bin)))
	t.Setenv("TF_CLI_CONFIG_FILE", config)
	for name, content := range files {
		path := filepath.Join(dir, name)
		must(t, os.MkdirAll(filepath.Dir(path), 0o700))
		writeFile(t, path, []byte(content))
	}
	return tf
}
