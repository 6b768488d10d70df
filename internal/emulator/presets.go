package emulator

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// preset is an upload preset. Settings are kept in the string forms that
// create and update take (comma lists, "k=v|k2=v2" contexts), and rendered in
// the forms Cloudinary answers with.
type preset struct {
	name     string
	unsigned bool
	settings map[string]string
	external string
}

// booleanSettings are the upload parameters whose values are booleans.
var booleanSettings = map[string]bool{
	"use_filename": true, "unique_filename": true, "overwrite": true, "backup": true,
	"invalidate": true, "eager_async": true, "return_delete_token": true, "faces": true,
	"colors": true, "image_metadata": true, "media_metadata": true, "exif": true, "phash": true,
	"quality_analysis": true, "accessibility_analysis": true, "cinemagraph_analysis": true,
	"discard_original_filename": true, "use_filename_as_display_name": true,
	"use_asset_folder_as_public_id_prefix": true, "async": true, "disallow_public_id": true,
	"unique_display_name": true, "auto_chaptering": true, "visual_search": true,
	"live": true, "clear_invalid": true,
}

// jsonSettings are the upload parameters whose values are JSON: the Upload
// API reference types access_control, regions and responsive_breakpoints as
// JSON and auto_transcription as "Boolean or Object"; cloudinary-go sends
// auto_video_details as a JSON object. They are kept as JSON text and given
// back parsed in a preset's details (the OpenAPI's
// upload_preset_parsed_settings).
var jsonSettings = map[string]bool{
	"access_control": true, "regions": true, "responsive_breakpoints": true, "auto_transcription": true, "auto_video_details": true,
}

// coordinateSettings take rectangles, "x,y,w,h|x,y,w,h" (the Upload API
// reference; the OpenAPI's pattern), given back in a preset's details as
// arrays of numbers (upload_serializable_parsed).
var coordinateSettings = map[string]bool{"face_coordinates": true, "custom_coordinates": true}

var coordinatesPattern = regexp.MustCompile(`^(\d+,\d+,\d+,\d+)(\|\d+,\d+,\d+,\d+)*$`)

// enumSettings are the upload parameters that take one of a few values.
var enumSettings = map[string][]string{
	"type":          {"upload", "private", "authenticated"},
	"resource_type": {"image", "raw", "video", "auto"},
	"access_mode":   {"public", "authenticated"},
}

// notSettings are parameters that never become part of a preset's settings.
// live does: the SDKs send it beside unsigned and disallow_public_id
// (pycloudinary, cloudinary_npm and cloudinary_gem create_upload_preset,
// cloudinary-go CreateUploadPresetParams), and disallow_public_id is kept
// with the settings.
var notSettings = map[string]bool{
	"name": true, "unsigned": true, "api_key": true, "timestamp": true, "signature": true,
	"cloud_name": true,
}

var presetName = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

func validateSetting(key, value string) *apiError {
	if value == "" {
		return nil
	}
	if booleanSettings[key] {
		if _, ok := parseBool(value); !ok {
			return errBadRequest("Invalid boolean value for " + key + ": " + value)
		}
	}
	if allowed, ok := enumSettings[key]; ok && !slices.Contains(allowed, value) {
		return errBadRequest("Invalid value for " + key + ": " + value)
	}
	if key == "auto_tagging" {
		if f, err := strconv.ParseFloat(value, 64); err != nil || f < 0 || f > 1 {
			return errBadRequest("auto_tagging must be a number between 0.0 and 1.0")
		}
	}
	if key == "transformation" {
		if _, err := parseTransformation(value); err != nil {
			return err
		}
	}
	if key == "public_id" {
		if err := validatePublicID(value); err != nil {
			return err
		}
	}
	if jsonSettings[key] && !json.Valid([]byte(value)) {
		return errBadRequest("Invalid JSON for " + key + ": " + value)
	}
	if coordinateSettings[key] && !coordinatesPattern.MatchString(value) {
		return errBadRequest("Invalid " + key + ": " + value + " (expected x,y,width,height rectangles separated by |)")
	}
	return nil
}

