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
