package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Cloudinary's own OpenAPI descriptions live in ../shared/openapi beside the
// repository. These tests check the emulator's answers against the response
// schemas of the operations they belong to.

type openAPIDoc struct {
	Paths      map[string]map[string]any `yaml:"paths"`
	Components struct {
		Schemas   map[string]any `yaml:"schemas"`
		Responses map[string]any `yaml:"responses"`
	} `yaml:"components"`
}

func loadOpenAPI(t *testing.T, name string) *openAPIDoc {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "openapi", name)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is not beside the repository", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPIDoc
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &doc
}

// responseSchema finds the schema of an operation's success answer.
// responseSchema is the JSON schema of an operation's success answer, or of
// the answer with the given status (0: success).
func (d *openAPIDoc) responseSchema(method, template string, status int) (any, error) {
	return d.responseSchemaAt(method, "/v1_1/{cloud_name}"+template, status)
}

// responseSchemaAt is responseSchema for a path template as the document
// writes it, from /v1_1 on.
func (d *openAPIDoc) responseSchemaAt(method, template string, status int) (any, error) {
	op, ok := d.Paths[template][strings.ToLower(method)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no operation %s %s", method, template)
	}
	responses, _ := op["responses"].(map[string]any)
	codes := []string{"200", "201"}
	if status != 0 {
		codes = []string{strconv.Itoa(status)}
	}
	for _, code := range codes {
		if r, ok := responses[code].(map[string]any); ok {
			if ref, ok := r["$ref"].(string); ok { // the provisioning description shares its error answers
				r, _ = d.Components.Responses[strings.TrimPrefix(ref, "#/components/responses/")].(map[string]any)
			}
			content, _ := r["content"].(map[string]any)
			media, _ := content["application/json"].(map[string]any)
			if schema, ok := media["schema"]; ok {
				return schema, nil
			}
		}
	}
	return nil, fmt.Errorf("%s %s documents no JSON answer with status %v", method, template, codes)
}

