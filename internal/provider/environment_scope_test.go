package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// newProductEnvironment creates a product environment of the test's account
// through the Provisioning API, outside Terraform, and returns a client of
// it made with the key that its creation answered.
func newProductEnvironment(t *testing.T, env *testEnv, cloudName string) *client.Client {
	t.Helper()
	env.requireAccount(t)
	pe, err := env.account.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Test " + cloudName, CloudName: cloudName})
	must(t, err)
	if len(pe.AccessKeys) == 0 {
		t.Fatalf("product environment %s was created without a key: %+v", cloudName, pe)
	}
	key := pe.AccessKeys[0]
	c, err := client.New(client.Config{CloudName: pe.CloudName, APIKey: key.Key, APISecret: key.Secret, BaseURL: env.client.BaseURL()})
	must(t, err)
	return c
}

// productEnvironmentID is the ID of the account's environment by cloud
// name.
func productEnvironmentID(t *testing.T, env *testEnv, cloudName string) string {
	t.Helper()
	found, err := env.account.ListProductEnvironments(bg, client.ProductEnvironmentFilter{CloudNames: []string{cloudName}})
	must(t, err)
	if len(found) != 1 {
		t.Fatalf("the account lists %d environments named %s", len(found), cloudName)
	}
	return found[0].ID
}

// productEnvironmentSecret is the secret of the environment's first key.
func productEnvironmentSecret(t *testing.T, env *testEnv, cloudName string) string {
	t.Helper()
	keys, err := env.account.ListAccessKeys(bg, productEnvironmentID(t, env, cloudName))
	must(t, err)
	if len(keys) == 0 || keys[0].APISecret == "" {
		t.Fatalf("no key of %s has a secret: %+v", cloudName, keys)
	}
	return keys[0].APISecret
}

const (
	// scopedCloud is the product environment that the tests below create
	// outside Terraform and configure with an account-only provider.
	scopedCloud = "scoped-env"
	// scopedObjects is one object of each resource type in it.
	scopedObjects = `
resource "cloudinary_upload_preset" "p" {
  product_environment = "scoped-env"
  name                = "scoped"
  tags                = [%q]
}

resource "cloudinary_named_transformation" "t" {
  product_environment = "scoped-env"
  name                = "scoped"
  transformation      = %q
}

resource "cloudinary_upload_mapping" "m" {
  product_environment = "scoped-env"
  folder              = "scoped"
  template            = "https://example.com/scoped/"
}

resource "cloudinary_streaming_profile" "s" {
  product_environment = "scoped-env"
  name                = "scoped"
  representations     = [{ transformation = "w_640,h_360,c_limit,vc_h264:baseline:3.0,br_800k" }]
}

resource "cloudinary_folder" "f" {
  product_environment = "scoped-env"
  path                = "scoped/inside"
}

resource "cloudinary_trigger" "w" {
  product_environment = "scoped-env"
  uri                 = "https://hooks.example.com/scoped"
  event_type          = "upload"
}

resource "cloudinary_metadata_field" "k" {
  product_environment = "scoped-env"
  external_id         = "scoped_kind"
  type                = "enum"
  label               = "Kind"
  datasource          = [{ external_id = "a", value = "Alpha" }, { external_id = "b", value = "Beta" }]
}

resource "cloudinary_metadata_rule" "r" {
  product_environment = "scoped-env"
  metadata_field_id   = cloudinary_metadata_field.k.external_id
  name                = "scoped"
  condition           = jsonencode({ metadata_field_id = cloudinary_metadata_field.k.external_id, populated = true })
  result              = { activate_values = { all = true } }
}

resource "cloudinary_asset" "a" {
  product_environment = "scoped-env"
  content_base64      = base64encode("scoped")
  public_id           = "scoped.txt"
  resource_type       = "raw"
  metadata            = { (cloudinary_metadata_field.k.external_id) = "a" }
}

data "cloudinary_upload_preset" "p" {
  product_environment = "scoped-env"
  name                = cloudinary_upload_preset.p.name
}
`
)

// scopedPreset is one preset in the scoped environment.
const scopedPreset = `
resource "cloudinary_upload_preset" "p" {
  product_environment = "scoped-env"
  name                = "scoped"
}
`

func scopedConfig(env *testEnv, tag, transformation string) string {
	return env.accountProviderBlock() + fmt.Sprintf(scopedObjects, tag, transformation)
}

