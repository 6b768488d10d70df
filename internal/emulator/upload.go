package emulator

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"path"
	"slices"
	"sort"
	"strings"
)

// unsignedAllowed are the parameters an unsigned upload may carry.
var unsignedAllowed = map[string]bool{
	"upload_preset": true, "file": true, "public_id": true, "folder": true, "asset_folder": true,
	"public_id_prefix": true, "display_name": true, "callback": true, "tags": true, "context": true,
	"metadata": true, "face_coordinates": true, "custom_coordinates": true, "regions": true,
	"filename_override": true, "resource_type": true, "cloud_name": true, "source": true,
}

// authorizeUpload checks a signed upload, or an unsigned one through an
// unsigned preset; it returns the preset named by the call, if any.
func (e *Emulator) authorizeUpload(p *params) (*preset, *apiError) {
	name := p.get("upload_preset")
	var pr *preset
	if name != "" {
		found, ok := e.store.presets[name]
		if !ok {
			return nil, errBadRequest("Upload preset " + name + " not found")
		}
		pr = found
	}
	if p.has("signature") || p.has("api_key") {
		return pr, e.verifySigned(p)
	}
	switch {
	case pr == nil:
		return nil, errBadRequest("Upload preset must be specified when using unsigned upload")
	case !pr.unsigned:
		return nil, errBadRequest("Upload preset must be whitelisted for unsigned uploads")
	}
	for key := range p.values {
		if !unsignedAllowed[key] {
			return nil, errBadRequest(key + " parameter is not allowed when using unsigned upload")
		}
	}
	return pr, nil
}

// withPreset overlays the call's parameters on the preset's settings. A
// preset's disallow_public_id applies to unsigned uploads only, as the
// Admin API reference describes it, and disables "assigning a public_id in
// the upload call": the preset's own public_id still applies.
func withPreset(pr *preset, p *params, unsigned bool) *params {
	if pr == nil {
		return p
	}
	disallow, _ := parseBool(pr.settings["disallow_public_id"])
	merged := &params{values: map[string][]string{}, raw: p.raw, file: p.file}
	for k, v := range pr.settings {
		merged.values[k] = []string{v}
	}
	for k, v := range p.values {
		if k == "public_id" && disallow && unsigned {
			continue
		}
		merged.values[k] = v
	}
	return merged
}

