package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

func n(s string) json.Number { return json.Number(s) }

func TestParseTransformation(t *testing.T) {
	cases := []struct {
		in   string
		want []map[string]any
		err  bool
	}{
		{in: "w_150,h_100,c_fill", want: []map[string]any{{"width": n("150"), "height": n("100"), "crop": "fill"}}},
		{in: "c_fill,h_75,w_75/jpg", want: []map[string]any{{"crop": "fill", "height": n("75"), "width": n("75")}, {"format": "jpg"}}},
		{in: "ar_1,c_pad,w_1.0", want: []map[string]any{{"aspect_ratio": n("1"), "crop": "pad", "width": n("1.0")}}},
		{in: "$big_500/w_$big", want: []map[string]any{{"$big": n("500")}, {"width": "$big"}}},
		{in: "t_thumb/e_sepia", want: []map[string]any{{"transformation": "thumb"}, {"effect": "sepia"}}},
		{in: "l_text:Arial_50:Hi,g_north_east", want: []map[string]any{{"overlay": "text:Arial_50:Hi", "gravity": "north_east"}}},
		{in: "zz_1", err: true},
		{in: "c_fil,w_100", err: true},
		{in: "c_fill,w_abc", err: true},
		{in: "c_fill,w_zz", err: true},
		{in: "q_best", err: true},
		{in: "fl_progressiv", err: true},
		{in: "g_north_wst", err: true},
		{in: "f_jpeg2000x", err: true},
		{in: "w_iw_div_2,h_initial_height_mul_0.5,c_$mode", want: []map[string]any{{"width": "iw_div_2", "height": "initial_height_mul_0.5", "crop": "$mode"}}},
		{in: "c_fill,g_auto:subject,q_auto:good,f_auto,fl_attachment:x.progressive,w_auto:100", want: []map[string]any{{
			"crop": "fill", "gravity": "auto:subject", "quality": "auto:good", "fetch_format": "auto",
			"flags": []any{"attachment:x", "progressive"}, "width": "auto:100"}}},
		// A trailing "/" is an empty extension (cloudinary_npm api_spec "should
		// allow creating named transformation with an empty format").
		{in: "c_scale,w_102/", want: []map[string]any{{"crop": "scale", "width": n("102"), "extension": "none"}}},
		{in: "/", err: true},
		{in: "w_", err: true},
		{in: "w_100,,h_2", err: true},
		{in: "", err: true},
	}
	for _, tc := range cases {
		got, err := parseTransformation(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("%q: want an error, got %v", tc.in, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %v (%v), want %v", tc.in, got, err, tc.want)
		}
	}
	if canonicalTransformation("w_150,h_100,c_fill") != canonicalTransformation("c_fill,h_100,w_150") {
		t.Error("component order changes the canonical form")
	}
}

func TestNamedTransformationLifecycle(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/transformations/small_fill", url.Values{"transformation": {"w_150,h_100,c_fill"}}), 200)
	expectStatus(t, te.admin(http.MethodPost, "/transformations/small_fill", url.Values{"transformation": {"w_1"}}), 409)
	expectStatus(t, te.admin(http.MethodPost, "/transformations/bad", url.Values{"transformation": {"qq_1"}}), 400)
	expectStatus(t, te.admin(http.MethodPost, "/transformations/bad name", url.Values{"transformation": {"w_1"}}), 400)

	for _, id := range []string{"small_fill", "t_small_fill"} {
		r := te.admin(http.MethodGet, "/transformations/"+id, nil)
		expectStatus(t, r, 200)
		if r.body["name"] != "t_small_fill" || r.body["named"] != true || r.body["used"] != false {
			t.Fatalf("%s: %s", id, r.raw)
		}
		want := []any{map[string]any{"width": float64(150), "height": float64(100), "crop": "fill"}}
		if !reflect.DeepEqual(r.body["info"], want) {
			t.Fatalf("info %v", r.body["info"])
		}
	}
	r := te.admin(http.MethodGet, "/transformations", url.Values{"transformation": {"t_small_fill"}})
	expectStatus(t, r, 200)

	expectStatus(t, te.admin(http.MethodPut, "/transformations/small_fill", url.Values{"unsafe_update": {"c_scale,w_103"}, "allowed_for_strict": {"true"}}), 200)
	r = te.admin(http.MethodGet, "/transformations/small_fill", nil)
	if r.body["allowed_for_strict"] != true || !reflect.DeepEqual(r.body["info"], []any{map[string]any{"crop": "scale", "width": float64(103)}}) {
		t.Fatalf("after update %s", r.raw)
	}

	// An upload with an eager transformation makes an unnamed one, used.
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {"s"}, "eager": {"t_small_fill|w_20"}})
	r = te.admin(http.MethodGet, "/transformations", url.Values{"max_results": {"500"}})
	names := map[string]bool{}
	for _, tr := range r.body["transformations"].([]any) {
		m := tr.(map[string]any)
		names[m["name"].(string)] = m["used"].(bool)
	}
	if !names["t_small_fill"] || !names["w_20"] {
		t.Fatalf("listing %s", r.raw)
	}
	r = te.admin(http.MethodGet, "/transformations", url.Values{"named": {"true"}})
	if n := len(r.body["transformations"].([]any)); n != 1 {
		t.Fatalf("named filter: %s", r.raw)
	}
	r = te.admin(http.MethodGet, "/transformations/small_fill", nil)
	if d := r.body["derived"].([]any); len(d) != 1 {
		t.Fatalf("derived %s", r.raw)
	}

	expectStatus(t, te.admin(http.MethodDelete, "/transformations/t_small_fill", nil), 200)
	expectStatus(t, te.admin(http.MethodGet, "/transformations/small_fill", nil), 404)
	r = te.admin(http.MethodGet, "/resources/image/upload/s", nil)
	if d := r.body["derived"].([]any); len(d) != 1 {
		t.Fatalf("deleting the transformation should delete its derived asset only: %s", r.raw)
	}
	// Unnamed transformations are addressed by their string, in any order.
	expectStatus(t, te.admin(http.MethodPut, "/transformations", url.Values{"transformation": {"w_20"}, "allowed_for_strict": {"true"}}), 200)
}