// validate checks v against a JSON Schema subset: $ref, type, properties,
// additionalProperties, required, items, enum, allOf, anyOf and oneOf.
func (d *openAPIDoc) validate(schema any, v any, at string) error {
	s, ok := schema.(map[string]any)
	if !ok {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		return d.validate(d.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")], v, at)
	}
	for _, sub := range list(s["allOf"]) {
		if err := d.validate(sub, v, at); err != nil {
			return err
		}
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		if alternatives := list(s[key]); len(alternatives) > 0 {
			var errs []string
			for _, sub := range alternatives {
				err := d.validate(sub, v, at)
				if err == nil {
					errs = nil
					break
				}
				errs = append(errs, err.Error())
			}
			if errs != nil {
				return fmt.Errorf("%s matches none of %s: %s", at, key, strings.Join(errs, "; "))
			}
		}
	}
	if err := checkType(s["type"], v, at); err != nil {
		return err
	}
	if enum := list(s["enum"]); len(enum) > 0 && !inEnum(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, enum)
	}
	switch val := v.(type) {
	case map[string]any:
		for _, name := range list(s["required"]) {
			if _, ok := val[name.(string)]; !ok {
				return fmt.Errorf("%s: required property %q missing", at, name)
			}
		}
		props, _ := s["properties"].(map[string]any)
		for name, field := range val {
			prop, declared := props[name]
			if !declared {
				var err error
				if prop, err = additional(s["additionalProperties"], at+"."+name); err != nil {
					return err
				}
			}
			if err := d.validate(prop, field, at+"."+name); err != nil {
				return err
			}
		}
	case []any:
		for i, item := range val {
			if err := d.validate(s["items"], item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// additional is the schema of a property that the properties do not
// declare: additionalProperties when it is a schema, an error when it is
// false, and no constraint when it is absent or true.
func additional(schema any, at string) (any, error) {
	if allowed, ok := schema.(bool); ok && !allowed {
		return nil, fmt.Errorf("%s: property not allowed (additionalProperties: false)", at)
	}
	return schema, nil
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		if fmt.Sprint(e) == fmt.Sprint(v) {
			return true
		}
	}
	return false
}

// checkType accepts a type name or a list of them ("null" included).
func checkType(t any, v any, at string) error {
	var types []string
	switch tt := t.(type) {
	case string:
		types = []string{tt}
	case []any:
		for _, x := range tt {
			types = append(types, fmt.Sprint(x))
		}
	default:
		return nil
	}
	for _, want := range types {
		if hasType(want, v) {
			return nil
		}
	}
	return fmt.Errorf("%s: %v (%T) is not of type %v", at, v, v, types)
}

func hasType(want string, v any) bool {
	switch want {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	}
	return true
}

// conformanceCall is one request whose answer is checked.
type conformanceCall struct {
	method, path, template string
	form                   url.Values
	json                   map[string]any
	upload                 bool // a signed Upload API call
	// provisioning is a Provisioning API call, its path and template
	// relative to /v1_1/provisioning/accounts/{account_id}.
	provisioning bool
	status       int // the status expected, when not a success
	// schema names the component schema that the answer is checked against
	// when the OpenAPI describes the answer's shape under another path.
	schema string
}

func (te *testEmulator) call(c conformanceCall) response {
	te.t.Helper()
	switch {
	case c.provisioning:
		return te.prov(npmEncoding, c.method, c.path, c.json)
	case c.upload:
		return te.uploadAPI(c.path, c.form)
	case c.json != nil:
		return te.adminJSON(c.method, c.path, c.json)
	}
	return te.admin(c.method, c.path, c.form)
}

func checkAnswers(t *testing.T, doc *openAPIDoc, te *testEmulator, calls []conformanceCall) {
	t.Helper()
	for _, c := range calls {
		r := te.call(c)
		if (c.status == 0 && (r.status < 200 || r.status > 299)) || (c.status != 0 && r.status != c.status) {
			t.Errorf("%s %s: status %d (want %d): %s", c.method, c.path, r.status, c.status, r.raw)
			continue
		}
		schema, err := doc.responseSchema(c.method, c.template, c.status)
		if c.provisioning {
			schema, err = doc.responseSchemaAt(c.method, "/v1_1/provisioning/accounts/{account_id}"+c.template, c.status)
		}
		if c.schema != "" {
			schema, err = map[string]any{"$ref": "#/components/schemas/" + c.schema}, nil
		}
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		var body any
		if err := json.Unmarshal([]byte(r.raw), &body); err != nil {
			t.Errorf("%s %s: %v", c.method, c.path, err)
			continue
		}
		if err := doc.validate(schema, body, c.method+" "+c.template); err != nil {
			t.Errorf("answer does not match Cloudinary's OpenAPI description: %v\n%s", err, r.raw)
		}
	}
}

func TestAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-api.yml")
	te := newTestEmulator(t, Options{})
	png := pngDataURI(t, 4, 3)
	reps := `[{"transformation":"w_640,h_360,br_800k"}]`
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "POST", path: "/image/upload", template: "/{resource_type}/upload", upload: true, form: url.Values{"file": {png}, "public_id": {"s/one"}, "tags": {"a,b"}, "context": {"k=v"}, "eager": {"w_2"}}},
		{method: "POST", path: "/image/explicit", template: "/{resource_type}/explicit", upload: true, form: url.Values{"public_id": {"s/one"}, "type": {"upload"}, "tags": {"c"}}},
		{method: "POST", path: "/image/tags", template: "/{resource_type}/tags", upload: true, form: url.Values{"command": {"add"}, "tag": {"d"}, "public_ids": {"s/one"}}},
		{method: "POST", path: "/image/context", template: "/{resource_type}/context", upload: true, form: url.Values{"command": {"add"}, "context": {"x=y"}, "public_ids": {"s/one"}}},
		{method: "POST", path: "/image/rename", template: "/{resource_type}/rename", upload: true, form: url.Values{"from_public_id": {"s/one"}, "to_public_id": {"s/two"}}},
		{method: "GET", path: "/resources/image/upload/s/two", template: "/resources/{resource_type}/{type}/{public_id}"},
		{method: "POST", path: "/resources/image/upload/s/two", template: "/resources/{resource_type}/{type}/{public_id}", form: url.Values{"tags": {"e"}}},
		{method: "GET", path: "/resources/image", template: "/resources/image", form: url.Values{"tags": {"true"}, "context": {"true"}}},
		{method: "GET", path: "/tags/image", template: "/tags/{resource_type}"},
		{method: "GET", path: "/usage", template: "/usage"},
		{method: "POST", path: "/upload_presets", template: "/upload_presets", form: url.Values{"name": {"web"}, "tags": {"a"}, "transformation": {"c_fill,w_10"}, "unsigned": {"true"}}},
		{method: "GET", path: "/upload_presets", template: "/upload_presets"},
		{method: "GET", path: "/upload_presets/web", template: "/upload_presets/{name}"},
		{method: "PUT", path: "/upload_presets/web", template: "/upload_presets/{name}", form: url.Values{"tags": {"b"}}},
		{method: "POST", path: "/transformations/thumb", template: "/transformations/{transformation}", form: url.Values{"transformation": {"c_fill,w_100"}}},
		{method: "GET", path: "/transformations", template: "/transformations"},
		{method: "GET", path: "/transformations/thumb", template: "/transformations/{transformation}"},
		{method: "POST", path: "/streaming_profiles", template: "/streaming_profiles", form: url.Values{"name": {"sq"}, "representations": {reps}}},
		{method: "GET", path: "/streaming_profiles", template: "/streaming_profiles"},
		{method: "GET", path: "/streaming_profiles/sq", template: "/streaming_profiles/{name}"},
		{method: "PUT", path: "/streaming_profiles/sq", template: "/streaming_profiles/{name}", form: url.Values{"representations": {reps}}},
		{method: "POST", path: "/folders/new/sub", template: "/folders/{folder}"},
		{method: "GET", path: "/folders", template: "/folders"},
		{method: "GET", path: "/folders/new", template: "/folders/{folder}"},
		{method: "GET", path: "/folders/search", template: "/folders/search", form: url.Values{"expression": {"path:new*"}, "max_results": {"1"}}},
		{method: "POST", path: "/folders/search", template: "/folders/search", json: map[string]any{"expression": "name:sub"}},
		{method: "POST", path: "/resources/search", template: "/resources/search", json: map[string]any{"expression": "resource_type:image", "with_field": []string{"tags", "context"}}},
		{method: "POST", path: "/folders/new", template: "/folders/{folder}", status: 409}, // it exists
		{method: "PUT", path: "/folders/new/sub", template: "/folders/{folder}", json: map[string]any{"to_folder": "new/moved"}},
		{method: "POST", path: "/metadata_fields", template: "/metadata_fields", json: map[string]any{"external_id": "sku", "label": "SKU", "type": "string", "default_value": "ab", "validation": map[string]any{"type": "strlen", "max": 6}}},
		{method: "POST", path: "/metadata_fields", template: "/metadata_fields", json: map[string]any{"external_id": "colors", "label": "Colors", "type": "set", "group": "catalog", "alphabetically_sorted": true, "datasource": map[string]any{"values": []map[string]any{{"external_id": "red", "value": "Red"}, {"value": "Green"}}}}},
		{method: "GET", path: "/metadata_fields", template: "/metadata_fields"},
		{method: "GET", path: "/metadata_fields/colors", template: "/metadata_fields/{external_id}"},
		{method: "PUT", path: "/metadata_fields/sku", template: "/metadata_fields/{external_id}", json: map[string]any{"label": "Stock keeping unit", "restrictions": map[string]any{"readonly_ui": true}}},
		{method: "PUT", path: "/metadata_fields/colors/datasource", template: "/metadata_fields/{external_id}/datasource", json: map[string]any{"values": []map[string]any{{"external_id": "blue", "value": "Blue"}}}},
		{method: "DELETE", path: "/metadata_fields/colors/datasource", template: "/metadata_fields/{external_id}/datasource", json: map[string]any{"external_ids": []string{"blue"}}},
		{method: "POST", path: "/metadata_fields/colors/datasource_restore", template: "/metadata_fields/{external_id}/datasource_restore", json: map[string]any{"external_ids": []string{"blue"}}},
		{method: "PUT", path: "/metadata_fields/colors/datasource/order", template: "/metadata_fields/{external_id}/datasource/order", json: map[string]any{"order_by": "value", "direction": "desc"}},
		{method: "PUT", path: "/metadata_fields/order", template: "/metadata_fields/order", json: map[string]any{"order_by": "label"}},
		{method: "PUT", path: "/metadata_fields/sku/reorder", template: "/metadata_fields/{external_id}/reorder", json: map[string]any{"position": 1}},
		{method: "POST", path: "/image/metadata", template: "/{resource_type}/metadata", upload: true, form: url.Values{"public_ids": {"s/two"}, "metadata": {`sku=abc|colors=["red"]`}}},
		{method: "GET", path: "/resources/image/upload/s/two", template: "/resources/{resource_type}/{type}/{public_id}"},
		{method: "POST", path: "/metadata_rules", template: "/metadata_rules", json: map[string]any{"metadata_field_id": "sku", "name": "Hide SKU for red", "condition": map[string]any{"metadata_field_id": "colors", "includes": []string{"red"}}, "result": map[string]any{"hide": true, "apply_value": map[string]any{"value": "r1", "mode": "default"}}}},
		{method: "GET", path: "/metadata_rules", template: "/metadata_rules"},
		{method: "POST", path: "/image/destroy", template: "/{resource_type}/destroy", upload: true, form: url.Values{"public_id": {"s/two"}}},
		{method: "DELETE", path: "/metadata_fields/colors", template: "/metadata_fields/{external_id}"},
		{method: "DELETE", path: "/streaming_profiles/sq", template: "/streaming_profiles/{name}"},
		{method: "DELETE", path: "/upload_presets/web", template: "/upload_presets/{name}"},
		{method: "DELETE", path: "/folders/new", template: "/folders/{folder}"},
	})
	rules := te.admin(http.MethodGet, "/metadata_rules", nil).body["metadata_rules"].([]any)
	ruleID := rules[0].(map[string]any)["external_id"].(string)
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "PUT", path: "/metadata_rules/" + ruleID, template: "/metadata_rules/{external_id}", json: map[string]any{"state": "inactive"}},
		{method: "DELETE", path: "/metadata_rules/" + ruleID, template: "/metadata_rules/{external_id}"},
	})
}

