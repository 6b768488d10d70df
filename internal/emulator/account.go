package emulator

import (
	"crypto/md5"
	"encoding/hex"
	"math"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
)

// folder is what the emulator knows of a folder: when it came to be, and
// its immutable ID, which a move keeps.
type folder struct {
	created    time.Time
	externalID string
}

// folderPaths is every folder that exists: created ones, the asset folders
// of stored assets, and their ancestors. A folder that only assets made exists
// since its first asset, with an ID derived from its path.
func (s *store) folderPaths() map[string]folder {
	out := map[string]folder{}
	add := func(p string, at time.Time) {
		for p != "" {
			if seen, ok := out[p]; !ok {
				out[p] = folder{created: at, externalID: implicitFolderID(p)}
			} else if at.Before(seen.created) {
				seen.created = at
				out[p] = seen
			}
			i := strings.LastIndex(p, "/")
			if i < 0 {
				return
			}
			p = p[:i]
		}
	}
	for _, a := range s.assets {
		add(a.assetFolder, a.createdAt)
	}
	for p, f := range s.folders {
		add(p, f.created)
		out[p] = f
	}
	return out
}

// keepFolder records that a folder (and its ancestors) exists from now on:
// a folder that an asset is put in stays when its assets are deleted, until
// the folder itself is deleted (cloudinary_npm api_spec delete_folder:
// after an upload into a folder and the deletion of its assets, the folder
// lists as empty, and deleting it succeeds).
func (s *store) keepFolder(path string, at time.Time) {
	for ; path != ""; path = parentFolder(path) {
		if _, ok := s.folders[path]; !ok {
			s.folders[path] = folder{created: at, externalID: implicitFolderID(path)}
		}
	}
}

// parentFolder is the path of a folder's parent ("" for a root folder).
func parentFolder(path string) string {
	i := strings.LastIndex(path, "/")
	if i < 0 {
		return ""
	}
	return path[:i]
}

func implicitFolderID(path string) string {
	sum := md5.Sum([]byte(path))
	return hex.EncodeToString(sum[:])
}

func folderJSON(p string, f folder) map[string]any {
	return map[string]any{"name": p[strings.LastIndex(p, "/")+1:], "path": p, "external_id": f.externalID,
		"created_at": f.created.UTC().Format(time.RFC3339)}
}

var invalidFolder = regexp.MustCompile(`(^/|/$|//|[?&#\\%<>+])`)

func (e *Emulator) listFolders(r *http.Request, p *params) (any, *apiError) {
	limit, cursor, err := listParams(p, 500, 500)
	if err != nil {
		return nil, err
	}
	parent := strings.Trim(r.PathValue("path"), "/")
	all := e.store.folderPaths()
	if _, ok := all[parent]; parent != "" && !ok {
		return nil, errNotFound("Can't find folder with path " + parent)
	}
	var children []string
	for f := range all {
		if parentFolder(f) == parent {
			children = append(children, f)
		}
	}
	sort.Strings(children)
	pg, err := paginate(children, stringKey, cursor, limit)
	if err != nil {
		return nil, err
	}
	body := folderListing(pg, all)
	body["total_count"] = len(children)
	return body, nil
}

// folderListing is a page of folders as the folder listings answer it, with
// a next_cursor that is null when no page follows, as documented.
func folderListing(pg page[string], all map[string]folder) map[string]any {
	body := pg.listing("folders", func(f string) any { return folderJSON(f, all[f]) })
	if _, more := body["next_cursor"]; !more {
		body["next_cursor"] = nil
	}
	return body
}

// createFolder creates a folder and its missing ancestors; an existing
// folder is a conflict, as the OpenAPI description documents (409).
func (e *Emulator) createFolder(r *http.Request) (any, *apiError) {
	path := r.PathValue("path")
	if path == "" || invalidFolder.MatchString(path) {
		return nil, errBadRequest("Invalid folder path " + path)
	}
	if _, exists := e.store.folderPaths()[path]; exists {
		return nil, errConflict("Folder " + path + " already exists")
	}
	f := folder{created: e.opts.Now(), externalID: e.randHex(34)}
	e.store.folders[path] = f
	body := folderJSON(path, f)
	body["success"] = true
	return body, nil
}

