package transformation

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The value domains of the parameters whose values Cloudinary documents, so
// that a typo (c_fil, w_abc) fails at plan time rather than at apply. Values
// that may legitimately be anything of a shape stay open: variables ($name),
// arithmetic expressions (iw_div_2), and names that accounts define or that
// detection models know (g_cat).

// cropModes are the documented crop and resize modes (the c parameter).
var cropModes = []string{
	"scale", "fit", "limit", "mfit", "fill", "lfill", "pad", "lpad", "mpad", "crop", "thumb",
	"imagga_crop", "imagga_scale", "fill_pad", "auto", "auto_pad",
}

// compassGravities are the documented fixed gravities; other gravities
// (face, auto:subject, an object such as cat) are names checked for shape.
var compassGravities = []string{
	"north_west", "north", "north_east", "west", "center", "east", "south_west", "south", "south_east", "xy_center",
}

// flags are the documented transformation flags (fl_).
var flags = []string{
	"alternate", "animated", "any_format", "apng", "attachment", "awebp", "c2pa", "clip", "clip_evenodd", "cutter",
	"draco", "force_icc", "force_strip", "getinfo", "group4", "hlsv3", "ignore_aspect_ratio", "ignore_mask_channels",
	"immutable_cache", "keep_attribution", "keep_dar", "keep_iptc", "layer_apply", "lossy", "mono", "no_overflow",
	"no_stream", "png8", "png24", "png32", "preserve_transparency", "progressive", "rasterize", "region_relative",
	"relative", "replace_image", "sanitize", "splice", "streaming_attachment", "strip_profile",
	"text_disallow_overflow", "text_no_trim", "tiff8_lzw", "tiled", "truncate_ts", "waveform",
}

// expression operators and the predefined variables of expressions, as the
// SDKs translate them (pycloudinary's IF_OPERATORS and PREDEFINED_VARS).
var (
	operators      = []string{"eq", "ne", "lt", "gt", "lte", "gte", "and", "or", "mul", "div", "add", "sub", "pow", "mod"}
	predefinedVars = []string{"w", "h", "ar", "cp", "du", "fc", "iar", "tar", "ih", "iw", "idu", "pc", "px", "py", "tags", "ils", "ctx"}
	// longVarNames spells the predefined variables out, longest first, as
	// the SDKs let expressions write them.
	longVarNames = strings.NewReplacer(
		"initial_aspect_ratio", "iar", "trimmed_aspect_ratio", "tar", "illustration_score", "ils", "initial_duration", "idu",
		"initial_height", "ih", "initial_width", "iw", "current_page", "cp", "aspect_ratio", "ar", "face_count", "fc",
		"page_count", "pc", "duration", "du", "context", "ctx", "height", "h", "page_x", "px", "page_y", "py", "width", "w",
	)
)