// uploadFile serves the Upload API's upload, the one endpoint that no
// adapter serves: a part of a chunked upload is matched to its upload before
// its body is read, and a file given by URL is fetched without the store's
// lock, which would otherwise hold up every other call for as long as the
// remote host takes.
func (e *Emulator) uploadFile(w http.ResponseWriter, r *http.Request) {
	chunk, err := e.chunkOf(r)
	if err != nil {
		reply(w, nil, err)
		return
	}
	p, err := parseParamsInto(r, chunk)
	if err != nil {
		reply(w, nil, err)
		return
	}
	if chunk != nil && (chunk.repeat || !chunk.last()) {
		// A part before the last, or a part received before: authenticated
		// like any upload, then acknowledged with the progress, or with the
		// asset when it repeats the last part of a finished upload.
		e.mu.Lock()
		_, err = e.authorizeUpload(p)
		e.mu.Unlock()
		switch result := chunk.replay(); {
		case err != nil:
			reply(w, nil, err)
		case !chunk.last():
			writeJSON(w, http.StatusOK, chunk.progress())
		case result != nil:
			writeJSON(w, http.StatusOK, result)
		default:
			reply(w, nil, errBadRequest("The last chunk of upload "+chunk.id+" repeats before the upload finished"))
		}
		return
	}
	rt := r.PathValue("resource_type")
	if rt == "" || rt == "auto" {
		if v := p.get("resource_type"); v != "" {
			rt = v
		} else {
			rt = "auto"
		}
	}
	if rt != "auto" && !slices.Contains(resourceTypes, rt) {
		reply(w, nil, errBadRequest("Invalid resource type "+rt))
		return
	}
	e.mu.Lock()
	pr, err := e.authorizeUpload(p)
	e.mu.Unlock()
	if err != nil {
		reply(w, nil, err)
		return
	}
	unsigned := !p.has("signature")
	p = withPreset(pr, p, unsigned)
	src, err := e.readSource(r, p)
	if err != nil {
		reply(w, nil, err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	body, err := e.storeUpload(p, src, rt, unsigned)
	switch {
	case chunk != nil && err == nil:
		e.store.finishChunked(chunk.id, chunk, body)
	case chunk != nil:
		delete(e.store.chunks, chunk.id) // a failed upload starts again from its first part
	}
	reply(w, body, err)
}

// readSource gets the file to upload: a multipart file, a data URI, or a
// remote http(s) URL.
func (e *Emulator) readSource(r *http.Request, p *params) (*uploadedFile, *apiError) {
	if p.file != nil {
		return p.file, nil
	}
	file := p.get("file")
	switch {
	case file == "":
		return nil, errBadRequest("Missing required parameter - file")
	case strings.HasPrefix(file, "data:"):
		meta, data, ok := strings.Cut(file, ",")
		if !ok || !strings.HasSuffix(meta, ";base64") {
			return nil, errBadRequest("Invalid file: malformed data URI")
		}
		f, err := digestFile(base64.NewDecoder(base64.StdEncoding, strings.NewReader(data)), "file")
		if err != nil {
			return nil, errBadRequest("Invalid file: bad base64 data")
		}
		return f, nil
	case strings.HasPrefix(file, "http://"), strings.HasPrefix(file, "https://"):
		return e.fetchRemote(r, file)
	}
	return nil, errBadRequest("Invalid file: expected a file, a data URI or an http(s) URL")
}

func (e *Emulator) fetchRemote(r *http.Request, url string) (*uploadedFile, *apiError) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, url, nil)
	if err != nil {
		return nil, errBadRequest("Error in loading " + url + " - " + err.Error())
	}
	resp, err := e.opts.HTTPClient.Do(req)
	if err != nil {
		return nil, errBadRequest("Error in loading " + url + " - " + err.Error())
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errBadRequest("Error in loading " + url + " - " + resp.Status)
	}
	f, err := digestFile(resp.Body, path.Base(req.URL.Path))
	if err != nil {
		return nil, errBadRequest("Error in loading " + url + " - " + err.Error())
	}
	return f, nil
}

// sniff works out the resource type (for "auto"), format and dimensions of
// an uploaded file from its head and name.
func sniff(f *uploadedFile, rt string) (resourceType, format string, width, height int) {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(f.filename), "."))
	if kind, w, h, ok := imageSize(f.head); ok {
		if rt == "auto" {
			rt = "image"
		}
		if rt == "image" {
			return rt, kind, w, h
		}
	}
	mime := http.DetectContentType(f.head)
	if rt == "auto" {
		switch {
		case strings.HasPrefix(mime, "image/"):
			rt = "image"
		case strings.HasPrefix(mime, "video/"), strings.HasPrefix(mime, "audio/"):
			rt = "video"
		default:
			rt = "raw"
		}
	}
	if rt == "raw" {
		return rt, "", 0, 0
	}
	return rt, ext, 0, 0
}

