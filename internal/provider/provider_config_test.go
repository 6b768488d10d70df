package provider

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// clearCredentialEnv unsets the CLOUDINARY_* variables for one test.
func clearCredentialEnv(t *testing.T) {
	for _, kind := range []credentialKind{environmentCredentials, accountCredentials} {
		t.Setenv(kind.urlVariable, "")
		for _, names := range kind.variables {
			for _, v := range names {
				t.Setenv(v, "")
			}
		}
	}
}

const readPreset = `data "cloudinary_upload_preset" "p" { name = "probe" }`

var presetRead = []statecheck.StateCheck{
	statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("folder"), knownvalue.StringExact("probe")),
}

func TestAccProviderConfig_fromCloudinaryURL(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "probe", Settings: map[string]string{"folder": "probe"}}))
	clearCredentialEnv(t)
	t.Setenv("CLOUDINARY_URL", env.emu.CloudinaryURL(env.url))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: readPreset, ConfigStateChecks: presetRead}},
	})
}

func TestAccProviderConfig_fromSeparateVariables(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "probe", Settings: map[string]string{"folder": "probe"}}))
	clearCredentialEnv(t)
	t.Setenv("CLOUDINARY_CLOUD_NAME", env.emu.CloudName())
	t.Setenv("CLOUDINARY_API_KEY", env.emu.APIKey())
	t.Setenv("CLOUDINARY_API_SECRET", env.emu.APISecret())
	config := fmt.Sprintf("provider \"cloudinary\" {\n  api_base_url = \"%s/v1_1\"\n}\n%s", env.url, readPreset)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: presetRead}},
	})
}

func TestAccProviderConfig_errors(t *testing.T) {
	clearCredentialEnv(t)
	step := func(provider, want string) resource.TestStep {
		return resource.TestStep{Config: provider + "\n" + readPreset, ExpectError: regexp.MustCompile(want)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(``, `(?s)Missing Cloudinary credentials.*CLOUDINARY_URL`),
			step(`provider "cloudinary" { cloudinary_url = "cloudinary://key-only@demo" }`, `(?s)Invalid Cloudinary URL.*missing API secret`),
			step(`provider "cloudinary" { cloud_name = "demo" }`, `(?s)Incomplete Cloudinary credentials.*api_key and api_secret`),
			step(`provider "cloudinary" {
  cloud_name     = "demo"
  api_key        = "1"
  api_secret     = "s"
  cloudinary_url = "cloudinary://1:s@demo"
}`, `(?s)Conflicting Cloudinary credentials`),
			step(`provider "cloudinary" {
  cloudinary_url = "cloudinary://1:s@demo"
  api_base_url   = "http://api.example.com/v1_1"
}`, `(?s)Invalid API base URL.*loopback`),
		},
	})
}

// The account's credentials are checked when the provider is configured,
// with one Provisioning API call: refused ones fail the run at once, saying
// what to check; an account without the Provisioning API (403) says so.
func TestAccProviderConfig_accountCredentialsChecked(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "probe", Settings: map[string]string{"folder": "probe"}}))
	clearCredentialEnv(t)
	wrongSecret := strings.Replace(env.accountURL, ":"+env.emu.AccountAPISecret()+"@", ":wrong-secret@", 1)
	withAccount := func(accountURL string) string {
		return strings.Replace(env.providerBlockWithAccount(), env.accountURL, accountURL, 1) + readPreset
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: withAccount(wrongSecret), ExpectError: regexp.MustCompile(`(?s)Cloudinary refused the account credentials.*account_api_secret`)},
			{Config: withAccount(env.accountURL), PreConfig: func() { env.emu.SetProvisioningAccess(false) },
				ExpectError: regexp.MustCompile(`(?s)The account has no access to the Provisioning API.*Enterprise`)},
			{Config: withAccount(env.accountURL), PreConfig: func() { env.emu.SetProvisioningAccess(true) }, ConfigStateChecks: presetRead},
		},
	})
	if n := env.emu.Counters().Route("GET /provisioning/accounts/{account_id}/sub_accounts"); n == 0 {
		t.Errorf("the account credentials were not checked: %v", env.emu.Counters().Snapshot())
	}
}

// A provider with only account credentials configures, without any Admin
// API call.
func TestAccProviderConfig_accountOnly(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	clearCredentialEnv(t)
	t.Setenv("CLOUDINARY_ACCOUNT_URL", env.accountURL)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: `provider "cloudinary" {}
data "cloudinary_usage" "u" {}`, ExpectError: regexp.MustCompile(`(?s)No product environment to act in.*product_environment`)}},
	})
	if n := env.emu.Counters().Admin(); n != 0 {
		t.Errorf("an account-only provider called the Admin API: %v", env.emu.Counters().Snapshot())
	}
}

