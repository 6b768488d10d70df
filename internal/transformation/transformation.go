// Package transformation parses and prints Cloudinary transformation strings
// ("c_fill,w_100/e_sepia/jpg") and converts the Admin API's "info" form (one
// object per step with long parameter names) back to a string, so that two
// spellings of one transformation compare equal.
package transformation

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// shortToLong is the table of URL parameter keys and the long names the
// Admin API reports in "info".
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

var (
	variableName = regexp.MustCompile(`^\$[A-Za-z][A-Za-z0-9]*$`)
	extension    = regexp.MustCompile(`^[A-Za-z0-9]{2,5}$`)
)

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

// Parse reads a transformation string.
func Parse(s string) (Chain, error) {
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
		step, err := parseStep(i+1, stepText)
		if err != nil {
			return nil, err
		}
		chain = append(chain, step)
	}
	return chain, nil
}

func parseStep(n int, text string) (Step, error) {
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
		case shortToLong[key] == "" && !variableName.MatchString(key):
			return Step{}, &SyntaxError{Step: n, Component: comp, Reason: fmt.Sprintf("unknown parameter %q", key)}
		case seen[key] && key != "if" && key != "fl" && key != "e":
			return Step{}, &SyntaxError{Step: n, Component: comp, Reason: fmt.Sprintf("parameter %q appears twice in one step", key)}
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
// Steps holding an "if" condition keep their order: there it matters.
func (c Chain) Canonical() Chain {
	out := make(Chain, len(c))
	for i, s := range c {
		params := append([]Param(nil), s.Params...)
		if !hasCondition(params) {
			sort.SliceStable(params, func(a, b int) bool { return paramLess(params[a], params[b]) })
		}
		out[i] = Step{Params: params, Format: s.Format}
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

// Normalize returns the canonical form of a transformation string.
func Normalize(s string) (string, error) {
	c, err := Parse(s)
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
	for long, v := range step {
		key, ok := longToShort[long]
		if !ok && variableName.MatchString(long) {
			key, ok = long, true
		}
		if !ok {
			return Step{}, &SyntaxError{Step: n, Component: long, Reason: "unknown parameter name in info"}
		}
		s.Params = append(s.Params, Param{Key: key, Value: valueString(v)})
	}
	return s, nil
}

// valueString prints an info value the way the URL syntax writes it.
func valueString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case int:
		return strconv.Itoa(t)
	case bool:
		return strconv.FormatBool(t)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