// applySettings writes the settings a create or update call carries; on an
// update an empty value removes the setting.
func applySettings(pr *preset, p *params) *apiError {
	for key := range p.values {
		if notSettings[key] {
			continue
		}
		value := settingString(p, key)
		if err := validateSetting(key, value); err != nil {
			return err
		}
		if value == "" {
			delete(pr.settings, key)
			continue
		}
		pr.settings[key] = value
	}
	if v, ok := p.boolean("unsigned"); ok {
		pr.unsigned = v
	} else if p.has("unsigned") {
		return errBadRequest("Invalid boolean value for unsigned: " + p.get("unsigned"))
	}
	return nil
}

// settingString is a parameter in the string form a preset keeps: lists
// comma-joined, contexts and headers in their pipe forms.
func settingString(p *params, key string) string {
	switch key {
	case "tags", "allowed_formats":
		return strings.Join(p.list(key), ",")
	case "context":
		return formatContext(p.contextMap(key))
	case "eager":
		return strings.Join(p.values[key], "|")
	case "metadata":
		return metadataSetting(p)
	}
	switch {
	case jsonSettings[key]:
		return jsonSetting(p, key)
	case coordinateSettings[key]:
		return coordinatesSetting(p, key)
	}
	return p.get(key)
}

// jsonSetting is a JSON parameter as compact JSON text, whether it came as
// JSON in a JSON body or as its text (as the SDKs send it); a boolean
// auto_transcription may come in any spelling of a boolean ("1" from
// cloudinary_npm).
func jsonSetting(p *params, key string) string {
	text := string(p.jsonText(key))
	if b, ok := parseBool(text); ok && key == "auto_transcription" && text != "" {
		return strconv.FormatBool(b)
	}
	var out bytes.Buffer
	if json.Compact(&out, []byte(text)) != nil {
		return text // refused by validateSetting
	}
	return out.String()
}

// coordinatesSetting is a coordinates parameter as "x,y,w,h|x,y,w,h",
// whether it came in that form or as a JSON array of rectangles.
func coordinatesSetting(p *params, key string) string {
	raw := p.raw[key]
	var rects [][]json.Number
	if len(raw) == 0 || raw[0] != '[' || json.Unmarshal(raw, &rects) != nil {
		return strings.ReplaceAll(p.get(key), " ", "")
	}
	out := make([]string, len(rects))
	for i, rect := range rects {
		parts := make([]string, len(rect))
		for j, n := range rect {
			parts[j] = n.String()
		}
		out[i] = strings.Join(parts, ",")
	}
	return strings.Join(out, "|")
}

// metadataSetting is a metadata parameter in the "key=value|..." form,
// whether it came as that string or as a JSON object.
func metadataSetting(p *params) string {
	given, fromJSON := metadataParam(p)
	if !fromJSON {
		return p.get("metadata")
	}
	esc := strings.NewReplacer("=", `\=`, "|", `\|`)
	parts := make([]string, 0, len(given))
	for _, k := range slices.Sorted(maps.Keys(given)) {
		value := given[k]
		var s string
		if json.Unmarshal([]byte(value), &s) == nil {
			value = s
		}
		parts = append(parts, esc.Replace(k)+"="+esc.Replace(value))
	}
	return strings.Join(parts, "|")
}

// detailSettings renders settings as GET /upload_presets/:name does: lists as
// arrays, context and headers as objects, transformations as step objects,
// booleans and auto_tagging as JSON booleans and numbers.
func detailSettings(settings map[string]string) map[string]any {
	out := make(map[string]any, len(settings))
	for key, value := range settings {
		out[key] = detailSetting(key, value)
	}
	return out
}

func detailSetting(key, value string) any {
	switch {
	case booleanSettings[key]:
		b, _ := parseBool(value)
		return b
	case key == "tags" || key == "allowed_formats":
		return strings.Split(value, ",")
	case key == "context":
		return parseContext(value)
	case key == "headers":
		return parseHeaders(value)
	case key == "auto_tagging":
		f, _ := strconv.ParseFloat(value, 64)
		return f
	case key == "transformation":
		info, _ := parseTransformation(value)
		return info
	case key == "eager":
		var chains [][]map[string]any
		for _, chain := range strings.Split(value, "|") {
			info, _ := parseTransformation(chain)
			chains = append(chains, info)
		}
		return chains
	case jsonSettings[key]:
		var doc any
		_ = json.Unmarshal([]byte(value), &doc) // validated when written
		return doc
	case coordinateSettings[key]:
		return parseRectangles(value)
	}
	return value
}

