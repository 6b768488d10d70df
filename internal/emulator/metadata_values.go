package emulator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Values of structured metadata, on assets and as field defaults, are kept
// typed: string, date and enum values as strings (an enum's is the external
// ID of a datasource entry), integers as int64, sets as []string of entry
// external IDs.

// maxSetValues is how many values a set field may hold on one asset.
const maxSetValues = 3000

// validationTypes are the validation rules Cloudinary's SDKs know: and,
// greater_than and less_than (integers and dates), strlen (strings).
var validationTypes = []string{"and", "greater_than", "less_than", "strlen"}

// parseValidation checks a validation object against a field's type and
// returns it as kept; JSON null removes the validation.
func parseValidation(raw json.RawMessage, typ string) (map[string]any, *apiError) {
	var v any
	if err := decodeNumbers(raw, &v); err != nil {
		return nil, errBadRequest("validation is invalid: " + err.Error())
	}
	if v == nil {
		return nil, nil
	}
	rule, ok := v.(map[string]any)
	if !ok {
		return nil, errBadRequest("validation is invalid: it must be an object")
	}
	if err := checkValidationRule(rule, typ); err != nil {
		return nil, errBadRequest("validation is invalid: " + err.Error())
	}
	return rule, nil
}

func checkValidationRule(rule map[string]any, typ string) error {
	kind, _ := rule["type"].(string)
	switch kind {
	case "and":
		rules, ok := rule["rules"].([]any)
		if !ok || len(rules) == 0 {
			return fmt.Errorf("an and validation needs rules")
		}
		for _, r := range rules {
			sub, ok := r.(map[string]any)
			if !ok {
				return fmt.Errorf("each rule must be an object")
			}
			if err := checkValidationRule(sub, typ); err != nil {
				return err
			}
		}
	case "greater_than", "less_than":
		if typ != "integer" && typ != "date" {
			return fmt.Errorf("%s applies to integer and date fields, not %s", kind, typ)
		}
		if _, ok := boundOf(rule["value"], typ); !ok {
			return fmt.Errorf("%s needs a value of the field's type (%s)", kind, typ)
		}
		if eq, ok := rule["equals"]; ok {
			if _, isBool := eq.(bool); !isBool {
				return fmt.Errorf("equals must be true or false")
			}
		}
	case "strlen":
		if typ != "string" {
			return fmt.Errorf("strlen applies to string fields, not %s", typ)
		}
		lo, hasMin, err := optionalCount(rule, "min")
		if err != nil {
			return err
		}
		hi, hasMax, err := optionalCount(rule, "max")
		if err != nil {
			return err
		}
		if !hasMin && !hasMax {
			return fmt.Errorf("strlen needs min or max")
		}
		if hasMin && hasMax && lo > hi {
			return fmt.Errorf("strlen min is greater than max")
		}
	default:
		return fmt.Errorf("type must be one of %s", strings.Join(validationTypes, ", "))
	}
	return nil
}

// optionalCount reads a non-negative integer bound of a strlen rule.
func optionalCount(rule map[string]any, key string) (int64, bool, error) {
	raw, ok := rule[key]
	if !ok || raw == nil {
		return 0, false, nil
	}
	n, isNumber := raw.(json.Number)
	v, err := n.Int64()
	if !isNumber || err != nil || v < 0 {
		return 0, false, fmt.Errorf("strlen %s must be a non-negative integer", key)
	}
	return v, true, nil
}

// boundOf reads a value that greater_than and less_than compare: an
// integer, or a date as YYYY-MM-DD (which then compares as text).
func boundOf(v any, typ string) (any, bool) {
	if typ == "integer" {
		return integerOf(v)
	}
	s, ok := v.(string)
	return s, ok && validDate(s)
}

