package client

import (
	"context"
	"fmt"
	"net/url"
	"testing"
)

// The typed options are sent as the Upload and Admin APIs take them: a nil
// field leaves its parameter out, an empty list or map sends an empty value,
// and lists, context and structured metadata take their documented forms.
func TestUploadOptionsParams(t *testing.T) {
	cases := map[string]struct {
		opts UploadOptions
		want url.Values
	}{
		"nothing": {UploadOptions{}, url.Values{}},
		"every field": {UploadOptions{
			PublicID: "shop/shoe", Type: "private", Overwrite: ptr(false), Invalidate: true, UploadPreset: ptr("web"),
			AssetFolder: ptr("shop"), DisplayName: ptr("Shoe"), AccessMode: ptr("public"), Tags: []string{"a", "b"},
			Context: map[string]string{"alt": "A=1|2", "caption": "x"}, Metadata: map[string]string{"sizes": `["s","m"]`},
		}, url.Values{
			"public_id": {"shop/shoe"}, "type": {"private"}, "overwrite": {"false"}, "invalidate": {"true"}, "upload_preset": {"web"},
			"asset_folder": {"shop"}, "display_name": {"Shoe"}, "access_mode": {"public"}, "tags": {"a,b"},
			"context": {`alt=A\=1\|2|caption=x`}, "metadata": {`sizes=["s","m"]`},
		}},
		"empty list and map": {UploadOptions{Tags: []string{}, Context: map[string]string{}, Overwrite: ptr(true)},
			url.Values{"tags": {""}, "context": {""}, "overwrite": {"true"}}},
		"empty strings given": {UploadOptions{UploadPreset: ptr("")}, url.Values{"upload_preset": {""}}},
		"other parameters, the fields first": {UploadOptions{PublicID: "a", Other: url.Values{"backup": {"true"}, "public_id": {"b"}}},
			url.Values{"public_id": {"a"}, "backup": {"true"}}},
	}
	for name, c := range cases {
		if got := c.opts.params(); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", name, got, c.want)
		}
	}
}

func TestExplicitOptionsParams(t *testing.T) {
	base := func() url.Values { return url.Values{"public_id": {"a"}, "type": {"upload"}} }
	got := ExplicitOptions{}.params(base())
	if fmt.Sprint(got) != fmt.Sprint(base()) {
		t.Errorf("no changes: got %v", got)
	}
	got = ExplicitOptions{AssetFolder: ptr("f"), DisplayName: ptr("D"), Tags: []string{"x", "y"}, Context: map[string]string{"k": "v"}}.params(base())
	want := url.Values{"public_id": {"a"}, "type": {"upload"}, "asset_folder": {"f"}, "display_name": {"D"}, "tags": {"x,y"}, "context": {"k=v"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// An explicit call and an Admin API update make the changes they are given,
// and leave the rest.
func TestExplicitAndUpdateResource(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	if _, err := c.Upload(ctx, "raw", Source{ContentBase64: "aGk="}, UploadOptions{PublicID: "a.txt", Tags: []string{"t"},
		Context: map[string]string{"k": "v"}, AssetFolder: ptr("f"), DisplayName: ptr("A")}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Explicit(ctx, "raw", "upload", "a.txt", ExplicitOptions{DisplayName: ptr("B")})
	if err != nil || r.DisplayName != "B" || r.AssetFolder != "f" || fmt.Sprint(r.Tags) != "[t]" || r.Context["k"] != "v" {
		t.Fatalf("explicit: %+v %v", r, err)
	}
	r, err = c.UpdateResource(ctx, "raw", "upload", "a.txt", UpdateResourceOptions{AccessMode: "authenticated"})
	if err != nil || r.AccessMode != "authenticated" || r.DisplayName != "B" {
		t.Fatalf("update: %+v %v", r, err)
	}
}
