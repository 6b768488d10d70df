package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// details reads an asset's details, or its placeholder's.
func (te *testEmulator) details(rt, publicID string) response {
	te.t.Helper()
	return te.admin(http.MethodGet, "/resources/"+rt+"/upload/"+publicID, nil)
}

// expectPlaceholder checks that a deleted asset answers as Cloudinary's
// placeholder does: 200, placeholder true, bytes 0 (pycloudinary test_api.py
// test_restore; cloudinary_npm's restore_by_asset_ids spec).
func expectPlaceholder(t *testing.T, te *testEmulator, publicID string) {
	t.Helper()
	r := te.details("image", publicID)
	if r.status != http.StatusOK || r.body["placeholder"] != true || r.body["bytes"] != float64(0) {
		t.Fatalf("%s after its deletion: %d %s, want a placeholder (200, placeholder true, bytes 0)", publicID, r.status, r.raw)
	}
}

func expectGone(t *testing.T, te *testEmulator, publicID string) {
	t.Helper()
	if r := te.details("image", publicID); r.status != http.StatusNotFound {
		t.Fatalf("%s after its deletion without a backup: %d %s, want 404", publicID, r.status, r.raw)
	}
}

func (te *testEmulator) uploadImage(publicID string, extra url.Values) response {
	te.t.Helper()
	form := url.Values{"file": {pngDataURI(te.t, 4, 3)}, "public_id": {publicID}}
	for k, v := range extra {
		form[k] = v
	}
	r := te.uploadAPI("/image/upload", form)
	expectStatus(te.t, r, http.StatusOK)
	return r
}

func (te *testEmulator) deleteByIDs(ids ...string) {
	te.t.Helper()
	expectStatus(te.t, te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"public_ids[]": ids}), http.StatusOK)
}

// pycloudinary test_api.py test_restore, step by step: an upload with
// backup=true, deleted, leaves a placeholder; restore answers the restored
// asset under its public ID, with its bytes, and the details have them again.
func TestBackupPerUploadAndRestore(t *testing.T) {
	te := newTestEmulator(t, Options{})
	uploaded := te.uploadImage("kept", url.Values{"backup": {"true"}, "tags": {"t"}})
	if uploaded.body["backup"] != true {
		t.Errorf("a backed-up upload says backup true: %s", uploaded.raw)
	}
	te.uploadImage("lost", nil)
	te.deleteByIDs("kept", "lost")
	expectPlaceholder(t, te, "kept")
	expectGone(t, te, "lost")

	r := te.admin(http.MethodPost, "/resources/image/upload/restore", url.Values{"public_ids[]": {"kept", "lost"}})
	expectStatus(t, r, http.StatusOK)
	restored, _ := r.body["kept"].(map[string]any)
	if restored["bytes"] != uploaded.body["bytes"] || restored["placeholder"] != false || restored["asset_id"] != uploaded.body["asset_id"] {
		t.Fatalf("restore answer %s, want the asset as uploaded (%s)", r.raw, uploaded.raw)
	}
	if got := fmt.Sprint(r.body["lost"]); got != "map[error:no_backup]" {
		t.Errorf("restore of an asset without a backup: %v, want no_backup", got)
	}
	after := te.details("image", "kept")
	if after.status != http.StatusOK || after.body["bytes"] != uploaded.body["bytes"] || after.body["placeholder"] != false {
		t.Fatalf("details after the restore: %s", after.raw)
	}
}

// A preset's backup setting backs up the uploads through it; the call's own
// backup parameter overrides it.
func TestPresetBackupSetting(t *testing.T) {
	te := newTestEmulator(t, Options{})
	expectStatus(t, te.admin(http.MethodPost, "/upload_presets", url.Values{"name": {"safe"}, "backup": {"true"}}), http.StatusOK)
	te.uploadImage("through_preset", url.Values{"upload_preset": {"safe"}})
	te.uploadImage("opted_out", url.Values{"upload_preset": {"safe"}, "backup": {"false"}})
	te.deleteByIDs("through_preset", "opted_out")
	expectPlaceholder(t, te, "through_preset")
	expectGone(t, te, "opted_out")
}

