package emulator

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"
)

// The usage report has every field of the OpenAPI's usage_response
// (date_requested, impressions, seconds_delivered, all of media_limits) and,
// on a plan with credits ("a report on ... storage, credits, bandwidth", as
// the OpenAPI's GET /usage says), credits as cloudinary-go's UsageResult
// reads them.
func TestUsageReportHasEveryDocumentedField(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC)
	te := newTestEmulator(t, Options{Now: func() time.Time { return now }})
	te.SetUsage(UsageFigures{Transformations: 2500, StorageBytes: 2 << 30, BandwidthBytes: 1 << 30, Impressions: 7, SecondsDelivered: 90})
	r := te.admin(http.MethodGet, "/usage", nil)
	expectStatus(t, r, http.StatusOK)
	want := map[string]any{
		"last_updated":      "2026-03-01",
		"date_requested":    "2026-03-01T00:00:00Z",
		"impressions":       map[string]any{"usage": float64(7)},
		"seconds_delivered": map[string]any{"usage": float64(90)},
		"credits":           map[string]any{"usage": 5.5, "limit": float64(25), "used_percent": float64(22)},
		"media_limits": map[string]any{
			"image_max_size_bytes": float64(10 << 20), "video_max_size_bytes": float64(100 << 20), "raw_max_size_bytes": float64(10 << 20),
			"image_max_px": float64(25_000_000), "asset_max_total_px": float64(50_000_000),
		},
	}
	for key, value := range want {
		if !reflect.DeepEqual(r.body[key], value) {
			t.Errorf("%s = %#v, want %#v", key, r.body[key], value)
		}
	}
	for key, cost := range map[string]float64{"transformations": 2.5, "storage": 2, "bandwidth": 1} {
		if got := r.body[key].(map[string]any)["credits_usage"]; got != cost {
			t.Errorf("%s.credits_usage = %v, want %v", key, got, cost)
		}
	}

	for path, query := range map[string]url.Values{"/usage/15-01-2026": nil, "/usage": {"date": {"2026-01-15"}}} {
		if got := te.admin(http.MethodGet, path, query).body["date_requested"]; got != "2026-01-15T00:00:00Z" {
			t.Errorf("%s %v: date_requested %v", path, query, got)
		}
	}
	expectStatus(t, te.admin(http.MethodGet, "/usage/2026-13-45", nil), http.StatusBadRequest)
}

// A plan without credits (Options.Credits negative) reports none.
func TestUsageReportOfAPlanWithoutCredits(t *testing.T) {
	te := newTestEmulator(t, Options{Plan: "Advanced", Credits: -1})
	r := te.admin(http.MethodGet, "/usage", nil)
	if _, ok := r.body["credits"]; ok {
		t.Fatalf("a plan without credits reports credits: %s", r.raw)
	}
	if _, ok := r.body["storage"].(map[string]any)["credits_usage"]; ok {
		t.Fatalf("a plan without credits reports what storage costs in credits: %s", r.raw)
	}
}
