package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

var (
	resourceTypes = []string{"image", "raw", "video"}
	deliveryTypes = []string{"upload", "private", "authenticated", "fetch", "facebook", "twitter",
		"gravatar", "youtube", "hulu", "vimeo", "animoto", "worldstarhiphop", "dailymotion", "list"}
)

// listFilter selects and orders the assets of a listing.
type listFilter struct {
	resourceType string
	typ          string
	prefix       string
	publicIDs    []string
	startAt      time.Time
	ascending    bool
	match        func(*asset) bool
	// placeholders asks for deleted assets' placeholders too.
	placeholders bool
}

// listed selects and orders the assets (and placeholders, if f asks) of a
// listing.
func (s *store) listed(f listFilter) []*asset {
	if f.placeholders {
		return f.apply(s.assetsAndPlaceholders())
	}
	return f.apply(s.sortedAssets())
}

func (f listFilter) apply(all []*asset) []*asset {
	var out []*asset
	for _, a := range all {
		switch {
		case f.resourceType != "" && a.key.resourceType != f.resourceType,
			f.typ != "" && a.key.typ != f.typ,
			f.prefix != "" && !strings.HasPrefix(a.key.publicID, f.prefix),
			len(f.publicIDs) > 0 && !slices.Contains(f.publicIDs, a.key.publicID),
			!f.startAt.IsZero() && a.createdAt.Before(f.startAt),
			f.match != nil && !f.match(a):
			continue
		}
		out = append(out, a)
	}
	switch {
	case f.prefix != "":
		sort.SliceStable(out, func(i, j int) bool { return out[i].key.publicID < out[j].key.publicID })
	case f.ascending:
		sort.SliceStable(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	}
	return out
}

func assetCursorKey(a *asset) string {
	return a.key.resourceType + "/" + a.key.typ + "/" + a.key.publicID
}

// resourceTypeOf validates the resource type in a path.
func resourceTypeOf(r *http.Request) (string, *apiError) {
	rt := r.PathValue("resource_type")
	if !slices.Contains(resourceTypes, rt) {
		return "", errBadRequest("Invalid resource type " + rt)
	}
	return rt, nil
}

func deliveryTypeOf(r *http.Request, def string) (string, *apiError) {
	t := r.PathValue("type")
	if t == "" {
		return def, nil
	}
	if !slices.Contains(deliveryTypes, t) {
		return "", errBadRequest("Invalid type " + t)
	}
	return t, nil
}

func direction(p *params) (bool, *apiError) {
	switch strings.ToLower(p.get("direction")) {
	case "", "desc", "-1":
		return false, nil
	case "asc", "1":
		return true, nil
	}
	return false, errBadRequest("Invalid direction " + p.get("direction"))
}

// listResources serves GET /resources/:resource_type and
// /resources/:resource_type/:type.
func (e *Emulator) listResources(r *http.Request, p *params) (any, *apiError) {
	// The one listing that shows placeholders (placeholder true, bytes 0):
	// the SDKs document that the listings by tag, by context and by asset IDs
	// leave out deleted assets "even if they have been backed up"
	// (pycloudinary api.py, cloudinary-go admin/assets.go, the Admin API
	// reference) and say no such thing of this one, and the OpenAPI offers
	// placeholder among the fields a listing can return (resource_fields_enum).
	f := listFilter{resourceType: "image", prefix: p.get("prefix"), publicIDs: p.rawList("public_ids"), placeholders: true}
	var err *apiError
	if r.PathValue("resource_type") != "" {
		if f.resourceType, err = resourceTypeOf(r); err != nil {
			return nil, err
		}
	}
	if f.typ, err = deliveryTypeOf(r, p.get("type")); err != nil {
		return nil, err
	}
	if len(f.publicIDs) > 100 {
		return nil, errBadRequest("Too many public_ids: at most 100")
	}
	if s := p.get("start_at"); s != "" {
		if f.startAt, err = parseTimestamp(s); err != nil {
			return nil, err
		}
	}
	return e.assetList(p, f, listingPageSize)
}

func parseTimestamp(s string) (time.Time, *apiError) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02", time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errBadRequest("Invalid start_at " + s)
}

