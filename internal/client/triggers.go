package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// Trigger is a webhook notification trigger.
type Trigger struct {
	ID        string `json:"id"`
	URI       string `json:"uri"`
	URIType   string `json:"uri_type"`
	EventType string `json:"event_type"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
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

// CreateTrigger makes Cloudinary call uri on events of eventType.
func (c *Client) CreateTrigger(ctx context.Context, uri, eventType string) (*Trigger, error) {
	var t Trigger
	if err := c.adminJSON(ctx, http.MethodPost, "/triggers", map[string]string{"uri": uri, "event_type": eventType}, &t); err != nil {
		return nil, fmt.Errorf("creating a %s trigger for %s: %w", eventType, uri, err)
	}
	return &t, nil
}

// UpdateTrigger changes the URI a trigger calls.
func (c *Client) UpdateTrigger(ctx context.Context, id, uri string) error {
	if err := c.adminJSON(ctx, http.MethodPut, "/triggers/"+segment(id), map[string]string{"new_uri": uri}, nil); err != nil {
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
