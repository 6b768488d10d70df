package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// tagsOfDetails reads an asset's tags from its details; ok is false when
// the details have no tags key.
func tagsOfDetails(t *testing.T, te *testEmulator, publicID string) (string, bool) {
	t.Helper()
	r := te.admin(http.MethodGet, "/resources/image/upload/"+publicID, nil)
	expectStatus(t, r, http.StatusOK)
	tags, ok := r.body["tags"]
	return fmt.Sprint(tags), ok
}

// The sequences of pycloudinary test_tags and test_remove_all_tags, and
// cloudinary_java testTags and testUploadLarge, with the tags they expect
// in an asset's details.
func TestTagsInCloudinarysOrder(t *testing.T) {
	te := newTestEmulator(t, Options{})
	png := pngDataURI(t, 1, 1)
	const unique = "pycloudinary_test_12345"
	for _, id := range []string{"one", "two"} {
		expectStatus(t, te.uploadAPI("/image/upload", url.Values{"file": {png}, "public_id": {id}, "tags": {unique}}), 200)
	}
	tag := func(command, tag string, ids ...string) {
		form := url.Values{"command": {command}, "tag": {tag}, "public_ids": {strings.Join(ids, ",")}}
		expectStatus(t, te.uploadAPI("/image/tags", form), 200)
	}
	expect := func(id, want string) {
		t.Helper()
		if got, _ := tagsOfDetails(t, te, id); got != want {
			t.Fatalf("%s tags %s, want %s", id, got, want)
		}
	}
	tag("add", "tag1", "one", "two")
	tag("add", "tag2", "one")
	expect("one", "[tag1 tag2 "+unique+"]")
	expect("two", "[tag1 "+unique+"]")
	tag("remove", "tag1", "one")
	expect("one", "[tag2 "+unique+"]")
	tag("replace", "tag6,tag7", "one")
	expect("one", "[tag6 tag7]")

	tags := "upload_large_tag_12345,cloudinary_java_test_12345,cloudinary_java_test_12345_uploader"
	r := te.uploadAPI("/image/upload", url.Values{"file": {png}, "public_id": {"large"}, "tags": {tags}})
	if got := fmt.Sprint(r.body["tags"]); got != "[upload_large_tag_12345 cloudinary_java_test_12345 cloudinary_java_test_12345_uploader]" {
		t.Fatalf("upload answer tags %s", got)
	}

	tag("remove_all", "", "one", "two")
	for _, id := range []string{"one", "two"} {
		if got, present := tagsOfDetails(t, te, id); present {
			t.Fatalf("%s has no tags, yet its details have tags %s", id, got)
		}
	}
}
