package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// An apply of 300 mixed resources, 10 at a time, against an account whose
// Admin API budget is small (100 calls, then a second until it resets,
// standing in for 500 an hour) waits for the budget to reset instead of
// failing. The budget runs out after 100 calls however slowly a loaded machine
// makes them (a clock window of a second would run out only above 100 calls a
// second).
func TestAccRateLimitedApplySlowsDown(t *testing.T) {
	if testing.Short() {
		t.Skip("applies 300 resources")
	}
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: 100, RateLimitCooldown: time.Second})
	provider := strings.Replace(env.providerBlock(), "}", "  max_retries       = 10\n  min_retry_wait_ms = 20\n}", 1)
	config := provider + `
resource "cloudinary_upload_preset" "p" {
  count = 100
  name  = "p${count.index}"
  tags  = ["bulk"]
}
resource "cloudinary_upload_mapping" "m" {
  count    = 100
  folder   = "m${count.index}"
  template = "https://cdn.example.com/${count.index}/"
}
resource "cloudinary_asset" "a" {
  count          = 100
  content_base64 = base64encode("asset ${count.index}")
  public_id      = "a${count.index}.txt"
  resource_type  = "raw"
}
`
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config}},
	})
	limited := env.emu.Counters().RateLimited()
	t.Logf("300 resources applied and destroyed in %s; %d Admin API calls, %d of them refused with 420 and retried after the reset",
		time.Since(start).Round(time.Second), env.emu.Counters().Admin(), limited)
	if limited == 0 {
		t.Fatal("the budget was never exhausted: the test did not test waiting")
	}
}