// A provider with only the account's credentials manages one object of each
// resource type inside a product environment made outside Terraform: it
// creates, updates, imports (string IDs with ?product_environment=) and
// plans clean, all through the credentials that the
// Provisioning API gives, and none of them in the state. The objects are in
// that environment.
func TestAccProductEnvironment_everyResourceType(t *testing.T) {
	env := newTestEnv(t)
	scoped := newProductEnvironment(t, env, scopedCloud)
	var secret string
	state := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("cloudinary_upload_preset.p", tfjsonpath.New("product_environment"), knownvalue.StringExact(scopedCloud)),
		statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("v1")})),
	}
	inScopedEnvironment := func(*terraform.State) error {
		if _, err := scoped.GetUploadPreset(bg, "scoped"); err != nil {
			return fmt.Errorf("the preset is not in %s: %w", scopedCloud, err)
		}
		if _, err := env.client.GetUploadPreset(bg, "scoped"); !client.IsNotFound(err) {
			return fmt.Errorf("the preset is in the provider's own environment too (%w)", err)
		}
		secret = productEnvironmentSecret(t, env, scopedCloud)
		return nil
	}
	importStep := func(address, id string, ignore ...string) resource.TestStep {
		return resource.TestStep{ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateId: id, ImportStateVerifyIgnore: ignore}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: scopedConfig(env, "v1", "w_100"), ConfigStateChecks: state, Check: inScopedEnvironment},
			{Config: scopedConfig(env, "v2", "w_200"), Check: func(s *terraform.State) error {
				got, err := scoped.GetNamedTransformation(bg, "scoped")
				if err != nil || got.Definition != "w_200" {
					return fmt.Errorf("the transformation was not updated in %s: %+v, %w", scopedCloud, got, err)
				}
				return noValueHolds(s, secret)
			}, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("cloudinary_upload_preset.p", plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction("cloudinary_named_transformation.t", plancheck.ResourceActionUpdate),
			}}},
			importStep("cloudinary_upload_preset.p", "scoped?product_environment="+scopedCloud),
			importStep("cloudinary_named_transformation.t", "t_scoped?product_environment="+scopedCloud),
			importStep("cloudinary_upload_mapping.m", "scoped?product_environment="+scopedCloud),
			importStep("cloudinary_streaming_profile.s", "scoped?product_environment="+scopedCloud, "representations"),
			importStep("cloudinary_folder.f", "scoped/inside?product_environment="+scopedCloud),
			importStep("cloudinary_metadata_field.k", "scoped_kind?product_environment="+scopedCloud),
			importStep("cloudinary_asset.a", "raw/upload/scoped.txt?product_environment="+scopedCloud, "content_base64", "source_hash", "url"),
			importByStateID("cloudinary_trigger.w"),
			importByStateID("cloudinary_metadata_rule.r"),
			{Config: scopedConfig(env, "v2", "w_200"), PlanOnly: true},
		},
	})
}