// listResourcesByTag, listResourcesByContext and listResourcesByModeration
// list live assets only: the first two "do not return deleted assets even if
// they have been backed up" (the Admin API reference, pycloudinary api.py);
// a moderation queue holds assets to moderate, which a placeholder is not.
func (e *Emulator) listResourcesByTag(r *http.Request, p *params, s scope) (any, *apiError) {
	tag := r.PathValue("tag")
	return e.assetList(p, listFilter{resourceType: s.resourceType, match: func(a *asset) bool { return a.hasTag(tag) }}, listingPageSize)
}

func (e *Emulator) listResourcesByContext(_ *http.Request, p *params, s scope) (any, *apiError) {
	key, value, wantValue := p.get("key"), p.get("value"), p.has("value")
	if key == "" {
		return nil, errBadRequest("Missing required parameter - key")
	}
	return e.assetList(p, listFilter{resourceType: s.resourceType, match: func(a *asset) bool {
		v, ok := a.context[key]
		return ok && (!wantValue || v == value)
	}}, listingPageSize)
}

func (e *Emulator) listResourcesByModeration(r *http.Request, p *params, s scope) (any, *apiError) {
	kind, status := r.PathValue("kind"), r.PathValue("status")
	return e.assetList(p, listFilter{resourceType: s.resourceType, match: func(a *asset) bool {
		return a.moderationKind == kind && a.moderationStatus == status
	}}, listingPageSize)
}

// listingPageSize is how many assets a listing answers when max_results is
// not given.
const listingPageSize = 10

// assetList is the answer of a listing of the assets f selects, pageSize of
// them unless max_results says otherwise.
func (e *Emulator) assetList(p *params, f listFilter, pageSize int) (any, *apiError) {
	limit, cursor, err := listParams(p, pageSize, 500)
	if err == nil {
		f.ascending, err = direction(p)
	}
	if err != nil {
		return nil, err
	}
	view := assetView{}
	view.tags, _ = p.boolean("tags")
	view.context, _ = p.boolean("context")
	view.moderation, _ = p.boolean("moderations")
	view.metadata, _ = p.boolean("metadata")
	view.emptyMetadata = true
	fields := p.list("fields")
	view = view.withFields(fields)
	pg, err := paginate(e.store.listed(f), assetCursorKey, cursor, limit)
	if err != nil {
		return nil, err
	}
	return pg.listing("resources", func(a *asset) any {
		return onlyFields(e.assetJSON(a, view), fields, listingFieldsAlways)
	}), nil
}

// lookupAsset finds the asset a details or update path names, or with
// placeholders also a deleted asset's placeholder.
func (e *Emulator) lookupAsset(r *http.Request, placeholders bool) (*asset, *apiError) {
	s, err := scopeOf(r)
	if err != nil {
		return nil, err
	}
	id := r.PathValue("public_id")
	if err := validatePublicID(id); err != nil {
		return nil, err // the same IDs the Upload API refuses
	}
	key := assetKey{s.resourceType, s.typ, id}
	a, ok := e.store.assets[key]
	if !ok && placeholders {
		a, ok = e.store.placeholders[key]
	}
	if !ok {
		return nil, errNotFound("Resource not found - " + id)
	}
	return a, nil
}

func (e *Emulator) getResource(r *http.Request, p *params) (any, *apiError) {
	limit, err := p.intParam("max_results", 10, 100)
	if err != nil {
		return nil, err
	}
	// A deleted asset with a backup answers 200 with placeholder true and
	// bytes 0 (pycloudinary test_api.py test_restore).
	a, err := e.lookupAsset(r, true)
	if err != nil {
		return nil, err
	}
	return e.assetDetails(a, p.get("derived_next_cursor"), limit), nil
}

func (e *Emulator) assetDetails(a *asset, derivedCursor string, limit int) map[string]any {
	out := e.assetJSON(a, fullView)
	if len(a.tags) == 0 {
		// An asset's details have no tags key when it has no tags
		// (pycloudinary test_remove_all_tags, cloudinary_java testTags).
		delete(out, "tags")
	}
	pg, err := paginate(a.derived, func(d *derived) string { return d.id }, derivedCursor, limit)
	if err != nil {
		pg = page[*derived]{}
	}
	list := make([]map[string]any, 0, len(pg.items))
	for _, d := range pg.items {
		list = append(list, e.derivedJSON(a, d))
	}
	out["derived"] = list
	if pg.nextCursor != "" {
		out["derived_next_cursor"] = pg.nextCursor
	}
	return out
}