// storeUpload creates or overwrites the asset an upload describes.
func (e *Emulator) storeUpload(p *params, src *uploadedFile, rt string, unsigned bool) (map[string]any, *apiError) {
	rt, format, width, height := sniff(src, rt)
	if limit := e.opts.MediaLimits.of(rt); src.size > limit {
		return nil, errBadRequest(fmt.Sprintf("File size too large. Got %d. Maximum is %d.", src.size, limit))
	}
	format, err := convertedFormat(p, rt, format)
	if err != nil {
		return nil, err
	}
	typ := p.get("type")
	if typ == "" {
		typ = "upload"
	}
	if !slices.Contains(enumSettings["type"], typ) {
		return nil, errBadRequest("Invalid type " + typ)
	}
	// filename_override stands for the file's name: it is the asset's
	// original_filename (pycloudinary test_upload_filename_override,
	// cloudinary_npm "should successfully override original_filename"), and
	// the name use_filename takes (the Upload API reference: "Useful
	// together with the use_filename parameter").
	filename := cmp.Or(p.get("filename_override"), src.filename)
	publicID, err := e.choosePublicID(p, filename, rt)
	if err != nil {
		return nil, err
	}
	key := assetKey{rt, typ, publicID}
	overwrite, given := p.boolean("overwrite")
	if !given {
		overwrite = !unsigned
	}
	existing, exists := e.store.assets[key]
	if exists && !overwrite {
		body := e.assetJSON(existing, fullView)
		body["existing"] = true
		body["signature"] = e.responseSignature(existing, p)
		return body, nil
	}
	previous := existing
	if !exists {
		// A placeholder is no asset: the upload makes a new version of it
		// whatever overwrite says, and the asset keeps its asset ID and
		// backups (cloudinary_npm's restore specs upload, delete and upload
		// again to one public ID, then restore either version by one asset ID).
		previous = e.store.placeholders[key]
	}
	a := e.newAsset(key, previous)
	a.assetContent = assetContent{format: format, width: width, height: height, bytes: src.size, etag: src.md5}
	a.originalFilename = strings.TrimSuffix(path.Base(filename), path.Ext(filename))
	if err := e.applyUploadMetadata(a, p); err != nil {
		return nil, err
	}
	if err := e.addDerived(a, p.values["eager"]); err != nil {
		return nil, err
	}
	if e.backsUp(p) {
		a.backUp()
	}
	e.store.assets[key] = a
	delete(e.store.placeholders, key)
	body := e.assetJSON(a, fullView)
	body["original_filename"] = a.originalFilename
	body["api_key"], _ = e.callerKey(p)
	body["signature"] = e.responseSignature(a, p)
	if exists {
		body["overwritten"] = true
	}
	return body, nil
}

// convertedFormat is the format an upload is stored in: the format
// parameter's, to which Cloudinary converts the file ("An optional format to
// convert the uploaded asset to before saving in the cloud", the Upload API
// reference), else the file's own. allowed_formats refuses a file of another
// format unless it is converted to an allowed one (pycloudinary
// test_allowed_formats_with_format and cloudinary_npm "should allow non
// whitelisted formats if type is specified and convert to that type": a PNG
// with allowed_formats jpg and format jpg is stored as jpg).
func convertedFormat(p *params, rt, fileFormat string) (string, *apiError) {
	format := fileFormat
	if target := strings.ToLower(p.get("format")); target != "" && rt != "raw" {
		format = target
	}
	if allowed := p.list("allowed_formats"); len(allowed) > 0 && !slices.Contains(allowed, format) {
		return "", errBadRequest(fmt.Sprintf("%s file format %s not allowed", strings.ToUpper(rt[:1])+rt[1:], format))
	}
	return format, nil
}

// newAsset starts the record of an upload; an overwrite (or an upload over
// a placeholder) keeps the asset ID, creation time and backup and gets a
// newer version.
func (e *Emulator) newAsset(key assetKey, previous *asset) *asset {
	now := e.opts.Now().UTC()
	e.store.nextID++
	a := &asset{key: key, assetID: e.randHex(32), createdAt: now, seq: e.store.nextID,
		version: now.Unix(), versionID: e.randHex(32), accessMode: "public"}
	if previous != nil {
		a.assetID, a.createdAt, a.seq, a.backup = previous.assetID, previous.createdAt, previous.seq, previous.backup
		if a.version <= previous.version {
			a.version = previous.version + 1
		}
	}
	return a
}

