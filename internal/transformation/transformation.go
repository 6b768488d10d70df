// Package transformation parses and prints Cloudinary transformation strings
// ("c_fill,w_100/e_sepia/jpg") and converts the Admin API's "info" form (one
// object per step with long parameter names) back to a string, so that two
// spellings of one transformation compare equal.
package transformation

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// shortToLong is the table of URL parameter keys and the long names the
// Admin API reports in "info": every transformation parameter that the
// official SDKs know (pycloudinary's and cloudinary_npm's tables; the Go SDK
// takes raw strings), which TestTableHoldsEverySDKParameter pins.
var shortToLong = map[string]string{
	"a": "angle", "ac": "audio_codec", "af": "audio_frequency", "ar": "aspect_ratio",
	"b": "background", "bo": "border", "br": "bit_rate", "c": "crop", "co": "color",
	"cs": "color_space", "d": "default_image", "dl": "delay", "dn": "density", "dpr": "dpr",
	"du": "duration", "e": "effect", "eo": "end_offset", "f": "fetch_format", "fl": "flags",
	"fn": "custom_function", "fps": "fps", "g": "gravity", "h": "height", "if": "if",
	"ki": "keyframe_interval", "l": "overlay", "o": "opacity", "p": "prefix", "pg": "page",
	"q": "quality", "r": "radius", "so": "start_offset", "sp": "streaming_profile",
	"t": "transformation", "u": "underlay", "vc": "video_codec", "vs": "video_sampling",
	"w": "width", "x": "x", "y": "y", "z": "zoom", "abr": "audio_bitrate", "sr": "sample_rate",
}

var longToShort = func() map[string]string {
	m := make(map[string]string, len(shortToLong))
	for s, l := range shortToLong {
		m[l] = s
	}
	return m
}()

// infoAliases are long names in "info" that the SDKs accept beside the
// table's, with how their values become components.
var infoAliases = map[string]func(v string) []Param{
	// A custom function run before the other steps: fn_pre:<function>.
	"custom_pre_function": func(v string) []Param { return []Param{{Key: "fn", Value: "pre:" + v}} },
	// "2.5..10" is a start and an end offset.
	"offset": func(v string) []Param {
		start, end, ok := strings.Cut(v, "..")
		if !ok {
			return []Param{{Key: "so", Value: v}}
		}
		return nonEmptyParams(Param{Key: "so", Value: start}, Param{Key: "eo", Value: end})
	},
	// "100x50" is a width and a height.
	"size": func(v string) []Param {
		w, h, _ := strings.Cut(v, "x")
		return nonEmptyParams(Param{Key: "w", Value: w}, Param{Key: "h", Value: h})
	},
}

func nonEmptyParams(params ...Param) []Param {
	out := params[:0]
	for _, p := range params {
		if p.Value != "" {
			out = append(out, p)
		}
	}
	return out
}

var (
	variableName = regexp.MustCompile(`^\$[A-Za-z][A-Za-z0-9]*$`)
	extension    = regexp.MustCompile(`^[A-Za-z0-9]{2,5}$`)
	// plausibleKey is the shape of a parameter key that Cloudinary may add
	// later: lenient parsing keeps such components as they are.
	plausibleKey = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
)

// Known reports whether key is a parameter key of the table.
func Known(key string) bool { return shortToLong[key] != "" }

// LongName is the name "info" gives a parameter key ("" when unknown).
func LongName(key string) string { return shortToLong[key] }

// Param is one "key_value" component.
type Param struct {
	Key   string // short key ("w") or variable name ("$big")
	Value string
}

// Step is one transformation in a chain: its components, or a format
// extension such as "jpg" when it is the last step of a chain.
type Step struct {
	Params []Param
	Format string
}

// Chain is a parsed transformation string.
type Chain []Step

// SyntaxError points at the component that is not valid.
type SyntaxError struct {
	Step      int // 1-based
	Component string
	Reason    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("step %d, component %q: %s", e.Step, e.Component, e.Reason)
}

// Parse reads a transformation string strictly, as written in a
// configuration: an unknown parameter key is an error.
func Parse(s string) (Chain, error) { return parse(s, false) }

