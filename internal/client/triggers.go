package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Trigger is a webhook notification trigger: Cloudinary calls URI on events
// of EventType.
type Trigger struct {
	ID string `json:"id"`
	// URIType is "webhook" for a URL that Cloudinary calls.
	URIType   string `json:"uri_type"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
	TriggerSettings
}

// TriggerSettings are what a create or an update of a trigger sets: the
// fields of cloudinary-go's CreateTriggerParams and UpdateTriggerParams.
type TriggerSettings struct {
	URI       string `json:"uri"`
	EventType string `json:"event_type"`
	Additive  bool   `json:"additive"`
	// Filter and PayloadTemplate are JSON objects (nil: none): which events
	// are sent, and the shape of what is sent.
	Filter          json.RawMessage `json:"filter,omitempty"`
	FilterLanguage  string          `json:"filter_language,omitempty"`
	PayloadTemplate json.RawMessage `json:"payload_template,omitempty"`
	// AuthScheme is how notifications are signed: default, legacy_hmac or
	// eddsa_v2 ("" leaves it to Cloudinary).
	AuthScheme string `json:"auth_scheme,omitempty"`
}

// ListTriggers lists the triggers, of one event type or (eventType "") all.
func (c *Client) ListTriggers(ctx context.Context, eventType string) ([]Trigger, error) {
	q := url.Values{}
	if eventType != "" {
		q.Set("event_type", eventType)
	}
	var resp struct {
		Triggers []Trigger `json:"triggers"`
	}
	if err := c.admin(ctx, http.MethodGet, "/triggers", q, &resp); err != nil {
		return nil, fmt.Errorf("listing triggers: %w", err)
	}
	return resp.Triggers, nil
}

// CreateTrigger makes Cloudinary call s.URI on events of s.EventType.
func (c *Client) CreateTrigger(ctx context.Context, s TriggerSettings) (*Trigger, error) {
	var t Trigger
	if err := c.adminJSON(ctx, http.MethodPost, "/triggers", s, &t); err != nil {
		return nil, fmt.Errorf("creating a %s trigger for %s: %w", s.EventType, s.URI, err)
	}
	return &t, nil
}

// UpdateTrigger sets a trigger's settings; a nil Filter or PayloadTemplate
// leaves the trigger's as they are. The URI goes both as new_uri (the
// OpenAPI's update_trigger_request) and as uri (cloudinary-go's
// UpdateTriggerParams, which its live TestTriggers_UpdateTrigger sends), so
// that it takes effect under either reading.
func (c *Client) UpdateTrigger(ctx context.Context, id string, s TriggerSettings) error {
	body := struct {
		TriggerSettings
		NewURI string `json:"new_uri"`
	}{s, s.URI}
	if err := c.adminJSON(ctx, http.MethodPut, "/triggers/"+segment(id), body, nil); err != nil {
		return fmt.Errorf("updating trigger %s: %w", id, err)
	}
	return nil
}

// DeleteTrigger deletes a trigger.
func (c *Client) DeleteTrigger(ctx context.Context, id string) error {
	if err := c.admin(ctx, http.MethodDelete, "/triggers/"+segment(id), nil, nil); err != nil {
		return fmt.Errorf("deleting trigger %s: %w", id, err)
	}
	return nil
}
