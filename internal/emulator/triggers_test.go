package emulator

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"
)

// createTestTrigger creates a trigger and returns its answer.
func (te *testEmulator) createTestTrigger(payload map[string]any) map[string]any {
	te.t.Helper()
	r := te.adminJSON(http.MethodPost, "/triggers", payload)
	expectStatus(te.t, r, http.StatusCreated)
	return r.body
}

// listedTrigger is the listing's entry for the trigger with id.
func (te *testEmulator) listedTrigger(id string) map[string]any {
	te.t.Helper()
	r := te.admin(http.MethodGet, "/triggers", nil)
	for _, item := range r.body["triggers"].([]any) {
		if t := item.(map[string]any); t["id"] == id {
			return t
		}
	}
	te.t.Fatalf("trigger %s is not listed: %s", id, r.raw)
	return nil
}

// cloudinary-go's UpdateTrigger sends the new URI as "uri" (its live
// TestTriggers_UpdateTrigger also sends event_type and auth_scheme); the
// OpenAPI's update_trigger_request names it "new_uri". Both change it.
func TestTriggerUpdateTakesURIAsTheSDKSendsIt(t *testing.T) {
	te := newTestEmulator(t, Options{})
	id := te.createTestTrigger(map[string]any{"uri": "https://h.example.com/a", "event_type": "upload"})["id"].(string)
	r := te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]any{"uri": "https://h.example.com/sdk", "event_type": "upload", "auth_scheme": "default"})
	expectStatus(t, r, http.StatusOK)
	if got := te.listedTrigger(id)["uri"]; got != "https://h.example.com/sdk" {
		t.Fatalf("uri after an update with uri: %v", got)
	}
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]any{"new_uri": "https://h.example.com/openapi"}), http.StatusOK)
	if got := te.listedTrigger(id)["uri"]; got != "https://h.example.com/openapi" {
		t.Fatalf("uri after an update with new_uri: %v", got)
	}
	r = te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]any{})
	if r.status != http.StatusBadRequest || r.errorMessage() != "missing_attributes" {
		t.Fatalf("an update with nothing to change: %d %s", r.status, r.raw)
	}
}

// A trigger keeps and returns what cloudinary-go's CreateTriggerParams and
// UpdateTriggerParams set (additive, filter, filter_language,
// payload_template, auth_scheme), with its Trigger's uri_type, created_at and
// updated_at.
func TestTriggerSettingsAreKeptAndReturned(t *testing.T) {
	clock := time.Date(2025, 5, 13, 9, 40, 29, 0, time.UTC)
	te := newTestEmulator(t, Options{Now: func() time.Time { return clock }})
	filter := map[string]any{"==": []any{map[string]any{"var": "resource_type"}, "image"}}
	template := map[string]any{"asset": "{{public_id}}"}
	created := te.createTestTrigger(map[string]any{
		"uri": "https://h.example.com/a", "event_type": "upload", "additive": true, "filter": filter,
		"filter_language": "jsonlogic", "payload_template": template, "auth_scheme": "eddsa_v2",
	})
	id := created["id"].(string)
	want := map[string]any{
		"additive": true, "filter": filter, "filter_language": "jsonlogic", "payload_template": template, "auth_scheme": "eddsa_v2",
		"uri_type": "webhook", "created_at": "2025-05-13T09:40:29Z", "updated_at": "2025-05-13T09:40:29Z",
	}
	for _, answer := range []map[string]any{created, te.listedTrigger(id)} {
		for key, value := range want {
			if !reflect.DeepEqual(answer[key], value) {
				t.Errorf("%s = %#v, want %#v", key, answer[key], value)
			}
		}
	}

	clock = clock.Add(time.Hour)
	newFilter := map[string]any{"in": []any{"product", map[string]any{"var": "tags"}}}
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]any{"additive": false, "filter": newFilter, "auth_scheme": "legacy_hmac"}), http.StatusOK)
	listed := te.listedTrigger(id)
	if listed["additive"] != false || !reflect.DeepEqual(listed["filter"], newFilter) || listed["auth_scheme"] != "legacy_hmac" ||
		!reflect.DeepEqual(listed["payload_template"], template) || listed["uri"] != "https://h.example.com/a" ||
		listed["updated_at"] != "2025-05-13T10:40:29Z" || listed["created_at"] != "2025-05-13T09:40:29Z" {
		t.Fatalf("after the update: %v", listed)
	}

	plain := te.createTestTrigger(map[string]any{"uri": "https://h.example.com/b", "event_type": "upload"})
	if plain["auth_scheme"] != "default" || plain["additive"] != false || plain["filter"] != nil || plain["payload_template"] != nil {
		t.Fatalf("a trigger created with only uri and event_type: %v", plain)
	}
}