// Identities name the product environment, and an import block with an
// identity imports into it (Terraform 1.12 and later).
func TestAccProductEnvironment_identity(t *testing.T) {
	env := newTestEnv(t)
	newProductEnvironment(t, env, scopedCloud)
	steps := []resource.TestStep{{
		Config: scopedConfig(env, "v1", "w_100"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectIdentity("cloudinary_upload_preset.p", map[string]knownvalue.Check{
				"name": knownvalue.StringExact("scoped"), "product_environment": knownvalue.StringExact(scopedCloud)}),
			statecheck.ExpectIdentity("cloudinary_asset.a", map[string]knownvalue.Check{
				"resource_type": knownvalue.StringExact("raw"), "type": knownvalue.StringExact("upload"),
				"public_id": knownvalue.StringExact("scoped.txt"), "product_environment": knownvalue.StringExact(scopedCloud)}),
		},
	}}
	for _, addr := range []string{"cloudinary_upload_preset.p", "cloudinary_named_transformation.t", "cloudinary_trigger.w", "cloudinary_metadata_rule.r"} {
		steps = append(steps, resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity})
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// importByStateID imports a resource whose ID Cloudinary chose, in the
// scoped environment.
func importByStateID(address string) resource.TestStep {
	return resource.TestStep{ResourceName: address, ImportState: true, ImportStateVerify: true,
		ImportStateIdFunc: func(s *terraform.State) (string, error) {
			return s.RootModule().Resources[address].Primary.ID + importQuery + scopedCloud, nil
		}}
}

// Plan-time checks run against the object's product environment: a
// metadata value is checked against the fields of the environment that
// holds the preset, not the provider's own; an environment that does not
// exist yet (this apply may create it) skips them.
func TestAccProductEnvironment_planTimeChecks(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	scoped := newProductEnvironment(t, env, scopedCloud)
	_, err := scoped.CreateMetadataField(bg, client.MetadataFieldInput{ExternalID: "scoped_kind", Type: "enum", Label: "Kind",
		Datasource: &client.Datasource{Values: []client.DatasourceEntry{{ExternalID: "a", Value: "Alpha"}}}})
	must(t, err)
	preset := func(environment, value string) string {
		return env.providerBlockWithAccount() + fmt.Sprintf(`
resource "cloudinary_upload_preset" "p" {
  product_environment = %q
  name                = "checked"
  metadata            = { scoped_kind = %q }
}
`, environment, value)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: preset(scopedCloud, "zzz"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid metadata value.*"zzz" is not the external ID of an entry`)},
			{Config: preset(scopedCloud, "a"), PlanOnly: true, ExpectNonEmptyPlan: true},
			// The provider's own environment has no such field: the check
			// there would refuse the value.
			{Config: strings.Replace(preset(scopedCloud, "a"), `product_environment = "scoped-env"`, "", 1), PlanOnly: true,
				ExpectError: regexp.MustCompile(`Unknown metadata field`)},
			{Config: preset("not-yet", "zzz"), PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
}

// noValueHolds fails when any attribute of the state holds the secret.
func noValueHolds(s *terraform.State, secret string) error {
	if secret == "" {
		return fmt.Errorf("no secret to look for")
	}
	for address, rs := range s.RootModule().Resources {
		for k, v := range rs.Primary.Attributes {
			if strings.Contains(v, secret) {
				return fmt.Errorf("%s.%s holds the product environment's secret", address, k)
			}
		}
	}
	return nil
}

// One run looks an environment's credentials up once, whatever the number
// of objects in it: the credentials check's listing of environments finds
// it, then one listing of its keys; with the check skipped, one lookup by
// cloud name replaces the check's listing.
func TestAccProductEnvironment_credentialsOncePerRun(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	newProductEnvironment(t, env, scopedCloud)
	const (
		environments = "GET /provisioning/accounts/{account_id}/sub_accounts"
		keys         = "GET /provisioning/accounts/{account_id}/sub_accounts/{sub_account_id}/access_keys"
	)
	var before map[string]int
	count := func() { before = env.emu.Counters().Snapshot() }
	oncePerRun := func(*terraform.State) error {
		after := env.emu.Counters().Snapshot()
		listings, keyListings := after[environments]-before[environments], after[keys]-before[keys]
		if listings == 0 || keyListings != listings {
			return fmt.Errorf("%d listings of environments and %d of keys: want one of each per run (%v)", listings, keyListings, after)
		}
		return nil
	}
	config := scopedConfig(env, "v1", "w_100")
	skipping := strings.Replace(config, "provider \"cloudinary\" {\n", "provider \"cloudinary\" {\n  skip_credentials_check = true\n", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, PreConfig: count, Check: oncePerRun},
			{Config: config, PreConfig: count, PlanOnly: true},
			{Config: skipping, PreConfig: count, Check: oncePerRun},
		},
	})
}

// The provider skips a disabled key, and says so when no key is left.
func TestAccProductEnvironment_disabledKeySkipped(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	newProductEnvironment(t, env, scopedCloud)
	id := productEnvironmentID(t, env, scopedCloud)
	second, err := env.account.CreateAccessKey(bg, id, client.AccessKeyParams{Name: "second"})
	must(t, err)
	keys, err := env.account.ListAccessKeys(bg, id)
	must(t, err)
	root := keys[slices.IndexFunc(keys, func(k client.AccessKey) bool { return k.Root })]
	enable := func(key client.AccessKey, on bool) {
		_, err := env.account.UpdateAccessKey(bg, id, key.APIKey, client.AccessKeyParams{Enabled: &on})
		must(t, err)
	}
	// The preset is read back with the key that stays enabled.
	scoped, err := client.New(client.Config{CloudName: scopedCloud, APIKey: second.APIKey, APISecret: second.APISecret, BaseURL: env.client.BaseURL()})
	must(t, err)
	config := env.accountProviderBlock() + scopedPreset
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// The root key, which the provider prefers, is disabled: the other
			// one serves.
			{Config: config, PreConfig: func() { enable(root, false) }, Check: func(*terraform.State) error {
				_, err := scoped.GetUploadPreset(bg, "scoped")
				return err
			}},
			{Config: config, PreConfig: func() { enable(second, false) }, PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)No usable access key.*"scoped-env" has no enabled access key`)},
			// A key again, for the destroy.
			{Config: config, PreConfig: func() { enable(second, true) }},
		},
	})
}

// An environment that the account does not have fails the plan, on
// product_environment, naming it.
func TestAccProductEnvironment_unknownEnvironment(t *testing.T) {
	env := newTestEnv(t)
	env.requireAccount(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.accountProviderBlock() + `
data "cloudinary_upload_preset" "p" {
  product_environment = "no-such-env"
  name                = "scoped"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Unknown product environment.*product_environment = "no-such-env".*has no product environment`),
		}},
	})
}

