package emulator

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// streamingProfile is an adaptive streaming profile. Built-in profiles keep
// their original representations so that deleting a modified one reverts it.
type streamingProfile struct {
	external        string
	name            string
	displayName     string
	predefined      bool
	representations []representation
	original        *streamingProfile // for built-ins: the settings to revert to
}

// representation is one rendition of a profile, kept as the step objects the
// API answers with.
type representation []map[string]any

func builtin(name, display string, transformations ...string) *streamingProfile {
	sum := md5.Sum([]byte("builtin:" + name))
	h := hex.EncodeToString(sum[:])
	p := &streamingProfile{name: name, displayName: display, predefined: true,
		external: h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]}
	for _, t := range transformations {
		info, err := parseTransformation(t)
		if err != nil {
			panic("built-in profile " + name + ": " + err.message)
		}
		p.representations = append(p.representations, info)
	}
	orig := *p
	p.original = &orig
	return p
}

// builtinProfiles are the seven profiles every account starts with.
func builtinProfiles() []*streamingProfile {
	const (
		r2160 = "c_limit,w_3840,h_2160,vc_h264:high:5.1,br_18m"
		r1080 = "c_limit,w_1920,h_1080,vc_h264:high:4.0,br_5500k"
		r720  = "c_limit,w_1280,h_720,vc_h264:main:3.1,br_3500k"
		r480  = "c_limit,w_854,h_480,vc_h264:main:3.1,br_1500k"
		r360  = "c_limit,w_640,h_360,vc_h264:baseline:3.0,br_800k"
		r240  = "c_limit,w_426,h_240,vc_h264:baseline:3.0,br_400k"
	)
	return []*streamingProfile{
		builtin("4k", "4K (2160p)", r2160, r1080, r720, r480, r360, r240),
		builtin("full_hd", "Full HD (1080p)", r1080, r720, r480, r360, r240),
		builtin("hd", "HD (720p)", r720, r480, r360, r240),
		builtin("sd", "SD (480p)", r480, r360, r240),
		builtin("full_hd_wifi", "Full HD WiFi (1080p)", r1080, r720, r480),
		builtin("full_hd_lean", "Full HD Lean (1080p)", r1080, r480, r240),
		builtin("hd_lean", "HD Lean (720p)", r720, r360, r240),
	}
}

var profileName = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

func (sp *streamingProfile) summary() map[string]any {
	return map[string]any{"external_id": sp.external, "name": sp.name, "display_name": sp.displayName, "predefined": sp.predefined}
}

func (sp *streamingProfile) details() map[string]any {
	out := sp.summary()
	reps := make([]map[string]any, 0, len(sp.representations))
	for _, r := range sp.representations {
		reps = append(reps, map[string]any{"transformation": []map[string]any(r)})
	}
	out["representations"] = reps
	return out
}

// parseRepresentations reads the representations parameter: a JSON string
// (or, in a JSON body, an array) of {"transformation": T} where T is a
// transformation string, a step object or an array of step objects.
func parseRepresentations(p *params) ([]representation, *apiError) {
	var items []struct {
		Transformation json.RawMessage `json:"transformation"`
	}
	if err := json.Unmarshal(p.jsonText("representations"), &items); err != nil || len(items) == 0 {
		return nil, errBadRequest("Invalid representations: must be a non-empty JSON array")
	}
	out := make([]representation, 0, len(items))
	for _, it := range items {
		rep, err := parseRepresentation(it.Transformation)
		if err != nil {
			return nil, err
		}
		out = append(out, rep)
	}
	return out, nil
}

func parseRepresentation(raw json.RawMessage) (representation, *apiError) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parseTransformation(s)
	}
	var step map[string]any
	if json.Unmarshal(raw, &step) == nil && len(step) > 0 {
		return representation{step}, nil
	}
	var steps []map[string]any
	if json.Unmarshal(raw, &steps) == nil && len(steps) > 0 {
		return steps, nil
	}
	return nil, errBadRequest("Invalid representation transformation " + string(raw))
}

func (e *Emulator) listProfiles(*http.Request) (any, *apiError) {
	data := make([]map[string]any, 0, len(e.store.profiles))
	for _, key := range slices.Sorted(maps.Keys(e.store.profiles)) {
		data = append(data, e.store.profiles[key].summary())
	}
	return map[string]any{"data": data}, nil
}

// lookupProfile finds a profile by name, in any case, or answers 404.
func (e *Emulator) lookupProfile(name string) (*streamingProfile, *apiError) {
	sp, ok := e.store.profiles[strings.ToLower(name)]
	if !ok {
		return nil, errNotFound("Streaming profile " + name + " not found")
	}
	return sp, nil
}

func (e *Emulator) getProfile(r *http.Request) (any, *apiError) {
	sp, err := e.lookupProfile(r.PathValue("name"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"data": sp.details()}, nil
}

func (e *Emulator) createProfile(_ *http.Request, p *params) (any, *apiError) {
	name := p.get("name")
	if !profileName.MatchString(name) {
		return nil, errBadRequest("Invalid streaming profile name '" + name + "': use letters, digits, _ and -")
	}
	reps, err := parseRepresentations(p)
	if err != nil {
		return nil, err
	}
	if _, exists := e.store.profiles[strings.ToLower(name)]; exists {
		return nil, errConflict("Streaming profile " + name + " already exists")
	}
	sp := &streamingProfile{external: e.randUUID(), name: name, displayName: p.get("display_name"), representations: reps}
	e.store.profiles[strings.ToLower(name)] = sp
	return map[string]any{"message": "created", "data": sp.details()}, nil
}

func (e *Emulator) updateProfile(r *http.Request, p *params) (any, *apiError) {
	var reps []representation
	if p.has("representations") {
		var err *apiError
		if reps, err = parseRepresentations(p); err != nil {
			return nil, err
		}
	}
	name := pathOrParam(r, p, "name", "name")
	sp, err := e.lookupProfile(name)
	if err != nil {
		return nil, err
	}
	updated := *sp
	if p.has("display_name") {
		updated.displayName = p.get("display_name")
	}
	if reps != nil {
		updated.representations = reps
	}
	e.store.profiles[strings.ToLower(name)] = &updated
	return map[string]any{"message": "updated", "data": updated.details()}, nil
}

func (e *Emulator) deleteProfile(r *http.Request, p *params) (any, *apiError) {
	name := pathOrParam(r, p, "name", "name")
	sp, err := e.lookupProfile(name)
	if err != nil {
		return nil, err
	}
	key := strings.ToLower(name)
	switch {
	case sp.original == nil:
		delete(e.store.profiles, key)
	case sp.modified():
		e.store.profiles[key] = sp.original.revert()
	default:
		return nil, errBadRequest("Can't delete the built-in streaming profile " + name + ": it has not been modified")
	}
	return message{"deleted"}, nil
}

// modified tells whether a built-in profile differs from its original.
func (sp *streamingProfile) modified() bool {
	a, _ := json.Marshal(sp.details())
	b, _ := json.Marshal(sp.original.details())
	return string(a) != string(b)
}

// revert returns a fresh copy of an original built-in profile.
func (sp *streamingProfile) revert() *streamingProfile {
	fresh := *sp
	fresh.original = sp
	return &fresh
}