// A preset holding every kind of setting, JSON and coordinates among them,
// is answered in the shapes of upload_preset_detail (parsed) and
// upload_preset_summary (strings and booleans).
func TestPresetAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-api.yml")
	te := newTestEmulator(t, Options{})
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "POST", path: "/upload_presets", template: "/upload_presets", form: url.Values{
			"name": {"every"}, "live": {"true"}, "public_id": {"a/b"}, "visual_search": {"false"}, "auto_tagging": {"0.5"},
			"access_control": {`[{"access_type":"token"}]`}, "regions": {`{"logo":[[1,2],[3,4]]}`}, "auto_transcription": {"true"},
			"responsive_breakpoints": {`[{"create_derived":true,"max_width":800}]`}, "face_coordinates": {"1,2,3,4|5,6,7,8"},
			"custom_coordinates": {"1,2,3,4"}, "headers": {"X-Robots-Tag: noindex"}, "context": {"k=v"},
		}},
		{method: "GET", path: "/upload_presets/every", template: "/upload_presets/{name}"},
		{method: "GET", path: "/upload_presets", template: "/upload_presets"},
		{method: "PUT", path: "/upload_presets/every", template: "/upload_presets/{name}", form: url.Values{"auto_transcription": {`{"translate":["fr-FR"]}`}}},
		{method: "GET", path: "/upload_presets/every", template: "/upload_presets/{name}"},
	})
}

