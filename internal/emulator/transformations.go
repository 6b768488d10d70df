package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// longNames maps the transformation URL's short parameter keys to the long
// names the Admin API reports in a transformation's "info".
var longNames = map[string]string{
	"a": "angle", "ac": "audio_codec", "af": "audio_frequency", "ar": "aspect_ratio",
	"b": "background", "bo": "border", "br": "bit_rate", "c": "crop", "co": "color",
	"cs": "color_space", "d": "default_image", "dl": "delay", "dn": "density", "dpr": "dpr",
	"du": "duration", "e": "effect", "eo": "end_offset", "f": "fetch_format", "fl": "flags",
	"fn": "custom_function", "fps": "fps", "g": "gravity", "h": "height", "if": "if",
	"ki": "keyframe_interval", "l": "overlay", "o": "opacity", "p": "prefix", "pg": "page",
	"q": "quality", "r": "radius", "so": "start_offset", "sp": "streaming_profile",
	"t": "transformation", "u": "underlay", "vc": "video_codec", "vs": "video_sampling",
	"w": "width", "x": "x", "y": "y", "z": "zoom", "abr": "audio_bitrate", "sr": "sample_rate",
	"bl": "blur", "cl": "color", "ea": "end_at", "sa": "start_at",
}

var (
	variableKey  = regexp.MustCompile(`^\$[A-Za-z][A-Za-z0-9]*$`)
	formatStep   = regexp.MustCompile(`^[A-Za-z0-9]{2,5}$`)
	intValue     = regexp.MustCompile(`^-?\d+$`)
	floatValue   = regexp.MustCompile(`^-?\d*\.\d+$`)
	transformErr = "Invalid transformation component - "
)

// parseTransformation turns a transformation string into the Admin API's
// "info": one object per chained step, long parameter names, numbers as
// numbers. A last step that is only an extension ("/jpg") becomes
// {"format": "jpg"}; an empty one (a trailing "/", which the SDKs write for
// format "") becomes "extension": "none" on the step before it
// (cloudinary_npm api_spec "should allow creating named transformation with
// an empty format": c_scale,w_102/ reads back as
// [{"crop": "scale", "width": 102, "extension": "none"}]).
func parseTransformation(s string) ([]map[string]any, *apiError) {
	if strings.TrimSpace(s) == "" {
		return nil, errBadRequest("Transformation is empty")
	}
	steps := strings.Split(s, "/")
	info := make([]map[string]any, 0, len(steps))
	for i, step := range steps {
		last := i == len(steps)-1 && i > 0
		switch {
		case last && step == "":
			info[len(info)-1]["extension"] = "none"
			continue
		case last && formatStep.MatchString(step):
			info = append(info, map[string]any{"format": step})
			continue
		}
		parsed, err := parseStep(step)
		if err != nil {
			return nil, err
		}
		info = append(info, parsed)
	}
	return info, nil
}

func parseStep(step string) (map[string]any, *apiError) {
	out := map[string]any{}
	if step == "" {
		return nil, errBadRequest(transformErr + "(empty)")
	}
	for _, comp := range strings.Split(step, ",") {
		key, value, ok := strings.Cut(comp, "_")
		if !ok || value == "" {
			return nil, errBadRequest(transformErr + comp)
		}
		name, known := longNames[key]
		if !known && variableKey.MatchString(key) {
			name, known = key, true
		}
		if !known || !validComponentValue(key, value) {
			return nil, errBadRequest(transformErr + comp)
		}
		if key == "fl" {
			// Flags come back as a list, however many components named them.
			flags, _ := out[name].([]any)
			for _, f := range strings.Split(value, ".") {
				flags = append(flags, f)
			}
			out[name] = flags
			continue
		}
		out[name] = typedValue(value)
	}
	return out, nil
}

// typedValue keeps numbers as numbers, written as given: "w_1.0" (a
// relative width) must not come back as 1 (one pixel).
func typedValue(v string) any {
	if intValue.MatchString(v) || floatValue.MatchString(v) {
		return json.Number(v)
	}
	return v
}

// canonicalTransformation orders the components of each step, which is how
// Cloudinary sees "w_150,h_100,c_fill" and "c_fill,h_100,w_150" as one.
func canonicalTransformation(s string) string {
	steps := strings.Split(s, "/")
	for i, step := range steps {
		comps := strings.Split(step, ",")
		sort.Strings(comps)
		steps[i] = strings.Join(comps, ",")
	}
	return strings.Join(steps, "/")
}

// transformation is a named transformation or one that assets were derived with.
type transformation struct {
	name             string // without "t_" for named ones
	definition       string
	named            bool
	allowedForStrict bool
}

func (t *transformation) listName() string {
	if t.named {
		return "t_" + t.name
	}
	return t.definition
}

var namedTransformationName = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

// transformationKey is the store key: "t_<name>" for named ones, the
// canonical string for the others.
func transformationKey(t *transformation) string {
	if t.named {
		return "t_" + strings.ToLower(t.name)
	}
	return canonicalTransformation(t.definition)
}

// findTransformation resolves an identifier the way the SDKs send it:
// "thumb", "t_thumb" or a transformation string.
func (s *store) findTransformation(id string) (*transformation, *apiError) {
	if t, ok := s.transformations["t_"+strings.ToLower(strings.TrimPrefix(id, "t_"))]; ok {
		return t, nil
	}
	if t, ok := s.transformations[canonicalTransformation(id)]; ok {
		return t, nil
	}
	return nil, errNotFound("Transformation " + id + " not found")
}

