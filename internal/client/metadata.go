package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// MetadataField is a structured metadata field as the Admin API answers it.
type MetadataField struct {
	ExternalID      string              `json:"external_id"`
	Type            string              `json:"type"`
	Label           string              `json:"label"`
	Mandatory       bool                `json:"mandatory"`
	DefaultValue    json.RawMessage     `json:"default_value"`
	DefaultDisabled bool                `json:"default_disabled"`
	Validation      *MetadataValidation `json:"validation"`
	Restrictions    map[string]bool     `json:"restrictions"`
	Datasource      *Datasource         `json:"datasource"`
	// AllowDynamicListValues and AlphabeticallySorted are answered for enum
	// and set fields only.
	AllowDynamicListValues *bool `json:"allow_dynamic_list_values"`
	AlphabeticallySorted   *bool `json:"alphabetically_sorted"`
	// Group is the Media Library section; empty where Cloudinary answers none.
	Group string `json:"group"`
}

// Datasource is the list of allowed values of an enum or set field.
type Datasource struct {
	Values []DatasourceEntry `json:"values"`
}

// DatasourceEntry is one allowed value. State is "active" or "inactive"
// (deleted, restorable) in a field's definition, and empty in the answers
// of the datasource calls, which list active entries only. Position (from
// 1), when sent, moves the entry among the active ones.
type DatasourceEntry struct {
	ExternalID string `json:"external_id,omitempty"`
	Value      string `json:"value"`
	State      string `json:"state,omitempty"`
	Position   int    `json:"position,omitempty"`
}

// Active tells whether an entry of a field's definition is active.
func (d DatasourceEntry) Active() bool { return d.State == "" || d.State == "active" }

// MetadataValidation is a field's validation: "and" of Rules, or one rule:
// "greater_than" and "less_than" (Value, Equals) for integers and dates,
// "strlen" (Min, Max) for strings.
type MetadataValidation struct {
	Type   string               `json:"type"`
	Rules  []MetadataValidation `json:"rules,omitempty"`
	Value  json.RawMessage      `json:"value,omitempty"`
	Equals *bool                `json:"equals,omitempty"`
	Min    *int64               `json:"min,omitempty"`
	Max    *int64               `json:"max,omitempty"`
}

// MetadataFieldInput is what creating or updating a field sends: every
// setting, so that an update also removes what is no longer configured
// (null default value and validation). Datasource is sent on create only;
// the datasource calls change it afterwards.
type MetadataFieldInput struct {
	ExternalID             string              `json:"external_id,omitempty"`
	Type                   string              `json:"type,omitempty"`
	Label                  string              `json:"label"`
	Mandatory              bool                `json:"mandatory"`
	DefaultValue           json.RawMessage     `json:"default_value"`
	DefaultDisabled        bool                `json:"default_disabled"`
	Validation             *MetadataValidation `json:"validation"`
	Restrictions           map[string]bool     `json:"restrictions"`
	Datasource             *Datasource         `json:"datasource,omitempty"`
	AllowDynamicListValues *bool               `json:"allow_dynamic_list_values,omitempty"`
	AlphabeticallySorted   *bool               `json:"alphabetically_sorted,omitempty"`
	Group                  string              `json:"group,omitempty"`
}

// ListMetadataFields lists every field, in the account's display order
// (one call: the endpoint does not page).
func (c *Client) ListMetadataFields(ctx context.Context) ([]MetadataField, error) {
	var out struct {
		Fields []MetadataField `json:"metadata_fields"`
	}
	if err := c.admin(ctx, http.MethodGet, "/metadata_fields", nil, &out); err != nil {
		return nil, fmt.Errorf("listing metadata fields: %w", err)
	}
	return out.Fields, nil
}

// GetMetadataField reads one field by external ID.
func (c *Client) GetMetadataField(ctx context.Context, externalID string) (*MetadataField, error) {
	var f MetadataField
	if err := c.admin(ctx, http.MethodGet, "/metadata_fields/"+segment(externalID), nil, &f); err != nil {
		return nil, fmt.Errorf("reading metadata field %s: %w", externalID, err)
	}
	return &f, nil
}

