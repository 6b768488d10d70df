package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// seedAssets uploads n images named prefix000…, each tagged with tag.
func seedAssets(t *testing.T, te *testEmulator, prefix string, n int, tag string) {
	t.Helper()
	file := pngDataURI(t, 2, 2)
	for i := 0; i < n; i++ {
		r := te.uploadAPI("/image/upload", url.Values{"file": {file}, "public_id": {fmt.Sprintf("%s%03d", prefix, i)}, "tags": {tag}, "context": {"k=" + fmt.Sprint(i%2)}})
		expectStatus(t, r, 200)
	}
}

// listAll follows next_cursor to the end and returns the public IDs.
func listAll(t *testing.T, te *testEmulator, path string, q url.Values) []string {
	t.Helper()
	var ids []string
	for {
		r := te.admin(http.MethodGet, path, q)
		expectStatus(t, r, 200)
		for _, res := range r.body["resources"].([]any) {
			ids = append(ids, res.(map[string]any)["public_id"].(string))
		}
		next, _ := r.body["next_cursor"].(string)
		if next == "" {
			return ids
		}
		q.Set("next_cursor", next)
	}
}

func TestResourceListings(t *testing.T) {
	te := newTestEmulator(t, Options{})
	seedAssets(t, te, "cat", 30, "cats")
	seedAssets(t, te, "dog", 5, "dogs")

	all := listAll(t, te, "/resources/image/upload", url.Values{"max_results": {"7"}})
	if len(all) != 35 || all[0] != "dog004" {
		t.Fatalf("listing (newest first): %d, first %v", len(all), all[:1])
	}
	asc := listAll(t, te, "/resources/image", url.Values{"direction": {"asc"}, "max_results": {"500"}})
	if asc[0] != "cat000" {
		t.Fatalf("ascending first %s", asc[0])
	}
	byPrefix := listAll(t, te, "/resources/image/upload", url.Values{"prefix": {"dog"}})
	if fmt.Sprint(byPrefix) != "[dog000 dog001 dog002 dog003 dog004]" {
		t.Fatalf("prefix %v", byPrefix)
	}
	byIDs := listAll(t, te, "/resources/image/upload", url.Values{"public_ids[]": {"cat001", "dog002", "nope"}})
	if len(byIDs) != 2 {
		t.Fatalf("by ids %v", byIDs)
	}
	byComma := listAll(t, te, "/resources/image/upload", url.Values{"public_ids": {"cat001,dog002"}})
	if len(byComma) != 2 {
		t.Fatalf("by comma-joined ids %v", byComma)
	}
	byTag := listAll(t, te, "/resources/image/tags/cats", url.Values{"max_results": {"10"}})
	if len(byTag) != 30 {
		t.Fatalf("by tag %d", len(byTag))
	}
	byContext := listAll(t, te, "/resources/image/context", url.Values{"key": {"k"}, "value": {"1"}, "max_results": {"500"}})
	if len(byContext) != 17 {
		t.Fatalf("by context %d", len(byContext))
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/image/context", nil), 400)
	expectStatus(t, te.admin(http.MethodGet, "/resources/sound/upload", nil), 400)

	r := te.admin(http.MethodGet, "/resources/image/upload", url.Values{"tags": {"true"}, "context": {"true"}, "max_results": {"1"}})
	first := r.body["resources"].([]any)[0].(map[string]any)
	if first["tags"] == nil || first["context"] == nil {
		t.Fatalf("tags/context flags ignored: %v", first)
	}
	r = te.admin(http.MethodGet, "/resources/image/upload", url.Values{"max_results": {"1"}})
	if first := r.body["resources"].([]any)[0].(map[string]any); first["tags"] != nil {
		t.Fatalf("tags shown without the flag: %v", first)
	}
}

func TestResourceDetailsUpdateDelete(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "public_id": {"folder/pic"}, "eager": {"w_10|w_20"}})
	r := te.admin(http.MethodGet, "/resources/image/upload/folder/pic", url.Values{"max_results": {"1"}})
	expectStatus(t, r, 200)
	if len(r.body["derived"].([]any)) != 1 || r.body["derived_next_cursor"] == nil {
		t.Fatalf("derived paging %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/image/upload/nope", nil), 404)
	if r := te.admin(http.MethodGet, "/resources/image/upload/nope", nil); r.errorMessage() != "Resource not found - nope" {
		t.Fatalf("404 message %q", r.errorMessage())
	}

	r = te.admin(http.MethodPost, "/resources/image/upload/folder/pic", url.Values{"tags": {"important"}, "moderation_status": {"approved"}, "context": {"a=b"}})
	expectStatus(t, r, 200)
	if fmt.Sprint(r.body["tags"]) != "[important]" || r.body["moderation_status"] != "approved" {
		t.Fatalf("update %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodPost, "/resources/image/upload/folder/pic", url.Values{"moderation_status": {"maybe"}}), 400)
	r = te.adminJSON(http.MethodPost, "/resources/image/upload/folder/pic", map[string]any{
		"access_control": []map[string]string{{"access_type": "anonymous", "start": "2026-01-01T00:00Z"}, {"access_type": "token"}}})
	expectStatus(t, r, 200)
	if ac, _ := r.body["access_control"].([]any); len(ac) != 2 {
		t.Fatalf("access_control %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodPost, "/resources/image/upload/folder/pic", url.Values{"access_control": {`[{"access_type":"vip"}]`}}), 400)

	derivedID := te.admin(http.MethodGet, "/resources/image/upload/folder/pic", nil).body["derived"].([]any)[0].(map[string]any)["id"].(string)
	r = te.admin(http.MethodDelete, "/derived_resources", url.Values{"derived_resource_ids[]": {derivedID}})
	if r.body["deleted"].(map[string]any)[derivedID] != "deleted" {
		t.Fatalf("delete derived %s", r.raw)
	}

	r = te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"public_ids[]": {"folder/pic", "ghost"}})
	deleted := r.body["deleted"].(map[string]any)
	if deleted["folder/pic"] != "deleted" || deleted["ghost"] != "not_found" || r.body["partial"] != false {
		t.Fatalf("delete by ids %s", r.raw)
	}
	// Without a backup a deleted asset is gone, and restore says so
	// (CloudinaryDotNet's TestRestoreNoBackup).
	expectStatus(t, te.admin(http.MethodGet, "/resources/image/upload/folder/pic", nil), 404)
	r = te.admin(http.MethodPost, "/resources/image/upload/restore", url.Values{"public_ids[]": {"folder/pic"}})
	expectStatus(t, r, 200)
	if got := fmt.Sprint(r.body["folder/pic"]); got != "map[error:no_backup]" {
		t.Fatalf("restore without a backup: %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/image/upload/folder/pic", nil), 404)
	expectStatus(t, te.admin(http.MethodDelete, "/resources/image/upload", nil), 400)
}

func TestDeleteByPrefixIsPartialPast1000(t *testing.T) {
	te := newTestEmulator(t, Options{})
	seedAssets(t, te, "bulk", 1005, "bulk")
	r := te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"prefix": {"bulk"}})
	if r.body["partial"] != true || r.body["next_cursor"] == nil || len(r.body["deleted"].(map[string]any)) != 1000 {
		t.Fatalf("first delete: partial=%v deleted=%d", r.body["partial"], len(r.body["deleted"].(map[string]any)))
	}
	r = te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"prefix": {"bulk"}, "next_cursor": {r.body["next_cursor"].(string)}})
	if r.body["partial"] != false || len(r.body["deleted"].(map[string]any)) != 5 {
		t.Fatalf("second delete %s", r.raw)
	}
	seedAssets(t, te, "tagged", 3, "gone")
	r = te.admin(http.MethodDelete, "/resources/image/tags/gone", nil)
	if len(r.body["deleted"].(map[string]any)) != 3 {
		t.Fatalf("delete by tag %s", r.raw)
	}
	seedAssets(t, te, "rest", 2, "x")
	r = te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"all": {"true"}})
	if len(r.body["deleted"].(map[string]any)) != 2 {
		t.Fatalf("delete all %s", r.raw)
	}
}