// derivedUsing lists the derived assets made with a transformation.
func (s *store) derivedUsing(t *transformation) []derivedRef {
	var out []derivedRef
	for _, a := range s.sortedAssets() {
		for _, d := range a.derived {
			if d.transformation == t.listName() || canonicalTransformation(d.transformation) == transformationKey(t) {
				out = append(out, derivedRef{a, d})
			}
		}
	}
	return out
}

type derivedRef struct {
	asset   *asset
	derived *derived
}

// registerDerivedTransformation records a transformation that an asset was
// derived with, as Cloudinary lists every transformation ever used.
func (s *store) registerDerivedTransformation(def string) {
	if _, err := s.findTransformation(def); err == nil {
		return
	}
	t := &transformation{definition: def}
	s.transformations[transformationKey(t)] = t
}

func (e *Emulator) listTransformations(_ *http.Request, p *params) (any, *apiError) {
	if id := p.get("transformation"); id != "" {
		return e.showTransformation(p, id)
	}
	limit, cursor, err := listParams(p, 10, 500)
	if err != nil {
		return nil, err
	}
	named, filterNamed := p.boolean("named")
	var items []map[string]any
	for _, key := range slices.Sorted(maps.Keys(e.store.transformations)) {
		t := e.store.transformations[key]
		if filterNamed && t.named != named {
			continue
		}
		items = append(items, e.store.transformationSummary(t))
	}
	pg, err := paginate(items, func(m map[string]any) string { return m["name"].(string) }, cursor, limit)
	if err != nil {
		return nil, err
	}
	return pg.listing("transformations", func(m map[string]any) any { return m }), nil
}

func (s *store) transformationSummary(t *transformation) map[string]any {
	return map[string]any{
		"name":               t.listName(),
		"allowed_for_strict": t.allowedForStrict,
		"used":               len(s.derivedUsing(t)) > 0,
		"named":              t.named,
	}
}

func (e *Emulator) getTransformation(r *http.Request, p *params) (any, *apiError) {
	return e.showTransformation(p, r.PathValue("name"))
}

func (e *Emulator) showTransformation(p *params, id string) (any, *apiError) {
	limit, cursor, err := listParams(p, 10, 100)
	if err != nil {
		return nil, err
	}
	t, err := e.store.findTransformation(id)
	if err != nil {
		return nil, err
	}
	info, _ := parseTransformation(t.definition)
	pg, err := paginate(e.store.derivedUsing(t), func(d derivedRef) string { return d.derived.id }, cursor, limit)
	if err != nil {
		return nil, err
	}
	body := pg.listing("derived", func(d derivedRef) any { return e.derivedJSON(d.asset, d.derived) })
	maps.Copy(body, e.store.transformationSummary(t))
	body["info"] = info
	return body, nil
}

func (e *Emulator) createTransformation(r *http.Request, p *params) (any, *apiError) {
	name := strings.TrimPrefix(pathOrParam(r, p, "name", "name"), "t_")
	def := p.get("transformation")
	switch {
	case !namedTransformationName.MatchString(name):
		return nil, errBadRequest("Invalid transformation name " + name)
	case def == "":
		return nil, errBadRequest("Must specify transformation")
	}
	if _, err := parseTransformation(def); err != nil {
		return nil, err
	}
	// A named transformation is allowed for strict transformations unless
	// the call says otherwise (the live create tests of cloudinary_npm,
	// cloudinary_java and cloudinary_gem read allowed_for_strict true after
	// creating one without it).
	allowed := true
	if p.has("allowed_for_strict") {
		allowed, _ = p.boolean("allowed_for_strict")
	}
	t := &transformation{name: name, definition: def, named: true, allowedForStrict: allowed}
	if _, exists := e.store.transformations[transformationKey(t)]; exists {
		return nil, errConflict("Transformation t_" + name + " already exists")
	}
	e.store.transformations[transformationKey(t)] = t
	return message{"created"}, nil
}

func (e *Emulator) updateTransformation(r *http.Request, p *params) (any, *apiError) {
	unsafe := p.get("unsafe_update")
	if unsafe != "" {
		if _, err := parseTransformation(unsafe); err != nil {
			return nil, err
		}
	}
	t, err := e.store.findTransformation(pathOrParam(r, p, "name", "transformation"))
	if err != nil {
		return nil, err
	}
	if unsafe != "" {
		if !t.named {
			return nil, errBadRequest("Only a named transformation can be updated with unsafe_update")
		}
		t.definition = unsafe
	}
	if allowed, ok := p.boolean("allowed_for_strict"); ok && p.has("allowed_for_strict") {
		t.allowedForStrict = allowed
	}
	return message{"updated"}, nil
}

// maxDerivedDeletion is the documented limit on the derived assets that
// deleting a transformation removes with it.
const maxDerivedDeletion = 1000

func (e *Emulator) deleteTransformation(r *http.Request, p *params) (any, *apiError) {
	t, err := e.store.findTransformation(pathOrParam(r, p, "name", "transformation"))
	if err != nil {
		return nil, err
	}
	derived := e.store.derivedUsing(t)
	if len(derived) > maxDerivedDeletion {
		return nil, errBadRequest("Transformation has more than 1000 derived resources")
	}
	for _, d := range derived {
		d.asset.removeDerived(d.derived.id)
	}
	delete(e.store.transformations, transformationKey(t))
	return message{"deleted"}, nil
}
