package provider

import (
	"bytes"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An asset's structured metadata, as the provider holds it: a map by field
// external ID of texts, a set's value being a JSON array of entry IDs. Only
// the fields a configuration names are managed: rules, defaults and people
// may give others values, which are no drift.

// metadataValueText renders a value of Cloudinary's answer: a string as
// itself, a number as its digits, an array as compact JSON.
func metadataValueText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if bytes.HasPrefix(raw, []byte("[")) {
		var compact bytes.Buffer
		if json.Compact(&compact, raw) == nil {
			return compact.String()
		}
	}
	text, _ := metadataText(raw)
	return text
}

func metadataMap(values map[string]attr.Value) types.Map {
	return types.MapValueMust(spellingType{spelling: metadataValue}, values)
}

// metadataElement is one value of Cloudinary's answer as a map element.
func metadataElement(raw json.RawMessage) attr.Value {
	return spellingValue{StringValue: types.StringValue(metadataValueText(raw)), spelling: metadataValue}
}

// allMetadata adopts every value an asset has (on import); null when it
// has none, which leaves metadata unmanaged.
func allMetadata(raw map[string]json.RawMessage) types.Map {
	if len(raw) == 0 {
		return types.MapNull(spellingType{spelling: metadataValue})
	}
	values := make(map[string]attr.Value, len(raw))
	for id, v := range raw {
		values[id] = metadataElement(v)
	}
	return metadataMap(values)
}

// managedMetadata is what Cloudinary holds for the fields in managed; a
// field that lost its value is left out, so that the plan restores it.
func managedMetadata(managed types.Map, raw map[string]json.RawMessage) types.Map {
	values := map[string]attr.Value{}
	for id := range managed.Elements() {
		if v, ok := raw[id]; ok {
			values[id] = metadataElement(v)
		}
	}
	return metadataMap(values)
}

// metadataChanges lists what the metadata method must send to go from state
// to plan: changed and new values, and an empty value for each field no
// longer named. Nil when nothing changes.
func metadataChanges(plan, state types.Map) map[string]string {
	if plan.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	had := metadataTexts(state)
	want := metadataTexts(plan)
	for id, v := range want {
		if old, ok := had[id]; !ok || !metadataValue.equal(old, v) {
			out[id] = v
		}
	}
	for id := range had {
		if _, kept := want[id]; !kept {
			out[id] = ""
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func metadataTexts(m types.Map) map[string]string {
	out := map[string]string{}
	for id, v := range m.Elements() {
		if s, ok := v.(spellingValue); ok && !s.IsNull() && !s.IsUnknown() {
			out[id] = s.ValueString()
		}
	}
	return out
}
