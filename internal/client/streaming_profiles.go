package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// StreamingProfile is an adaptive streaming profile; each representation is
// a transformation string.
type StreamingProfile struct {
	Name            string
	DisplayName     string
	Predefined      bool
	Representations []string
	// Verbatim lists the representations (1-based) kept as Cloudinary's JSON
	// because they hold what has no URL form known to this client.
	Verbatim []int
}

type profileWire struct {
	Name            string `json:"name"`
	DisplayName     string `json:"display_name"`
	Predefined      bool   `json:"predefined"`
	Representations []struct {
		Transformation json.RawMessage `json:"transformation"`
	} `json:"representations"`
}

func (w profileWire) profile() StreamingProfile {
	p := StreamingProfile{Name: w.Name, DisplayName: w.DisplayName, Predefined: w.Predefined}
	for i, r := range w.Representations {
		def, verbatim := representationString(r.Transformation)
		if verbatim {
			p.Verbatim = append(p.Verbatim, i+1)
		}
		p.Representations = append(p.Representations, def)
	}
	return p
}

// representationString reads a representation's transformation, which the
// API gives as an array of step objects (or, in older answers, one object
// or a string).
func representationString(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, false
	}
	if len(raw) > 0 && raw[0] == '{' {
		raw = append(append(json.RawMessage{'['}, raw...), ']')
	}
	return definitionFromInfo(raw)
}

// ListStreamingProfiles lists the built-in and custom profiles (names only).
func (c *Client) ListStreamingProfiles(ctx context.Context) ([]StreamingProfile, error) {
	var resp struct {
		Data []profileWire `json:"data"`
	}
	if err := c.admin(ctx, http.MethodGet, "/streaming_profiles", nil, &resp); err != nil {
		return nil, fmt.Errorf("listing streaming profiles: %w", err)
	}
	out := make([]StreamingProfile, 0, len(resp.Data))
	for _, w := range resp.Data {
		out = append(out, w.profile())
	}
	return out, nil
}

// GetStreamingProfile reads one profile with its representations.
func (c *Client) GetStreamingProfile(ctx context.Context, name string) (*StreamingProfile, error) {
	var resp struct {
		Data profileWire `json:"data"`
	}
	if err := c.admin(ctx, http.MethodGet, "/streaming_profiles/"+segment(name), nil, &resp); err != nil {
		return nil, fmt.Errorf("reading streaming profile %q: %w", name, err)
	}
	p := resp.Data.profile()
	return &p, nil
}

func profileParams(p StreamingProfile) url.Values {
	reps := make([]map[string]string, 0, len(p.Representations))
	for _, r := range p.Representations {
		reps = append(reps, map[string]string{"transformation": r})
	}
	encoded, _ := json.Marshal(reps)
	q := url.Values{"representations": {string(encoded)}}
	if p.DisplayName != "" { // an empty display name would erase the one Cloudinary has
		q.Set("display_name", p.DisplayName)
	}
	return q
}

// CreateStreamingProfile creates a custom profile.
func (c *Client) CreateStreamingProfile(ctx context.Context, p StreamingProfile) error {
	q := profileParams(p)
	q.Set("name", p.Name)
	if err := c.admin(ctx, http.MethodPost, "/streaming_profiles", q, nil); err != nil {
		return fmt.Errorf("creating streaming profile %q: %w", p.Name, err)
	}
	return nil
}

// UpdateStreamingProfile replaces a profile's display name and representations.
func (c *Client) UpdateStreamingProfile(ctx context.Context, p StreamingProfile) error {
	if err := c.admin(ctx, http.MethodPut, "/streaming_profiles/"+segment(p.Name), profileParams(p), nil); err != nil {
		return fmt.Errorf("updating streaming profile %q: %w", p.Name, err)
	}
	return nil
}

// DeleteStreamingProfile deletes a custom profile, or reverts a modified
// built-in one to its original settings.
func (c *Client) DeleteStreamingProfile(ctx context.Context, name string) error {
	if err := c.admin(ctx, http.MethodDelete, "/streaming_profiles/"+segment(name), nil, nil); err != nil {
		return fmt.Errorf("deleting streaming profile %q: %w", name, err)
	}
	return nil
}
