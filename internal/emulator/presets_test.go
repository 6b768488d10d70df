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

func TestPresetValidation(t *testing.T) {
	te := newTestEmulator(t, Options{})
	cases := map[string]url.Values{
		"bad name":           {"name": {"has space"}},
		"bad boolean":        {"name": {"a"}, "overwrite": {"maybe"}},
		"bad enum":           {"name": {"b"}, "type": {"public"}},
		"bad transformation": {"name": {"c"}, "transformation": {"zz_1"}},
		"bad auto_tagging":   {"name": {"d"}, "auto_tagging": {"2"}},
		"bad unsigned":       {"name": {"e"}, "unsigned": {"perhaps"}},
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