// backsUp tells whether an upload is backed up: its backup parameter, which
// a preset's backup setting supplies when the call has none, overrides the
// account-wide setting (the Upload API reference: "Overrides the default
// backup settings of your product environment").
func (e *Emulator) backsUp(p *params) bool {
	if backup, given := p.boolean("backup"); given {
		return backup
	}
	return e.opts.AutomaticBackup
}

func (e *Emulator) applyUploadMetadata(a *asset, p *params) *apiError {
	if err := e.applyAssetUpdates(a, p); err != nil {
		return err
	}
	e.store.applyMetadataDefaults(a)
	if a.assetFolder == "" {
		a.assetFolder = strings.Trim(p.get("folder"), "/")
		e.store.keepFolder(a.assetFolder, a.createdAt)
	}
	if a.displayName == "" {
		a.displayName = path.Base(a.key.publicID)
		if byName, _ := p.boolean("use_filename_as_display_name"); byName && a.originalFilename != "" {
			a.displayName = a.originalFilename
		}
	}
	if m := p.get("moderation"); m != "" {
		kinds := strings.Split(m, "|")
		a.moderationKind, a.moderationStatus = kinds[len(kinds)-1], "pending"
	}
	return nil
}

// choosePublicID works out the public ID the way the Upload API reference
// describes: the given one, or the filename (made unique), or random
// characters; prefixed with folder or public_id_prefix.
func (e *Emulator) choosePublicID(p *params, filename, rt string) (string, *apiError) {
	id := p.get("public_id")
	if id == "" {
		id = e.randHex(20)
		if useName, _ := p.boolean("use_filename"); useName && filename != "" && filename != "file" {
			id = strings.TrimSuffix(path.Base(filename), path.Ext(filename))
			if unique, given := p.boolean("unique_filename"); unique || !given {
				id += "_" + e.randHex(6)
			}
		}
		if rt == "raw" && path.Ext(filename) != "" {
			id += path.Ext(filename)
		}
	}
	prefix := p.get("public_id_prefix")
	if prefix == "" {
		prefix = p.get("folder")
	}
	if asPrefix, _ := p.boolean("use_asset_folder_as_public_id_prefix"); asPrefix && prefix == "" {
		prefix = p.get("asset_folder")
	}
	if prefix = strings.Trim(prefix, "/"); prefix != "" {
		id = prefix + "/" + id
	}
	return id, validatePublicID(id)
}

// deliveryType is the call's type parameter, "upload" by default.
func deliveryType(p *params) string {
	if t := p.get("type"); t != "" {
		return t
	}
	return "upload"
}

func (e *Emulator) explicit(p *params, rt string) (any, *apiError) {
	id := p.get("public_id")
	a, found := e.store.assets[assetKey{rt, deliveryType(p), id}]
	if !found {
		return nil, errNotFound("Resource not found - " + id)
	}
	if err := e.applyAssetUpdates(a, p); err != nil {
		return nil, err
	}
	if invalidate, _ := p.boolean("invalidate"); invalidate {
		e.invalidateAsset(a)
	}
	if err := e.addDerived(a, p.values["eager"]); err != nil {
		return nil, err
	}
	body := e.assetJSON(a, fullView)
	body["eager"] = e.eagerAnswer(a, transformationList(p.values["eager"]))
	return body, nil
}