// The answers that backups bring: a backed-up upload, the placeholder a
// deletion leaves (details, the listing, a search by status) and restore,
// which answers per public ID as the OpenAPI's restore_response does per
// asset ID (pycloudinary test_restore reads it under the public ID).
func TestBackupAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-api.yml")
	te := newTestEmulator(t, Options{AutomaticBackup: true})
	png := pngDataURI(t, 4, 3)
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "POST", path: "/image/upload", template: "/{resource_type}/upload", upload: true, form: url.Values{"file": {png}, "public_id": {"b/one"}, "backup": {"true"}}},
		{method: "POST", path: "/image/upload", template: "/{resource_type}/upload", upload: true, form: url.Values{"file": {png}, "public_id": {"b/two"}, "backup": {"false"}}},
		{method: "DELETE", path: "/resources/image/upload", template: "/resources/{resource_type}/{type}", form: url.Values{"public_ids[]": {"b/one", "b/two"}}},
		{method: "GET", path: "/resources/image/upload/b/one", template: "/resources/{resource_type}/{type}/{public_id}"},
		{method: "GET", path: "/resources/image", template: "/resources/image", form: url.Values{"prefix": {"b/"}}},
		{method: "POST", path: "/resources/search", template: "/resources/search", json: map[string]any{"expression": "status=deleted"}},
		{method: "POST", path: "/resources/image/upload/restore", schema: "restore_response", form: url.Values{"public_ids[]": {"b/one", "b/two"}}},
	})
}

func TestEnvironmentConfigAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-environment-config.yml")
	te := newTestEmulator(t, Options{})
	created := te.adminJSON(http.MethodPost, "/triggers", map[string]any{"uri": "https://h.example.com/a", "event_type": "upload"})
	id, _ := created.body["id"].(string)
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "POST", path: "/triggers", template: "/triggers", json: map[string]any{"uri": "https://h.example.com/b", "event_type": "delete"}},
		{method: "GET", path: "/triggers", template: "/triggers"},
		{method: "PUT", path: "/triggers/" + id, template: "/triggers/{id}", json: map[string]any{"new_uri": "https://h.example.com/c"}},
		// cloudinary-go's UpdateTriggerParams: the URI as uri, with the trigger's settings.
		{method: "PUT", path: "/triggers/" + id, template: "/triggers/{id}", json: map[string]any{"uri": "https://h.example.com/d", "event_type": "upload", "auth_scheme": "default", "additive": true}},
		{method: "POST", path: "/triggers", template: "/triggers", json: map[string]any{"uri": "https://h.example.com/e", "event_type": "upload", "filter": map[string]any{"==": []any{map[string]any{"var": "resource_type"}, "image"}}, "payload_template": map[string]any{"id": "{{public_id}}"}, "auth_scheme": "eddsa_v2"}},
		{method: "POST", path: "/triggers/" + id + "/test", template: "/triggers/{id}/test", json: map[string]any{"sample_data": map[string]any{"resource_type": "image", "public_id": "sample123", "tags": []string{"product"}}}},
		{method: "POST", path: "/triggers/" + id + "/test", template: "/triggers/{id}/test", json: map[string]any{"sample_data": "[1,"}, status: 400},
		{method: "POST", path: "/triggers/nope/test", template: "/triggers/{id}/test", json: map[string]any{}, status: 404},
		{method: "GET", path: "/triggers", template: "/triggers", form: url.Values{"event_type": {"upload"}}},
		{method: "DELETE", path: "/triggers/" + id, template: "/triggers/{id}"},
		{method: "POST", path: "/upload_mappings", template: "/upload_mappings", form: url.Values{"folder": {"wiki"}, "template": {"https://w.example.com/"}}},
		{method: "GET", path: "/upload_mappings", template: "/upload_mappings"},
	})
}

// The answers of the ways to find assets: search, the resource types, the
// listings by asset IDs and by asset folder, and details by asset ID.
func TestAssetLookupAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-api.yml")
	te := newTestEmulator(t, Options{})
	up := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "public_id": {"l/one"}, "asset_folder": {"l"}, "tags": {"a"}, "context": {"k=v"}})
	expectStatus(t, up, 200)
	id := up.body["asset_id"].(string)
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "GET", path: "/resources", template: "/resources"},
		{method: "GET", path: "/resources/" + id, template: "/resources/{asset_id}"},
		{method: "GET", path: "/resources/by_asset_ids", template: "/resources/by_asset_ids", form: url.Values{"asset_ids[]": {id}, "tags": {"true"}, "context": {"true"}}},
		{method: "GET", path: "/resources/by_asset_folder", template: "/resources/by_asset_folder", form: url.Values{"asset_folder": {"l"}, "context": {"true"}}},
		// The OpenAPI documents search as POST; the client searches with GET
		// and its query string, which the Admin API answers alike.
		{method: "GET", path: "/resources/search", schema: "search_response", form: url.Values{"expression": {"asset_folder=l"}, "with_field": {"context", "tags"}}},
		{method: "POST", path: "/resources/search", template: "/resources/search", json: map[string]any{"expression": "asset_id=" + id,
			"sort_by": []map[string]string{{"public_id": "asc"}}, "fields": "tags,context,secure_url"}},
		{method: "GET", path: "/resources/image", template: "/resources/image", form: url.Values{"fields": {"tags,secure_url"}}},
		{method: "GET", path: "/resources/image/tags/a", template: "/resources/image", form: url.Values{"metadata": {"true"}, "tags": {"true"}}},
	})
}