// ParseLenient reads a transformation string as Cloudinary reports it: a
// component with an unknown but plausible key (a parameter added after this
// table) is kept as it is, so that what other tools wrote never breaks a read.
func ParseLenient(s string) (Chain, error) { return parse(s, true) }

func parse(s string, lenient bool) (Chain, error) {
	if strings.TrimSpace(s) == "" {
		return nil, &SyntaxError{Step: 1, Component: s, Reason: "the transformation is empty"}
	}
	raw := strings.Split(s, "/")
	chain := make(Chain, 0, len(raw))
	for i, stepText := range raw {
		if i > 0 && i == len(raw)-1 && extension.MatchString(stepText) {
			chain = append(chain, Step{Format: stepText})
			continue
		}
		step, err := parseStep(i+1, stepText, lenient)
		if err != nil {
			return nil, err
		}
		chain = append(chain, step)
	}
	return chain, nil
}

func parseStep(n int, text string, lenient bool) (Step, error) {
	if text == "" {
		return Step{}, &SyntaxError{Step: n, Component: text, Reason: "empty step (two slashes in a row, or a slash at an end)"}
	}
	var step Step
	seen := map[string]bool{}
	for _, comp := range strings.Split(text, ",") {
		key, value, ok := strings.Cut(comp, "_")
		switch {
		case comp == "":
			return Step{}, &SyntaxError{Step: n, Component: comp, Reason: "empty component (two commas in a row, or a comma at an end)"}
		case !ok || value == "":
			return Step{}, &SyntaxError{Step: n, Component: comp, Reason: `expected "key_value"`}
		case shortToLong[key] == "" && !variableName.MatchString(key) && (!lenient || !plausibleKey.MatchString(key)):
			return Step{}, &SyntaxError{Step: n, Component: comp, Reason: fmt.Sprintf("unknown parameter %q", key)}
		case seen[key] && key != "if" && key != "fl" && key != "e":
			return Step{}, &SyntaxError{Step: n, Component: comp, Reason: fmt.Sprintf("parameter %q appears twice in one step", key)}
		}
		if !lenient {
			if reason := checkValue(key, value); reason != "" {
				return Step{}, &SyntaxError{Step: n, Component: comp, Reason: reason}
			}
		}
		seen[key] = true
		step.Params = append(step.Params, Param{Key: key, Value: value})
	}
	return step, nil
}

// String prints the chain as written (components in their given order).
func (c Chain) String() string {
	steps := make([]string, len(c))
	for i, s := range c {
		steps[i] = s.String()
	}
	return strings.Join(steps, "/")
}

func (s Step) String() string {
	if s.Format != "" {
		return s.Format
	}
	comps := make([]string, len(s.Params))
	for i, p := range s.Params {
		comps[i] = p.Key + "_" + p.Value
	}
	return strings.Join(comps, ",")
}

// Canonical orders each step's components (variables first, as Cloudinary
// evaluates them first, then by key), so that equivalent strings print alike.
// Flags are a set: "fl_a,fl_b", "fl_b.a" and "fl_a.b" print as "fl_a.b".
// Steps holding an "if" condition keep their order: there it matters.
func (c Chain) Canonical() Chain {
	out := make(Chain, len(c))
	for i, s := range c {
		params := mergeFlags(s.Params)
		if !hasCondition(params) {
			sort.SliceStable(params, func(a, b int) bool { return paramLess(params[a], params[b]) })
		}
		out[i] = Step{Params: params, Format: s.Format}
	}
	return out
}

// mergeFlags returns a copy of params with every flag in one "fl"
// component, its flags sorted, where the first flag component stood.
func mergeFlags(params []Param) []Param {
	out := make([]Param, 0, len(params))
	var flags []string
	at := -1
	for _, p := range params {
		if p.Key != "fl" {
			out = append(out, p)
			continue
		}
		if at < 0 {
			at = len(out)
			out = append(out, Param{Key: "fl"})
		}
		flags = append(flags, strings.Split(p.Value, ".")...)
	}
	if at >= 0 {
		sort.Strings(flags)
		out[at].Value = strings.Join(slices.Compact(flags), ".")
	}
	return out
}

