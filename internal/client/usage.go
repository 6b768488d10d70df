package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Quota is one measured quantity of the usage report.
type Quota struct {
	Usage       float64 `json:"usage"`
	Limit       float64 `json:"limit"`
	UsedPercent float64 `json:"used_percent"`
}

// Usage is the account usage report (the OpenAPI's usage_response). AddOns
// holds every other quota in the report (add-ons such as webpurify), by name.
type Usage struct {
	Plan        string `json:"plan"`
	LastUpdated string `json:"last_updated"`
	// DateRequested is the day the figures were asked for.
	DateRequested   string `json:"date_requested"`
	Transformations Quota  `json:"transformations"`
	Objects         Quota  `json:"objects"`
	Bandwidth       Quota  `json:"bandwidth"`
	Storage         Quota  `json:"storage"`
	// Credits are the plan's credits, which plans with credits measure
	// transformations, storage and bandwidth in (cloudinary-go UsageResult);
	// nil on a plan without.
	Credits          *Quota  `json:"credits"`
	Impressions      Measure `json:"impressions"`
	SecondsDelivered Measure `json:"seconds_delivered"`
	Requests         float64 `json:"requests"`
	Resources        float64 `json:"resources"`
	DerivedResources float64 `json:"derived_resources"`
	// MediaLimits are the largest files the account takes.
	MediaLimits MediaLimits `json:"media_limits"`
	AddOns      map[string]Quota
}

// Measure is a measured quantity of the usage report that has no limit.
type Measure struct {
	Usage float64 `json:"usage"`
}

// MediaLimits are the largest uploads an account takes, in bytes by resource
// type, and its largest images in pixels (the usage report's media_limits,
// OpenAPI usage_response); zero where the report gives none.
type MediaLimits struct {
	ImageMaxSizeBytes int64 `json:"image_max_size_bytes"`
	VideoMaxSizeBytes int64 `json:"video_max_size_bytes"`
	RawMaxSizeBytes   int64 `json:"raw_max_size_bytes"`
	// ImageMaxPixels bounds one image; AssetMaxTotalPixels all the frames
	// of an asset together.
	ImageMaxPixels      int64 `json:"image_max_px"`
	AssetMaxTotalPixels int64 `json:"asset_max_total_px"`
}

var coreUsageKeys = map[string]bool{
	"plan": true, "last_updated": true, "date_requested": true, "transformations": true, "objects": true, "bandwidth": true,
	"storage": true, "credits": true, "impressions": true, "seconds_delivered": true, "requests": true, "resources": true,
	"derived_resources": true, "media_limits": true,
}

// GetUsage reads the usage report.
func (c *Client) GetUsage(ctx context.Context) (*Usage, error) {
	var body json.RawMessage
	if err := c.admin(ctx, http.MethodGet, "/usage", nil, &body); err != nil {
		return nil, fmt.Errorf("reading usage: %w", err)
	}
	var u Usage
	var raw map[string]json.RawMessage
	if err := errors.Join(json.Unmarshal(body, &u), json.Unmarshal(body, &raw)); err != nil {
		return nil, fmt.Errorf("decoding usage: %w", err)
	}
	u.AddOns = map[string]Quota{}
	for key, value := range raw {
		var q struct {
			Usage *float64 `json:"usage"`
			Limit *float64 `json:"limit"`
		}
		if coreUsageKeys[key] || json.Unmarshal(value, &q) != nil || q.Usage == nil || q.Limit == nil {
			continue
		}
		quota := Quota{Usage: *q.Usage, Limit: *q.Limit}
		if quota.Limit > 0 {
			quota.UsedPercent = quota.Usage / quota.Limit * 100
		}
		u.AddOns[key] = quota
	}
	return &u, nil
}

// Ping checks that the API answers and the credentials are accepted. The
// answer must be Cloudinary's JSON ({"status":"ok"}): a page that some other
// server answers with 200 does not pass.
func (c *Client) Ping(ctx context.Context) error {
	var answer struct {
		Status string `json:"status"`
	}
	if err := c.admin(ctx, http.MethodGet, "/ping", nil, &answer); err != nil {
		return fmt.Errorf("pinging Cloudinary: %w", err)
	}
	return nil
}
