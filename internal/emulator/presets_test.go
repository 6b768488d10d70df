package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

func TestPresetLifecycle(t *testing.T) {
	te := newTestEmulator(t, Options{})
	create := url.Values{
		"name": {"web"}, "unsigned": {"true"}, "tags": {"a,b"}, "allowed_formats": {"jpg,png"},
		"context": {"alt=A|caption=x\\=y"}, "transformation": {"c_fill,w_100/jpg"},
		"eager": {"c_thumb,w_50|w_10"}, "use_filename": {"1"}, "auto_tagging": {"0.6"},
		"folder": {"uploads"}, "headers": {"X-Robots-Tag: noindex"}, "disallow_public_id": {"true"},
	}
	r := te.admin(http.MethodPost, "/upload_presets", create)
	expectStatus(t, r, 200)
	if r.body["message"] != "created" || r.body["name"] != "web" {
		t.Fatalf("create answer %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{"name": {"web"}}), 409)

	r = te.admin(http.MethodGet, "/upload_presets/web", nil)
	expectStatus(t, r, 200)
	settings := r.body["settings"].(map[string]any)
	want := map[string]any{
		"tags":               []any{"a", "b"},
		"allowed_formats":    []any{"jpg", "png"},
		"context":            map[string]any{"alt": "A", "caption": "x=y"},
		"transformation":     []any{map[string]any{"crop": "fill", "width": float64(100)}, map[string]any{"format": "jpg"}},
		"eager":              []any{[]any{map[string]any{"crop": "thumb", "width": float64(50)}}, []any{map[string]any{"width": float64(10)}}},
		"use_filename":       true,
		"auto_tagging":       0.6,
		"folder":             "uploads",
		"headers":            map[string]any{"X-Robots-Tag": "noindex"},
		"disallow_public_id": true,
	}
	if !reflect.DeepEqual(settings, want) {
		t.Fatalf("details settings\n got %#v\nwant %#v", settings, want)
	}
	if r.body["unsigned"] != true {
		t.Fatalf("unsigned %v", r.body["unsigned"])
	}

	r = te.admin(http.MethodGet, "/upload_presets", nil)
	listed := r.body["presets"].([]any)[0].(map[string]any)["settings"].(map[string]any)
	if listed["tags"] != "a,b" || listed["context"] != `alt=A|caption=x\=y` || listed["use_filename"] != true {
		t.Fatalf("list settings are not in string form: %#v", listed)
	}

	// Update merges; an empty value removes the setting.
	expectStatus(t, te.admin(http.MethodPut, "/upload_presets/web", url.Values{"tags": {"c"}, "folder": {""}, "unsigned": {"false"}}), 200)
	r = te.admin(http.MethodGet, "/upload_presets/web", nil)
	settings = r.body["settings"].(map[string]any)
	if _, still := settings["folder"]; still || !reflect.DeepEqual(settings["tags"], []any{"c"}) || r.body["unsigned"] != false {
		t.Fatalf("after update %s", r.raw)
	}

	expectStatus(t, te.admin(http.MethodDelete, "/upload_presets/web", nil), 200)
	r = te.admin(http.MethodGet, "/upload_presets/web", nil)
	expectStatus(t, r, 404)
	if r.errorMessage() != "Can't find upload preset named web" {
		t.Fatalf("404 message %q", r.errorMessage())
	}
	expectStatus(t, te.admin(http.MethodDelete, "/upload_presets/web", nil), 404)
	expectStatus(t, te.admin(http.MethodPut, "/upload_presets/web", url.Values{"tags": {"x"}}), 404)
}

func TestPresetJSONBodyAsTheGoSDKSendsIt(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.adminJSON(http.MethodPost, "/upload_presets", map[string]any{
		"name": "sdk", "unsigned": true, "tags": "x,y", "context": "k=v", "overwrite": false,
	})
	expectStatus(t, r, 200)
	r = te.admin(http.MethodGet, "/upload_presets/sdk", nil)
	s := r.body["settings"].(map[string]any)
	if s["overwrite"] != false || !reflect.DeepEqual(s["tags"], []any{"x", "y"}) || r.body["unsigned"] != true {
		t.Fatalf("JSON-created preset %s", r.raw)
	}
}

// The settings that the official SDKs send and that the emulator once
// dropped (live) or gave back as strings where Cloudinary parses them: JSON
// settings (the Upload API reference's JSON parameters) and coordinates (the
// OpenAPI's upload_serializable_parsed) come back parsed in the details and
// as strings in the listing, booleans as booleans in both.
func TestPresetKeepsTheSettingsTheSDKsSend(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{
		"name": {"every"}, "live": {"true"}, "clear_invalid": {"1"}, "public_id": {"team/avatar"}, "quality_override": {"auto:best"},
		"access_control":         {`[{"access_type": "anonymous", "start": "2025-01-01T00:00Z"}]`},
		"regions":                {`{"logo":[[1,2],[3,4]]}`},
		"responsive_breakpoints": {`[{"create_derived":true,"max_images":3}]`},
		"auto_transcription":     {"1"}, // cloudinary_npm sends booleans as 1 and 0
		"auto_video_details":     {`{"fields":["title"]}`},
		"face_coordinates":       {"10,20,150,130|213,345,82,61"},
		"custom_coordinates":     {"85,120,220,310"},
	}), 200)
	r := te.admin(http.MethodGet, "/upload_presets/every", nil)
	expectStatus(t, r, 200)
	want := map[string]any{
		"live": true, "clear_invalid": true, "public_id": "team/avatar", "quality_override": "auto:best",
		"access_control":         []any{map[string]any{"access_type": "anonymous", "start": "2025-01-01T00:00Z"}},
		"regions":                map[string]any{"logo": []any{[]any{1.0, 2.0}, []any{3.0, 4.0}}},
		"responsive_breakpoints": []any{map[string]any{"create_derived": true, "max_images": 3.0}},
		"auto_transcription":     true,
		"auto_video_details":     map[string]any{"fields": []any{"title"}},
		"face_coordinates":       []any{[]any{10.0, 20.0, 150.0, 130.0}, []any{213.0, 345.0, 82.0, 61.0}},
		"custom_coordinates":     []any{[]any{85.0, 120.0, 220.0, 310.0}},
	}
	if got := r.body["settings"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("details settings\n got %#v\nwant %#v", got, want)
	}
	r = te.admin(http.MethodGet, "/upload_presets", nil)
	listed := r.body["presets"].([]any)[0].(map[string]any)["settings"].(map[string]any)
	if listed["live"] != true || listed["regions"] != `{"logo":[[1,2],[3,4]]}` || listed["face_coordinates"] != "10,20,150,130|213,345,82,61" ||
		listed["access_control"] != `[{"access_type":"anonymous","start":"2025-01-01T00:00Z"}]` {
		t.Fatalf("list settings %#v", listed)
	}
	// An update with JSON values, as the Go SDK sends them; an empty value
	// removes a setting.
	expectStatus(t, te.adminJSON(http.MethodPut, "/upload_presets/every", map[string]any{
		"auto_transcription": `{"translate":["fr-FR"]}`, "face_coordinates": [][]int{{1, 2, 3, 4}}, "live": false, "regions": "",
	}), 200)
	settings := te.admin(http.MethodGet, "/upload_presets/every", nil).body["settings"].(map[string]any)
	if _, still := settings["regions"]; still || settings["live"] != false ||
		!reflect.DeepEqual(settings["auto_transcription"], map[string]any{"translate": []any{"fr-FR"}}) ||
		!reflect.DeepEqual(settings["face_coordinates"], []any{[]any{1.0, 2.0, 3.0, 4.0}}) {
		t.Fatalf("after update %#v", settings)
	}
}

