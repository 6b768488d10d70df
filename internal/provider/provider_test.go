package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// testServer serves the provider as the released one does, with every
// answer given without the framework checked against the framework's.
var testServer = newServer(New("test")(), true)

// testAccProtoV6ProviderFactories serve the provider in-process to the
// terraform binary that terraform-plugin-testing runs.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"cloudinary": func() (tfprotov6.ProviderServer, error) { return testServer(), nil }, //nolint:unparam // the factories' signature
}

// testEnv is the Cloudinary account of one acceptance test: an emulated
// one, or a real one when realAccountVariable is "1" and CLOUDINARY_URL names
// it (emu is then nil).
type testEnv struct {
	emu    *emulator.Emulator
	url    string // http://127.0.0.1:PORT of the emulator
	client *client.Client
	// account calls the Provisioning API with the account's credentials.
	account *client.AccountClient
	// cloudinaryURL and accountURL are the real account's CLOUDINARY_URL
	// and CLOUDINARY_ACCOUNT_URL.
	cloudinaryURL, accountURL string
}

// realAccountVariable opts the acceptance tests into the account that
// CLOUDINARY_URL names. Tests that need the emulator (faults, call counters,
// its clock) are skipped there.
const realAccountVariable = "CLOUDINARY_ACC_REAL_ACCOUNT"

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	if os.Getenv(realAccountVariable) == "1" {
		return newRealAccountEnv(t)
	}
	return newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
}

func newRealAccountEnv(t *testing.T) *testEnv {
	t.Helper()
	raw := os.Getenv("CLOUDINARY_URL")
	parsed, err := client.ParseCloudinaryURL(raw)
	if err != nil {
		t.Fatalf("%s=1 needs CLOUDINARY_URL: %v", realAccountVariable, err)
	}
	c, err := client.New(client.Config{CloudName: parsed.CloudName, APIKey: parsed.APIKey, APISecret: parsed.APISecret, BaseURL: parsed.BaseURL})
	if err != nil {
		t.Fatal(err)
	}
	env := &testEnv{client: c, cloudinaryURL: raw, accountURL: os.Getenv("CLOUDINARY_ACCOUNT_URL")}
	if env.accountURL != "" {
		env.account = newAccountClient(t, env.accountURL)
	}
	return env
}

// newAccountClient calls the Provisioning API of the account that an
// account URL names.
func newAccountClient(t *testing.T, accountURL string) *client.AccountClient {
	t.Helper()
	parsed, err := client.ParseAccountURL(accountURL)
	if err != nil {
		t.Fatal(err)
	}
	account, err := client.NewAccountClient(client.AccountConfig{AccountID: parsed.AccountID, APIKey: parsed.APIKey, APISecret: parsed.APISecret, BaseURL: parsed.BaseURL})
	if err != nil {
		t.Fatal(err)
	}
	return account
}

// requireAccount skips a test that needs account credentials when the tests
// run against a real account without CLOUDINARY_ACCOUNT_URL.
func (e *testEnv) requireAccount(t *testing.T) {
	t.Helper()
	if e.account == nil {
		t.Skip("needs account credentials: set CLOUDINARY_ACCOUNT_URL")
	}
}

// requireEmulator skips a test that needs the emulator's faults, counters
// or clock when the tests run against a real account.
func (e *testEnv) requireEmulator(t *testing.T) {
	t.Helper()
	if e.emu == nil {
		t.Skip("needs the emulator: runs only without " + realAccountVariable)
	}
}

// expectNoAPICalls fails the test if any call reached the emulator (bad
// input must be refused at plan time). Against a real account there is no
// counter to ask, and the emulator's run of the same test answers.
func (e *testEnv) expectNoAPICalls(t *testing.T) {
	t.Helper()
	if e.emu == nil {
		return
	}
	if n := e.emu.Counters().Admin() + e.emu.Counters().Upload(); n != 0 {
		t.Fatalf("bad input reached the API: %v", e.emu.Counters().Snapshot())
	}
}

// readCalls is how many Admin API calls reached the emulator other than
// the one ping per Terraform command with which the provider checks its
// credentials: the calls that reading resources cost.
func (e *testEnv) readCalls() int {
	return e.emu.Counters().Admin() - e.emu.Counters().Route("GET /ping")
}

// newTestEnvWith starts an emulator with the given options; such a test
// needs the emulator and is skipped against a real account.
func newTestEnvWith(t *testing.T, opts emulator.Options) *testEnv {
	t.Helper()
	if os.Getenv(realAccountVariable) == "1" {
		t.Skip("needs the emulator: runs only without " + realAccountVariable)
	}
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{CloudName: emu.CloudName(), APIKey: emu.APIKey(), APISecret: emu.APISecret(), BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	env := &testEnv{emu: emu, url: srv.URL, client: c, accountURL: emu.AccountURL(srv.URL)}
	env.account = newAccountClient(t, env.accountURL)
	return env
}

// providerBlock configures the provider for the account in HCL.
func (e *testEnv) providerBlock() string {
	if e.emu == nil {
		return fmt.Sprintf("\nprovider \"cloudinary\" {\n  cloudinary_url = %q\n}\n", e.cloudinaryURL)
	}
	return fmt.Sprintf(`
provider "cloudinary" {
  cloud_name   = %q
  api_key      = %q
  api_secret   = %q
  api_base_url = "%s/v1_1"
}
`, e.emu.CloudName(), e.emu.APIKey(), e.emu.APISecret(), e.url)
}

// providerBlockWithAccount configures the provider for the product
// environment and, with the account's credentials, for the Provisioning
// API.
func (e *testEnv) providerBlockWithAccount() string {
	block := e.providerBlock()
	return block[:strings.LastIndex(block, "}")] + fmt.Sprintf("  account_url = %q\n}\n", e.accountURL)
}

// accountProviderBlock configures the provider with the account's
// credentials only.
func (e *testEnv) accountProviderBlock() string {
	return fmt.Sprintf("\nprovider \"cloudinary\" {\n  account_url = %q\n}\n", e.accountURL)
}

// config prefixes a configuration with the provider block.
func (e *testEnv) config(hcl string) string { return e.providerBlock() + hcl }

// must fails the test on err; for PreConfig functions.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var bg = context.Background()
