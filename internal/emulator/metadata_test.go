package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The behaviours below are those the official SDKs' own tests (pycloudinary
// test_metadata.py, cloudinary_npm structured_metadata_spec.js) expect of a
// real account.

// datasourceValues renders a datasource answer as "id=value id2=value2".
func datasourceValues(t *testing.T, r response) string {
	t.Helper()
	var out []string
	for _, v := range r.body["values"].([]any) {
		entry := v.(map[string]any)
		if len(entry) != 2 {
			t.Fatalf("a datasource answer's entry has only external_id and value: %v", entry)
		}
		out = append(out, fmt.Sprintf("%s=%s", entry["external_id"], entry["value"]))
	}
	return strings.Join(out, " ")
}

func threeValues() map[string]any {
	return map[string]any{"values": []map[string]any{{"external_id": "e2", "value": "v2"}, {"value": "v3"}, {"value": "v4"}}}
}

func TestMetadataDatasourceLifecycle(t *testing.T) {
	te := newTestEmulator(t, Options{})
	created := te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{
		"external_id": "colors", "label": "Colors", "type": "set", "datasource": threeValues(),
	})
	expectStatus(t, created, 200)
	values := created.body["datasource"].(map[string]any)["values"].([]any)
	if len(values) != 3 || values[1].(map[string]any)["external_id"] == "" || values[0].(map[string]any)["state"] != "active" {
		t.Fatalf("created datasource %s", created.raw)
	}
	v3 := values[1].(map[string]any)["external_id"].(string)
	v4 := values[2].(map[string]any)["external_id"].(string)

	// An update changes an entry in place and appends new ones.
	r := te.adminJSON(http.MethodPut, "/metadata_fields/colors/datasource", map[string]any{"values": []map[string]any{
		{"external_id": "e2", "value": "v1"}, {"external_id": "e5", "value": "v5"},
	}})
	if got, want := datasourceValues(t, r), "e2=v1 "+v3+"=v3 "+v4+"=v4 e5=v5"; got != want {
		t.Fatalf("after the update: %s, want %s", got, want)
	}
	// A deletion deactivates; the answer lists the active entries.
	r = te.adminJSON(http.MethodDelete, "/metadata_fields/colors/datasource", map[string]any{"external_ids": []string{"e2", "e5"}})
	if got, want := datasourceValues(t, r), v3+"=v3 "+v4+"=v4"; got != want {
		t.Fatalf("after the deletion: %s, want %s", got, want)
	}
	field := te.admin(http.MethodGet, "/metadata_fields/colors", nil)
	if !strings.Contains(field.raw, `"state":"inactive"`) {
		t.Fatalf("a deleted entry stays, inactive: %s", field.raw)
	}
	r = te.adminJSON(http.MethodPost, "/metadata_fields/colors/datasource_restore", map[string]any{"external_ids": []string{"e2"}})
	if got, want := datasourceValues(t, r), "e2=v1 "+v3+"=v3 "+v4+"=v4"; got != want {
		t.Fatalf("after the restore: %s, want %s", got, want)
	}
	expectStatus(t, te.adminJSON(http.MethodDelete, "/metadata_fields/colors/datasource", map[string]any{"external_ids": []string{"nope"}}), 400)

	// A position (from 1) moves an entry among the active ones.
	r = te.adminJSON(http.MethodPut, "/metadata_fields/colors/datasource", map[string]any{"values": []map[string]any{{"external_id": v4, "value": "v4", "position": 1}}})
	if got, want := datasourceValues(t, r), v4+"=v4 e2=v1 "+v3+"=v3"; got != want {
		t.Fatalf("after the move: %s, want %s", got, want)
	}
	r = te.adminJSON(http.MethodPost, "/metadata_fields/colors/datasource/order", map[string]any{"order_by": "value", "direction": "desc"})
	if got := datasourceValues(t, r); !strings.HasPrefix(got, v4+"=v4 "+v3+"=v3") {
		t.Fatalf("sorted descending: %s", got)
	}
	r = te.adminJSON(http.MethodPut, "/metadata_fields/colors/datasource/order", map[string]any{"order_by": "value"})
	if got := datasourceValues(t, r); !strings.HasPrefix(got, "e2=v1") {
		t.Fatalf("sorted ascending by default: %s", got)
	}
}

