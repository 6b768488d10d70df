package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/mediaops/terraform-provider-cloudinary/internal/transformation"
)

// UploadPreset is an upload preset with its settings in the string forms
// that create and update take: lists comma-joined, context as
// "k=v|k2=v2", transformations as strings, booleans as "true"/"false".
// Cloudinary answers in other forms (arrays, objects, step objects, typed
// values); they are converted on the way in, so that callers compare like
// with like.
type UploadPreset struct {
	Name     string
	Unsigned bool
	Settings map[string]string
	// Verbatim lists the settings kept as the JSON Cloudinary sent, because
	// they hold what has no string form known to this client (a
	// transformation parameter added after its table, say).
	Verbatim []string
}

type presetWire struct {
	Name     string                     `json:"name"`
	Unsigned bool                       `json:"unsigned"`
	Settings map[string]json.RawMessage `json:"settings"`
}

// preset converts the settings; what cannot be converted is kept verbatim,
// so that one preset that others made never breaks reading the rest.
func (w presetWire) preset() UploadPreset {
	p := UploadPreset{Name: w.Name, Unsigned: w.Unsigned, Settings: make(map[string]string, len(w.Settings))}
	for key, raw := range w.Settings {
		s, ok := settingString(key, raw)
		if !ok {
			s = string(raw)
			p.Verbatim = append(p.Verbatim, key)
		}
		p.Settings[key] = s
	}
	sort.Strings(p.Verbatim)
	return p
}

// jsonSettings are the upload parameters whose string form is JSON text:
// the Upload API reference types access_control, regions and
// responsive_breakpoints as JSON and auto_transcription as "Boolean or
// Object"; cloudinary-go sends auto_video_details as a JSON object. A
// preset's details answer them parsed, its listing as strings.
var jsonSettings = map[string]bool{
	"access_control": true, "regions": true, "responsive_breakpoints": true, "auto_transcription": true, "auto_video_details": true,
}

// settingString converts a setting as Cloudinary answers it to the string
// form it takes; ok is false when it has none known to this client.
func settingString(key string, raw json.RawMessage) (string, bool) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	if s, isString := v.(string); isString {
		return s, true
	}
	if jsonSettings[key] {
		return compactJSON(raw), true
	}
	switch t := v.(type) {
	case nil:
		return "", true
	case bool:
		return strconv.FormatBool(t), true
	case json.Number:
		return t.String(), true
	case map[string]any:
		return objectSetting(key, t), true
	case []any:
		return arraySetting(key, t)
	}
	return "", false
}

// objectSetting prints context ("k=v|k2=v2", escaping = and |) and headers
// ("Name: value" lines).
func objectSetting(key string, m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	if key == "headers" {
		for _, k := range keys {
			parts = append(parts, k+": "+fmt.Sprint(m[k]))
		}
		return strings.Join(parts, "\n")
	}
	context := make(map[string]string, len(m))
	for k, v := range m {
		context[k] = fmt.Sprint(v)
	}
	return EncodeContext(context)
}

// arraySetting prints lists of names comma-joined, a transformation's step
// objects as its string, eager's list of chains pipe-joined, and rows of
// numbers (face and custom coordinates, [[x, y, w, h], ...]) as
// "x,y,w,h|x,y,w,h".
func arraySetting(key string, items []any) (string, bool) {
	if len(items) > 0 {
		if _, isStep := items[0].(map[string]any); isStep {
			def, err := transformation.FromInfo(stepsOf(items))
			return def, err == nil
		}
	}
	out := make([]string, 0, len(items))
	rows := false
	for _, item := range items {
		inner, isArray := item.([]any)
		switch {
		case !isArray:
			out = append(out, fmt.Sprint(item))
		case numbers(inner):
			rows = true
			out = append(out, joinAll(inner, ","))
		default:
			s, err := transformation.FromInfo(stepsOf(inner))
			if err != nil {
				return "", false
			}
			out = append(out, s)
		}
	}
	if key == "eager" || rows {
		return strings.Join(out, "|"), true
	}
	return strings.Join(out, ","), true
}

// numbers tells whether a non-empty array holds only numbers.
func numbers(items []any) bool {
	for _, it := range items {
		if _, ok := it.(json.Number); !ok {
			return false
		}
	}
	return len(items) > 0
}

func joinAll(items []any, sep string) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprint(it)
	}
	return strings.Join(parts, sep)
}