// Form posts carry filter and payload_template as JSON text; auth_scheme is
// one of the documented schemes, and an event type an update gives is
// checked as a create's is.
func TestTriggerSettingsAreChecked(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.admin(http.MethodPost, "/triggers", url.Values{"uri": {"https://h.example.com/f"}, "event_type": {"delete"}, "filter": {`{"!!":[{"var":"public_id"}]}`}})
	expectStatus(t, r, http.StatusCreated)
	if r.body["filter"] == nil {
		t.Fatalf("a filter posted as a form value was not kept: %s", r.raw)
	}
	id := r.body["id"].(string)
	for name, payload := range map[string]map[string]any{
		"unknown auth scheme":    {"uri": "https://h.example.com/x", "event_type": "upload", "auth_scheme": "hmac"},
		"filter not an object":   {"uri": "https://h.example.com/x", "event_type": "upload", "filter": "resource_type=image"},
		"template not an object": {"uri": "https://h.example.com/x", "event_type": "upload", "payload_template": []string{"a"}},
		"additive not boolean":   {"uri": "https://h.example.com/x", "event_type": "upload", "additive": "maybe"},
	} {
		if r := te.adminJSON(http.MethodPost, "/triggers", payload); r.status != http.StatusBadRequest {
			t.Errorf("%s: status %d %s", name, r.status, r.raw)
		}
	}
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]any{"event_type": "uploaded"}), http.StatusBadRequest)
	te.createTestTrigger(map[string]any{"uri": "https://h.example.com/taken", "event_type": "delete"})
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]any{"new_uri": "https://h.example.com/taken"}), http.StatusConflict)
}

// POST /triggers/{id}/test (the OpenAPI's testTrigger) evaluates the
// trigger's filter against sample_data.
func TestTriggerTestEvaluatesTheFilter(t *testing.T) {
	te := newTestEmulator(t, Options{})
	filter := map[string]any{"and": []any{
		map[string]any{"==": []any{map[string]any{"var": "resource_type"}, "image"}},
		map[string]any{"in": []any{"product", map[string]any{"var": "tags"}}},
		map[string]any{">": []any{map[string]any{"var": "context.width"}, 100}},
	}}
	filtered := te.createTestTrigger(map[string]any{"uri": "https://h.example.com/f", "event_type": "upload", "filter": filter})["id"].(string)
	plain := te.createTestTrigger(map[string]any{"uri": "https://h.example.com/p", "event_type": "upload"})["id"].(string)
	for _, c := range []struct {
		name           string
		id             string
		sample         map[string]any
		present, match bool
	}{
		{"matching sample", filtered, map[string]any{"resource_type": "image", "tags": []string{"sale", "product"}, "context": map[string]any{"width": 640}}, true, true},
		{"another resource type", filtered, map[string]any{"resource_type": "video", "tags": []string{"product"}, "context": map[string]any{"width": 640}}, true, false},
		{"a missing tag", filtered, map[string]any{"resource_type": "image", "tags": []string{"sale"}, "context": map[string]any{"width": 640}}, true, false},
		{"no sample", filtered, nil, true, false},
		{"no filter", plain, map[string]any{"resource_type": "video"}, false, true},
	} {
		body := map[string]any{}
		if c.sample != nil {
			body["sample_data"] = c.sample
		}
		r := te.adminJSON(http.MethodPost, "/triggers/"+c.id+"/test", body)
		expectStatus(t, r, http.StatusOK)
		if r.body["trigger_id"] != c.id || r.body["filter_present"] != c.present || r.body["filter_result"] != c.match {
			t.Errorf("%s: %s", c.name, r.raw)
		}
	}
	r := te.adminJSON(http.MethodPost, "/triggers/"+filtered+"/test", map[string]any{"sample_data": "not an object"})
	if r.status != http.StatusBadRequest || r.errorMessage() != "invalid_sample_data_json" {
		t.Fatalf("sample_data that is not an object: %d %s", r.status, r.raw)
	}
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers/nope/test", map[string]any{}), http.StatusNotFound)
	unknown := te.createTestTrigger(map[string]any{"uri": "https://h.example.com/u", "event_type": "upload", "filter": map[string]any{"regex": []any{"a", "b"}}})["id"].(string)
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers/"+unknown+"/test", map[string]any{}), http.StatusBadRequest)
}