func TestAccessModeAndSearch(t *testing.T) {
	te := newTestEmulator(t, Options{})
	seedAssets(t, te, "s", 3, "find")
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {"other"}, "asset_folder": {"shop/items"}})
	r := te.admin(http.MethodPost, "/resources/image/upload/update_access_mode", url.Values{"access_mode": {"authenticated"}, "tag": {"find"}})
	if len(r.body["updated"].([]any)) != 3 {
		t.Fatalf("access mode %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodPost, "/resources/image/upload/update_access_mode", url.Values{"access_mode": {"secret"}, "tag": {"find"}}), 400)

	cases := map[string]int{
		"":                                  4,
		"resource_type:image AND tags=find": 3,
		"public_id:s00*":                    3,
		"asset_folder=shop/items":           1,
		"folder:shop/*":                     1,
		"resource_type:video":               0,
		`tags="find" AND public_id=s001`:    1,
	}
	for expr, want := range cases {
		r := te.adminJSON(http.MethodPost, "/resources/search", map[string]any{"expression": expr, "with_field": []string{"tags"}})
		expectStatus(t, r, 200)
		if got := int(r.body["total_count"].(float64)); got != want {
			t.Errorf("%q: %d results, want %d", expr, got, want)
		}
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/search", url.Values{"expression": {"bogus~~"}}), 400)
}

func TestFoldersTagsUsagePing(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {"p"}, "asset_folder": {"cloud/blue"}, "tags": {"alpha,beta"}})
	expectStatus(t, te.admin(http.MethodPost, "/folders/brooks/deep", nil), 200)

	r := te.admin(http.MethodGet, "/folders", nil)
	if fmt.Sprint(r.body["folders"]) == "" || len(r.body["folders"].([]any)) != 2 || r.body["total_count"] != float64(2) {
		t.Fatalf("root folders %s", r.raw)
	}
	r = te.admin(http.MethodGet, "/folders/cloud", nil)
	sub := r.body["folders"].([]any)[0].(map[string]any)
	if sub["name"] != "blue" || sub["path"] != "cloud/blue" {
		t.Fatalf("sub-folders %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/folders/nowhere", nil), 404)
	expectStatus(t, te.admin(http.MethodDelete, "/folders/cloud", nil), 400)
	r = te.admin(http.MethodDelete, "/folders/brooks", nil)
	if fmt.Sprint(r.body["deleted"]) != "[brooks brooks/deep]" {
		t.Fatalf("delete folder %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodPost, "/folders/bad//path", nil), 400)
	expectStatus(t, te.admin(http.MethodPost, "/folders/cloud/blue", nil), 409)

	r = te.admin(http.MethodGet, "/tags/image", url.Values{"prefix": {"al"}})
	if fmt.Sprint(r.body["tags"]) != "[alpha]" {
		t.Fatalf("tags %s", r.raw)
	}
	r = te.admin(http.MethodGet, "/tags/image", url.Values{"max_results": {"1"}})
	if r.body["next_cursor"] == nil {
		t.Fatalf("tags paging %s", r.raw)
	}

	r = te.admin(http.MethodGet, "/usage", nil)
	if r.body["resources"] != float64(1) || r.body["storage"].(map[string]any)["usage"].(float64) <= 0 || r.body["plan"] != "Free" {
		t.Fatalf("usage %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/usage/15-01-2026", nil), 200)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), 200)
}