// With the account-wide setting every upload is backed up unless its
// backup parameter says false, which overrides the account's default (the
// Upload API reference).
func TestAutomaticBackupOption(t *testing.T) {
	te := newTestEmulator(t, Options{AutomaticBackup: true})
	te.uploadImage("by_default", nil)
	te.uploadImage("opted_out", url.Values{"backup": {"false"}})
	te.deleteByIDs("by_default", "opted_out")
	expectPlaceholder(t, te, "by_default")
	expectGone(t, te, "opted_out")
}

// Every way of deleting an asset leaves a placeholder when it has a backup:
// the Upload API's destroy, and the Admin API's delete by public IDs, by
// prefix, by tag and of all. A placeholder is no asset: deleting or
// destroying it again finds nothing, the Upload API's explicit and rename do
// not find it, and it does not keep its folder from being deleted.
func TestEveryDeletionLeavesAPlaceholder(t *testing.T) {
	te := newTestEmulator(t, Options{AutomaticBackup: true})
	for _, id := range []string{"destroyed", "by_id", "pre/fixed", "tagged", "everything"} {
		te.uploadImage(id, url.Values{"tags": {strings.ReplaceAll(id, "/", "_")}, "asset_folder": {"box"}})
	}
	expectStatus(t, te.uploadAPI("/image/destroy", url.Values{"public_id": {"destroyed"}}), http.StatusOK)
	te.deleteByIDs("by_id")
	expectStatus(t, te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"prefix": {"pre/"}}), http.StatusOK)
	expectStatus(t, te.admin(http.MethodDelete, "/resources/image/tags/tagged", nil), http.StatusOK)
	expectStatus(t, te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"all": {"true"}}), http.StatusOK)
	for _, id := range []string{"destroyed", "by_id", "pre/fixed", "tagged", "everything"} {
		expectPlaceholder(t, te, id)
	}

	if r := te.uploadAPI("/image/destroy", url.Values{"public_id": {"by_id"}}); r.body["result"] != "not found" {
		t.Errorf("destroying a placeholder: %s, want not found", r.raw)
	}
	r := te.admin(http.MethodDelete, "/resources/image/upload", url.Values{"public_ids[]": {"by_id"}})
	if r.body["deleted"].(map[string]any)["by_id"] != "not_found" {
		t.Errorf("deleting a placeholder: %s, want not_found", r.raw)
	}
	expectStatus(t, te.uploadAPI("/image/explicit", url.Values{"public_id": {"by_id"}, "type": {"upload"}, "tags": {"x"}}), http.StatusNotFound)
	expectStatus(t, te.uploadAPI("/image/rename", url.Values{"from_public_id": {"by_id"}, "to_public_id": {"moved"}}), http.StatusNotFound)
	expectStatus(t, te.admin(http.MethodPost, "/resources/image/upload/by_id", url.Values{"tags": {"x"}}), http.StatusNotFound)
	// The folder the placeholders are in holds no asset: it stays, empty, as
	// a folder does until it is deleted, and deletes.
	r = te.admin(http.MethodGet, "/folders/box", nil)
	expectStatus(t, r, http.StatusOK)
	expectStatus(t, te.admin(http.MethodDelete, "/folders/box", nil), http.StatusOK)
	expectStatus(t, te.admin(http.MethodGet, "/folders/box", nil), http.StatusNotFound)
}