// compactJSON is JSON text without insignificant spaces.
func compactJSON(raw json.RawMessage) string {
	var out bytes.Buffer
	if json.Compact(&out, raw) != nil {
		return string(raw)
	}
	return out.String()
}

func stepsOf(items []any) []map[string]any {
	steps := make([]map[string]any, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			steps = append(steps, m)
		}
	}
	return steps
}

// ListUploadPresets lists every upload preset, following next_cursor.
func (c *Client) ListUploadPresets(ctx context.Context) ([]UploadPreset, error) {
	presets, err := collect(ctx, nil, 0, func(q url.Values) ([]UploadPreset, string, error) {
		var page struct {
			Presets    []presetWire `json:"presets"`
			NextCursor string       `json:"next_cursor"`
		}
		if err := c.admin(ctx, http.MethodGet, "/upload_presets", q, &page); err != nil {
			return nil, "", err
		}
		out := make([]UploadPreset, 0, len(page.Presets))
		for _, w := range page.Presets {
			out = append(out, w.preset())
		}
		return out, page.NextCursor, nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing upload presets: %w", err)
	}
	return presets, nil
}

// GetUploadPreset reads one upload preset.
func (c *Client) GetUploadPreset(ctx context.Context, name string) (*UploadPreset, error) {
	var w presetWire
	if err := c.admin(ctx, http.MethodGet, "/upload_presets/"+segment(name), nil, &w); err != nil {
		return nil, fmt.Errorf("reading upload preset %q: %w", name, err)
	}
	p := w.preset()
	return &p, nil
}

// presetParams are the parameters of a create or update: every setting,
// with empty values for settings being removed.
func presetParams(p UploadPreset) url.Values {
	q := url.Values{"unsigned": {strconv.FormatBool(p.Unsigned)}}
	for k, v := range p.Settings {
		q.Set(k, v)
	}
	return q
}

// CreateUploadPreset creates a preset with the given settings.
func (c *Client) CreateUploadPreset(ctx context.Context, p UploadPreset) error {
	if p.Name == "" {
		return fmt.Errorf("creating an upload preset: name %w", errEmpty)
	}
	q := presetParams(p)
	q.Set("name", p.Name)
	if err := c.admin(ctx, http.MethodPost, "/upload_presets", q, nil); err != nil {
		return fmt.Errorf("creating upload preset %q: %w", p.Name, err)
	}
	return nil
}

// UpdateUploadPreset writes a preset's settings. Whether Cloudinary merges
// or replaces settings is not documented, so callers send every setting they
// manage, with an empty value for each one to remove.
func (c *Client) UpdateUploadPreset(ctx context.Context, p UploadPreset) error {
	if err := c.admin(ctx, http.MethodPut, "/upload_presets/"+segment(p.Name), presetParams(p), nil); err != nil {
		return fmt.Errorf("updating upload preset %q: %w", p.Name, err)
	}
	return nil
}

// DeleteUploadPreset deletes a preset.
func (c *Client) DeleteUploadPreset(ctx context.Context, name string) error {
	if err := c.admin(ctx, http.MethodDelete, "/upload_presets/"+segment(name), nil, nil); err != nil {
		return fmt.Errorf("deleting upload preset %q: %w", name, err)
	}
	return nil
}

// EncodeContext writes context metadata in the documented form,
// "key=value|key2=value2" in key order, with "=" and "|" escaped by a
// backslash. Structured metadata values take the same form.
func EncodeContext(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	esc := strings.NewReplacer("=", `\=`, "|", `\|`)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, esc.Replace(k)+"="+esc.Replace(m[k]))
	}
	return strings.Join(parts, "|")
}

// DecodeContext reads what EncodeContext writes: pairs split at unescaped
// "|", each split at its first unescaped "=", "\=" and "\|" unescaped.
func DecodeContext(s string) map[string]string {
	out := map[string]string{}
	for _, pair := range splitUnescaped(s, '|') {
		kv := splitUnescaped(pair, '=')
		key := unescapeContext(kv[0])
		if key == "" {
			continue
		}
		out[key] = unescapeContext(strings.Join(kv[1:], "="))
	}
	return out
}

// splitUnescaped splits s at each sep that no backslash escapes.
func splitUnescaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '=' || s[i+1] == '|') {
			i++
			continue
		}
		if s[i] == sep {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func unescapeContext(s string) string {
	return strings.NewReplacer(`\=`, "=", `\|`, "|").Replace(s)
}
