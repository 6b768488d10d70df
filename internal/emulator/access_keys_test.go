package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// keyOrder is the order of an access key's fields that cloudinary_npm
// access_keys_spec asserts for list items and generate answers.
var keyOrder = []string{"name", "api_key", "api_secret", "created_at", "updated_at", "enabled", "root"}

// fieldOrder is the order of the top-level fields of a JSON object.
func fieldOrder(t *testing.T, raw string) []string {
	t.Helper()
	var out []string
	dec := json.NewDecoder(strings.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, key.(string))
		var skip any
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// O-21: a fresh environment lists one key, total 1, with exactly the
// fields of an access key; page_size=2, page=1, sort_by=name,
// sort_order=desc answers 2 keys (pycloudinary test_get_access_keys;
// cloudinary_npm "List access keys", "…with optional query params";
// cloudinary_gem "should list access keys"; .NET TestListAccessKeys).
func TestProvisioning_listAccessKeys(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for i, enc := range []sdkEncoding{pyEncoding, npmEncoding, rubyEncoding, dotnetEncoding, phpEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			env := te.createEnvironment(map[string]any{"name": "keys_" + string(rune('a'+i))})
			path := "/sub_accounts/" + env["id"].(string) + "/access_keys"
			r := te.prov(enc, http.MethodGet, path, nil)
			expectStatus(t, r, http.StatusOK)
			keys := items(t, r, "access_keys")
			if r.body["total"] != 1.0 || len(keys) != 1 || keys[0]["root"] != true || keys[0]["name"] != "Root" {
				t.Fatalf("fresh environment keys: %s", r.raw)
			}
			var listed struct {
				AccessKeys []json.RawMessage `json:"access_keys"`
			}
			if err := json.Unmarshal([]byte(r.raw), &listed); err != nil {
				t.Fatal(err)
			}
			if got := fieldOrder(t, string(listed.AccessKeys[0])); !slices.Equal(got, keyOrder) {
				t.Errorf("key fields %v, want %v", got, keyOrder)
			}
			for _, name := range []string{"b_key", "c_key", "a_key"} {
				expectStatus(t, te.prov(enc, http.MethodPost, path, map[string]any{"name": name}), http.StatusOK)
			}
			page := te.prov(enc, http.MethodGet, path, map[string]any{"page_size": 2, "page": 1, "sort_by": "name", "sort_order": "desc"})
			if got := ids(items(t, page, "access_keys"), "name"); !slices.Equal(got, []string{"b_key", "c_key"}) || page.body["total"] != 4.0 {
				t.Errorf("first page by name desc: %v, %s", got, page.raw)
			}
			asc := te.prov(enc, http.MethodGet, path, map[string]any{"page_size": 3, "page": 1, "sort_by": "name", "sort_order": "asc"})
			if got := ids(items(t, asc, "access_keys"), "name"); !slices.Equal(got, []string{"Root", "a_key", "b_key"}) {
				t.Errorf("first page by name asc: %v", got)
			}
		})
	}
}

// O-22: a key generated with a name and enabled=false has them, and its
// secret (pycloudinary test_generate_access_key; cloudinary_npm; cloudinary_gem;
// .NET TestGenerateAccessKey; Java testCreateNewAccessKey); the answer has
// the fields of a list item, in order.
func TestProvisioning_generateAccessKey(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "gen_keys"})
	path := "/sub_accounts/" + env["id"].(string) + "/access_keys"
	for _, enc := range []sdkEncoding{pyEncoding, npmEncoding, rubyEncoding, javaFormEncoding, dotnetEncoding} {
		r := te.prov(enc, http.MethodPost, path, map[string]any{"name": "gen " + enc.name, "enabled": false})
		expectStatus(t, r, http.StatusOK)
		if r.body["name"] != "gen "+enc.name || r.body["enabled"] != false || r.body["api_secret"] == "" || len(r.body["api_key"].(string)) != 15 {
			t.Errorf("%s generated %s", enc.name, r.raw)
		}
		if got := fieldOrder(t, r.raw); !slices.Equal(got, keyOrder) {
			t.Errorf("%s: fields %v", enc.name, got)
		}
	}
	if r := te.prov(npmEncoding, http.MethodPost, path, map[string]any{}); r.body["enabled"] != true {
		t.Errorf("a key is enabled by default: %s", r.raw)
	}
}