// The OpenAPI description documents group (a Media Library section,
// "default" unless set) and alphabetically_sorted (values "automatically
// sorted on insert and update", ignoring case); no official SDK sends them.
func TestMetadataFieldGroupAndAlphabeticalOrder(t *testing.T) {
	te := newTestEmulator(t, Options{})
	created := te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{
		"external_id": "sizes", "label": "Sizes", "type": "enum", "alphabetically_sorted": true,
		"datasource": map[string]any{"values": []map[string]any{
			{"external_id": "s", "value": "small"}, {"external_id": "l", "value": "Large"}, {"external_id": "m", "value": "medium"},
		}},
	})
	expectStatus(t, created, 200)
	if created.body["group"] != "default" || created.body["alphabetically_sorted"] != true {
		t.Fatalf("created field %s", created.raw)
	}
	r := te.admin(http.MethodGet, "/metadata_fields/sizes", nil)
	if !strings.Contains(r.raw, `"values":[{"external_id":"l","state":"active","value":"Large"},{"external_id":"m"`) {
		t.Fatalf("a sorted field's datasource is in order of value, ignoring case: %s", r.raw)
	}
	// A position does not hold against the sorting; a new entry goes to its place.
	r = te.adminJSON(http.MethodPut, "/metadata_fields/sizes/datasource", map[string]any{"values": []map[string]any{
		{"external_id": "s", "value": "small", "position": 1}, {"external_id": "xl", "value": "extra large"},
	}})
	if got, want := datasourceValues(t, r), "xl=extra large l=Large m=medium s=small"; got != want {
		t.Fatalf("after the update: %s, want %s", got, want)
	}
	// Once sorting is off, positions hold again.
	r = te.adminJSON(http.MethodPut, "/metadata_fields/sizes", map[string]any{"alphabetically_sorted": false, "group": "catalog"})
	if r.body["group"] != "catalog" || r.body["alphabetically_sorted"] != false {
		t.Fatalf("updated field %s", r.raw)
	}
	r = te.adminJSON(http.MethodPut, "/metadata_fields/sizes/datasource", map[string]any{"values": []map[string]any{{"external_id": "s", "value": "small", "position": 1}}})
	if got, want := datasourceValues(t, r), "s=small xl=extra large l=Large m=medium"; got != want {
		t.Fatalf("after the move: %s, want %s", got, want)
	}
	// Turning it on sorts the entries there are.
	r = te.adminJSON(http.MethodPut, "/metadata_fields/sizes", map[string]any{"alphabetically_sorted": true})
	if values := r.body["datasource"].(map[string]any)["values"].([]any); values[0].(map[string]any)["external_id"] != "xl" {
		t.Fatalf("sorted again: %s", r.raw)
	}
	plain := te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{"external_id": "note", "label": "Note", "type": "string", "group": ""})
	if plain.body["group"] != "default" {
		t.Fatalf("an empty group is the default one: %s", plain.raw)
	}
	expectStatus(t, te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{"label": "x", "type": "string", "alphabetically_sorted": true}), 400)
}