// Without account credentials, product_environment fails with advice.
func TestAccProductEnvironment_needsAccountCredentials(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "cloudinary_usage" "u" {
  product_environment = "scoped-env"
}
`),
			ExpectError: regexp.MustCompile(`(?s)Account credentials are not configured.*account_url`),
		}},
	})
}

// List blocks list the objects of another product environment, whose
// identities name it, and whose results import into it.
func TestAccProductEnvironment_list(t *testing.T) {
	env := newTestEnv(t)
	scoped := newProductEnvironment(t, env, scopedCloud)
	must(t, scoped.CreateUploadPreset(bg, client.UploadPreset{Name: "listed", Settings: map[string]string{"folder": "listed"}}))
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "own", Settings: map[string]string{"folder": "own"}}))
	inScoped := identity("name", "listed", productEnvironmentAttribute, scopedCloud)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{listResourcesCheck},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.accountProviderBlock()},
			{Query: true, Config: `
list "cloudinary_upload_preset" "scoped" {
  provider         = cloudinary
  include_resource = true
  config {
    product_environment = "scoped-env"
  }
}
`, QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("cloudinary_upload_preset.scoped", 1),
				querycheck.ExpectIdentity("cloudinary_upload_preset.scoped", inScoped),
				querycheck.ExpectResourceKnownValues("cloudinary_upload_preset.scoped", queryfilter.ByResourceIdentity(inScoped),
					[]querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("folder"), KnownValue: knownvalue.StringExact("listed")},
						{Path: tfjsonpath.New(productEnvironmentAttribute), KnownValue: knownvalue.StringExact(scopedCloud)},
					}),
			}},
		},
	})
}

// An object whose product environment was deleted outside Terraform went
// with it: the refresh drops it, and the plan creates it again.
func TestAccProductEnvironment_environmentDeleted(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	newProductEnvironment(t, env, scopedCloud)
	config := env.accountProviderBlock() + scopedPreset
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, PreConfig: func() { must(t, env.account.DeleteProductEnvironment(bg, productEnvironmentID(t, env, scopedCloud))) },
				PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
}

// Plan-time checks look an environment that does not exist up once per run;
// an object's own calls look it up until it exists (the apply may create
// it), then never again: one keys listing serves the run.
func TestAccProductEnvironment_lookupsPerRun(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	root := newProviderData(env.client, true)
	root.accountClient = env.account
	root.environments = &environments{account: env.account, settings: client.Config{BaseURL: env.client.BaseURL()}, byName: map[string]*environment{}}
	cloud := types.StringValue(scopedCloud)
	calls := func(route string) int {
		return env.emu.Counters().Route("GET /provisioning/accounts/{account_id}/" + route)
	}
	var diags diag.Diagnostics
	for range 3 {
		if root.checkedIn(bg, cloud, &diags) != nil || diags.HasError() {
			t.Fatalf("checks of an environment that does not exist yet did not skip: %v", diags)
		}
	}
	if n := calls("sub_accounts"); n != 1 {
		t.Fatalf("%d lookups for the checks of one missing environment, want 1", n)
	}
	if root.in(bg, cloud, &diags) != nil || !diags.HasError() {
		t.Fatal("an object in an environment that does not exist did not fail")
	}
	newProductEnvironment(t, env, scopedCloud)
	diags = nil
	for range 3 {
		if data := root.in(bg, cloud, &diags); data == nil || data.client.CloudName() != scopedCloud {
			t.Fatalf("no data for the environment now that it exists: %v", diags)
		}
	}
	if lookups, keys := calls("sub_accounts"), calls("sub_accounts/{sub_account_id}/access_keys"); lookups != 3 || keys != 1 {
		t.Fatalf("%d lookups and %d keys listings; want 3 (checks, the failed object, the found one) and 1", lookups, keys)
	}
}

// The provider acts in an environment with the key least likely to go away
// in the run: the root key, else the oldest, whatever the listing's order.
func TestUnitSteadierKeyPrefersRootThenOldest(t *testing.T) {
	older := client.AccessKey{APIKey: "900000000000001", CreatedAt: "2026-01-01T00:00:00Z"}
	newer := client.AccessKey{APIKey: "100000000000002", CreatedAt: "2026-06-01T00:00:00Z"}
	root := client.AccessKey{APIKey: "500000000000003", CreatedAt: "2026-09-01T00:00:00Z", Root: true}
	for _, keys := range [][]client.AccessKey{{newer, older, root}, {root, newer, older}} {
		if got := slices.MinFunc(keys, steadierKey); got.APIKey != root.APIKey {
			t.Errorf("from %v the provider takes %v, want the root key", keys, got)
		}
	}
	if got := slices.MinFunc([]client.AccessKey{newer, older}, steadierKey); got.APIKey != older.APIKey {
		t.Errorf("without a root key the provider takes %v, want the oldest", got)
	}
}