// renameFolder moves a folder, its sub-folders and their assets to a new
// path (PUT /folders/:path with to_folder).
func (e *Emulator) renameFolder(r *http.Request, p *params) (any, *apiError) {
	from, to := strings.Trim(r.PathValue("path"), "/"), p.get("to_folder")
	switch {
	case to == "":
		return nil, errBadRequest("Missing required parameter - to_folder")
	case invalidFolder.MatchString(to):
		return nil, errBadRequest("Invalid folder path " + to)
	case to == from || strings.HasPrefix(to, from+"/"):
		return nil, errBadRequest("Cannot move folder " + from + " into itself")
	}
	all := e.store.folderPaths()
	if _, ok := all[from]; !ok {
		return nil, errNotFound("Can't find folder with path " + from)
	}
	if _, taken := all[to]; taken {
		return nil, errBadRequest("Folder " + to + " already exists")
	}
	moved := func(path string) (string, bool) {
		if path == from || strings.HasPrefix(path, from+"/") {
			return to + strings.TrimPrefix(path, from), true
		}
		return path, false
	}
	for path, f := range all {
		if target, ok := moved(path); ok {
			delete(e.store.folders, path)
			e.store.folders[target] = f
		}
	}
	for _, a := range e.store.assets {
		a.assetFolder, _ = moved(a.assetFolder)
	}
	name := func(path string) map[string]any {
		return map[string]any{"name": path[strings.LastIndex(path, "/")+1:], "path": path}
	}
	return map[string]any{"from": name(from), "to": name(to)}, nil
}

func (e *Emulator) deleteFolder(r *http.Request) (any, *apiError) {
	path := strings.Trim(r.PathValue("path"), "/")
	all := e.store.folderPaths()
	if _, ok := all[path]; !ok {
		return nil, errNotFound("Can't find folder with path " + path)
	}
	for _, a := range e.store.assets {
		if a.assetFolder == path || strings.HasPrefix(a.assetFolder, path+"/") {
			return nil, errBadRequest("Folder is not empty")
		}
	}
	deleted := []string{}
	for f := range all {
		if f == path || strings.HasPrefix(f, path+"/") {
			delete(e.store.folders, f)
			deleted = append(deleted, f)
		}
	}
	sort.Strings(deleted)
	return map[string]any{"deleted": deleted}, nil
}

func (e *Emulator) listTags(_ *http.Request, p *params, s scope) (any, *apiError) {
	limit, cursor, err := listParams(p, 10, 500)
	if err != nil {
		return nil, err
	}
	prefix := p.get("prefix")
	var tags []string
	for _, t := range e.store.tagsOf(s.resourceType) {
		if strings.HasPrefix(t, prefix) {
			tags = append(tags, t)
		}
	}
	pg, err := paginate(tags, stringKey, cursor, limit)
	if err != nil {
		return nil, err
	}
	return pg.listing("tags", func(t string) any { return t }), nil
}

// planLimits are the free plan's quotas, which the usage report measures against.
var planLimits = struct {
	transformations, objects, bandwidth, storage float64
}{25_000, 500_000, 25 << 30, 25 << 30}

func quota(usage, limit float64) map[string]any {
	return map[string]any{"usage": usage, "limit": limit, "used_percent": math.Round(usage/limit*10000) / 100}
}

// UsageFigures are the measured figures of the usage report. Cloudinary
// computes them from deliveries and storage about once a day, so API calls do
// not move them.
type UsageFigures struct {
	Transformations  float64 `json:"transformations"`
	Objects          float64 `json:"objects"`
	BandwidthBytes   float64 `json:"bandwidth_bytes"`
	StorageBytes     float64 `json:"storage_bytes"`
	Requests         float64 `json:"requests"` // delivery requests, not API calls
	Resources        float64 `json:"resources"`
	DerivedResources float64 `json:"derived_resources"`
	Impressions      float64 `json:"impressions"`       // image deliveries counted as impressions
	SecondsDelivered float64 `json:"seconds_delivered"` // seconds of video delivered
}

