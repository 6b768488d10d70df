package emulator

import (
	"regexp"
	"strings"
)

// Cloudinary refuses a transformation whose documented parameters have
// values outside their domain (c_fil, w_abc) with "Invalid transformation
// component - c_fil". The emulator checks the same domains as the provider's
// plan-time validation, written separately so that a misreading in one is
// caught by the other.

var (
	emulatedCropModes = map[string]bool{
		"scale": true, "fit": true, "limit": true, "mfit": true, "fill": true, "lfill": true, "pad": true, "lpad": true,
		"mpad": true, "crop": true, "thumb": true, "imagga_crop": true, "imagga_scale": true, "fill_pad": true,
		"auto": true, "auto_pad": true,
	}
	emulatedFlags = map[string]bool{
		"alternate": true, "animated": true, "any_format": true, "apng": true, "attachment": true, "awebp": true,
		"c2pa": true, "clip": true, "clip_evenodd": true, "cutter": true, "draco": true, "force_icc": true,
		"force_strip": true, "getinfo": true, "group4": true, "hlsv3": true, "ignore_aspect_ratio": true,
		"ignore_mask_channels": true, "immutable_cache": true, "keep_attribution": true, "keep_dar": true,
		"keep_iptc": true, "layer_apply": true, "lossy": true, "mono": true, "no_overflow": true, "no_stream": true,
		"png8": true, "png24": true, "png32": true, "preserve_transparency": true, "progressive": true,
		"rasterize": true, "region_relative": true, "relative": true, "replace_image": true, "sanitize": true,
		"splice": true, "streaming_attachment": true, "strip_profile": true, "text_disallow_overflow": true,
		"text_no_trim": true, "tiff8_lzw": true, "tiled": true, "truncate_ts": true, "waveform": true,
	}
	compass = map[string]bool{
		"north_west": true, "north": true, "north_east": true, "west": true, "center": true, "east": true,
		"south_west": true, "south": true, "south_east": true, "xy_center": true,
	}
	numberValue  = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)$`)
	qualityValue = regexp.MustCompile(`^((100|[1-9]\d?)(:[a-z0-9_]+)*|auto(:[a-z_]+)?|jpegmini(:\d)?)$`)
	formatValue  = regexp.MustCompile(`^(auto(:[a-z]+)?|[a-z0-9]{2,5})$`)
	gravityValue = regexp.MustCompile(`^[a-z0-9_]+(:[a-z0-9_]+)*$`)
)

// predefinedNames are the variables expressions may use without a $, and
// the long names that spell them out (longest first, for replacing).
var (
	predefinedNames = map[string]bool{
		"w": true, "h": true, "ar": true, "cp": true, "du": true, "fc": true, "iar": true, "tar": true, "ih": true,
		"iw": true, "idu": true, "pc": true, "px": true, "py": true, "tags": true, "ils": true, "ctx": true,
	}
	spelledOut = []string{
		"initial_aspect_ratio", "iar", "trimmed_aspect_ratio", "tar", "illustration_score", "ils",
		"initial_duration", "idu", "initial_height", "ih", "initial_width", "iw", "current_page", "cp",
		"aspect_ratio", "ar", "face_count", "fc", "page_count", "pc", "duration", "du", "context", "ctx",
		"height", "h", "page_x", "px", "page_y", "py", "width", "w",
	}
	expressionOperators = map[string]bool{
		"eq": true, "ne": true, "lt": true, "gt": true, "lte": true, "gte": true, "and": true, "or": true,
		"mul": true, "div": true, "add": true, "sub": true, "pow": true, "mod": true,
	}
)

// validComponentValue tells whether Cloudinary accepts value for key.
func validComponentValue(key, value string) bool {
	if isEmulatedExpression(value) {
		return true
	}
	switch key {
	case "c":
		return emulatedCropModes[value]
	case "w", "h":
		return numberValue.MatchString(value) || value == "auto" || strings.HasPrefix(value, "auto:")
	case "x", "y":
		return numberValue.MatchString(value)
	case "q":
		return qualityValue.MatchString(value)
	case "f":
		return formatValue.MatchString(value)
	case "fl":
		for _, f := range strings.Split(value, ".") {
			name, _, _ := strings.Cut(f, ":")
			if !emulatedFlags[name] {
				return false
			}
		}
		return true
	case "g":
		first, _, _ := strings.Cut(value, ":")
		looksCompass := strings.HasPrefix(first, "north") || strings.HasPrefix(first, "south")
		return gravityValue.MatchString(value) && (compass[first] || !looksCompass)
	}
	return true
}

// isEmulatedExpression tells whether a value is a variable, a predefined
// variable, or an arithmetic expression such as iw_div_2 or $w_mul_1.5.
func isEmulatedExpression(v string) bool {
	for i := 0; i < len(spelledOut); i += 2 {
		v = strings.ReplaceAll(v, spelledOut[i], spelledOut[i+1])
	}
	tokens := strings.Split(v, "_")
	if len(tokens)%2 == 0 {
		return false
	}
	for i, tok := range tokens {
		if i%2 == 1 {
			if !expressionOperators[tok] {
				return false
			}
			continue
		}
		if !numberValue.MatchString(tok) && !variableKey.MatchString(tok) && !predefinedNames[tok] {
			return false
		}
	}
	return len(tokens) > 1 || !numberValue.MatchString(v)
}