// The answers of the remaining calls the provider's client makes, in the
// form it makes them: named transformations addressed by the transformation
// parameter (GET, PUT and DELETE /transformations, whose answers the
// OpenAPI describes under /transformations/{transformation}), the listing
// by context, a context removal, and one upload mapping read, updated and
// deleted by its folder parameter. With TestAnswersMatchOpenAPI,
// TestBackupAnswersMatchOpenAPI, TestAssetLookupAnswersMatchOpenAPI and
// TestEnvironmentConfigAnswersMatchOpenAPI this covers every route the
// client calls but GET /ping, which the OpenAPI does not describe.
func TestClientCallsMatchOpenAPI(t *testing.T) {
	api := loadOpenAPI(t, "cloudinary-api.yml")
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "public_id": {"c/one"}, "context": {"k=v"}}), 200)
	expectStatus(t, te.admin(http.MethodPost, "/transformations/card", url.Values{"transformation": {"c_fill,w_10"}}), 200)
	checkAnswers(t, api, te, []conformanceCall{
		{method: "GET", path: "/resources/image/context", template: "/resources/{resource_type}/context", form: url.Values{"key": {"k"}, "context": {"true"}, "tags": {"true"}, "metadata": {"true"}}},
		{method: "POST", path: "/image/context", template: "/{resource_type}/context", upload: true, form: url.Values{"command": {"remove_all"}, "public_ids": {"c/one"}}},
		{method: "GET", path: "/transformations", template: "/transformations/{transformation}", form: url.Values{"transformation": {"t_card"}, "max_results": {"1"}}},
		{method: "PUT", path: "/transformations", template: "/transformations/{transformation}", form: url.Values{"transformation": {"t_card"}, "allowed_for_strict": {"false"}, "unsafe_update": {"c_fill,w_20"}}},
		{method: "DELETE", path: "/transformations", template: "/transformations/{transformation}", form: url.Values{"transformation": {"t_card"}}},
	})
	config := loadOpenAPI(t, "cloudinary-environment-config.yml")
	checkAnswers(t, config, te, []conformanceCall{
		{method: "POST", path: "/upload_mappings", template: "/upload_mappings", form: url.Values{"folder": {"wiki"}, "template": {"https://w.example.com/"}}},
		{method: "GET", path: "/upload_mappings", template: "/upload_mappings", form: url.Values{"folder": {"wiki"}}},
		{method: "PUT", path: "/upload_mappings", template: "/upload_mappings", form: url.Values{"folder": {"wiki"}, "template": {"https://x.example.com/"}}},
		{method: "DELETE", path: "/upload_mappings", template: "/upload_mappings", form: url.Values{"folder": {"wiki"}}},
	})
}

