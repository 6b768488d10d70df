package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/mediaops/terraform-provider-cloudinary/internal/transformation"
)

// TransformationSummary is one entry of the transformations listing.
type TransformationSummary struct {
	Name             string `json:"name"` // "t_<name>" for named transformations
	AllowedForStrict bool   `json:"allowed_for_strict"`
	Used             bool   `json:"used"`
	Named            bool   `json:"named"`
}

// Transformation is a transformation's details. Definition is the canonical
// string rebuilt from the API's info, or the info's JSON kept verbatim when it
// holds what has no URL form known to this client (Verbatim is then true).
type Transformation struct {
	TransformationSummary
	Definition string
	Verbatim   bool
}

// namedID is how the API addresses a named transformation.
func namedID(name string) string {
	if strings.HasPrefix(name, "t_") {
		return name
	}
	return "t_" + name
}

// ListTransformations lists transformations, all of them or only the named
// (named=true) or unnamed (named=false) ones, following next_cursor.
func (c *Client) ListTransformations(ctx context.Context, named *bool) ([]TransformationSummary, error) {
	params := url.Values{}
	if named != nil {
		params.Set("named", strconv.FormatBool(*named))
	}
	list, err := collect(ctx, params, 0, func(q url.Values) ([]TransformationSummary, string, error) {
		var page struct {
			Transformations []TransformationSummary `json:"transformations"`
			NextCursor      string                  `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, "/transformations", q, &page)
		return page.Transformations, page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing transformations: %w", err)
	}
	return list, nil
}

// GetNamedTransformation reads a named transformation by name (with or
// without the "t_" prefix).
func (c *Client) GetNamedTransformation(ctx context.Context, name string) (*Transformation, error) {
	var w struct {
		TransformationSummary
		Info json.RawMessage `json:"info"`
	}
	if err := c.admin(ctx, http.MethodGet, "/transformations", url.Values{"transformation": {namedID(name)}, "max_results": {"1"}}, &w); err != nil {
		return nil, fmt.Errorf("reading named transformation %q: %w", name, err)
	}
	def, verbatim := definitionFromInfo(w.Info)
	return &Transformation{TransformationSummary: w.TransformationSummary, Definition: def, Verbatim: verbatim}, nil
}

// definitionFromInfo rebuilds a transformation string from "info". What it
// cannot rebuild (parameters this client does not know, shapes with no URL
// form) is kept verbatim as the JSON Cloudinary sent, and verbatim is true:
// one object that others made never breaks a read.
func definitionFromInfo(raw json.RawMessage) (def string, verbatim bool) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var info []map[string]any
	if err := dec.Decode(&info); err != nil {
		return string(raw), true
	}
	def, err := transformation.FromInfo(info)
	if err != nil {
		return string(raw), true
	}
	return def, false
}

// CreateNamedTransformation creates a named transformation.
func (c *Client) CreateNamedTransformation(ctx context.Context, name, definition string, allowedForStrict *bool) error {
	q := url.Values{"transformation": {definition}}
	if allowedForStrict != nil {
		q.Set("allowed_for_strict", strconv.FormatBool(*allowedForStrict))
	}
	if err := c.admin(ctx, http.MethodPost, "/transformations/"+segment(strings.TrimPrefix(name, "t_")), q, nil); err != nil {
		return fmt.Errorf("creating named transformation %q: %w", name, err)
	}
	return nil
}

// TransformationUpdate is what an update changes; nil and "" leave a field as is.
type TransformationUpdate struct {
	AllowedForStrict *bool
	// UnsafeUpdate replaces a named transformation's definition without
	// regenerating the assets already derived with it.
	UnsafeUpdate string
}

// UpdateNamedTransformation changes a named transformation.
func (c *Client) UpdateNamedTransformation(ctx context.Context, name string, u TransformationUpdate) error {
	q := url.Values{"transformation": {namedID(name)}}
	if u.AllowedForStrict != nil {
		q.Set("allowed_for_strict", strconv.FormatBool(*u.AllowedForStrict))
	}
	if u.UnsafeUpdate != "" {
		q.Set("unsafe_update", u.UnsafeUpdate)
	}
	if err := c.admin(ctx, http.MethodPut, "/transformations", q, nil); err != nil {
		return fmt.Errorf("updating named transformation %q: %w", name, err)
	}
	return nil
}

// DeleteNamedTransformation deletes a named transformation and (up to 1000
// of) the assets derived with it.
func (c *Client) DeleteNamedTransformation(ctx context.Context, name string) error {
	if err := c.admin(ctx, http.MethodDelete, "/transformations", url.Values{"transformation": {namedID(name)}}, nil); err != nil {
		return fmt.Errorf("deleting named transformation %q: %w", name, err)
	}
	return nil
}