var (
	number       = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)$`)
	nameShape    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	formatShape  = regexp.MustCompile(`^[a-z0-9]{2,5}$`)
	aspectRatio  = regexp.MustCompile(`^\d+(\.\d+)?:\d+(\.\d+)?$`)
	qualityShape = regexp.MustCompile(`^(\d{1,3})(:[a-z0-9_]+)*$`)
)

// valueCheckers validate the values of the parameters whose domain is known;
// each returns why a value is wrong, or "".
var valueCheckers = map[string]func(string) string{
	"c":   checkCrop,
	"g":   checkGravity,
	"w":   checkSize,
	"h":   checkSize,
	"x":   checkNumber,
	"y":   checkNumber,
	"dpr": checkDPR,
	"ar":  checkAspectRatio,
	"q":   checkQuality,
	"f":   checkFormat,
	"fl":  checkFlags,
}

// checkValue says why the value of a component is wrong, or "".
func checkValue(key, value string) string {
	check, known := valueCheckers[key]
	if !known || isExpression(value) {
		return ""
	}
	return check(value)
}

// isExpression tells whether a value is a variable or an arithmetic
// expression of numbers, variables and predefined variables.
func isExpression(v string) bool {
	v = longVarNames.Replace(v)
	tokens := strings.Split(v, "_")
	if len(tokens)%2 == 0 {
		return false
	}
	for i, tok := range tokens {
		switch {
		case i%2 == 1 && !slices.Contains(operators, tok):
			return false
		case i%2 == 0 && !isOperand(tok):
			return false
		}
	}
	return len(tokens) > 1 || strings.HasPrefix(v, "$") || slices.Contains(predefinedVars, v)
}

func isOperand(tok string) bool {
	return number.MatchString(tok) || variableName.MatchString(tok) || slices.Contains(predefinedVars, tok)
}

func checkCrop(v string) string {
	if slices.Contains(cropModes, v) {
		return ""
	}
	return fmt.Sprintf("crop mode %q is not one of %s", v, strings.Join(cropModes, ", "))
}

// checkGravity accepts the compass gravities exactly, and other gravities
// (face, auto:subject, an object a detection model knows) by shape; a value
// that reads like a misspelt compass direction is refused.
func checkGravity(v string) string {
	parts := strings.Split(v, ":")
	for _, p := range parts {
		if !nameShape.MatchString(p) && !number.MatchString(p) {
			return fmt.Sprintf("gravity %q is not a gravity: parts separated by colons, each lowercase letters, digits and _", v)
		}
	}
	first := parts[0]
	if slices.Contains(compassGravities, first) {
		return ""
	}
	for _, compass := range compassGravities {
		if misspelt(first, compass) {
			return fmt.Sprintf("gravity %q is not one of %s", first, strings.Join(compassGravities, ", "))
		}
	}
	return ""
}

// misspelt tells whether name is so near a keyword that it is more likely a
// typo of it than a name of its own (g_nort, not g_cat): one edit away for
// short names, two for longer ones, or the keyword with something added.
func misspelt(name, keyword string) bool {
	allowed := 1
	if len(name) > 6 {
		allowed = 2
	}
	return editDistance(name, keyword) <= allowed || strings.Contains(name, keyword)
}

// editDistance is the Levenshtein distance between two strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// checkSize accepts pixels, relative sizes (0.5), and automatic sizes.
func checkSize(v string) string {
	if number.MatchString(v) || v == "auto" || strings.HasPrefix(v, "auto:") {
		return ""
	}
	return fmt.Sprintf("%q is not a size: a number, auto, a $variable or an expression such as iw_div_2", v)
}

func checkNumber(v string) string {
	if number.MatchString(v) {
		return ""
	}
	return fmt.Sprintf("%q is not a number, a $variable or an expression", v)
}

func checkDPR(v string) string {
	if number.MatchString(v) || v == "auto" {
		return ""
	}
	return fmt.Sprintf("%q is not a device pixel ratio: a number or auto", v)
}

func checkAspectRatio(v string) string {
	if number.MatchString(v) || aspectRatio.MatchString(v) {
		return ""
	}
	return fmt.Sprintf("%q is not an aspect ratio such as 16:9 or 1.5", v)
}

// checkQuality accepts 1 to 100 (with modifiers such as 80:420), auto and
// its levels (auto:good), and jpegmini (jpegmini:1).
func checkQuality(v string) string {
	if m := qualityShape.FindStringSubmatch(v); m != nil {
		if n, _ := strconv.Atoi(m[1]); n >= 1 && n <= 100 {
			return ""
		}
	}
	keyword, modifier, hasModifier := strings.Cut(v, ":")
	if (keyword == "auto" || keyword == "jpegmini") && (!hasModifier || nameShape.MatchString(modifier) || number.MatchString(modifier)) {
		return ""
	}
	return fmt.Sprintf("quality %q is not 1 to 100, auto (auto:good, auto:best, ...) or jpegmini", v)
}

func checkFormat(v string) string {
	if v == "auto" || strings.HasPrefix(v, "auto:") || formatShape.MatchString(v) {
		return ""
	}
	return fmt.Sprintf("format %q is not auto or a file format such as webp", v)
}

// checkFlags accepts dot-separated documented flags, each with an optional
// ":argument" (fl_attachment:name, fl_progressive:semi).
func checkFlags(v string) string {
	for _, flag := range strings.Split(v, ".") {
		name, _, _ := strings.Cut(flag, ":")
		if !slices.Contains(flags, name) {
			return fmt.Sprintf("flag %q is not a documented flag (%s)", name, strings.Join(flags, ", "))
		}
	}
	return ""
}