// The Provisioning API's answers, success and error, against Cloudinary's
// own description of it (OpenAPI 3.0.3). Where the SDKs' tests, which ran
// against the live API, contradict it, the emulator follows the tests, and
// the answer still validates because the description's schemas only list
// optional properties:
//   - add member answers every member, {"users":[...]} (every SDK's test),
//     where the description has one UserGroupUser;
//   - delete user group answers {"ok":true} (every SDK's test), where it
//     has SuccessResponse {"message"};
//   - environments carry custom_attributes (PHP, .NET) and, once, edge_key,
//     and keys carry root and an array dedicated_for (npm, Python), which
//     the schemas leave out;
//   - a user's sub_account_ids is a comma string (PHP), absent from User.
func TestProvisioningAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-provisioning.yml")
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "described", "custom_attributes": map[string]string{"a": "b"}})["id"].(string)
	keys := "/sub_accounts/" + env + "/access_keys"
	key := te.prov(npmEncoding, http.MethodPost, keys, map[string]any{"name": "k"}).body["api_key"].(string)
	user := te.createUser(map[string]any{"name": "Described", "email": "d@example.com", "role": "admin", "sub_account_ids": []string{env}})["id"].(string)
	group := te.createGroup("described")
	prov := func(method, path, template string, params map[string]any, status int) conformanceCall {
		return conformanceCall{provisioning: true, method: method, path: path, template: template, json: params, status: status}
	}
	checkAnswers(t, doc, te, []conformanceCall{
		prov("POST", "/sub_accounts", "/sub_accounts", map[string]any{"name": "another", "enabled": false}, 0),
		prov("GET", "/sub_accounts", "/sub_accounts", nil, 0),
		prov("GET", "/sub_accounts/"+env, "/sub_accounts/{sub_account_id}", nil, 0),
		prov("PUT", "/sub_accounts/"+env, "/sub_accounts/{sub_account_id}", map[string]any{"name": "renamed"}, 0),
		prov("GET", "/sub_accounts/nope", "/sub_accounts/{sub_account_id}", nil, 404),
		prov("POST", "/sub_accounts", "/sub_accounts", map[string]any{"name": "x", "cloud_name": te.CloudName()}, 409),
		prov("GET", keys, "/sub_accounts/{sub_account_id}/access_keys", map[string]any{"page": 1, "page_size": 1}, 0),
		prov("POST", keys, "/sub_accounts/{sub_account_id}/access_keys", map[string]any{"name": "other"}, 0),
		prov("PUT", keys+"/"+key, "/sub_accounts/{sub_account_id}/access_keys/{key}", map[string]any{"dedicated_for": "webhooks"}, 0),
		prov("DELETE", keys, "/sub_accounts/{sub_account_id}/access_keys", map[string]any{"name": "other"}, 0),
		prov("DELETE", keys+"/"+key, "/sub_accounts/{sub_account_id}/access_keys/{key}", nil, 0),
		prov("GET", "/users", "/users", map[string]any{"pending": true}, 0),
		prov("POST", "/users", "/users", map[string]any{"name": "N", "email": "n@example.com", "role": "billing"}, 0),
		prov("GET", "/users/"+user, "/users/{user_id}", nil, 0),
		prov("PUT", "/users/"+user, "/users/{user_id}", map[string]any{"enabled": false}, 0),
		prov("GET", "/users/"+user+"/sub_accounts", "/users/{user_id}/sub_accounts", nil, 0),
		prov("GET", "/users", "/users", map[string]any{"sub_account_id": "nope"}, 404),
		prov("GET", "/user_groups", "/user_groups", map[string]any{"extended_details": true}, 0),
		prov("POST", "/user_groups", "/user_groups", map[string]any{"name": "second"}, 0),
		prov("PUT", "/user_groups/"+group, "/user_groups/{group_id}", map[string]any{"name": "renamed"}, 0),
		prov("POST", "/user_groups/"+group+"/users/"+user, "/user_groups/{group_id}/users/{user_id}", nil, 0),
		prov("GET", "/user_groups/"+group, "/user_groups/{group_id}", map[string]any{"extended_details": true}, 0),
		prov("GET", "/user_groups/"+group+"/users", "/user_groups/{group_id}/users", nil, 0),
		prov("GET", "/users/"+user+"/groups", "/users/{user_id}/groups", nil, 0),
		prov("DELETE", "/user_groups/"+group+"/users/"+user, "/user_groups/{group_id}/users/{user_id}", nil, 0),
		prov("DELETE", "/user_groups/"+group, "/user_groups/{group_id}", nil, 0),
		prov("DELETE", "/users/"+user, "/users/{user_id}", nil, 0),
		prov("DELETE", "/sub_accounts/"+env, "/sub_accounts/{sub_account_id}", nil, 0),
	})
	te.SetProvisioningAccess(false)
	checkAnswers(t, doc, te, []conformanceCall{prov("POST", "/users", "/users", map[string]any{"name": "N"}, 403)})
}
