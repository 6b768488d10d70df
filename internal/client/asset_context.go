package client

import (
	"encoding/json"
	"fmt"
)

// AssetContext is an asset's contextual metadata, key to value.
//
// Cloudinary writes it in two shapes: the Admin API's details and listings
// group it by kind, {"custom": {"alt": "x"}} (the OpenAPI's
// context_full_response), while search answers give the keys flat,
// {"alt": "x"} (the OpenAPI's context_response; cloudinary-go's
// SearchAsset.Context is a map of strings). Both read into the same map.
type AssetContext map[string]string

// UnmarshalJSON reads either shape. A value that is an object marks the
// grouped shape, whose "custom" group is the user's context; in the flat
// shape every value is a string.
func (c *AssetContext) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("reading an asset's context: %w", err)
	}
	if raw == nil {
		*c = nil
		return nil
	}
	if grouped(raw) {
		var custom map[string]string
		if len(raw["custom"]) > 0 {
			if err := json.Unmarshal(raw["custom"], &custom); err != nil {
				return fmt.Errorf("reading an asset's custom context: %w", err)
			}
		}
		*c = custom
		return nil
	}
	flat := make(map[string]string, len(raw))
	for k, v := range raw {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("reading an asset's context key %q: %w", k, err)
		}
		flat[k] = s
	}
	*c = flat
	return nil
}

// grouped tells whether a context is in the grouped shape: some value is an
// object.
func grouped(raw map[string]json.RawMessage) bool {
	for _, v := range raw {
		if len(v) > 0 && v[0] == '{' {
			return true
		}
	}
	return false
}
