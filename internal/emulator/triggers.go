package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"time"
)

// trigger is a webhook notification trigger (the environment configuration
// API's /triggers).
type trigger struct {
	id                   string
	created, updated     time.Time
	productEnvironmentID string
	triggerSettings
}

// triggerSettings are what a create or an update sets: the fields of
// cloudinary-go's CreateTriggerParams and UpdateTriggerParams.
type triggerSettings struct {
	uri, eventType string
	additive       bool
	// filter decides which events are sent (the OpenAPI's /triggers/{id}/test
	// evaluates it); payloadTemplate shapes what is sent. nil: none.
	filter, payloadTemplate map[string]any
	filterLanguage          string
	authScheme              string
}

// eventTypes are the documented notification event types.
var eventTypes = []string{
	"all", "access_control_changed", "bulk_refresh_auto_fetch", "create_folder", "delete", "delete_by_token",
	"delete_folder", "eager", "error", "explode", "generate_archive", "info", "invalidate_custom_cdn",
	"moderation", "moderation_summary", "move", "move_or_rename_asset_folder", "multi", "publish", "rename",
	"report", "resource_context_changed", "resource_display_name_changed", "resource_metadata_changed",
	"resource_tags_changed", "restore_asset_version", "sprite", "upload",
}

// authSchemes are the ways a trigger's notifications are signed; "default"
// is what a trigger created without one has (cloudinary-go's live
// TestTriggers_UpdateTrigger sends it).
var authSchemes = []string{"default", "legacy_hmac", "eddsa_v2"}

// maxURIsPerEventType is the documented limit of notification URLs per event type.
const maxURIsPerEventType = 30

// json is the trigger as cloudinary-go's Trigger reads it: additive always,
// the other settings when set, uri_type "webhook" (the emulator makes no
// other kind).
func (t *trigger) json() map[string]any {
	out := map[string]any{
		"id": t.id, "product_environment_id": t.productEnvironmentID, "uri_type": "webhook", "uri": t.uri,
		"event_type": t.eventType, "additive": t.additive, "auth_scheme": t.authScheme,
		"created_at": t.created.UTC().Format(time.RFC3339), "updated_at": t.updated.UTC().Format(time.RFC3339),
	}
	if t.filter != nil {
		out["filter"] = t.filter
	}
	if t.filterLanguage != "" {
		out["filter_language"] = t.filterLanguage
	}
	if t.payloadTemplate != nil {
		out["payload_template"] = t.payloadTemplate
	}
	return out
}

func validWebhook(uri string) bool {
	u, err := url.Parse(uri)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (e *Emulator) sortedTriggers() []*trigger {
	out := make([]*trigger, 0, len(e.store.triggers))
	for _, t := range e.store.triggers {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].created.Equal(out[j].created) {
			return out[i].created.Before(out[j].created)
		}
		return out[i].id < out[j].id
	})
	return out
}

func (e *Emulator) listTriggers(_ *http.Request, p *params) (any, *apiError) {
	eventType := p.get("event_type")
	if eventType != "" && !slices.Contains(eventTypes, eventType) {
		return nil, errBadRequest("Invalid value " + eventType + " for parameter event_type")
	}
	list := []map[string]any{}
	for _, t := range e.sortedTriggers() {
		if eventType == "" || t.eventType == eventType {
			list = append(list, t.json())
		}
	}
	return map[string]any{"triggers": list, "total": len(list)}, nil
}

func (e *Emulator) createTrigger(_ *http.Request, p *params) (any, *apiError) {
	if p.get("uri") == "" || p.get("event_type") == "" {
		return nil, errBadRequest("missing_attributes")
	}
	settings := triggerSettings{authScheme: "default"}
	if err := settings.apply(p, "uri"); err != nil {
		return nil, err
	}
	if err := e.checkTriggerRoom(settings, ""); err != nil {
		return nil, err
	}
	now := e.opts.Now()
	t := &trigger{id: e.randHex(32), created: now, updated: now, productEnvironmentID: e.randHex(34), triggerSettings: settings}
	e.store.triggers[t.id] = t
	return created{t.json()}, nil
}

// checkTriggerRoom refuses settings whose URI and event type another trigger
// (than the one with ID self) has, or an event type that has its 30 URIs.
// Called with e.mu held.
func (e *Emulator) checkTriggerRoom(s triggerSettings, self string) *apiError {
	same := 0
	for id, t := range e.store.triggers {
		if id == self || t.eventType != s.eventType {
			continue
		}
		if t.uri == s.uri {
			return errConflict("record_already_exists")
		}
		same++
	}
	if same >= maxURIsPerEventType {
		return errBadRequest("limit_reached")
	}
	return nil
}