func TestMetadataFieldRules(t *testing.T) {
	te := newTestEmulator(t, Options{})
	field := func(body map[string]any) response {
		return te.adminJSON(http.MethodPost, "/metadata_fields", body)
	}
	today := time.Now().UTC()
	day := func(offset int) string { return today.AddDate(0, 0, offset).Format("2006-01-02") }
	lastThreeDays := map[string]any{"type": "and", "rules": []map[string]any{
		{"type": "greater_than", "equals": false, "value": day(-3)},
		{"type": "less_than", "equals": false, "value": day(0)},
	}}
	expectStatus(t, field(map[string]any{"external_id": "d1", "label": "D1", "type": "date", "default_value": day(-1), "validation": lastThreeDays}), 200)
	r := field(map[string]any{"external_id": "d2", "label": "D2", "type": "date", "default_value": day(3), "validation": lastThreeDays})
	if r.status != 400 || !strings.Contains(r.errorMessage(), "default_value is invalid") {
		t.Fatalf("a default that fails the validation: %d %s", r.status, r.raw)
	}
	lessThanFive := map[string]any{"type": "less_than", "equals": true, "value": 5}
	expectStatus(t, field(map[string]any{"external_id": "i1", "label": "I1", "type": "integer", "default_value": 5, "validation": lessThanFive}), 200)
	expectStatus(t, field(map[string]any{"external_id": "i2", "label": "I2", "type": "integer", "default_value": 6, "validation": lessThanFive}), 400)

	for name, body := range map[string]map[string]any{
		"strlen on an integer":     {"label": "x", "type": "integer", "validation": map[string]any{"type": "strlen", "max": 3}},
		"greater_than on a string": {"label": "x", "type": "string", "validation": map[string]any{"type": "greater_than", "value": 3}},
		"unknown validation":       {"label": "x", "type": "string", "validation": map[string]any{"type": "regex", "value": "a+"}},
		"strlen min over max":      {"label": "x", "type": "string", "validation": map[string]any{"type": "strlen", "min": 4, "max": 2}},
		"enum without datasource":  {"label": "x", "type": "enum"},
		"unknown type":             {"label": "x", "type": "number"},
		"no label":                 {"type": "string"},
		"default not in the list":  {"label": "x", "type": "enum", "datasource": threeValues(), "default_value": "zz"},
	} {
		if r := field(body); r.status != 400 {
			t.Errorf("%s: status %d, want 400: %s", name, r.status, r.raw)
		}
	}

	// Updates ignore another external_id or type; restrictions keep all three keys.
	expectStatus(t, field(map[string]any{"external_id": "general", "label": "General", "type": "string"}), 200)
	r = te.adminJSON(http.MethodPut, "/metadata_fields/general", map[string]any{
		"external_id": "other", "type": "integer", "label": "New", "default_value": "x", "restrictions": map[string]any{"readonly_ui": true},
	})
	if r.body["external_id"] != "general" || r.body["type"] != "string" || r.body["label"] != "New" ||
		fmt.Sprint(r.body["restrictions"]) != "map[excluded_from_search:false hidden_ui:false readonly_ui:true]" {
		t.Fatalf("update %s", r.raw)
	}

	// A deleted field's external ID is never reused.
	expectStatus(t, te.admin(http.MethodDelete, "/metadata_fields/general", nil), 200)
	r = field(map[string]any{"external_id": "general", "label": "Again", "type": "integer"})
	if r.status != 400 || r.errorMessage() != "external id general already exists" {
		t.Fatalf("re-creating a deleted external ID: %d %s", r.status, r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/metadata_fields/general", nil), 404)
}

func TestMetadataFieldOrder(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, id := range []string{"b", "c", "a"} {
		expectStatus(t, te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{"external_id": id, "label": strings.ToUpper(id), "type": "string"}), 200)
	}
	ids := func(r response) string {
		var out []string
		for _, f := range r.body["metadata_fields"].([]any) {
			out = append(out, f.(map[string]any)["external_id"].(string))
		}
		return strings.Join(out, "")
	}
	if got := ids(te.admin(http.MethodGet, "/metadata_fields", nil)); got != "bca" {
		t.Fatalf("fields in creation order: %s", got)
	}
	if got := ids(te.adminJSON(http.MethodPut, "/metadata_fields/order", map[string]any{"order_by": "label", "direction": "desc"})); got != "cba" {
		t.Fatalf("by label, descending: %s", got)
	}
	if got := ids(te.adminJSON(http.MethodPut, "/metadata_fields/a/reorder", map[string]any{"position": 1})); got != "acb" {
		t.Fatalf("a moved first: %s", got)
	}
	if got := ids(te.admin(http.MethodGet, "/metadata_fields", url.Values{"external_ids": {"a", "b"}})); got != "ab" {
		t.Fatalf("by external ID: %s", got)
	}
}

// Values on assets are checked against their fields, merged by the
// metadata method (an empty value clears one), and shown where asked for.
func TestAssetMetadataValues(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, f := range []map[string]any{
		{"external_id": "sku", "label": "SKU", "type": "string", "validation": map[string]any{"type": "strlen", "min": 2, "max": 6}},
		{"external_id": "stock", "label": "Stock", "type": "integer"},
		{"external_id": "colors", "label": "Colors", "type": "set", "datasource": map[string]any{"values": []map[string]any{{"external_id": "red", "value": "Red"}, {"external_id": "1", "value": "Email"}}}},
	} {
		expectStatus(t, te.adminJSON(http.MethodPost, "/metadata_fields", f), 200)
	}
	up := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "public_id": {"p"}, "metadata": {`sku=ab\|c|stock=7|colors=["red"]`}})
	expectStatus(t, up, 200)
	if fmt.Sprint(up.body["metadata"]) != "map[colors:[red] sku:ab|c stock:7]" {
		t.Fatalf("upload answer metadata %s", up.raw)
	}
	r := te.uploadAPI("/image/metadata", url.Values{"public_ids": {"p", "missing"}, "metadata": {"stock=|colors=[1]"}})
	if fmt.Sprint(r.body["public_ids"]) != "[p]" {
		t.Fatalf("metadata method %s", r.raw)
	}
	got := te.admin(http.MethodGet, "/resources/image/upload/p", nil)
	if fmt.Sprint(got.body["metadata"]) != "map[colors:[1] sku:ab|c]" {
		t.Fatalf("after the metadata method: %s", got.raw)
	}
	// The Upload API reference writes a set's quotes escaped.
	expectStatus(t, te.uploadAPI("/image/metadata", url.Values{"public_ids": {"p"}, "metadata": {`colors=[\"red\",\"1\"]`}}), 200)
	if got := te.admin(http.MethodGet, "/resources/image/upload/p", nil); fmt.Sprint(got.body["metadata"]) != "map[colors:[red 1] sku:ab|c]" {
		t.Fatalf("after the reference's example form: %s", got.raw)
	}
	listed := te.admin(http.MethodGet, "/resources/image", url.Values{"metadata": {"true"}})
	if !strings.Contains(listed.raw, `"metadata":{`) || strings.Contains(te.admin(http.MethodGet, "/resources/image", nil).raw, `"metadata"`) {
		t.Fatalf("a listing shows metadata when asked: %s", listed.raw)
	}

	for value, want := range map[string]string{
		"nope=1":           `The following metadata fields do not exist: ["nope"]`,
		"sku=toolongvalue": "Metadata field sku:",
		"stock=many":       "Metadata field stock:",
		`colors=["blue"]`:  "Metadata field colors:",
	} {
		r := te.uploadAPI("/image/metadata", url.Values{"public_ids": {"p"}, "metadata": {value}})
		if r.status != 400 || !strings.HasPrefix(r.errorMessage(), want) {
			t.Errorf("%s: %d %s, want %q", value, r.status, r.raw, want)
		}
	}
	// A JSON body carries typed values, as the OpenAPI's example does.
	r = te.adminJSON(http.MethodPost, "/resources/image/upload/p", map[string]any{"metadata": map[string]any{"stock": 50, "colors": []string{"red", "1"}}})
	if fmt.Sprint(r.body["metadata"]) != "map[colors:[red 1] sku:ab|c stock:50]" {
		t.Fatalf("update with a metadata object: %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodDelete, "/metadata_fields/colors", nil), 200)
	if got := te.admin(http.MethodGet, "/resources/image/upload/p", nil); strings.Contains(got.raw, "colors") {
		t.Fatalf("a deleted field's values go with it: %s", got.raw)
	}
}

func TestMetadataRules(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, f := range []map[string]any{
		{"external_id": "category", "label": "Category", "type": "enum", "datasource": map[string]any{"values": []map[string]any{{"external_id": "employee", "value": "Employee"}}}},
		{"external_id": "team", "label": "Team", "type": "string"},
	} {
		expectStatus(t, te.adminJSON(http.MethodPost, "/metadata_fields", f), 200)
	}
	rule := map[string]any{
		"metadata_field_id": "team", "name": "Team for employees",
		"condition": map[string]any{"and": []any{
			map[string]any{"metadata_field_id": "category", "populated": true},
			map[string]any{"or": []any{map[string]any{"metadata_field_id": "category", "equals": "employee"}}},
		}},
		"result": map[string]any{"enable": true, "apply_value": map[string]any{"value": "R&D", "mode": "default"}},
	}
	created := te.adminJSON(http.MethodPost, "/metadata_rules", rule)
	expectStatus(t, created, 200)
	id, _ := created.body["external_id"].(string)
	if id == "" || created.body["state"] != "active" || created.body["condition_signature"] == "" || created.body["position"] != float64(1) {
		t.Fatalf("created rule %s", created.raw)
	}
	updated := te.adminJSON(http.MethodPut, "/metadata_rules/"+id, map[string]any{"state": "inactive", "result": map[string]any{"hide": true}})
	if updated.body["state"] != "inactive" || fmt.Sprint(updated.body["result"]) != "map[hide:true]" || updated.body["name"] != "Team for employees" {
		t.Fatalf("updated rule %s", updated.raw)
	}
	if list := te.admin(http.MethodGet, "/metadata_rules", nil); len(list.body["metadata_rules"].([]any)) != 1 {
		t.Fatalf("rules %s", list.raw)
	}
	for name, body := range map[string]map[string]any{
		"unknown field":          {"metadata_field_id": "nope", "name": "x", "condition": map[string]any{"metadata_field_id": "category", "populated": true}, "result": map[string]any{"hide": true}},
		"empty result":           {"metadata_field_id": "team", "name": "x", "condition": map[string]any{"metadata_field_id": "category", "populated": true}, "result": map[string]any{}},
		"two operators":          {"metadata_field_id": "team", "name": "x", "condition": map[string]any{"metadata_field_id": "category", "populated": true, "equals": "a"}, "result": map[string]any{"hide": true}},
		"condition on a nothing": {"metadata_field_id": "team", "name": "x", "condition": map[string]any{"metadata_field_id": "ghost", "populated": true}, "result": map[string]any{"hide": true}},
		"bad apply mode":         {"metadata_field_id": "team", "name": "x", "condition": map[string]any{"metadata_field_id": "category", "populated": true}, "result": map[string]any{"apply_value": map[string]any{"value": "a", "mode": "sometimes"}}},
	} {
		if r := te.adminJSON(http.MethodPost, "/metadata_rules", body); r.status != 400 {
			t.Errorf("%s: status %d, want 400: %s", name, r.status, r.raw)
		}
	}
	if r := te.admin(http.MethodDelete, "/metadata_rules/"+id, nil); r.body["success"] != true {
		t.Fatalf("delete %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodDelete, "/metadata_rules/"+id, nil), 404)
}

// A preset keeps metadata in the "key=value|..." form, whichever form it
// was given in, and uploads through it carry those values.
func TestPresetMetadata(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{"external_id": "sku", "label": "SKU", "type": "string"}), 200)
	expectStatus(t, te.adminJSON(http.MethodPost, "/upload_presets", map[string]any{"name": "tagged", "metadata": map[string]any{"sku": "a=b"}}), 200)
	got := te.admin(http.MethodGet, "/upload_presets/tagged", nil)
	if settings := got.body["settings"].(map[string]any); settings["metadata"] != `sku=a\=b` {
		t.Fatalf("preset settings %s", got.raw)
	}
	up := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "upload_preset": {"tagged"}})
	if fmt.Sprint(up.body["metadata"]) != "map[sku:a=b]" {
		t.Fatalf("upload through the preset %s", up.raw)
	}
}

