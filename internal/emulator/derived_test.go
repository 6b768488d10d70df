package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// derivedTransformations lists the transformations of an asset's derived
// resources as its details show them.
func (te *testEmulator) derivedTransformations(publicID string) map[string]string {
	te.t.Helper()
	r := te.admin(http.MethodGet, "/resources/image/upload/"+publicID, nil)
	expectStatus(te.t, r, 200)
	out := map[string]string{}
	for _, d := range r.body["derived"].([]any) {
		dm := d.(map[string]any)
		out[dm["transformation"].(string)] = dm["id"].(string)
	}
	return out
}

func (te *testEmulator) namedTransformation(name, definition string) {
	te.t.Helper()
	expectStatus(te.t, te.admin(http.MethodPost, "/transformations/"+name, url.Values{"transformation": {definition}}), 200)
}

// The Admin API reference, "Delete resources": with keep_original only the
// derived resources go, and transformations narrows them to those "matching
// this hash of transformation parameters"; cloudinary-go's
// DeleteDerivedAssetsByTransformation and pycloudinary's
// delete_derived_by_transformation send public_ids, one "|"-joined
// transformations string and keep_original=true.
func TestDeleteDerivedByTransformationKeepsOriginalAndOtherDerived(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.namedTransformation("thumb", "c_fill,w_10")
	for _, id := range []string{"a", "b"} {
		te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {id}, "eager": {"t_thumb|w_20,h_5|w_30"}})
	}
	r := te.adminJSON(http.MethodDelete, "/resources/image/upload", map[string]any{
		"public_ids": []string{"a", "b"}, "transformations": "t_thumb|h_5,w_20", "keep_original": true})
	expectStatus(t, r, 200)
	if r.body["deleted"].(map[string]any)["a"] != "deleted" || r.body["partial"] != false {
		t.Fatalf("answer %s", r.raw)
	}
	if got := r.body["deleted_counts"].(map[string]any)["b"].(map[string]any); got["derived"] != float64(2) || got["original"] != float64(0) {
		t.Fatalf("deleted_counts %s", r.raw)
	}
	for _, id := range []string{"a", "b"} {
		if got := te.derivedTransformations(id); len(got) != 1 || got["w_30"] == "" {
			t.Fatalf("%s kept derived %v, want only w_30", id, got)
		}
	}
}

// delete_all_resources takes the same transformations and keep_original
// options (pycloudinary test_api.py test09c_delete_resources_by_transformations
// and test19_delete_derived, which keeps the original and empties "derived"):
// all=true with a named transformation removes that transformation's derived
// resources everywhere.
func TestDeleteAllDerivedOfNamedTransformation(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.namedTransformation("thumb", "c_fill,w_10")
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {"a"}, "eager": {"t_thumb|w_30"}})
	r := te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"all": {"true"}, "keep_original": {"1"}, "transformations": {"t_thumb"}})
	expectStatus(t, r, 200)
	if got := te.derivedTransformations("a"); len(got) != 1 || got["w_30"] == "" {
		t.Fatalf("kept derived %v, want only w_30", got)
	}
	expectStatus(t, te.admin(http.MethodGet, "/transformations/t_thumb", nil), 200)
}

// invalidate "Whether to also invalidate the copies of the resource on the
// CDN" (the Admin API reference, "Delete resources"): only the deleted
// derived resources' URLs are purged, and nothing without the flag.
func TestDeleteDerivedInvalidatesOnlyWhenAsked(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {"a"}, "eager": {"w_10|w_30"}})
	te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"public_ids[]": {"a"}, "keep_original": {"true"}, "transformations": {"w_10"}})
	if got := te.Invalidated(); len(got) != 0 {
		t.Fatalf("invalidated without the flag: %v", got)
	}
	te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"public_ids[]": {"a"}, "keep_original": {"true"}, "transformations": {"w_30"}, "invalidate": {"true"}})
	got := te.Invalidated()
	if len(got) != 1 || !strings.Contains(got[0], "/w_30/") {
		t.Fatalf("invalidated %v, want the w_30 URL", got)
	}
}

// explicit "is used to apply actions to existing assets. The most common
// usage of this method is to eagerly generate transformations" (the Upload
// API reference): an eager transformation the asset already has is made
// anew, not listed twice, and invalidate purges the asset's URLs.
func TestExplicitEagerRegeneratesDerived(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 4, 4)}, "public_id": {"a"}, "eager": {"w_10"}})
	before := te.derivedTransformations("a")["w_10"]
	te.uploadAPI("/image/explicit", url.Values{"public_id": {"a"}, "eager": {"w_5"}})
	r := te.uploadAPI("/image/explicit", url.Values{"public_id": {"a"}, "type": {"upload"}, "eager": {"w_10|w_20"}, "eager_async": {"true"}, "invalidate": {"true"}})
	expectStatus(t, r, 200)
	if eager := r.body["eager"].([]any); len(eager) != 2 {
		t.Fatalf("eager answer %v, want the two transformations asked for", eager)
	}
	after := te.derivedTransformations("a")
	if len(after) != 3 || after["w_10"] == "" || after["w_10"] == before || after["w_20"] == "" {
		t.Fatalf("derived after explicit %v (before w_10=%s)", after, before)
	}
	if got := te.Invalidated(); !slices.ContainsFunc(got, func(u string) bool { return strings.Contains(u, "/w_10/") }) {
		t.Fatalf("invalidated %v, want the old w_10 URL", got)
	}
}

// The answers of the calls the actions make: an upload and explicit with
// eager, a delete of derived resources by transformation (with invalidate)
// and one by derived resource ID.
func TestDerivedAnswersMatchOpenAPI(t *testing.T) {
	doc := loadOpenAPI(t, "cloudinary-api.yml")
	te := newTestEmulator(t, Options{})
	te.namedTransformation("thumb", "c_fill,w_10")
	png := pngDataURI(t, 4, 3)
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "POST", path: "/image/upload", template: "/{resource_type}/upload", upload: true, form: url.Values{"file": {png}, "public_id": {"d/one"}, "eager": {"t_thumb|w_2"}}},
		{method: "POST", path: "/image/explicit", template: "/{resource_type}/explicit", upload: true, form: url.Values{"public_id": {"d/one"}, "type": {"upload"}, "eager": {"t_thumb"}, "invalidate": {"true"}}},
		{method: "DELETE", path: "/resources/image/upload", template: "/resources/{resource_type}/{type}", form: url.Values{"public_ids[]": {"d/one"}, "keep_original": {"true"}, "transformations": {"t_thumb"}, "invalidate": {"true"}}},
	})
	id := te.derivedTransformations("d/one")["w_2"]
	checkAnswers(t, doc, te, []conformanceCall{
		{method: "DELETE", path: "/derived_resources", template: "/derived_resources", form: url.Values{"derived_resource_ids[]": {id}}},
	})
}
