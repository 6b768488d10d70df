package emulator

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// mapping is an upload mapping: a folder whose assets are fetched from a
// remote URL prefix.
type mapping struct {
	folder   string
	template string
	external string
}

func mappingJSON(m *mapping) map[string]any {
	return map[string]any{"folder": m.folder, "template": m.template, "external_id": m.external}
}

// mappingFolder reads the folder from the path (seeds) or the parameters (SDKs).
func mappingFolder(r *http.Request, p *params) string {
	if f := r.PathValue("folder"); f != "" {
		return f
	}
	return p.get("folder")
}

func validTemplate(t string) bool {
	u, err := url.Parse(t)
	if err != nil || u.Host == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "s3", "gs":
		return true
	}
	return false
}

func (e *Emulator) listMappings(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	if p.get("folder") != "" {
		e.showMapping(w, p.get("folder"))
		return
	}
	limit, cursor, err := listParams(p, 10, 500)
	if err != nil {
		reply(w, nil, err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	pg, err := paginate(slices.Sorted(maps.Keys(e.store.mappings)), func(f string) string { return f }, cursor, limit)
	if err != nil {
		reply(w, nil, err)
		return
	}
	list := make([]map[string]any, 0, len(pg.items))
	for _, f := range pg.items {
		list = append(list, mappingJSON(e.store.mappings[f]))
	}
	body := map[string]any{"mappings": list, "total_entries": len(e.store.mappings)}
	if pg.nextCursor != "" {
		body["next_cursor"] = pg.nextCursor
	}
	writeJSON(w, http.StatusOK, body)
}

func (e *Emulator) getMapping(w http.ResponseWriter, r *http.Request) {
	e.showMapping(w, r.PathValue("folder"))
}

func (e *Emulator) showMapping(w http.ResponseWriter, folder string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, ok := e.store.mappings[folder]
	if !ok {
		reply(w, nil, errNotFound("Mapping for folder "+folder+" not found"))
		return
	}
	writeJSON(w, http.StatusOK, mappingJSON(m))
}

func (e *Emulator) createMapping(w http.ResponseWriter, r *http.Request) {
	e.writeMapping(w, r, false)
}

func (e *Emulator) updateMapping(w http.ResponseWriter, r *http.Request) {
	e.writeMapping(w, r, true)
}

// writeMapping creates (existing=false) or updates (existing=true) a mapping.
func (e *Emulator) writeMapping(w http.ResponseWriter, r *http.Request, existing bool) {
	p, err := parseParams(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	folder, template := mappingFolder(r, p), p.get("template")
	switch {
	case folder == "":
		reply(w, nil, errBadRequest("Must supply folder"))
		return
	case template == "":
		reply(w, nil, errBadRequest("Must supply template"))
		return
	case !validTemplate(template):
		reply(w, nil, errBadRequest("Invalid template "+template))
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	_, found := e.store.mappings[folder]
	switch {
	case existing && !found:
		reply(w, nil, errNotFound("Mapping for folder "+folder+" not found"))
		return
	case !existing && found:
		reply(w, nil, errConflict("Folder "+folder+" is already mapped"))
		return
	}
	external := e.randUUID()
	if found {
		external = e.store.mappings[folder].external
	}
	e.store.mappings[folder] = &mapping{folder: folder, template: template, external: external}
	if existing {
		// Updates and deletions name the mapping they changed (the
		// OpenAPI's upload_mapping_mutation_response).
		writeJSON(w, http.StatusOK, map[string]any{"message": "updated", "external_id": external})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": "created", "folder": folder, "external_id": external})
}

func (e *Emulator) deleteMapping(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	folder := mappingFolder(r, p)
	e.mu.Lock()
	defer e.mu.Unlock()
	m, ok := e.store.mappings[folder]
	if !ok {
		reply(w, nil, errNotFound("Mapping for folder "+folder+" not found"))
		return
	}
	delete(e.store.mappings, folder)
	writeJSON(w, http.StatusOK, map[string]any{"message": "deleted", "external_id": m.external})
}