// parseRectangles reads "x,y,w,h|x,y,w,h" (validated when written).
func parseRectangles(value string) [][]int {
	var rects [][]int
	for _, rect := range strings.Split(value, "|") {
		var numbers []int
		for _, n := range strings.Split(rect, ",") {
			i, _ := strconv.Atoi(n)
			numbers = append(numbers, i)
		}
		rects = append(rects, numbers)
	}
	return rects
}

// listSettings renders settings as GET /upload_presets does: strings, with
// booleans as JSON booleans.
func listSettings(settings map[string]string) map[string]any {
	out := make(map[string]any, len(settings))
	for key, value := range settings {
		if booleanSettings[key] {
			b, _ := parseBool(value)
			out[key] = b
			continue
		}
		out[key] = value
	}
	return out
}

// parseHeaders reads "Name: value" lines (separated by newlines or commas).
func parseHeaders(s string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' }) {
		name, value, ok := strings.Cut(line, ":")
		if ok {
			out[strings.TrimSpace(name)] = strings.TrimSpace(value)
		}
	}
	return out
}

func (e *Emulator) presetJSON(pr *preset, detailed bool) map[string]any {
	settings := listSettings(pr.settings)
	if detailed {
		settings = detailSettings(pr.settings)
	}
	return map[string]any{"name": pr.name, "unsigned": pr.unsigned, "settings": settings, "external_id": pr.external}
}

func (e *Emulator) listPresets(_ *http.Request, p *params) (any, *apiError) {
	limit, cursor, err := listParams(p, 10, 500)
	if err != nil {
		return nil, err
	}
	pg, err := paginate(slices.Sorted(maps.Keys(e.store.presets)), stringKey, cursor, limit)
	if err != nil {
		return nil, err
	}
	return pg.listing("presets", func(n string) any { return e.presetJSON(e.store.presets[n], false) }), nil
}

// lookupPreset finds the preset a path names, or answers 404.
func (e *Emulator) lookupPreset(r *http.Request) (*preset, *apiError) {
	name := r.PathValue("name")
	pr, ok := e.store.presets[name]
	if !ok {
		return nil, errNotFound("Can't find upload preset named " + name)
	}
	return pr, nil
}

func (e *Emulator) getPreset(r *http.Request) (any, *apiError) {
	pr, err := e.lookupPreset(r)
	if err != nil {
		return nil, err
	}
	return e.presetJSON(pr, true), nil
}

func (e *Emulator) createPreset(_ *http.Request, p *params) (any, *apiError) {
	name := p.get("name")
	if name == "" {
		name = e.randHex(8)
	}
	if !presetName.MatchString(name) {
		return nil, errBadRequest("Invalid upload preset name " + name)
	}
	pr := &preset{name: name, settings: map[string]string{}, external: e.randUUID()}
	if err := applySettings(pr, p); err != nil {
		return nil, err
	}
	if _, exists := e.store.presets[name]; exists {
		return nil, errConflict("Upload preset " + name + " already exists")
	}
	e.store.presets[name] = pr
	return map[string]any{"message": "created", "name": name, "external_id": pr.external}, nil
}

func (e *Emulator) updatePreset(r *http.Request, p *params) (any, *apiError) {
	pr, err := e.lookupPreset(r)
	if err != nil {
		return nil, err
	}
	updated := &preset{name: pr.name, unsigned: pr.unsigned, settings: maps.Clone(pr.settings), external: pr.external}
	if err := applySettings(updated, p); err != nil {
		return nil, err
	}
	e.store.presets[pr.name] = updated
	return map[string]any{"message": "updated", "external_id": updated.external}, nil
}

func (e *Emulator) deletePreset(r *http.Request) (any, *apiError) {
	pr, err := e.lookupPreset(r)
	if err != nil {
		return nil, err
	}
	delete(e.store.presets, pr.name)
	return map[string]any{"message": "deleted", "external_id": pr.external}, nil
}
