package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// cloudinary_usage shows every field of the OpenAPI's usage_response
// (date_requested, impressions, seconds_delivered, all of media_limits) and
// the plan's credits, which are null on a plan without them.
func TestAccUsage_everyField(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC) }
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, Now: now})
	env.emu.SetUsage(emulator.UsageFigures{Transformations: 2500, StorageBytes: 2 << 30, BandwidthBytes: 1 << 30, Impressions: 7, SecondsDelivered: 90})
	noCredits := newTestEnvWith(t, emulator.Options{HourlyLimit: -1, Credits: -1})
	ds := "data.cloudinary_usage.now"
	limits := tfjsonpath.New("media_limits")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(`data "cloudinary_usage" "now" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("date_requested"), knownvalue.StringExact("2026-03-01T00:00:00Z")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("last_updated"), knownvalue.StringExact("2026-03-01")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("credits"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"usage": knownvalue.Float64Exact(5.5), "limit": knownvalue.Float64Exact(25), "used_percent": knownvalue.Float64Exact(22),
					})),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("impressions"), knownvalue.Float64Exact(7)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("seconds_delivered"), knownvalue.Float64Exact(90)),
					statecheck.ExpectKnownValue(ds, limits.AtMapKey("image_max_size_bytes"), knownvalue.Int64Exact(10<<20)),
					statecheck.ExpectKnownValue(ds, limits.AtMapKey("video_max_size_bytes"), knownvalue.Int64Exact(100<<20)),
					statecheck.ExpectKnownValue(ds, limits.AtMapKey("raw_max_size_bytes"), knownvalue.Int64Exact(10<<20)),
					statecheck.ExpectKnownValue(ds, limits.AtMapKey("image_max_px"), knownvalue.Int64Exact(25_000_000)),
					statecheck.ExpectKnownValue(ds, limits.AtMapKey("asset_max_total_px"), knownvalue.Int64Exact(50_000_000)),
					// url2png, webpurify and aspose: credits are not an add-on.
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("add_ons"), knownvalue.MapSizeExact(3)),
				},
			},
			{
				Config: noCredits.config(`data "cloudinary_usage" "now" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("credits"), knownvalue.Null()),
				},
			},
		},
	})
}