func TestPresetValidation(t *testing.T) {
	te := newTestEmulator(t, Options{})
	cases := map[string]url.Values{
		"bad name":           {"name": {"has space"}},
		"bad boolean":        {"name": {"a"}, "overwrite": {"maybe"}},
		"bad enum":           {"name": {"b"}, "type": {"public"}},
		"bad transformation": {"name": {"c"}, "transformation": {"zz_1"}},
		"bad auto_tagging":   {"name": {"d"}, "auto_tagging": {"2"}},
		"bad unsigned":       {"name": {"e"}, "unsigned": {"perhaps"}},
		"bad JSON":           {"name": {"f"}, "access_control": {`[{"access_type": token}]`}},
		"bad coordinates":    {"name": {"g"}, "face_coordinates": {"10,20,30"}},
		"bad public ID":      {"name": {"h"}, "public_id": {"/lead"}},
		"bad live":           {"name": {"i"}, "live": {"sometimes"}},
	}
	for name, form := range cases {
		t.Run(name, func(t *testing.T) {
			r := te.admin(http.MethodPost, "/upload_presets", form)
			expectStatus(t, r, 400)
			if r.errorMessage() == "" {
				t.Fatalf("no error message: %s", r.raw)
			}
		})
	}
}

func TestPresetPagination(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for i := 0; i < 25; i++ {
		expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{"name": {fmt.Sprintf("p%02d", i)}}), 200)
	}
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		q := url.Values{"max_results": {"10"}}
		if cursor != "" {
			q.Set("next_cursor", cursor)
		}
		r := te.admin(http.MethodGet, "/upload_presets", q)
		expectStatus(t, r, 200)
		pages++
		for _, p := range r.body["presets"].([]any) {
			seen[p.(map[string]any)["name"].(string)] = true
		}
		next, _ := r.body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if len(seen) != 25 || pages != 3 {
		t.Fatalf("saw %d presets in %d pages", len(seen), pages)
	}
	r := te.admin(http.MethodGet, "/upload_presets", nil)
	if n := len(r.body["presets"].([]any)); n != 10 {
		t.Fatalf("default page size %d, want 10", n)
	}
	expectStatus(t, te.admin(http.MethodGet, "/upload_presets", url.Values{"max_results": {"501"}}), 400)
	expectStatus(t, te.admin(http.MethodGet, "/upload_presets", url.Values{"next_cursor": {"!!"}}), 400)
}

