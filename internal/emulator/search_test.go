package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// searchResources runs a search with a JSON body, as the Go SDK sends it,
// and returns its resources.
func searchResources(t *testing.T, te *testEmulator, query map[string]any) []map[string]any {
	t.Helper()
	r := te.adminJSON(http.MethodPost, "/resources/search", query)
	expectStatus(t, r, http.StatusOK)
	var out []map[string]any
	for _, res := range r.body["resources"].([]any) {
		out = append(out, res.(map[string]any))
	}
	return out
}

// Search gives context flat, {"stage": "new"} (the OpenAPI's
// context_response; cloudinary-go SearchAsset.Context is a map of strings;
// pycloudinary test_search and cloudinary_npm search_spec read
// context.<key>), where the Admin API's details group it under "custom".
func TestSearchAnswersContextFlat(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {"a"}, "context": {"stage=new|custom=x"}}), 200)
	found := searchResources(t, te, map[string]any{"expression": "public_id=a", "with_field": []string{"context"}})
	if len(found) != 1 || fmt.Sprint(found[0]["context"]) != "map[custom:x stage:new]" {
		t.Fatalf("search context: %v", found)
	}
	details := te.admin(http.MethodGet, "/resources/image/upload/a", nil)
	if fmt.Sprint(details.body["context"]) != "map[custom:map[custom:x stage:new]]" {
		t.Fatalf("details context: %s", details.raw)
	}
}

// GET /resources answers the resource types in use (the OpenAPI's
// resource_types_response); assets can be read by asset ID, listed by asset
// IDs and by asset folder (the OpenAPI's /resources/{asset_id},
// /resources/by_asset_ids and /resources/by_asset_folder; pycloudinary
// test07_b_resource_by_asset_id, test06c_resources_by_asset_ids,
// test_resources_by_asset_folder).
func TestAssetsByAssetIDAndFolder(t *testing.T) {
	te := newTestEmulator(t, Options{})
	if r := te.admin(http.MethodGet, "/resources", nil); fmt.Sprint(r.body["resource_types"]) != "[]" {
		t.Fatalf("resource types of an empty account: %s", r.raw)
	}
	png := pngDataURI(t, 1, 1)
	ids := map[string]string{}
	for _, up := range []struct{ rt, id, folder string }{{"image", "a", "shop"}, {"image", "b", "shop/old"}, {"raw", "c.txt", "shop"}} {
		file := png
		if up.rt == "raw" {
			file = "data:text/plain;base64,aGk="
		}
		r := te.uploadAPI("/"+up.rt+"/upload", url.Values{"file": {file}, "public_id": {up.id}, "asset_folder": {up.folder}, "tags": {"t"}})
		expectStatus(t, r, 200)
		ids[up.id] = r.body["asset_id"].(string)
	}
	if r := te.admin(http.MethodGet, "/resources", nil); fmt.Sprint(r.body["resource_types"]) != "[image raw]" {
		t.Fatalf("resource types: %s", r.raw)
	}

	r := te.admin(http.MethodGet, "/resources/"+ids["b"], nil)
	expectStatus(t, r, 200)
	if r.body["public_id"] != "b" || r.body["derived"] == nil {
		t.Fatalf("details by asset ID: %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/0123456789abcdef0123456789abcdef", nil), 404)

	r = te.admin(http.MethodGet, "/resources/by_asset_ids", url.Values{"asset_ids[]": {ids["a"], ids["c.txt"], "0123456789abcdef0123456789abcdef"}, "tags": {"true"}})
	expectStatus(t, r, 200)
	if got := publicIDsIn(r); got != "[c.txt a]" {
		t.Fatalf("by asset IDs: %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/by_asset_ids", nil), 400)

	r = te.admin(http.MethodGet, "/resources/by_asset_folder", url.Values{"asset_folder": {"shop"}})
	if got := publicIDsIn(r); got != "[c.txt a]" {
		t.Fatalf("by asset folder (not its sub-folders): %s", r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/resources/by_asset_folder", url.Values{"asset_folder": {"nowhere"}}), 404)
}

// publicIDsIn lists the public IDs of a listing's resources, in order.
func publicIDsIn(r response) string {
	var ids []string
	list, _ := r.body["resources"].([]any)
	for _, res := range list {
		ids = append(ids, res.(map[string]any)["public_id"].(string))
	}
	return fmt.Sprint(ids)
}

// Search finds an asset by asset_id (a search field, the OpenAPI's search
// description), orders by sort_by (search_sort_by) and keeps only the
// fields asked for, and those always kept (search_parameters.fields).
func TestSearchByAssetIDSortByAndFields(t *testing.T) {
	te := newTestEmulator(t, Options{})
	ids := map[string]string{}
	for _, up := range []struct{ id, size string }{{"b", "3"}, {"c", "1"}, {"a", "2"}} {
		n := len(up.size) + int(up.size[0]-'0')
		r := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, n, n)}, "public_id": {up.id}, "tags": {"t"}, "context": {"k=" + up.id}})
		expectStatus(t, r, 200)
		ids[up.id] = r.body["asset_id"].(string)
	}
	found := searchResources(t, te, map[string]any{"expression": "asset_id=" + ids["c"]})
	if len(found) != 1 || found[0]["public_id"] != "c" {
		t.Fatalf("search by asset_id: %v", found)
	}
	order := func(sortBy ...map[string]string) string {
		var ids []string
		for _, res := range searchResources(t, te, map[string]any{"sort_by": sortBy}) {
			ids = append(ids, res["public_id"].(string))
		}
		return fmt.Sprint(ids)
	}
	for want, sortBy := range map[string][]map[string]string{
		"[a b c]": {{"public_id": "asc"}},
		"[c b a]": {{"public_id": "desc"}},
		"[b a c]": {{"width": "desc"}},
		"[a c b]": {{"created_at": "desc"}},
		"[b c a]": {{"created_at": "asc"}},
	} {
		if got := order(sortBy...); got != want {
			t.Errorf("sort_by %v: %s, want %s", sortBy, got, want)
		}
	}
	expectStatus(t, te.adminJSON(http.MethodPost, "/resources/search", map[string]any{"sort_by": []map[string]string{{"public_id": "up"}}}), 400)

	found = searchResources(t, te, map[string]any{"expression": "public_id=a", "fields": "tags,secure_url", "with_field": []string{"context"}})
	if len(found) != 1 || found[0]["secure_url"] == nil || found[0]["tags"] == nil || found[0]["url"] != nil || found[0]["context"] != nil ||
		found[0]["created_at"] == nil || found[0]["status"] == nil {
		t.Fatalf("search with fields: %v", found)
	}
}

// A listing keeps only the fields asked for, and public_id and asset_id
// (the OpenAPI's fields parameter; cloudinary-go TestAssets_AssetsFields).
func TestListingFields(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 1, 1)}, "public_id": {"a"}, "tags": {"t"}}), 200)
	for _, path := range []string{"/resources/image", "/resources/image/tags/t"} {
		r := te.admin(http.MethodGet, path, url.Values{"fields": {"tags,secure_url"}})
		expectStatus(t, r, 200)
		got := r.body["resources"].([]any)[0].(map[string]any)
		if len(got) != 4 || got["tags"] == nil || got["secure_url"] == nil || got["asset_id"] == nil || got["public_id"] != "a" {
			t.Fatalf("%s with fields: %s", path, r.raw)
		}
	}
}