// The secret-probe test runs a full apply, import and destroy with TF_LOG at
// TRACE in a child process, then looks for the API secret in everything it
// wrote: its output, Terraform's log and the provider's log.
func TestAccSecretsNeverLogged(t *testing.T) {
	if os.Getenv("CLOUDINARY_SECRET_PROBE") != "" {
		t.Skip("inside the probe")
	}
	dir := t.TempDir()
	signatures := filepath.Join(t.TempDir(), "signatures")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAccSecretProbe$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "CLOUDINARY_SECRET_PROBE="+signatures, "TF_ACC=1", "TF_LOG=TRACE",
		"TF_ACC_LOG_PATH="+filepath.Join(dir, "terraform.log"), "TF_LOG_PATH="+filepath.Join(dir, "provider.log"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("probe failed: %v\n%s", err, tail(out.String()))
	}
	if !strings.Contains(out.String(), "--- PASS: TestAccSecretProbe") {
		t.Fatalf("the probe did not run:\n%s", tail(out.String()))
	}
	logs := out.String()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		logs += string(data)
	}
	if len(logs) < 10_000 {
		t.Fatalf("only %d bytes of logs: TRACE logging did not happen", len(logs))
	}
	secrets := []string{probeSecret}
	data, err := os.ReadFile(signatures)
	if err != nil {
		t.Fatal(err)
	}
	sigs := strings.Fields(string(data))
	if len(sigs) == 0 {
		t.Fatal("the probe made no signed call")
	}
	secrets = append(secrets, sigs...)
	for _, s := range secrets {
		if i := strings.Index(logs, s); i >= 0 {
			t.Fatalf("a secret or signature appears in the logs: ...%s...", logs[max(0, i-300):i])
		}
	}
}

const (
	probeSecret        = "pr0be-s3cret-must-not-leak"
	probeAccountSecret = "pr0be-acc0unt-s3cret-must-not-leak"
)

func TestAccSecretProbe(t *testing.T) {
	if os.Getenv("CLOUDINARY_SECRET_PROBE") == "" {
		t.Skip("run by TestAccSecretsNeverLogged")
	}
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, APISecret: probeSecret, AccountAPISecret: probeAccountSecret})
	clearCredentialEnv(t)
	t.Setenv("CLOUDINARY_URL", env.emu.CloudinaryURL(env.url))
	t.Setenv("CLOUDINARY_ACCOUNT_URL", env.accountURL)
	// A product environment made outside Terraform, whose key's secret the
	// provider finds through the Provisioning API.
	newProductEnvironment(t, env, "probe-env")
	scopedSecret := productEnvironmentSecret(t, env, "probe-env")
	config := `
resource "cloudinary_upload_preset" "p" {
  name = "probe"
  tags = ["a"]
}
resource "cloudinary_upload_preset" "in_env" {
  product_environment = "probe-env"
  name                = "probe_in_env"
  tags                = ["a"]
}
resource "cloudinary_upload_mapping" "m" {
  folder   = "probe"
  template = "https://example.com/"
}
resource "cloudinary_asset" "a" {
  content_base64 = base64encode("probe")
  public_id      = "probe.txt"
  resource_type  = "raw"
  tags           = ["x"]
}
`
	// noSecretsInState checks every attribute of every resource in state.
	noSecretsInState := func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				for _, sig := range append(env.emu.SignaturesSeen(), probeSecret, probeAccountSecret, scopedSecret) {
					if strings.Contains(v, sig) {
						return fmt.Errorf("%s.%s holds a secret or signature", addr, k)
					}
				}
			}
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: noSecretsInState},
			{Config: strings.Replace(config, `tags           = ["x"]`, `tags           = ["y"]`, 1), Check: noSecretsInState},
			{ResourceName: "cloudinary_upload_preset.p", ImportState: true, ImportStateVerify: true},
			{ResourceName: "cloudinary_upload_preset.in_env", ImportState: true, ImportStateVerify: true, ImportStateId: "probe_in_env?product_environment=probe-env"},
			{ResourceName: "cloudinary_asset.a", ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"content_base64", "source_hash", "url"}},
		},
	})
	secrets := append(env.emu.SignaturesSeen(), probeAccountSecret, scopedSecret)
	must(t, os.WriteFile(os.Getenv("CLOUDINARY_SECRET_PROBE"), []byte(strings.Join(secrets, "\n")), 0o600))
	// Errors too: a wrong secret, and an unreachable API. Credentials come
	// from the environment: the test harness itself logs configurations.
	t.Setenv("CLOUDINARY_URL", strings.Replace(env.emu.CloudinaryURL(env.url), probeSecret, probeSecret+"x", 1))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: `data "cloudinary_upload_preset" "p" { name = "x" }`, ExpectError: regexp.MustCompile(`401`)}},
	})
	t.Setenv("CLOUDINARY_URL", "cloudinary://1:"+probeSecret+"@demo?upload_prefix=http://127.0.0.1:1")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: `provider "cloudinary" { max_retries = 0 }
data "cloudinary_upload_preset" "p" { name = "x" }`, ExpectError: regexp.MustCompile(`connection refused`)}},
	})
}

func tail(s string) string {
	if len(s) > 4000 {
		return s[len(s)-4000:]
	}
	return s
}