func TestMappingLifecycle(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/upload_mappings", url.Values{"folder": {"wiki"}, "template": {"https://u.wiki.example.com/images/"}}), 200)
	expectStatus(t, te.admin(http.MethodPost, "/upload_mappings", url.Values{"folder": {"wiki"}, "template": {"https://x.example.com/"}}), 409)
	expectStatus(t, te.admin(http.MethodPost, "/upload_mappings", url.Values{"folder": {"bad"}, "template": {"not a url"}}), 400)
	expectStatus(t, te.admin(http.MethodPost, "/upload_mappings", url.Values{"folder": {"none"}}), 400)

	for _, path := range []string{"/upload_mappings/wiki", "/upload_mappings?folder=wiki"} {
		req, _ := http.NewRequest(http.MethodGet, te.url(path), nil)
		req.SetBasicAuth(te.APIKey(), te.APISecret())
		r := te.do(req)
		expectStatus(t, r, 200)
		if r.body["folder"] != "wiki" || r.body["template"] != "https://u.wiki.example.com/images/" {
			t.Fatalf("%s: %s", path, r.raw)
		}
	}
	expectStatus(t, te.adminJSON(http.MethodPut, "/upload_mappings", map[string]string{"folder": "wiki", "template": "https://u.wiki.com/images/"}), 200)
	r := te.admin(http.MethodGet, "/upload_mappings", nil)
	m := r.body["mappings"].([]any)[0].(map[string]any)
	if m["template"] != "https://u.wiki.com/images/" {
		t.Fatalf("after update %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodPut, "/upload_mappings", url.Values{"folder": {"nope"}, "template": {"https://a.example.com/"}}), 404)
	expectStatus(t, te.adminJSON(http.MethodDelete, "/upload_mappings", map[string]string{"folder": "wiki"}), 200)
	expectStatus(t, te.admin(http.MethodGet, "/upload_mappings/wiki", nil), 404)
	expectStatus(t, te.admin(http.MethodDelete, "/upload_mappings/wiki", nil), 404)
}