func integerOf(v any) (int64, bool) {
	switch t := v.(type) {
	case json.Number:
		n, err := t.Int64()
		return n, err == nil
	case int64:
		return t, true
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// satisfies tells whether a value passes a validation rule.
func satisfies(v any, rule map[string]any, typ string) bool {
	switch rule["type"] {
	case "and":
		for _, r := range rule["rules"].([]any) {
			if !satisfies(v, r.(map[string]any), typ) {
				return false
			}
		}
		return true
	case "greater_than", "less_than":
		bound, _ := boundOf(rule["value"], typ)
		order := compareValues(v, bound)
		equals, _ := rule["equals"].(bool)
		if order == 0 {
			return equals
		}
		return (order > 0) == (rule["type"] == "greater_than")
	case "strlen":
		n := int64(utf8.RuneCountInString(v.(string)))
		lo, hasMin, _ := optionalCount(rule, "min")
		hi, hasMax, _ := optionalCount(rule, "max")
		return (!hasMin || n >= lo) && (!hasMax || n <= hi)
	}
	return false
}

// compareValues orders two values of an integer (int64) or date (text)
// field.
func compareValues(a, b any) int {
	if x, ok := a.(int64); ok {
		return cmp.Compare(x, b.(int64))
	}
	return strings.Compare(a.(string), b.(string))
}

// parseJSONValue reads a value given as JSON (a default value, or a value
// in a metadata object); null is no value.
func (f *metadataField) parseJSONValue(raw json.RawMessage) (any, error) {
	var v any
	if err := decodeNumbers(raw, &v); err != nil {
		return nil, err
	}
	return f.typedValue(v)
}

// parseTextValue reads a value from the "key=value|..." form, where a set's
// values are a JSON array.
func (f *metadataField) parseTextValue(text string) (any, error) {
	if text == "" {
		return nil, nil
	}
	switch f.typ {
	case "integer":
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", text)
		}
		return n, nil
	case "set":
		if strings.HasPrefix(strings.TrimSpace(text), "[") {
			return f.parseJSONValue(json.RawMessage(text))
		}
		return []string{text}, nil
	}
	return text, nil
}

// typedValue turns a decoded JSON value into the field type's form.
func (f *metadataField) typedValue(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch f.typ {
	case "integer":
		n, ok := integerOf(v)
		if !ok {
			return nil, fmt.Errorf("%v is not an integer", v)
		}
		return n, nil
	case "set":
		items, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("a set value must be an array")
		}
		out := make([]string, 0, len(items))
		for _, item := range items {
			switch item.(type) {
			case string, json.Number:
				out = append(out, scalarString(item))
			default:
				return nil, fmt.Errorf("set values must be datasource external IDs")
			}
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("%v is not a string", v)
	}
	if s == "" {
		return nil, nil
	}
	return s, nil
}

// checkValue checks a typed value against the field: dates are dates,
// enum and set values name active datasource entries, and the validation
// passes.
func (f *metadataField) checkValue(v any) error {
	switch f.typ {
	case "date":
		if !validDate(v.(string)) {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
		}
	case "enum":
		if entry := f.entry(v.(string)); entry == nil || !entry.active {
			return fmt.Errorf("%q is not an active datasource entry", v)
		}
	case "set":
		ids := v.([]string)
		if len(ids) > maxSetValues {
			return fmt.Errorf("a set holds at most %d values", maxSetValues)
		}
		for _, id := range ids {
			if entry := f.entry(id); entry == nil || !entry.active {
				return fmt.Errorf("%q is not an active datasource entry", id)
			}
		}
	}
	if f.validation != nil && f.typ != "set" && f.typ != "enum" && !satisfies(v, f.validation, f.typ) {
		return fmt.Errorf("%v does not pass the field's validation", v)
	}
	return nil
}

// metadataUpdate is a checked change to assets' metadata: a value per
// field, nil to clear one.
type metadataUpdate map[string]any

// metadataUpdates reads and checks a call's metadata parameter (the
// "key=value|..." form or a JSON object); nil when the call has none. Every
// field must exist and every value must be valid before anything changes.
func (e *Emulator) metadataUpdates(p *params) (metadataUpdate, *apiError) {
	if !p.has("metadata") {
		return nil, nil
	}
	given, fromJSON := metadataParam(p)
	var missing []string
	for id := range given {
		if _, ok := e.store.metadataFields[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		list, _ := json.Marshal(missing)
		return nil, errBadRequest("The following metadata fields do not exist: " + string(list))
	}
	out := metadataUpdate{}
	for id, raw := range given {
		f := e.store.metadataFields[id]
		var v any
		var err error
		if fromJSON {
			v, err = f.parseJSONValue(json.RawMessage(raw))
		} else {
			v, err = f.parseTextValue(raw)
		}
		if err == nil && v != nil {
			err = f.checkValue(v)
		}
		if err != nil {
			return nil, errBadRequest(fmt.Sprintf("Metadata field %s: %v", id, err))
		}
		out[id] = v
	}
	return out, nil
}

// metadataParam splits a metadata parameter into raw values by field: JSON
// texts from a JSON object, else the unescaped texts of "key=value|...".
func metadataParam(p *params) (map[string]string, bool) {
	if raw, ok := p.raw["metadata"]; ok && len(raw) > 0 && raw[0] == '{' {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) == nil {
			out := make(map[string]string, len(m))
			for k, v := range m {
				out[k] = string(v)
			}
			return out, true
		}
	}
	return parsePairs(p.get("metadata"), metadataUnescaper), false
}

// metadataUnescaper undoes the escapes of the "key=value|..." form: those
// of context, and \" as the Upload API reference writes quotes in a set's
// JSON array (color_id=[\"green\",\"red\"]).
var metadataUnescaper = strings.NewReplacer(`\=`, "=", `\|`, "|", `\"`, `"`)

// apply writes an update onto an asset: nil values clear fields.
func (u metadataUpdate) apply(a *asset) {
	for id, v := range u {
		if v == nil {
			delete(a.metadata, id)
			continue
		}
		if a.metadata == nil {
			a.metadata = map[string]any{}
		}
		a.metadata[id] = v
	}
}

// applyMetadataDefaults gives an uploaded asset the default value of every
// field that has one and that the upload gave no value. pycloudinary's
// test_api and cloudinary_gem's api_spec create a string field with a
// default, upload without metadata, and find metadata on every asset that
// the listings return with metadata=true.
func (s *store) applyMetadataDefaults(a *asset) {
	for id, f := range s.metadataFields {
		if _, given := a.metadata[id]; given || f.defaultValue == nil {
			continue
		}
		if a.metadata == nil {
			a.metadata = map[string]any{}
		}
		a.metadata[id] = f.defaultValue
		if ids, ok := f.defaultValue.([]string); ok {
			a.metadata[id] = append([]string(nil), ids...)
		}
	}
}

// updateMetadata serves POST /:resource_type/metadata: values merged into
// each named asset's metadata; an empty value clears a field.
func (e *Emulator) updateMetadata(p *params, rt string) (any, *apiError) {
	if !p.has("metadata") {
		return nil, errBadRequest("Missing required parameter - metadata")
	}
	update, err := e.metadataUpdates(p)
	if err != nil {
		return nil, err
	}
	assets, err := e.taggedAssets(p, rt)
	if err != nil {
		return nil, err
	}
	for _, a := range assets {
		update.apply(a)
	}
	return publicIDsOf(assets), nil
}

// metadataJSON renders an asset's metadata as the APIs answer it.
func metadataJSON(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if ids, ok := v.([]string); ok {
			v = append([]string(nil), ids...)
		}
		out[k] = v
	}
	return out
}