func TestStreamingProfiles(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.admin(http.MethodGet, "/streaming_profiles", nil)
	if n := len(r.body["data"].([]any)); n != 7 {
		t.Fatalf("%d built-in profiles, want 7", n)
	}
	reps := `[{"transformation":"w_1200,h_1200,br_5m,vc_h264:main:3.1"},{"transformation":{"width":600,"height":600}}]`
	r = te.admin(http.MethodPost, "/streaming_profiles", url.Values{"name": {"Custom_Square"}, "display_name": {"Square"}, "representations": {reps}})
	expectStatus(t, r, 200)
	expectStatus(t, te.admin(http.MethodPost, "/streaming_profiles", url.Values{"name": {"custom_square"}, "representations": {reps}}), 409)
	expectStatus(t, te.admin(http.MethodPost, "/streaming_profiles", url.Values{"name": {"bad name"}, "representations": {reps}}), 400)
	expectStatus(t, te.admin(http.MethodPost, "/streaming_profiles", url.Values{"name": {"x"}, "representations": {"[]"}}), 400)

	r = te.admin(http.MethodGet, "/streaming_profiles/custom_square", nil)
	expectStatus(t, r, 200)
	data := r.body["data"].(map[string]any)
	want := []any{
		map[string]any{"transformation": []any{map[string]any{"width": float64(1200), "height": float64(1200), "bit_rate": "5m", "video_codec": "h264:main:3.1"}}},
		map[string]any{"transformation": []any{map[string]any{"width": float64(600), "height": float64(600)}}},
	}
	if data["predefined"] != false || !reflect.DeepEqual(data["representations"], want) {
		t.Fatalf("details %s", r.raw)
	}

	// A built-in can be modified (it stays predefined) and reverted by delete.
	expectStatus(t, te.admin(http.MethodDelete, "/streaming_profiles/hd", nil), 400)
	r = te.admin(http.MethodPut, "/streaming_profiles/hd", url.Values{"representations": {`[{"transformation":"w_320,h_240"}]`}})
	expectStatus(t, r, 200)
	r = te.admin(http.MethodGet, "/streaming_profiles/hd", nil)
	data = r.body["data"].(map[string]any)
	if data["predefined"] != true || len(data["representations"].([]any)) != 1 {
		t.Fatalf("modified built-in %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodDelete, "/streaming_profiles/hd", nil), 200)
	r = te.admin(http.MethodGet, "/streaming_profiles/hd", nil)
	if n := len(r.body["data"].(map[string]any)["representations"].([]any)); n != 4 {
		t.Fatalf("reverted built-in has %d representations", n)
	}
	expectStatus(t, te.admin(http.MethodDelete, "/streaming_profiles/custom_square", nil), 200)
	expectStatus(t, te.admin(http.MethodGet, "/streaming_profiles/custom_square", nil), 404)
}

// A named transformation with a value outside its parameter's domain is
// refused with Cloudinary's error body.
func TestInvalidTransformationValuesAreRefused(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.admin(http.MethodPost, "/transformations/bad", url.Values{"transformation": {"c_fil,w_100"}})
	expectStatus(t, r, 400)
	if r.errorMessage() != "Invalid transformation component - c_fil" {
		t.Fatalf("error %s", r.raw)
	}
	r = te.admin(http.MethodPost, "/streaming_profiles", url.Values{"name": {"bad"}, "representations": {`[{"transformation":"c_fill,w_zz"}]`}})
	expectStatus(t, r, 400)
}

// A named transformation created without allowed_for_strict is allowed for
// strict transformations (the live create tests of cloudinary_npm,
// cloudinary_java test15TransformationCreate and cloudinary_gem); one
// created with an empty format reads back as the SDKs expect.
func TestNamedTransformationDefaults(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/transformations", url.Values{"name": {"plain"}, "transformation": {"c_scale,w_102"}}), 200)
	expectStatus(t, te.admin(http.MethodPost, "/transformations", url.Values{"name": {"no_ext"}, "transformation": {"c_scale,w_102/"}}), 200)
	expectStatus(t, te.admin(http.MethodPost, "/transformations", url.Values{"name": {"strict_off"}, "transformation": {"w_1"}, "allowed_for_strict": {"false"}}), 200)
	for name, want := range map[string]string{"plain": "true [map[crop:scale width:102]]", "no_ext": "true [map[crop:scale extension:none width:102]]", "strict_off": "false [map[width:1]]"} {
		r := te.admin(http.MethodGet, "/transformations", url.Values{"transformation": {"t_" + name}})
		expectStatus(t, r, 200)
		if got := fmt.Sprint(r.body["allowed_for_strict"], " ", r.body["info"]); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}
