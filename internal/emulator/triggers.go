package emulator

import (
	"net/http"
	"net/url"
	"sort"
	"time"
)

// trigger is a webhook notification trigger (the environment configuration
// API's /triggers).
type trigger struct {
	id, uri, eventType   string
	created, updated     time.Time
	productEnvironmentID string
}

// eventTypes are the documented notification event types.
var eventTypes = []string{
	"all", "access_control_changed", "bulk_refresh_auto_fetch", "create_folder", "delete", "delete_by_token",
	"delete_folder", "eager", "error", "explode", "generate_archive", "info", "invalidate_custom_cdn",
	"moderation", "moderation_summary", "move", "move_or_rename_asset_folder", "multi", "publish", "rename",
	"report", "resource_context_changed", "resource_display_name_changed", "resource_metadata_changed",
	"resource_tags_changed", "restore_asset_version", "sprite", "upload",
}

// maxURIsPerEventType is the documented limit of notification URLs per event type.
const maxURIsPerEventType = 30

func (t *trigger) json() map[string]any {
	return map[string]any{
		"id": t.id, "product_environment_id": t.productEnvironmentID, "uri_type": "webhook", "uri": t.uri,
		"event_type": t.eventType, "created_at": t.created.UTC().Format(time.RFC3339), "updated_at": t.updated.UTC().Format(time.RFC3339),
	}
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

func (e *Emulator) listTriggers(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	eventType := p.get("event_type")
	if eventType != "" && !contains(eventTypes, eventType) {
		reply(w, nil, errBadRequest("Invalid value "+eventType+" for parameter event_type"))
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	list := []map[string]any{}
	for _, t := range e.sortedTriggers() {
		if eventType == "" || t.eventType == eventType {
			list = append(list, t.json())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"triggers": list, "total": len(list)})
}

func (e *Emulator) createTrigger(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	uri, eventType := p.get("uri"), p.get("event_type")
	switch {
	case uri == "" || eventType == "":
		reply(w, nil, errBadRequest("missing_attributes"))
		return
	case !contains(eventTypes, eventType):
		reply(w, nil, errBadRequest("Invalid value "+eventType+" for parameter event_type"))
		return
	case !validWebhook(uri):
		reply(w, nil, errBadRequest("invalid_or_malformed_attribute"))
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	same := 0
	for _, t := range e.store.triggers {
		if t.eventType == eventType {
			if t.uri == uri {
				reply(w, nil, errConflict("record_already_exists"))
				return
			}
			same++
		}
	}
	if same >= maxURIsPerEventType {
		reply(w, nil, errBadRequest("limit_reached"))
		return
	}
	now := e.opts.Now()
	t := &trigger{id: e.randHex(32), uri: uri, eventType: eventType, created: now, updated: now, productEnvironmentID: e.randHex(34)}
	e.store.triggers[t.id] = t
	writeJSON(w, http.StatusCreated, t.json())
}

func (e *Emulator) updateTrigger(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	uri := p.get("new_uri")
	switch {
	case uri == "":
		reply(w, nil, errBadRequest("missing_attributes"))
		return
	case !validWebhook(uri):
		reply(w, nil, errBadRequest("invalid_or_malformed_attribute"))
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	t, ok := e.store.triggers[r.PathValue("id")]
	if !ok {
		reply(w, nil, errNotFound("record_not_found"))
		return
	}
	t.uri, t.updated = uri, e.opts.Now()
	writeJSON(w, http.StatusOK, message{"ok"})
}

func (e *Emulator) deleteTrigger(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := r.PathValue("id")
	if _, ok := e.store.triggers[id]; !ok {
		reply(w, nil, errNotFound("record_not_found"))
		return
	}
	delete(e.store.triggers, id)
	writeJSON(w, http.StatusOK, message{"ok"})
}
