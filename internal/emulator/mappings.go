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

func (e *Emulator) listMappings(_ *http.Request, p *params) (any, *apiError) {
	if folder := p.get("folder"); folder != "" {
		return e.showMapping(folder)
	}
	limit, cursor, err := listParams(p, 10, 500)
	if err != nil {
		return nil, err
	}
	pg, err := paginate(slices.Sorted(maps.Keys(e.store.mappings)), stringKey, cursor, limit)
	if err != nil {
		return nil, err
	}
	body := pg.listing("mappings", func(f string) any { return mappingJSON(e.store.mappings[f]) })
	body["total_entries"] = len(e.store.mappings)
	return body, nil
}

func (e *Emulator) getMapping(r *http.Request) (any, *apiError) {
	return e.showMapping(r.PathValue("folder"))
}

func (e *Emulator) showMapping(folder string) (any, *apiError) {
	m, err := e.lookupMapping(folder)
	if err != nil {
		return nil, err
	}
	return mappingJSON(m), nil
}

// lookupMapping finds the mapping of a folder, or answers 404.
func (e *Emulator) lookupMapping(folder string) (*mapping, *apiError) {
	m, ok := e.store.mappings[folder]
	if !ok {
		return nil, errNotFound("Mapping for folder " + folder + " not found")
	}
	return m, nil
}

func (e *Emulator) createMapping(r *http.Request, p *params) (any, *apiError) {
	return e.writeMapping(r, p, false)
}

func (e *Emulator) updateMapping(r *http.Request, p *params) (any, *apiError) {
	return e.writeMapping(r, p, true)
}

// writeMapping creates (existing=false) or updates (existing=true) a mapping.
func (e *Emulator) writeMapping(r *http.Request, p *params, existing bool) (any, *apiError) {
	folder, template := pathOrParam(r, p, "folder", "folder"), p.get("template")
	switch {
	case folder == "":
		return nil, errBadRequest("Must supply folder")
	case template == "":
		return nil, errBadRequest("Must supply template")
	case !validTemplate(template):
		return nil, errBadRequest("Invalid template " + template)
	}
	current, found := e.store.mappings[folder]
	switch {
	case existing && !found:
		return nil, errNotFound("Mapping for folder " + folder + " not found")
	case !existing && found:
		return nil, errConflict("Folder " + folder + " is already mapped")
	}
	external := e.randUUID()
	if found {
		external = current.external
	}
	e.store.mappings[folder] = &mapping{folder: folder, template: template, external: external}
	if existing {
		// Updates and deletions name the mapping they changed (the
		// OpenAPI's upload_mapping_mutation_response).
		return map[string]any{"message": "updated", "external_id": external}, nil
	}
	return map[string]any{"message": "created", "folder": folder, "external_id": external}, nil
}

func (e *Emulator) deleteMapping(r *http.Request, p *params) (any, *apiError) {
	m, err := e.lookupMapping(pathOrParam(r, p, "folder", "folder"))
	if err != nil {
		return nil, err
	}
	delete(e.store.mappings, m.folder)
	return map[string]any{"message": "deleted", "external_id": m.external}, nil
}