// The listing by resource type (all, by prefix, by public IDs) shows
// placeholders, with placeholder true and bytes 0; the listings by tag and
// by context leave them out, as the SDKs document; search shows them only
// to an expression on status, and every result carries its status; the
// tag listing forgets their tags.
func TestPlaceholdersInListingsAndSearch(t *testing.T) {
	te := newTestEmulator(t, Options{})
	te.uploadImage("live", url.Values{"tags": {"shared"}, "context": {"k=v"}})
	te.uploadImage("gone", url.Values{"tags": {"shared,only_gone"}, "context": {"k=v"}, "backup": {"true"}})
	te.deleteByIDs("gone")

	for _, q := range []url.Values{{}, {"prefix": {"g"}}, {"public_ids[]": {"gone", "live"}}} {
		r := te.admin(http.MethodGet, "/resources/image/upload", q)
		expectStatus(t, r, http.StatusOK)
		found := false
		for _, item := range r.body["resources"].([]any) {
			if res := item.(map[string]any); res["public_id"] == "gone" {
				found = res["placeholder"] == true && res["bytes"] == float64(0)
			}
		}
		if !found {
			t.Errorf("listing %v: no placeholder for the deleted asset in %s", q, r.raw)
		}
	}
	if ids := listAll(t, te, "/resources/image/tags/shared", url.Values{}); fmt.Sprint(ids) != "[live]" {
		t.Errorf("listing by tag: %v, want only the live asset", ids)
	}
	if ids := listAll(t, te, "/resources/image/context", url.Values{"key": {"k"}}); fmt.Sprint(ids) != "[live]" {
		t.Errorf("listing by context: %v, want only the live asset", ids)
	}
	if tags := te.admin(http.MethodGet, "/tags/image", nil).body["tags"]; fmt.Sprint(tags) != "[shared]" {
		t.Errorf("tags %v, want only the live asset's", tags)
	}

	search := func(expression string) map[string]string {
		r := te.adminJSON(http.MethodPost, "/resources/search", map[string]any{"expression": expression})
		expectStatus(t, r, http.StatusOK)
		statuses := map[string]string{}
		for _, item := range r.body["resources"].([]any) {
			res := item.(map[string]any)
			statuses[res["public_id"].(string)], _ = res["status"].(string)
		}
		return statuses
	}
	if got := search("resource_type:image"); fmt.Sprint(got) != "map[live:active]" {
		t.Errorf("search: %v, want only the live asset, active", got)
	}
	if got := search("status=deleted"); fmt.Sprint(got) != "map[gone:deleted]" {
		t.Errorf("search status=deleted: %v, want the placeholder", got)
	}
	if got := search("status:active OR status=deleted"); fmt.Sprint(got) != "map[gone:deleted live:active]" {
		t.Errorf("search for both statuses: %v, want both assets", got)
	}
}

// An upload to a placeholder's public ID is a new upload, not a meeting with
// an existing asset: it is stored even with overwrite false, and answers
// without "existing"; the asset keeps its asset ID and its backup
// (cloudinary_npm's restore specs upload, delete and upload again to one
// public ID, and restore either version by the one asset ID).
func TestUploadOverAPlaceholder(t *testing.T) {
	te := newTestEmulator(t, Options{})
	first := te.uploadImage("again", url.Values{"backup": {"true"}})
	te.deleteByIDs("again")
	second := te.uploadAPI("/image/upload", url.Values{"file": {pngDataURI(t, 9, 9)}, "public_id": {"again"}, "overwrite": {"false"}})
	expectStatus(t, second, http.StatusOK)
	if second.body["existing"] != nil || second.body["placeholder"] != false || second.body["width"] != float64(9) {
		t.Fatalf("upload over a placeholder: %s, want a new upload", second.raw)
	}
	if second.body["asset_id"] != first.body["asset_id"] {
		t.Errorf("asset_id %v, want the placeholder's %v", second.body["asset_id"], first.body["asset_id"])
	}
	// Restore reverts to the latest backed-up version: the first upload's.
	r := te.admin(http.MethodPost, "/resources/image/upload/restore", url.Values{"public_ids[]": {"again"}})
	if restored := r.body["again"].(map[string]any); restored["width"] != float64(4) {
		t.Errorf("restore of an asset whose latest upload was not backed up: %s, want the backed-up version", r.raw)
	}
}

// The placeholder, the listing that shows it and the restore answer are in
// the shapes the SDKs parse: the listing's item fields include placeholder
// and backup (cloudinary-go BriefAssetResult).
func TestPlaceholderListingFields(t *testing.T) {
	te := newTestEmulator(t, Options{AutomaticBackup: true})
	te.uploadImage("p", nil)
	te.deleteByIDs("p")
	r := te.admin(http.MethodGet, "/resources/image", nil)
	item := r.body["resources"].([]any)[0].(map[string]any)
	var keys []string
	for k := range item {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, want := range []string{"asset_id", "backup", "placeholder", "public_id", "secure_url", "url", "version"} {
		if _, ok := item[want]; !ok {
			t.Errorf("a listed placeholder lacks %s: %v", want, keys)
		}
	}
}
