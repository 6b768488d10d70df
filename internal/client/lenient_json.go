package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The Provisioning API's answers vary in form between what Cloudinary's
// OpenAPI describes and what the official SDKs' tests see; these types
// read every form seen.

// lenientBool reads a boolean sent as true/false, "true"/"false", 1/0 or
// "1"/"0" (the forms the SDKs send and the account API echoes); null and
// "" are false.
type lenientBool bool

func (b *lenientBool) UnmarshalJSON(data []byte) error {
	text := string(bytes.Trim(bytes.TrimSpace(data), `"`))
	switch strings.ToLower(text) {
	case "true", "1":
		*b = true
	case "false", "0", "", "null":
		*b = false
	default:
		return fmt.Errorf("%s is not a boolean", data)
	}
	return nil
}

// stringList reads a list of strings sent as a JSON array or as one
// comma-joined string: a user's sub_account_ids is "id1,id2" (cloudinary_php
// ProvisioningAccountTest asserts implode(',', ids)) where the OpenAPI
// says array (CloudinaryDotNet's SafeArrayConverter reads both).
type stringList []string

func (l *stringList) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		*l = splitList(text)
		return nil
	}
	var items []string
	if err := json.Unmarshal(data, &items); err != nil {
		return fmt.Errorf("neither a list nor a comma-separated string: %w", err)
	}
	*l = items
	return nil
}

// splitList splits a comma-joined list, without the empty items.
func splitList(text string) []string {
	var out []string
	for item := range strings.SplitSeq(text, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// stringMap reads custom_attributes: an object whose values are strings
// (numbers and booleans are kept as their JSON text); null, absent and {}
// are all nil, which callers must treat alike.
type stringMap map[string]string

func (m *stringMap) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("not an object of strings: %w", err)
	}
	if len(raw) == 0 {
		*m = nil
		return nil
	}
	out := make(stringMap, len(raw))
	for k, v := range raw {
		var text string
		if json.Unmarshal(v, &text) != nil {
			text = string(v)
		}
		out[k] = text
	}
	*m = out
	return nil
}

// secretText reads a secret; a masked one ("*****cret", as the update
// answers of an access key may hold) is no secret and reads as "".
type secretText string

func (s *secretText) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("a secret that is not a string: %w", err)
	}
	if strings.HasPrefix(text, "*") {
		text = ""
	}
	*s = secretText(text)
	return nil
}

// lenientInt reads a count sent as a number or a numeric string.
type lenientInt int

func (n *lenientInt) UnmarshalJSON(data []byte) error {
	text := string(bytes.Trim(bytes.TrimSpace(data), `"`))
	if text == "null" || text == "" {
		*n = 0
		return nil
	}
	v, err := strconv.Atoi(text)
	if err != nil {
		return fmt.Errorf("%s is not a count: %w", data, err)
	}
	*n = lenientInt(v)
	return nil
}
