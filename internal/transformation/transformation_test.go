package transformation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestParseAndCanonical(t *testing.T) {
	cases := []struct {
		in, canonical string
	}{
		{"w_150,h_100,c_fill", "c_fill,h_100,w_150"},
		{"c_fill,h_75,w_75/jpg", "c_fill,h_75,w_75/jpg"},
		{"c_crop,g_custom/ar_1,c_pad,w_1.0", "c_crop,g_custom/ar_1,c_pad,w_1.0"},
		{"$big_500,w_$big/e_sepia", "$big_500,w_$big/e_sepia"},
		{"w_$big,$big_500", "$big_500,w_$big"},
		{"t_thumb/e_sepia:50", "t_thumb/e_sepia:50"},
		{"l_text:Arial_50:Hello%20World,g_north_east,x_10,y_-5", "g_north_east,l_text:Arial_50:Hello%20World,x_10,y_-5"},
		{"if_w_gt_400,c_scale,w_400/if_end", "if_w_gt_400,c_scale,w_400/if_end"},
		{"vc_h264:main:3.1,br_5m,w_1200,h_1200", "br_5m,h_1200,vc_h264:main:3.1,w_1200"},
		{"so_2.5,eo_10,du_7.5,fps_24,ki_2,af_44100,ac_aac,cs_srgb,sp_hd", "ac_aac,af_44100,cs_srgb,du_7.5,eo_10,fps_24,ki_2,so_2.5,sp_hd"},
		{"fl_progressive,fl_attachment", "fl_attachment.progressive"},
		{"fl_progressive.attachment,w_10", "fl_attachment.progressive,w_10"},
	}
	for _, tc := range cases {
		got, err := Normalize(tc.in)
		if err != nil || got != tc.canonical {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.canonical)
		}
		chain, _ := Parse(tc.in)
		if chain.String() != tc.in {
			t.Errorf("Parse(%q).String() = %q: not the string as written", tc.in, chain.String())
		}
	}
}

func TestParseErrorsPointAtTheComponent(t *testing.T) {
	cases := map[string]string{
		"":                  "empty",
		"w_100,zz_3":        `"zz_3": unknown parameter "zz"`,
		"w_100,,h_2":        "empty component",
		"w_100//h_2":        "step 2",
		"w_":                `"w_": expected "key_value"`,
		"width100":          `"width100": expected "key_value"`,
		"w_100,w_200":       "appears twice",
		"c_fill/h_10,nope_": `step 2, component "nope_"`,
	}
	for in, want := range cases {
		_, err := Parse(in)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error %v, want one containing %q", in, err, want)
		}
	}
}

func TestEqual(t *testing.T) {
	if !Equal("w_150,h_100,c_fill", "c_fill,h_100,w_150") {
		t.Error("component order matters")
	}
	if Equal("w_1.0", "w_1") {
		t.Error("w_1.0 (relative) and w_1 (one pixel) compare equal")
	}
	if Equal("c_fill,w_100/e_sepia", "e_sepia/c_fill,w_100") {
		t.Error("step order does not matter")
	}
	if Equal("bad,,", "bad,,") != true {
		t.Error("identical strings must compare equal even when invalid")
	}
}

func TestFromInfo(t *testing.T) {
	var info []map[string]any
	dec := json.NewDecoder(strings.NewReader(`[{"width":150,"height":100,"crop":"fill"},{"effect":"sepia","$v":2},{"format":"jpg"}]`))
	dec.UseNumber()
	if err := dec.Decode(&info); err != nil {
		t.Fatal(err)
	}
	got, err := FromInfo(info)
	if err != nil || got != "c_fill,h_100,w_150/$v_2,e_sepia/jpg" {
		t.Fatalf("FromInfo = %q, %v", got, err)
	}
	if _, err := FromInfo([]map[string]any{{"mystery": 1}}); err == nil {
		t.Fatal("unknown info key accepted")
	}
	if got, _ := FromInfo([]map[string]any{{"width": 1.5, "angle": -20}}); got != "a_-20,w_1.5" {
		t.Fatalf("typed values %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"w_150,h_100,c_fill", "c_fill,h_75,w_75/jpg", "$v_1,w_$v/if_end", "l_text:A_1:b,g_north", "", "/", ",", "w_", "a_1//b_2"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		chain, err := Parse(s)
		if err != nil {
			return
		}
		if chain.String() != s {
			t.Fatalf("round trip of %q gave %q", s, chain.String())
		}
		canonical := chain.Canonical().String()
		again, err := Normalize(canonical)
		if err != nil || again != canonical {
			t.Fatalf("canonical form %q of %q is not stable: %q, %v", canonical, s, again, err)
		}
		if !Equal(s, canonical) {
			t.Fatalf("%q is not Equal to its canonical form %q", s, canonical)
		}
	})
}