// O-23: an update of name, enabled=true and dedicated_for=["webhooks"]
// answers them, dedicated_for an array before root (pycloudinary
// test_update_access_key; cloudinary_npm "Update access key"; cloudinary_gem;
// .NET TestUpdateAccessKey, on the first listed key; Java
// testUpdateAccessKey). dedicated_for moves from the key that had it.
func TestProvisioning_updateAccessKey(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "upd_keys"})
	path := "/sub_accounts/" + env["id"].(string) + "/access_keys"
	for _, enc := range []sdkEncoding{pyEncoding, npmEncoding, rubyEncoding, javaFormEncoding, dotnetEncoding} {
		k := te.prov(enc, http.MethodPost, path, map[string]any{"name": "before " + enc.name, "enabled": false}).body
		r := te.prov(enc, http.MethodPut, path+"/"+k["api_key"].(string), map[string]any{"name": "after " + enc.name, "enabled": true, "dedicated_for": []string{"webhooks"}})
		expectStatus(t, r, http.StatusOK)
		if r.body["name"] != "after "+enc.name || r.body["enabled"] != true {
			t.Errorf("%s updated: %s", enc.name, r.raw)
		}
		if d, _ := r.body["dedicated_for"].([]any); len(d) != 1 || d[0] != "webhooks" {
			t.Errorf("%s dedicated_for: %s", enc.name, r.raw)
		}
		want := []string{"name", "api_key", "api_secret", "created_at", "updated_at", "enabled", "dedicated_for", "root"}
		if got := fieldOrder(t, r.raw); !slices.Equal(got, want) {
			t.Errorf("%s fields %v", enc.name, got)
		}
	}
	dedicated := 0
	for _, k := range items(t, te.prov(npmEncoding, http.MethodGet, path, nil), "access_keys") {
		if k["dedicated_for"] != nil {
			dedicated++
		}
	}
	if dedicated != 1 {
		t.Errorf("%d keys are dedicated to webhooks, want 1", dedicated)
	}
	// The undocumented GET of one key (the Go fork's GetAccessKey).
	root := env["api_access_keys"].([]any)[0].(map[string]any)["key"].(string)
	if r := te.prov(npmEncoding, http.MethodGet, path+"/"+root, nil); r.body["api_key"] != root || r.body["root"] != true {
		t.Errorf("get one key: %s", r.raw)
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, path+"/000", nil), http.StatusNotFound)
}

// O-24: delete by api_key and by name answer exactly {"message":"ok"}
// (pycloudinary test_delete_access_key; cloudinary_npm "Delete access keys
// (by name)", a form body; cloudinary_gem; .NET TestDeleteAccessKey by name;
// Java testDeleteAccessKey), the name in the query as the OpenAPI has it too.
// A deleted key's name cannot be used again ("Name exists", the Go fork's
// live access key test).
func TestProvisioning_deleteAccessKey(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "del_keys"})
	path := "/sub_accounts/" + env["id"].(string) + "/access_keys"
	for i, tc := range []struct {
		enc    sdkEncoding
		byName bool
	}{{pyEncoding, false}, {pyEncoding, true}, {npmFormEncoding, true}, {rubyEncoding, true}, {dotnetEncoding, true}, {javaEncoding, false}, {phpFormEncoding, true}} {
		name := "del " + tc.enc.name + string(rune('a'+i))
		k := te.prov(npmEncoding, http.MethodPost, path, map[string]any{"name": name}).body
		var r response
		if tc.byName {
			r = te.prov(tc.enc, http.MethodDelete, path, map[string]any{"name": name})
		} else {
			r = te.prov(tc.enc, http.MethodDelete, path+"/"+k["api_key"].(string), nil)
		}
		if r.status != http.StatusOK || r.raw != "{\"message\":\"ok\"}\n" {
			t.Errorf("%s delete (by name %v): %d %s", tc.enc.name, tc.byName, r.status, r.raw)
		}
		again := te.prov(npmEncoding, http.MethodPost, path, map[string]any{"name": name})
		if again.status != http.StatusConflict || again.errorMessage() != "Name exists" {
			t.Errorf("reused name: %d %s", again.status, again.raw)
		}
	}
	byQuery := te.prov(npmEncoding, http.MethodPost, path, map[string]any{"name": "in query"}).body
	r := te.prov(npmEncoding, http.MethodDelete, path+"?name=in+query", nil)
	expectStatus(t, r, http.StatusOK)
	if keys := ids(items(t, te.prov(npmEncoding, http.MethodGet, path, nil), "access_keys"), "api_key"); slices.Contains(keys, byQuery["api_key"].(string)) || len(keys) != 1 {
		t.Errorf("keys left %v", keys)
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodDelete, path, map[string]any{"name": "never"}), http.StatusNotFound)
	expectStatus(t, te.prov(npmEncoding, http.MethodDelete, path+"/123", nil), http.StatusNotFound)
	// Renaming a key to a name in use, or once used, fails the same way.
	k := te.prov(npmEncoding, http.MethodPost, path, map[string]any{"name": "fresh"}).body
	expectStatus(t, te.prov(npmEncoding, http.MethodPut, path+"/"+k["api_key"].(string), map[string]any{"name": "Root"}), http.StatusConflict)
}