// updateResource serves POST /resources/:resource_type/:type/:public_id.
func (e *Emulator) updateResource(r *http.Request, p *params) (any, *apiError) {
	a, err := e.lookupAsset(r, false)
	if err != nil {
		return nil, err
	}
	if err := e.applyAssetUpdates(a, p); err != nil {
		return nil, err
	}
	if st := p.get("moderation_status"); st != "" {
		if st != "approved" && st != "rejected" {
			return nil, errBadRequest("Invalid moderation_status " + st)
		}
		if a.moderationKind == "" {
			a.moderationKind = "manual"
		}
		a.moderationStatus = st
	}
	return e.assetDetails(a, "", 10), nil
}

// applyAssetUpdates applies what both the Admin API update and the Upload
// API explicit may change: tags and context (replaced), structured metadata
// (merged), display name, asset folder and access mode. It validates
// everything before changing anything.
func (e *Emulator) applyAssetUpdates(a *asset, p *params) *apiError {
	if p.has("display_name") && strings.Contains(p.get("display_name"), "/") {
		return errBadRequest("display_name can't include slashes")
	}
	if m := p.get("access_mode"); m != "" && !slices.Contains(enumSettings["access_mode"], m) {
		return errBadRequest("Invalid access_mode " + m)
	}
	var control []any
	if p.has("access_control") {
		var err *apiError
		if control, err = parseAccessControl(p); err != nil {
			return err
		}
	}
	metadata, err := e.metadataUpdates(p)
	if err != nil {
		return err
	}
	metadata.apply(a)
	if p.has("tags") {
		a.tags = uniqueStrings(p.list("tags"))
	}
	if p.has("context") {
		a.context = p.contextMap("context")
	}
	if p.has("display_name") {
		a.displayName = p.get("display_name")
	}
	if p.has("asset_folder") {
		a.assetFolder = strings.Trim(p.get("asset_folder"), "/")
		e.store.keepFolder(a.assetFolder, e.opts.Now())
	}
	if m := p.get("access_mode"); m != "" {
		a.accessMode = m
	}
	if p.has("access_control") {
		a.accessControl = control
	}
	return nil
}

// parseAccessControl reads access_control: a JSON array (or one object) of
// access types, each "token" or "anonymous" with optional start and end.
func parseAccessControl(p *params) ([]any, *apiError) {
	raw := p.jsonText("access_control")
	if len(raw) > 0 && raw[0] == '{' {
		raw = append(append(json.RawMessage{'['}, raw...), ']')
	}
	var items []map[string]any
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errBadRequest("Invalid access_control: must be a JSON array of access types")
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		switch it["access_type"] {
		case "token", "anonymous":
		default:
			return nil, errBadRequest(fmt.Sprintf("Invalid access_control access_type %v: must be token or anonymous", it["access_type"]))
		}
		out = append(out, it)
	}
	return out, nil
}

// maxDeletion is how many original assets one delete call removes; past it
// the answer is partial and carries a next_cursor.
const maxDeletion = 1000

// deleteResources serves DELETE /resources/:resource_type/:type by
// public_ids, prefix or all.
func (e *Emulator) deleteResources(_ *http.Request, p *params, s scope) (any, *apiError) {
	ids := p.rawList("public_ids")
	all, _ := p.boolean("all")
	f := listFilter{resourceType: s.resourceType, typ: s.typ, prefix: p.get("prefix"), ascending: true}
	switch {
	case len(ids) > 100:
		return nil, errBadRequest("Too many public_ids: at most 100")
	case len(ids) > 0:
		return e.deleteByIDs(p, assetKey{resourceType: s.resourceType, typ: s.typ}, ids), nil
	case f.prefix == "" && !all:
		return nil, errBadRequest("Must specify public_ids, prefix or all")
	}
	return e.deleteMatching(p, f), nil
}

func (e *Emulator) deleteByIDs(p *params, base assetKey, ids []string) map[string]any {
	del := deletionFrom(p)
	deleted, counts := map[string]string{}, map[string]any{}
	for _, id := range ids {
		key := base
		key.publicID = id
		a, ok := e.store.assets[key]
		if !ok {
			deleted[id] = "not_found"
			continue
		}
		counts[id] = e.deleteWith(a, del)
		deleted[id] = "deleted"
	}
	return map[string]any{"deleted": deleted, "deleted_counts": counts, "partial": false}
}