// The listings asked for metadata carry it on every asset, with the default
// value of a field that an upload gave no value (pycloudinary test_api's
// setUpClass and test_structured_metadata_in_resources_* tests;
// cloudinary_gem api_spec "structured metadata").
func TestListingsCarryMetadataWithDefaults(t *testing.T) {
	te := newTestEmulator(t, Options{})
	png := pngDataURI(t, 1, 1)
	upload := func(id string, extra url.Values) {
		form := url.Values{"file": {png}, "public_id": {id}, "tags": {"t"}, "context": {"k=v"}, "moderation": {"manual"}}
		for k, v := range extra {
			form[k] = v
		}
		expectStatus(t, te.uploadAPI("/image/upload", form), 200)
	}
	upload("before", nil)
	expectStatus(t, te.adminJSON(http.MethodPost, "/metadata_fields", map[string]any{
		"external_id": "stage", "label": "Stage", "type": "string", "default_value": "draft"}), 200)
	upload("defaulted", nil)
	upload("given", url.Values{"metadata": {"stage=final"}})

	want := map[string]string{"before": "map[]", "defaulted": "map[stage:draft]", "given": "map[stage:final]"}
	for _, listing := range []struct {
		path  string
		query url.Values
	}{
		{"/resources/image", nil},
		{"/resources/image/upload", url.Values{"prefix": {""}}},
		{"/resources/image/tags/t", nil},
		{"/resources/image/context", url.Values{"key": {"k"}}},
		{"/resources/image/moderations/manual/pending", nil},
	} {
		q := url.Values{"metadata": {"true"}}
		for k, v := range listing.query {
			q[k] = v
		}
		r := te.admin(http.MethodGet, listing.path, q)
		expectStatus(t, r, 200)
		for _, res := range r.body["resources"].([]any) {
			asset := res.(map[string]any)
			md, present := asset["metadata"]
			if id := asset["public_id"].(string); !present || fmt.Sprint(md) != want[id] {
				t.Errorf("%s: %s has metadata %v (present: %v), want %s", listing.path, id, md, present, want[id])
			}
		}
		r = te.admin(http.MethodGet, listing.path, listing.query)
		if strings.Contains(r.raw, `"metadata"`) {
			t.Errorf("%s without metadata=true shows metadata: %s", listing.path, r.raw)
		}
	}
}