// sdkParameters are the transformation parameters of the official SDKs'
// tables, short key to long option name: pycloudinary's
// generate_transformation_string (its params dict and
// _SIMPLE_TRANSFORMATION_PARAMS) and cloudinary_npm's
// generate_transformation_string (its params object and SIMPLE_PARAMS). The
// Go SDK takes transformations as raw strings and has no table.
var sdkParameters = map[string]string{
	"a": "angle", "ar": "aspect_ratio", "b": "background", "bo": "border", "c": "crop", "co": "color",
	"dpr": "dpr", "du": "duration", "e": "effect", "eo": "end_offset", "fl": "flags", "fn": "custom_function",
	"fps": "fps", "h": "height", "ki": "keyframe_interval", "l": "overlay", "o": "opacity", "q": "quality",
	"r": "radius", "so": "start_offset", "t": "transformation", "u": "underlay", "w": "width", "x": "x",
	"y": "y", "vc": "video_codec", "z": "zoom", "ac": "audio_codec", "af": "audio_frequency", "br": "bit_rate",
	"cs": "color_space", "d": "default_image", "dl": "delay", "dn": "density", "f": "fetch_format",
	"g": "gravity", "p": "prefix", "pg": "page", "sp": "streaming_profile", "vs": "video_sampling", "if": "if",
}

func TestTableHoldsEverySDKParameter(t *testing.T) {
	for key, long := range sdkParameters {
		if !Known(key) {
			t.Errorf("parameter %s_ (%s) is missing from the table", key, long)
		}
		if LongName(key) != long {
			t.Errorf("parameter %s_ reads as %q in info, the SDKs call it %q", key, LongName(key), long)
		}
	}
	// The SDKs' other option names that info may carry.
	for name, want := range map[string]string{
		"custom_pre_function": "fn_pre:remote:https://x.example.com/f",
		"offset":              "eo_5,so_2",
		"size":                "h_50,w_100",
	} {
		value := map[string]string{"custom_pre_function": "remote:https://x.example.com/f", "offset": "2..5", "size": "100x50"}[name]
		got, err := FromInfo([]map[string]any{{name: value}})
		if err != nil || got != want {
			t.Errorf("info %s=%q: %q, %v; want %q", name, value, got, err, want)
		}
	}
}

// Array values in info round-trip: flags join with dots, effects with colons.
func TestFromInfoArrays(t *testing.T) {
	got, err := FromInfo([]map[string]any{
		{"flags": []any{"progressive", "attachment"}, "width": json.Number("10")},
		{"effect": []any{"sepia", json.Number("50")}},
		{"variables": []any{[]any{"$big", json.Number("500")}}, "width": "$big"},
	})
	want := "fl_attachment.progressive,w_10/e_sepia:50/$big_500,w_$big"
	if err != nil || got != want {
		t.Fatalf("FromInfo = %q, %v; want %q", got, err, want)
	}
	if !Equal(got, "w_10,fl_progressive,fl_attachment/e_sepia:50/w_$big,$big_500") {
		t.Fatal("the info does not compare equal to the string it came from")
	}
}

// What has no URL form is reported, for the caller to keep verbatim.
func TestFromInfoReportsWhatItCannotWrite(t *testing.T) {
	for _, info := range []map[string]any{
		{"brand_new_parameter": "x"},
		{"overlay": map[string]any{"public_id": "logo"}},
	} {
		_, err := FromInfo([]map[string]any{{"width": json.Number("10")}, info})
		var unknown *UnknownInfoError
		if !errors.As(err, &unknown) || unknown.Step != 2 {
			t.Errorf("FromInfo(%v): %v, want an UnknownInfoError for step 2", info, err)
		}
	}
}

// Reads are lenient: a component with a key added after this table is kept,
// and compares by meaning; configurations are strict.
func TestLenientParsing(t *testing.T) {
	if _, err := Parse("w_100,zz_3"); err == nil {
		t.Fatal("strict parsing accepted an unknown key")
	}
	if !Equal("zz_3,w_100", "w_100,zz_3") {
		t.Fatal("an unknown key broke the comparison of two spellings")
	}
	if Equal("zz_3,w_100", "w_100,zz_4") {
		t.Fatal("different values of an unknown key compare equal")
	}
	if _, err := ParseLenient("w_100,ZZ_3"); err == nil {
		t.Fatal("lenient parsing accepted an implausible key")
	}
}
