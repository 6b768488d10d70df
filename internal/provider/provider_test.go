package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// testAccProtoV6ProviderFactories serve the provider in-process to the
// terraform binary that terraform-plugin-testing runs.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"cloudinary": providerserver.NewProtocol6WithError(New("test")()),
}

// testEnv is an emulated Cloudinary account for one acceptance test.
type testEnv struct {
	emu    *emulator.Emulator
	url    string // http://127.0.0.1:PORT
	client *client.Client
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
}

func newTestEnvWith(t *testing.T, opts emulator.Options) *testEnv {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{CloudName: emu.CloudName(), APIKey: emu.APIKey(), APISecret: emu.APISecret(), BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{emu: emu, url: srv.URL, client: c}
}

// providerBlock configures the provider for the emulator in HCL.
func (e *testEnv) providerBlock() string {
	return fmt.Sprintf(`
provider "cloudinary" {
  cloud_name   = %q
  api_key      = %q
  api_secret   = %q
  api_base_url = "%s/v1_1"
}
`, e.emu.CloudName(), e.emu.APIKey(), e.emu.APISecret(), e.url)
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