func (e *Emulator) rename(p *params, rt string) (any, *apiError) {
	from, to := p.get("from_public_id"), p.get("to_public_id")
	if err := validatePublicID(to); err != nil {
		return nil, err
	}
	overwrite, _ := p.boolean("overwrite")
	fromKey := assetKey{rt, deliveryType(p), from}
	toKey := assetKey{rt, fromKey.typ, to}
	if t := p.get("to_type"); t != "" {
		toKey.typ = t
	}
	a, found := e.store.assets[fromKey]
	if !found {
		return nil, errNotFound("Resource not found - " + from)
	}
	if _, taken := e.store.assets[toKey]; taken && !overwrite && toKey != fromKey {
		return nil, errConflict("to_public_id " + to + " already exists")
	}
	delete(e.store.assets, fromKey)
	a.key = toKey
	e.store.assets[toKey] = a
	// A placeholder at the new public ID was another asset's: the renamed
	// asset takes the public ID, and the emulator, which restores by public
	// ID only, forgets that backup.
	delete(e.store.placeholders, toKey)
	return e.assetJSON(a, fullView), nil
}

func (e *Emulator) destroy(p *params, rt string) (any, *apiError) {
	a, found := e.store.assets[assetKey{rt, deliveryType(p), p.get("public_id")}]
	if !found {
		return map[string]string{"result": "not found"}, nil
	}
	e.store.deleteAsset(a, false)
	return map[string]string{"result": "ok"}, nil
}

// maxTaggedIDs is how many public IDs one tags or context call may name.
const maxTaggedIDs = 1000

// taggedAssets finds the assets a tags or context call names.
func (e *Emulator) taggedAssets(p *params, rt string) ([]*asset, *apiError) {
	ids := p.rawList("public_ids")
	if len(ids) == 0 {
		return nil, errBadRequest("Missing required parameter - public_ids")
	}
	if len(ids) > maxTaggedIDs {
		return nil, errBadRequest("Too many public_ids: at most 1000")
	}
	var out []*asset
	for _, id := range ids {
		if a, ok := e.store.assets[assetKey{rt, deliveryType(p), id}]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

func publicIDsOf(assets []*asset) map[string]any {
	ids := make([]string, 0, len(assets))
	for _, a := range assets {
		ids = append(ids, a.key.publicID)
	}
	return map[string]any{"public_ids": ids}
}

func (e *Emulator) tags(p *params, rt string) (any, *apiError) {
	command, tags := p.get("command"), uniqueStrings(p.list("tag"))
	if command != "remove_all" && len(tags) == 0 {
		return nil, errBadRequest("Missing required parameter - tag")
	}
	assets, err := e.taggedAssets(p, rt)
	if err != nil {
		return nil, err
	}
	switch command {
	case "add":
		for _, a := range assets {
			a.tags = uniqueStrings(append(a.tags, tags...))
		}
	case "remove":
		for _, a := range assets {
			a.tags = without(a.tags, tags)
		}
	case "replace":
		for _, a := range assets {
			a.tags = tags
		}
	case "remove_all":
		for _, a := range assets {
			a.tags = nil
		}
	case "set_exclusive":
		for _, other := range e.store.assets {
			other.tags = without(other.tags, tags)
		}
		for _, a := range assets {
			a.tags = uniqueStrings(append(a.tags, tags...))
		}
	default:
		return nil, errBadRequest("Invalid command " + command)
	}
	return publicIDsOf(assets), nil
}

func (e *Emulator) contextCommand(p *params, rt string) (any, *apiError) {
	assets, err := e.taggedAssets(p, rt)
	if err != nil {
		return nil, err
	}
	switch command := p.get("command"); command {
	case "add":
		ctx := p.contextMap("context")
		if len(ctx) == 0 {
			return nil, errBadRequest("Missing required parameter - context")
		}
		for _, a := range assets {
			if a.context == nil {
				a.context = map[string]string{}
			}
			maps.Copy(a.context, ctx)
		}
	case "remove_all":
		for _, a := range assets {
			a.context = nil
		}
	default:
		return nil, errBadRequest("Invalid command " + command)
	}
	return publicIDsOf(assets), nil
}

// tagsOf lists the distinct tags of a resource type, in order.
func (s *store) tagsOf(rt string) []string {
	seen := map[string]bool{}
	for _, a := range s.assets {
		if a.key.resourceType == rt {
			for _, t := range a.tags {
				seen[t] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