// CreateMetadataField creates a field. Cloudinary refuses (400) an external
// ID that any field has had, even a deleted one.
func (c *Client) CreateMetadataField(ctx context.Context, in MetadataFieldInput) (*MetadataField, error) {
	var f MetadataField
	if err := c.adminJSON(ctx, http.MethodPost, "/metadata_fields", in, &f); err != nil {
		return nil, fmt.Errorf("creating metadata field %s: %w", in.ExternalID, err)
	}
	return &f, nil
}

// UpdateMetadataField changes a field's settings (its type and external ID
// cannot change).
func (c *Client) UpdateMetadataField(ctx context.Context, externalID string, in MetadataFieldInput) (*MetadataField, error) {
	in.ExternalID, in.Type, in.Datasource = "", "", nil
	var f MetadataField
	if err := c.adminJSON(ctx, http.MethodPut, "/metadata_fields/"+segment(externalID), in, &f); err != nil {
		return nil, fmt.Errorf("updating metadata field %s: %w", externalID, err)
	}
	return &f, nil
}

// DeleteMetadataField deletes a field and its values on every asset; its
// external ID can never be used again.
func (c *Client) DeleteMetadataField(ctx context.Context, externalID string) error {
	if err := c.admin(ctx, http.MethodDelete, "/metadata_fields/"+segment(externalID), nil, nil); err != nil {
		return fmt.Errorf("deleting metadata field %s: %w", externalID, err)
	}
	return nil
}

// UpdateDatasource updates the entries whose external IDs exist and appends
// the others, as Cloudinary documents the datasource PUT; it never removes
// entries (DeleteDatasourceEntries does).
func (c *Client) UpdateDatasource(ctx context.Context, externalID string, values []DatasourceEntry) error {
	body := Datasource{Values: values}
	if err := c.adminJSON(ctx, http.MethodPut, "/metadata_fields/"+segment(externalID)+"/datasource", body, nil); err != nil {
		return fmt.Errorf("updating the datasource of metadata field %s: %w", externalID, err)
	}
	return nil
}

// DeleteDatasourceEntries deactivates entries (a soft delete: they keep
// their external IDs and RestoreDatasourceEntries brings them back).
func (c *Client) DeleteDatasourceEntries(ctx context.Context, externalID string, entries []string) error {
	body := map[string][]string{"external_ids": entries}
	if err := c.adminJSON(ctx, http.MethodDelete, "/metadata_fields/"+segment(externalID)+"/datasource", body, nil); err != nil {
		return fmt.Errorf("deleting datasource entries %v of metadata field %s: %w", entries, externalID, err)
	}
	return nil
}

// RestoreDatasourceEntries reactivates deleted entries.
func (c *Client) RestoreDatasourceEntries(ctx context.Context, externalID string, entries []string) error {
	body := map[string][]string{"external_ids": entries}
	if err := c.adminJSON(ctx, http.MethodPost, "/metadata_fields/"+segment(externalID)+"/datasource_restore", body, nil); err != nil {
		return fmt.Errorf("restoring datasource entries %v of metadata field %s: %w", entries, externalID, err)
	}
	return nil
}

// MetadataRule is a conditional metadata rule. Its condition is kept as
// JSON: a tree of "and" and "or" over tests of fields.
type MetadataRule struct {
	ExternalID      string             `json:"external_id,omitempty"`
	MetadataFieldID string             `json:"metadata_field_id"`
	Name            string             `json:"name"`
	Condition       json.RawMessage    `json:"condition"`
	Result          MetadataRuleResult `json:"result"`
	State           string             `json:"state,omitempty"`
	Position        int                `json:"position,omitempty"`
}

// MetadataRuleResult is what a rule does when its condition holds.
type MetadataRuleResult struct {
	ApplyValue     *RuleApplyValue     `json:"apply_value,omitempty"`
	Disable        *bool               `json:"disable,omitempty"`
	Enable         *bool               `json:"enable,omitempty"`
	Hide           *bool               `json:"hide,omitempty"`
	ActivateValues *RuleActivateValues `json:"activate_values,omitempty"`
	SetMandatory   *bool               `json:"set_mandatory,omitempty"`
}