// deleteMatching deletes up to maxDeletion assets that match f.
func (e *Emulator) deleteMatching(p *params, f listFilter) map[string]any {
	del := deletionFrom(p)
	matches := f.apply(e.store.sortedAssets())
	deleted, counts := map[string]string{}, map[string]any{}
	for i, a := range matches {
		if i == maxDeletion {
			// The cursor is opaque: the next call with the same filter goes on
			// where this one stopped because deleted assets no longer match.
			return map[string]any{"deleted": deleted, "deleted_counts": counts, "partial": true, "next_cursor": e.randHex(32)}
		}
		counts[a.key.publicID] = e.deleteWith(a, del)
		deleted[a.key.publicID] = "deleted"
	}
	return map[string]any{"deleted": deleted, "deleted_counts": counts, "partial": false}
}

// deleteAsset removes an asset (leaving a placeholder when it has a
// backup), or only its derived versions.
func (s *store) deleteAsset(a *asset, keepOriginal bool) map[string]int {
	counts := map[string]int{"original": 0, "derived": len(a.derived)}
	a.derived = nil
	if !keepOriginal {
		s.remove(a)
		counts["original"] = 1
	}
	return counts
}

func (e *Emulator) deleteResourcesByTag(r *http.Request, p *params, s scope) (any, *apiError) {
	tag := r.PathValue("tag")
	return e.deleteMatching(p, listFilter{resourceType: s.resourceType, ascending: true, match: func(a *asset) bool { return a.hasTag(tag) }}), nil
}

func (e *Emulator) deleteDerivedResources(_ *http.Request, p *params) (any, *apiError) {
	ids := p.rawList("derived_resource_ids")
	if len(ids) == 0 || len(ids) > 100 {
		return nil, errBadRequest("derived_resource_ids must list 1 to 100 IDs")
	}
	deleted := map[string]string{}
	for _, id := range ids {
		deleted[id] = "not_found"
		for _, a := range e.store.assets {
			if a.removeDerived(id) {
				deleted[id] = "deleted"
				break
			}
		}
	}
	return map[string]any{"deleted": deleted}, nil
}

// restoreResources serves POST /resources/:resource_type/:type/restore:
// each named asset, deleted or not, reverts to its latest backed-up version.
// The answer has one entry per public ID: the restored asset, or
// {"error": "no_backup"} when it has no backup (the OpenAPI's
// restore_response; pycloudinary test_restore reads the restored bytes under
// the public ID; CloudinaryDotNet's TestRestoreNoBackup expects no_backup).
func (e *Emulator) restoreResources(_ *http.Request, p *params, s scope) (any, *apiError) {
	ids := p.rawList("public_ids")
	if len(ids) == 0 {
		return nil, errBadRequest("Missing required parameter - public_ids")
	}
	out := map[string]any{}
	for _, id := range ids {
		a := e.store.restore(assetKey{s.resourceType, s.typ, id})
		if a == nil {
			out[id] = map[string]any{"error": "no_backup"}
			continue
		}
		out[id] = e.assetJSON(a, fullView)
	}
	return out, nil
}

// restore reverts the asset or placeholder at key to its latest backup and
// returns it, or returns nil when there is no backup.
func (s *store) restore(key assetKey) *asset {
	a, live := s.assets[key]
	if !live {
		a = s.placeholders[key]
	}
	if a == nil || a.backup == nil {
		return nil
	}
	a.restoreBackup()
	delete(s.placeholders, key)
	s.assets[key] = a
	return a
}

// updateAccessMode serves POST /resources/:resource_type/upload/update_access_mode.
func (e *Emulator) updateAccessMode(_ *http.Request, p *params, s scope) (any, *apiError) {
	mode := p.get("access_mode")
	if !slices.Contains(enumSettings["access_mode"], mode) {
		return nil, errBadRequest("Invalid access_mode " + mode)
	}
	f := listFilter{resourceType: s.resourceType, typ: "upload", prefix: p.get("prefix"), publicIDs: p.rawList("public_ids"), ascending: true}
	tag := p.get("tag")
	if tag != "" {
		f.match = func(a *asset) bool { return a.hasTag(tag) }
	}
	if f.prefix == "" && len(f.publicIDs) == 0 && tag == "" {
		return nil, errBadRequest("Must specify public_ids, prefix or tag")
	}
	updated := []map[string]string{}
	for _, a := range f.apply(e.store.sortedAssets()) {
		a.accessMode = mode
		updated = append(updated, map[string]string{"public_id": a.key.publicID, "access_mode": mode})
	}
	return map[string]any{"updated": updated, "failed": []any{}}, nil
}