// all lists the figures, for checks that apply to each.
func (f UsageFigures) all() []float64 {
	return []float64{f.Transformations, f.Objects, f.BandwidthBytes, f.StorageBytes, f.Requests, f.Resources,
		f.DerivedResources, f.Impressions, f.SecondsDelivered}
}

// creditsUsed are the credits the figures cost on a plan with credits: one
// per 1,000 transformations, per GB stored and per GB delivered.
func (f UsageFigures) creditsUsed() (transformations, storage, bandwidth float64) {
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	return round(f.Transformations / 1000), round(f.StorageBytes / (1 << 30)), round(f.BandwidthBytes / (1 << 30))
}

// usageReport is the figures as of a date (YYYY-MM-DD).
type usageReport struct {
	date    string
	figures UsageFigures
}

// SetUsage sets the usage figures as of today, as a daily update would.
func (e *Emulator) SetUsage(f UsageFigures) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.usageReport = usageReport{date: e.today(), figures: f}
}

func (e *Emulator) today() string { return e.opts.Now().UTC().Format("2006-01-02") }

// currentUsage returns the report, counting storage again when the day has
// changed since the last count, as Cloudinary's daily update does. Called
// with e.mu held.
func (e *Emulator) currentUsage() usageReport {
	if today := e.today(); e.usageReport.date != today {
		var f UsageFigures
		for _, a := range e.store.assets {
			f.StorageBytes += float64(a.bytes)
			for _, d := range a.derived {
				f.StorageBytes += float64(d.bytes)
			}
			f.DerivedResources += float64(len(a.derived))
		}
		f.Resources = float64(len(e.store.assets))
		f.Transformations, f.Objects = f.DerivedResources, f.Resources+f.DerivedResources
		e.usageReport = usageReport{date: today, figures: f}
	}
	return e.usageReport
}

// usage serves GET /usage, /usage/:date (DD-MM-YYYY, as the Go and Python
// SDKs send it) and /usage?date= (YYYY-MM-DD): the figures of the last daily
// count, which API traffic does not move, in the OpenAPI's usage_response
// with the add-on quotas of the seeds' example and, on a plan with credits,
// cloudinary-go UsageResult's credits and credits_usage.
func (e *Emulator) usage(r *http.Request) (any, *apiError) {
	requested, err := requestedUsageDate(r, e.opts.Now())
	if err != nil {
		return nil, err
	}
	report := e.currentUsage()
	f := report.figures
	answer := map[string]any{
		"plan":              e.opts.Plan,
		"last_updated":      report.date,
		"date_requested":    requested.Format(time.RFC3339),
		"transformations":   quota(f.Transformations, planLimits.transformations),
		"objects":           quota(f.Objects, planLimits.objects),
		"bandwidth":         quota(f.BandwidthBytes, planLimits.bandwidth),
		"storage":           quota(f.StorageBytes, planLimits.storage),
		"impressions":       map[string]any{"usage": f.Impressions},
		"seconds_delivered": map[string]any{"usage": f.SecondsDelivered},
		"requests":          f.Requests,
		"resources":         f.Resources,
		"derived_resources": f.DerivedResources,
		"media_limits":      e.opts.MediaLimits.report(),
		"url2png":           map[string]any{"usage": 0, "limit": 50},
		"webpurify":         map[string]any{"usage": 0, "limit": 50},
		"aspose":            map[string]any{"usage": 0, "limit": 50},
	}
	if e.opts.Credits > 0 {
		addCredits(answer, f, e.opts.Credits)
	}
	return answer, nil
}

// addCredits adds what a plan with credits reports: the credits used of the
// plan's, and what each of transformations, storage and bandwidth cost.
func addCredits(answer map[string]any, f UsageFigures, limit float64) {
	transformations, storage, bandwidth := f.creditsUsed()
	used := math.Round((transformations+storage+bandwidth)*100) / 100
	answer["credits"] = quota(used, limit)
	for key, cost := range map[string]float64{"transformations": transformations, "storage": storage, "bandwidth": bandwidth} {
		answer[key].(map[string]any)["credits_usage"] = cost
	}
}