func TestTriggers(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": "https://hooks.example.com/up", "event_type": "upload"})
	expectStatus(t, r, 201)
	id, _ := r.body["id"].(string)
	if id == "" || r.body["uri_type"] != "webhook" || r.body["created_at"] == nil {
		t.Fatalf("created %s", r.raw)
	}
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": "https://hooks.example.com/up", "event_type": "upload"}), 409)
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": "https://x.example.com", "event_type": "nonsense"}), 400)
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": "ftp://x", "event_type": "upload"}), 400)
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers", map[string]string{"event_type": "upload"}), 400)
	expectStatus(t, te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": "https://d.example.com", "event_type": "delete"}), 201)

	r = te.admin(http.MethodGet, "/triggers", url.Values{"event_type": {"upload"}})
	if r.body["total"] != float64(1) {
		t.Fatalf("filtered list %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/triggers", url.Values{"event_type": {"bogus"}}), 400)
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]string{"new_uri": "https://hooks.example.com/v2"}), 200)
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/"+id, map[string]string{}), 400)
	expectStatus(t, te.adminJSON(http.MethodPut, "/triggers/nope", map[string]string{"new_uri": "https://a.example.com"}), 404)
	r = te.admin(http.MethodGet, "/triggers", nil)
	if r.body["total"] != float64(2) || r.body["triggers"].([]any)[0].(map[string]any)["uri"] != "https://hooks.example.com/v2" {
		t.Fatalf("list %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodDelete, "/triggers/"+id, nil), 200)
	expectStatus(t, te.admin(http.MethodDelete, "/triggers/"+id, nil), 404)
	for i := 0; i < maxURIsPerEventType; i++ {
		te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": fmt.Sprintf("https://h%d.example.com", i), "event_type": "rename"})
	}
	r = te.adminJSON(http.MethodPost, "/triggers", map[string]string{"uri": "https://one-too-many.example.com", "event_type": "rename"})
	if r.status != 400 || r.errorMessage() != "limit_reached" {
		t.Fatalf("31st URI: %s", r.raw)
	}
}

// A folder moves with its sub-folders and their assets, keeping its ID.
func TestFolderRename(t *testing.T) {
	te := newTestEmulator(t, Options{})
	created := te.admin(http.MethodPost, "/folders/shop/shoes/red", nil)
	expectStatus(t, created, 200)
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {"p"}, "asset_folder": {"shop/shoes/red"}})
	moved := te.adminJSON(http.MethodPut, "/folders/shop/shoes", map[string]any{"to_folder": "store/footwear"})
	expectStatus(t, moved, 200)
	if fmt.Sprint(moved.body) != "map[from:map[name:shoes path:shop/shoes] to:map[name:footwear path:store/footwear]]" {
		t.Fatalf("rename answer %s", moved.raw)
	}
	r := te.admin(http.MethodGet, "/folders/store/footwear", nil)
	sub := r.body["folders"].([]any)[0].(map[string]any)
	if sub["path"] != "store/footwear/red" || sub["external_id"] != created.body["external_id"] || sub["created_at"] == "" {
		t.Fatalf("moved sub-folder %s, want the ID %v", r.raw, created.body["external_id"])
	}
	asset := te.admin(http.MethodGet, "/resources/image/upload/p", nil)
	if asset.body["asset_folder"] != "store/footwear/red" {
		t.Fatalf("the asset stayed behind: %s", asset.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/folders/shop/shoes", nil), 404)
	expectStatus(t, te.adminJSON(http.MethodPut, "/folders/shop/shoes", map[string]any{"to_folder": "x"}), 404)
	expectStatus(t, te.adminJSON(http.MethodPut, "/folders/store", map[string]any{"to_folder": "store/footwear/x"}), 400)
	te.admin(http.MethodPost, "/folders/other", nil)
	expectStatus(t, te.adminJSON(http.MethodPut, "/folders/other", map[string]any{"to_folder": "store"}), 400)
	expectStatus(t, te.admin(http.MethodPut, "/folders/other", url.Values{}), 400)
}

// Usage figures are a daily count: API traffic and uploads do not move them
// until the next day, and the control API can set them.
func TestUsageIsADailyCount(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC).Unix())
	te := newTestEmulator(t, Options{Now: func() time.Time { return time.Unix(now.Load(), 0) }})
	upload := func(id string) {
		expectStatus(t, te.uploadAPI("/raw/upload", url.Values{"file": {"data:text/plain;base64,aGk="}, "public_id": {id}}), 200)
	}
	upload("a")
	first := te.admin(http.MethodGet, "/usage", nil)
	upload("b")
	for i := 0; i < 5; i++ {
		te.admin(http.MethodGet, "/ping", nil)
	}
	same := te.admin(http.MethodGet, "/usage", nil)
	if first.raw != same.raw || first.body["resources"] != float64(1) || first.body["last_updated"] != "2026-03-01" {
		t.Fatalf("usage moved within a day:\n%s\n%s", first.raw, same.raw)
	}
	now.Add(24 * 3600)
	next := te.admin(http.MethodGet, "/usage", nil)
	if next.body["resources"] != float64(2) || next.body["last_updated"] != "2026-03-02" {
		t.Fatalf("the next day's count: %s", next.raw)
	}
	req, _ := http.NewRequest(http.MethodPut, te.srv.URL+"/_emulator/usage", strings.NewReader(`{"bandwidth_bytes": 1048576, "requests": 42}`))
	expectStatus(t, te.do(req), 204)
	set := te.admin(http.MethodGet, "/usage", nil)
	if set.body["requests"] != float64(42) || set.body["bandwidth"].(map[string]any)["usage"] != float64(1048576) {
		t.Fatalf("usage after setting it: %s", set.raw)
	}
	req, _ = http.NewRequest(http.MethodPut, te.srv.URL+"/_emulator/usage", strings.NewReader(`{"requests": -1}`))
	expectStatus(t, te.do(req), 400)
}

