package client

import (
	"context"
	"testing"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// Usage reads every field of the OpenAPI's usage_response, and credits where
// the plan has them; none of them is taken for an add-on.
func TestUsageReadsEveryField(t *testing.T) {
	c, emu := newEmulatedClient(t)
	emu.SetUsage(emulator.UsageFigures{Transformations: 1000, StorageBytes: 1 << 30, Impressions: 12, SecondsDelivered: 30})
	u, err := c.GetUsage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u.Credits == nil || u.Credits.Usage != 2 || u.Credits.Limit != 25 || u.Credits.UsedPercent != 8 {
		t.Fatalf("credits %+v", u.Credits)
	}
	if u.Impressions.Usage != 12 || u.SecondsDelivered.Usage != 30 || u.DateRequested == "" || u.LastUpdated == "" {
		t.Fatalf("usage %+v", u)
	}
	if u.MediaLimits.ImageMaxPixels != 25_000_000 || u.MediaLimits.AssetMaxTotalPixels != 50_000_000 {
		t.Fatalf("media limits %+v", u.MediaLimits)
	}
	for _, key := range []string{"credits", "impressions", "seconds_delivered"} {
		if _, ok := u.AddOns[key]; ok {
			t.Errorf("%s read as an add-on", key)
		}
	}

	c, _ = newEmulatedClientWith(t, emulator.Options{Credits: -1})
	if u, err := c.GetUsage(context.Background()); err != nil || u.Credits != nil {
		t.Fatalf("a plan without credits: %+v %v", u, err)
	}
}