// RuleApplyValue sets the field's value: mode default, override or append.
type RuleApplyValue struct {
	Value json.RawMessage `json:"value"`
	Mode  string          `json:"mode,omitempty"`
}

// RuleActivateValues restricts the field's active datasource entries: all
// of them, or the listed ones (mode override or append).
type RuleActivateValues struct {
	All         bool
	ExternalIDs []string
	Mode        string
}

// MarshalJSON writes "all" or {"external_ids": [...], "mode": ...}.
func (a RuleActivateValues) MarshalJSON() ([]byte, error) {
	if a.All {
		return []byte(`"all"`), nil
	}
	return json.Marshal(struct {
		ExternalIDs []string `json:"external_ids"`
		Mode        string   `json:"mode,omitempty"`
	}{nonNilStrings(a.ExternalIDs), a.Mode})
}

// UnmarshalJSON reads either form.
func (a *RuleActivateValues) UnmarshalJSON(data []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte(`"`)) {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*a = RuleActivateValues{All: s == "all"}
		return nil
	}
	var obj struct {
		ExternalIDs []string `json:"external_ids"`
		Mode        string   `json:"mode"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		return err
	}
	*a = RuleActivateValues{ExternalIDs: obj.ExternalIDs, Mode: obj.Mode}
	return nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ListMetadataRules lists every rule (one call: the endpoint does not page).
func (c *Client) ListMetadataRules(ctx context.Context) ([]MetadataRule, error) {
	var out struct {
		Rules []MetadataRule `json:"metadata_rules"`
	}
	if err := c.admin(ctx, http.MethodGet, "/metadata_rules", nil, &out); err != nil {
		return nil, fmt.Errorf("listing metadata rules: %w", err)
	}
	return out.Rules, nil
}

// CreateMetadataRule creates a rule; Cloudinary gives its external ID. It is
// never retried once it may have reached Cloudinary: a second attempt would
// make a second rule.
func (c *Client) CreateMetadataRule(ctx context.Context, r MetadataRule) (*MetadataRule, error) {
	r.ExternalID = ""
	var out MetadataRule
	if err := c.adminJSONCall(ctx, http.MethodPost, "/metadata_rules", r, callOptions{oneShot: true}, &out); err != nil {
		return nil, fmt.Errorf("creating metadata rule %q: %w", r.Name, err)
	}
	return &out, nil
}

// UpdateMetadataRule replaces a rule's settings.
func (c *Client) UpdateMetadataRule(ctx context.Context, r MetadataRule) (*MetadataRule, error) {
	id := r.ExternalID
	r.ExternalID = ""
	var out MetadataRule
	if err := c.adminJSON(ctx, http.MethodPut, "/metadata_rules/"+segment(id), r, &out); err != nil {
		return nil, fmt.Errorf("updating metadata rule %s: %w", id, err)
	}
	return &out, nil
}

// DeleteMetadataRule deletes a rule.
func (c *Client) DeleteMetadataRule(ctx context.Context, externalID string) error {
	if err := c.admin(ctx, http.MethodDelete, "/metadata_rules/"+segment(externalID), nil, nil); err != nil {
		return fmt.Errorf("deleting metadata rule %s: %w", externalID, err)
	}
	return nil
}

// UpdateAssetMetadata sets metadata values on assets with the Upload API's
// metadata method: the values merge into each asset's, and an empty value
// clears a field. Values are given as sent, a set's as a JSON array of
// datasource external IDs, and encoded in the documented pipe form, the one
// context takes. It returns the public IDs Cloudinary updated.
func (c *Client) UpdateAssetMetadata(ctx context.Context, resourceType, typ string, publicIDs []string, values map[string]string) ([]string, error) {
	q := url.Values{"metadata": {EncodeContext(values)}, "type": {typ}, "public_ids": {strings.Join(publicIDs, ",")}}
	var out struct {
		PublicIDs []string `json:"public_ids"`
	}
	if err := c.uploadAPI(ctx, "/"+segment(resourceType)+"/metadata", q, &out); err != nil {
		return nil, fmt.Errorf("setting the metadata of %d assets: %w", len(publicIDs), err)
	}
	return out.PublicIDs, nil
}