// The folder search finds folders at every depth by path or name, newest
// first, a page at a time, and at most 2000 of them, as documented.
func TestFolderSearch(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	te := newTestEmulator(t, Options{Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	for _, path := range []string{"shop", "shop/shoes", "shop/shoes/red", "blog"} {
		expectStatus(t, te.admin(http.MethodPost, "/folders/"+path, nil), 200)
	}
	paths := func(r response) string {
		var out []string
		for _, f := range r.body["folders"].([]any) {
			out = append(out, f.(map[string]any)["path"].(string))
		}
		return strings.Join(out, " ")
	}
	cases := map[string]string{
		"":                             "blog shop/shoes/red shop/shoes shop",
		`path:"shop/*"`:                "shop/shoes/red shop/shoes",
		"path:shop*":                   "shop/shoes/red shop/shoes shop",
		"path=shop/shoes":              "shop/shoes",
		`name:red AND path:"shop/*"`:   "shop/shoes/red",
		`name:shoes AND path:"blog/*"`: "",
	}
	for expr, want := range cases {
		r := te.admin(http.MethodGet, "/folders/search", url.Values{"expression": {expr}})
		expectStatus(t, r, 200)
		if got := paths(r); got != want {
			t.Errorf("%q: %q, want %q", expr, got, want)
		}
	}

	first := te.adminJSON(http.MethodPost, "/folders/search", map[string]any{"max_results": 3})
	cursor, _ := first.body["next_cursor"].(string)
	if paths(first) != "blog shop/shoes/red shop/shoes" || cursor == "" || first.body["total_count"] != float64(4) {
		t.Fatalf("first page %s", first.raw)
	}
	second := te.admin(http.MethodGet, "/folders/search", url.Values{"max_results": {"3"}, "next_cursor": {cursor}})
	if paths(second) != "shop" || second.body["next_cursor"] != nil {
		t.Fatalf("second page %s", second.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/folders/search", url.Values{"expression": {"bytes>10"}}), 400)
	expectStatus(t, te.admin(http.MethodGet, "/folders/search", url.Values{"max_results": {"501"}}), 400)

	for i := 0; i < 2000; i++ {
		expectStatus(t, te.admin(http.MethodPost, fmt.Sprintf("/folders/many/f%d", i), nil), 200)
	}
	if r := te.admin(http.MethodGet, "/folders/search", nil); r.body["total_count"] != float64(2000) {
		t.Fatalf("the search is not capped at 2000: total_count %v", r.body["total_count"])
	}
}

// A folder made by uploading into it stays, empty, when its assets are
// deleted, until it is deleted itself (cloudinary_npm api_spec
// delete_folder).
func TestFolderOfDeletedAssetsStaysUntilDeleted(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, form := range []url.Values{
		{"public_id": {"a"}, "folder": {"up/by_folder"}},
		{"public_id": {"b"}, "asset_folder": {"up/by_asset_folder"}},
	} {
		form.Set("file", pngDataURI(t, 1, 1))
		expectStatus(t, te.uploadAPI("/image/upload", form), 200)
	}
	r := te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"public_ids[]": {"up/by_folder/a", "b"}})
	if fmt.Sprint(r.body["deleted"]) != "map[b:deleted up/by_folder/a:deleted]" {
		t.Fatalf("delete: %s", r.raw)
	}
	for _, path := range []string{"up/by_folder", "up/by_asset_folder"} {
		r = te.admin(http.MethodGet, "/folders/"+path, nil)
		expectStatus(t, r, 200)
		if r.body["total_count"] != float64(0) {
			t.Fatalf("%s: %s", path, r.raw)
		}
	}
	if r = te.admin(http.MethodGet, "/folders/up", nil); r.body["total_count"] != float64(2) {
		t.Fatalf("sub-folders of up: %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodDelete, "/folders/up/by_folder", nil), 200)
	expectStatus(t, te.admin(http.MethodGet, "/folders/up/by_folder", nil), 404)
}