// updateTrigger serves PUT /triggers/:id. The new URI comes as new_uri (the
// OpenAPI's update_trigger_request) or as uri (cloudinary-go's
// UpdateTriggerParams, which its live TestTriggers_UpdateTrigger sends);
// the SDK's other parameters change their settings. Parameters not given
// keep their values.
func (e *Emulator) updateTrigger(r *http.Request, p *params) (any, *apiError) {
	uriKey := "new_uri"
	if !p.has(uriKey) {
		uriKey = "uri"
	}
	if !anyTriggerSetting(p, uriKey) {
		return nil, errBadRequest("missing_attributes")
	}
	t, err := e.lookupTrigger(r)
	if err != nil {
		return nil, err
	}
	settings := t.triggerSettings
	if err := settings.apply(p, uriKey); err != nil {
		return nil, err
	}
	if err := e.checkTriggerRoom(settings, t.id); err != nil {
		return nil, err
	}
	t.triggerSettings, t.updated = settings, e.opts.Now()
	return message{"ok"}, nil
}

// anyTriggerSetting says whether an update gives anything to change.
func anyTriggerSetting(p *params, uriKey string) bool {
	for _, key := range []string{uriKey, "event_type", "additive", "filter", "filter_language", "payload_template", "auth_scheme"} {
		if p.has(key) {
			return true
		}
	}
	return false
}

// apply sets the settings that p gives (the URI under uriKey) and checks
// them: a webhook URL, a documented event type and auth scheme, a boolean
// additive, JSON objects for filter and payload_template.
func (s *triggerSettings) apply(p *params, uriKey string) *apiError {
	if p.has(uriKey) {
		s.uri = p.get(uriKey)
	}
	if p.has("event_type") {
		s.eventType = p.get("event_type")
	}
	if p.has("filter_language") {
		s.filterLanguage = p.get("filter_language")
	}
	if p.has("auth_scheme") {
		s.authScheme = p.get("auth_scheme")
	}
	if p.has("additive") {
		additive, ok := p.boolean("additive")
		if !ok {
			return errBadRequest("Invalid value " + p.get("additive") + " for parameter additive")
		}
		s.additive = additive
	}
	switch {
	case !validWebhook(s.uri):
		return errBadRequest("invalid_or_malformed_attribute")
	case !slices.Contains(eventTypes, s.eventType):
		return errBadRequest("Invalid value " + s.eventType + " for parameter event_type")
	case !slices.Contains(authSchemes, s.authScheme):
		return errBadRequest("Invalid value " + s.authScheme + " for parameter auth_scheme")
	}
	var err *apiError
	if s.filter, err = objectParam(p, "filter", s.filter); err != nil {
		return err
	}
	s.payloadTemplate, err = objectParam(p, "payload_template", s.payloadTemplate)
	return err
}

// objectParam reads a parameter that holds a JSON object: an object in a
// JSON body, or its JSON text in a form. Absent, it is current.
func objectParam(p *params, key string, current map[string]any) (map[string]any, *apiError) {
	if !p.has(key) {
		return current, nil
	}
	var obj map[string]any
	if err := json.Unmarshal(p.jsonText(key), &obj); err != nil || obj == nil {
		return nil, errBadRequest("Invalid value for parameter " + key + ": must be a JSON object")
	}
	return obj, nil
}

// testTrigger serves POST /triggers/:id/test (the OpenAPI's testTrigger):
// whether the trigger's filter passes sample_data. A trigger without a
// filter passes everything.
func (e *Emulator) testTrigger(r *http.Request, p *params) (any, *apiError) {
	sample := map[string]any{}
	if p.has("sample_data") {
		var err *apiError
		if sample, err = objectParam(p, "sample_data", nil); err != nil {
			return nil, errBadRequest("invalid_sample_data_json")
		}
	}
	t, err := e.lookupTrigger(r)
	if err != nil {
		return nil, err
	}
	passes := true
	if t.filter != nil {
		result, evalErr := evalFilter(t.filter, sample)
		if evalErr != nil {
			return nil, errBadRequest("invalid_filter: " + evalErr.Error())
		}
		passes = truthy(result)
	}
	return map[string]any{"trigger_id": t.id, "filter_present": t.filter != nil, "filter_result": passes}, nil
}

func (e *Emulator) deleteTrigger(r *http.Request, _ *params) (any, *apiError) {
	t, err := e.lookupTrigger(r)
	if err != nil {
		return nil, err
	}
	delete(e.store.triggers, t.id)
	return message{"ok"}, nil
}

// lookupTrigger finds the trigger a path names, or answers 404.
func (e *Emulator) lookupTrigger(r *http.Request) (*trigger, *apiError) {
	t, ok := e.store.triggers[r.PathValue("id")]
	if !ok {
		return nil, errNotFound("record_not_found")
	}
	return t, nil
}