// requestedUsageDate is the day a usage call asks for (midnight UTC), today
// when it names none.
func requestedUsageDate(r *http.Request, now time.Time) (time.Time, *apiError) {
	layout, value := "02-01-2006", r.PathValue("date")
	if value == "" {
		layout, value = "2006-01-02", r.URL.Query().Get("date")
	}
	if value == "" {
		return now.UTC().Truncate(24 * time.Hour), nil
	}
	day, err := time.Parse(layout, value)
	if err != nil {
		return time.Time{}, errBadRequest("Invalid date " + value)
	}
	return day, nil
}

func (e *Emulator) ping(*http.Request) (any, *apiError) {
	return map[string]string{"status": "ok"}, nil
}

// config serves GET /config: the cloud's name and creation time and, with
// settings=true, its settings, of which the emulator has one: folder_mode,
// "dynamic", since asset folders live apart from public IDs here. The shape
// is cloudinary-go's GetConfigResult (cloud_name, created_at,
// settings.folder_mode), which its live TestAdmin_GetConfig checks; its
// folder tests ask it to skip themselves on clouds in fixed folder mode.
func (e *Emulator) config(_ *http.Request, p *params) (any, *apiError) {
	out := map[string]any{"cloud_name": e.opts.CloudName, "created_at": e.created.UTC().Format(time.RFC3339)}
	if settings, _ := p.boolean("settings"); settings {
		out["settings"] = map[string]string{"folder_mode": "dynamic"}
	}
	return out, nil
}

// searchFolders serves GET and POST /folders/search: the folders an
// expression selects (terms on path and name, ":" a prefix with a trailing *
// or a whole value, "=" a whole value, joined by AND), newest first, at most
// 2000 as documented, max_results 50 by default and 500 at most.
func (e *Emulator) searchFolders(_ *http.Request, p *params) (any, *apiError) {
	limit, cursor, err := listParams(p, 50, 500)
	if err != nil {
		return nil, err
	}
	match, err := folderExpression(p.get("expression"))
	if err != nil {
		return nil, err
	}
	all := e.store.folderPaths()
	var paths []string
	for path := range all {
		if match(path) {
			paths = append(paths, path)
		}
	}
	sort.Slice(paths, func(i, j int) bool {
		a, b := all[paths[i]].created, all[paths[j]].created
		if !a.Equal(b) {
			return a.After(b)
		}
		return paths[i] < paths[j]
	})
	paths = paths[:min(len(paths), maxFolderSearchResults)]
	pg, err := paginate(paths, stringKey, cursor, limit)
	if err != nil {
		return nil, err
	}
	body := folderListing(pg, all)
	body["total_count"], body["time"] = len(paths), 1
	return body, nil
}

// maxFolderSearchResults is the documented limit of a folder search.
const maxFolderSearchResults = 2000

var folderTerm = regexp.MustCompile(`^(path|name)\s*(:|=)\s*"?([^"]*)"?$`)

// folderExpression compiles the supported subset of folder search
// expressions into a filter of paths.
func folderExpression(expr string) (func(string) bool, *apiError) {
	var preds []func(string) bool
	for _, term := range regexp.MustCompile(`(?i)\s+AND\s+`).Split(strings.TrimSpace(expr), -1) {
		if term == "" {
			continue
		}
		m := folderTerm.FindStringSubmatch(term)
		if m == nil {
			return nil, errBadRequest("Invalid folder search expression term " + term)
		}
		field, exact, value := m[1], m[2] == "=", m[3]
		of := func(path string) string {
			if field == "name" {
				return path[strings.LastIndex(path, "/")+1:]
			}
			return path
		}
		prefix, isPrefix := strings.CutSuffix(value, "*")
		preds = append(preds, func(path string) bool {
			if isPrefix && !exact {
				return strings.HasPrefix(of(path), prefix)
			}
			return of(path) == value
		})
	}
	return func(path string) bool { return allOf(preds, path) }, nil
}