func hasCondition(params []Param) bool {
	for _, p := range params {
		if p.Key == "if" {
			return true
		}
	}
	return false
}

func paramLess(a, b Param) bool {
	av, bv := strings.HasPrefix(a.Key, "$"), strings.HasPrefix(b.Key, "$")
	if av != bv {
		return av
	}
	return a.Key < b.Key
}

// Normalize returns the canonical form of a transformation string, read
// leniently.
func Normalize(s string) (string, error) {
	c, err := ParseLenient(s)
	if err != nil {
		return "", err
	}
	return c.Canonical().String(), nil
}

// Equal reports whether two transformation strings are the same
// transformation (the same steps, components in any order).
func Equal(a, b string) bool {
	if a == b {
		return true
	}
	na, errA := Normalize(a)
	nb, errB := Normalize(b)
	return errA == nil && errB == nil && na == nb
}

// UnknownInfoError reports an "info" entry that cannot be written as a
// component: a name the table does not know, or a value of a shape (an
// object) that has no URL form. Callers keep Cloudinary's answer verbatim.
type UnknownInfoError struct {
	Step int // 1-based
	Name string
}

func (e *UnknownInfoError) Error() string {
	return fmt.Sprintf("step %d: %q has no transformation URL form known to this provider", e.Step, e.Name)
}

// FromInfo converts the Admin API's "info" (one map per step with long
// names and typed values) back to a canonical transformation string.
func FromInfo(info []map[string]any) (string, error) {
	chain := make(Chain, 0, len(info))
	for i, step := range info {
		s, err := stepFromInfo(i+1, step)
		if err != nil {
			return "", err
		}
		chain = append(chain, s)
	}
	return chain.Canonical().String(), nil
}

func stepFromInfo(n int, step map[string]any) (Step, error) {
	if len(step) == 1 {
		for _, key := range []string{"format", "extension"} {
			if f, ok := step[key].(string); ok {
				return Step{Format: f}, nil
			}
		}
	}
	var s Step
	for name, v := range step {
		params, ok := paramsFromInfo(name, v)
		if !ok {
			return Step{}, &UnknownInfoError{Step: n, Name: name}
		}
		s.Params = append(s.Params, params...)
	}
	return s, nil
}

// paramsFromInfo turns one "info" entry into components.
func paramsFromInfo(name string, v any) ([]Param, bool) {
	if name == "variables" {
		return variablesFromInfo(v)
	}
	value, ok := valueString(name, v)
	if !ok {
		return nil, false
	}
	switch key, known := longToShort[name]; {
	case known:
		return []Param{{Key: key, Value: value}}, true
	case variableName.MatchString(name):
		return []Param{{Key: name, Value: value}}, true
	case infoAliases[name] != nil:
		return infoAliases[name](value), true
	}
	return nil, false
}

// variablesFromInfo reads "variables": [["$a", 1], ["$b", "w_mul_2"]].
func variablesFromInfo(v any) ([]Param, bool) {
	pairs, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]Param, 0, len(pairs))
	for _, pair := range pairs {
		kv, ok := pair.([]any)
		if !ok || len(kv) != 2 {
			return nil, false
		}
		name, _ := kv[0].(string)
		value, ok := valueString("", kv[1])
		if !variableName.MatchString(name) || !ok {
			return nil, false
		}
		out = append(out, Param{Key: name, Value: value})
	}
	return out, true
}

// arraySeparators are how the SDKs join a parameter's list of values:
// flags with dots (fl_attachment.lossy), effect with colons (e_sepia:50);
// other lists (angle, named transformations) with dots.
var arraySeparators = map[string]string{"effect": ":"}

// valueString prints an info value the way the URL syntax writes it; ok is
// false for values with no URL form (objects).
func valueString(name string, v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case int:
		return strconv.Itoa(t), true
	case bool:
		return strconv.FormatBool(t), true
	case nil:
		return "", true
	case []any:
		items := make([]string, 0, len(t))
		for _, item := range t {
			s, ok := valueString(name, item)
			if !ok {
				return "", false
			}
			items = append(items, s)
		}
		sep := arraySeparators[name]
		if sep == "" {
			sep = "."
		}
		return strings.Join(items, sep), true
	}
	return "", false
}
