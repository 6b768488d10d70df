package emulator_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/cloudinary/cloudinary-go/v2"
	"github.com/cloudinary/cloudinary-go/v2/api"
	"github.com/cloudinary/cloudinary-go/v2/api/admin"
	"github.com/cloudinary/cloudinary-go/v2/api/admin/search"
	"github.com/cloudinary/cloudinary-go/v2/api/uploader"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// These tests drive the emulator with Cloudinary's official Go SDK: anything
// the SDK sends that the emulator misreads, or any answer the SDK cannot
// parse, is a bug in the emulator.

func newSDK(t *testing.T) (*cloudinary.Cloudinary, *emulator.Emulator) {
	t.Helper()
	return newSDKWith(t, emulator.Options{})
}

// newSDKWith is newSDK with emulator options.
func newSDKWith(t *testing.T, opts emulator.Options) (*cloudinary.Cloudinary, *emulator.Emulator) {
	t.Helper()
	opts.HourlyLimit, opts.Seed = -1, 7
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	cld, err := cloudinary.NewFromURL(emu.CloudinaryURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return cld, emu
}

// must fails the test on a transport error or an API error in the result.
func must(t *testing.T, err error, apiErr api.ErrorResp, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if apiErr.Message != "" {
		t.Fatalf("%s: API error %q", what, apiErr.Message)
	}
}

func TestSDKUploadPresets(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	created, err := cld.Admin.CreateUploadPreset(ctx, admin.CreateUploadPresetParams{
		Name: "sdk_preset", Unsigned: api.Bool(true), DisallowPublicID: api.Bool(true),
		UploadParams: uploader.UploadParams{Tags: []string{"a", "b"}, Folder: "sdk", Context: map[string]string{"alt": "x"}},
	})
	must(t, err, created.Error, "create preset")
	got, err := cld.Admin.GetUploadPreset(ctx, admin.GetUploadPresetParams{Name: "sdk_preset"})
	must(t, err, got.Error, "get preset")
	settings := got.Settings.(map[string]any)
	if !got.Unsigned || settings["folder"] != "sdk" || settings["disallow_public_id"] != true || len(settings["tags"].([]any)) != 2 {
		t.Fatalf("preset read back %+v", got)
	}
	upd, err := cld.Admin.UpdateUploadPreset(ctx, admin.UpdateUploadPresetParams{Name: "sdk_preset", UploadParams: uploader.UploadParams{Folder: "other"}})
	must(t, err, upd.Error, "update preset")
	list, err := cld.Admin.ListUploadPresets(ctx, admin.ListUploadPresetsParams{MaxResults: 500})
	must(t, err, list.Error, "list presets")
	if len(list.Presets) != 1 || list.Presets[0].Settings.(map[string]any)["folder"] != "other" {
		t.Fatalf("list %+v", list.Presets)
	}
	del, err := cld.Admin.DeleteUploadPreset(ctx, admin.DeleteUploadPresetParams{Name: "sdk_preset"})
	must(t, err, del.Error, "delete preset")
	missing, err := cld.Admin.GetUploadPreset(ctx, admin.GetUploadPresetParams{Name: "sdk_preset"})
	if err != nil || missing.Error.Message == "" {
		t.Fatalf("deleted preset still found: %+v %v", missing, err)
	}
}

// Every preset setting that cloudinary-go's CreateUploadPresetParams carries
// beyond the basics, in the forms it sends them (JSON text for access
// control and transcription, arrays for coordinates, an object for video
// details), is kept and read back parsed.
func TestSDKUploadPresetSettings(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	created, err := cld.Admin.CreateUploadPreset(ctx, admin.CreateUploadPresetParams{
		Name: "sdk_every", Live: api.Bool(true),
		UploadParams: uploader.UploadParams{
			PublicID: "team/avatar", UniqueDisplayName: api.Bool(true), ImageMetadata: api.Bool(true), Exif: api.Bool(false),
			AccessibilityAnalysis: api.Bool(true), CinemagraphAnalysis: api.Bool(true), AutoChaptering: api.Bool(true), VisualSearch: api.Bool(true),
			AutoTranscription: &api.AutoTranscription{Translate: []string{"fr-FR"}},
			AutoVideoDetails:  &api.AutoVideoDetails{Fields: []string{"title"}},
			AccessControl:     api.AccessControl{{AccessType: api.Token}},
			FaceCoordinates:   api.Coordinates{{10, 20, 150, 130}},
		},
	})
	must(t, err, created.Error, "create preset")
	got, err := cld.Admin.GetUploadPreset(ctx, admin.GetUploadPresetParams{Name: "sdk_every"})
	must(t, err, got.Error, "get preset")
	settings, _ := got.Settings.(map[string]any)
	want := map[string]any{
		"live": true, "public_id": "team/avatar", "unique_display_name": true, "image_metadata": true, "exif": false,
		"accessibility_analysis": true, "cinemagraph_analysis": true, "auto_chaptering": true, "visual_search": true,
		"auto_transcription": map[string]any{"translate": []any{"fr-FR"}},
		"auto_video_details": map[string]any{"fields": []any{"title"}},
		"access_control":     []any{map[string]any{"access_type": "token"}},
		"face_coordinates":   []any{[]any{10.0, 20.0, 150.0, 130.0}},
	}
	for key, value := range want {
		if !reflect.DeepEqual(settings[key], value) {
			t.Errorf("%s read back as %#v, want %#v", key, settings[key], value)
		}
	}
}

func TestSDKUploadMappings(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	c, err := cld.Admin.CreateUploadMapping(ctx, admin.CreateUploadMappingParams{Folder: "wiki", Template: "https://wiki.example.com/img/"})
	must(t, err, c.Error, "create mapping")
	g, err := cld.Admin.GetUploadMapping(ctx, admin.GetUploadMappingParams{Folder: "wiki"})
	must(t, err, g.Error, "get mapping")
	if g.Template != "https://wiki.example.com/img/" {
		t.Fatalf("mapping %+v", g)
	}
	u, err := cld.Admin.UpdateUploadMapping(ctx, admin.UpdateUploadMappingParams{Folder: "wiki", Template: "https://new.example.com/"})
	must(t, err, u.Error, "update mapping")
	l, err := cld.Admin.ListUploadMappings(ctx, admin.ListUploadMappingsParams{})
	must(t, err, l.Error, "list mappings")
	if len(l.Mappings) != 1 || l.Mappings[0].Template != "https://new.example.com/" {
		t.Fatalf("mappings %+v", l.Mappings)
	}
	d, err := cld.Admin.DeleteUploadMapping(ctx, admin.DeleteUploadMappingParams{Folder: "wiki"})
	must(t, err, d.Error, "delete mapping")
}

func TestSDKTransformations(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	c, err := cld.Admin.CreateTransformation(ctx, admin.CreateTransformationParams{Name: "thumb", Transformation: "w_150,h_100,c_fill"})
	must(t, err, c.Error, "create transformation")
	g, err := cld.Admin.GetTransformation(ctx, admin.GetTransformationParams{Transformation: "t_thumb"})
	must(t, err, g.Error, "get transformation")
	if !g.Named || g.Name != "t_thumb" || len(g.Info) != 1 {
		t.Fatalf("transformation %+v", g)
	}
	u, err := cld.Admin.UpdateTransformation(ctx, admin.UpdateTransformationParams{Transformation: "t_thumb", AllowedForStrict: api.Bool(true), UnsafeUpdate: "c_scale,w_103"})
	must(t, err, u.Error, "update transformation")
	l, err := cld.Admin.ListTransformations(ctx, admin.ListTransformationsParams{Named: api.Bool(true)})
	must(t, err, l.Error, "list transformations")
	if len(l.Transformations) != 1 || !l.Transformations[0].AllowedForStrict {
		t.Fatalf("list %+v", l.Transformations)
	}
	d, err := cld.Admin.DeleteTransformation(ctx, admin.DeleteTransformationParams{Transformation: "t_thumb"})
	must(t, err, d.Error, "delete transformation")
}

func TestSDKStreamingProfiles(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	reps := admin.StreamingProfileRepresentations{{Transformation: "w_1200,h_1200,br_5m,vc_h264:main:3.1"}, {Transformation: "w_600,h_600"}}
	c, err := cld.Admin.CreateStreamingProfile(ctx, admin.CreateStreamingProfileParams{Name: "square", DisplayName: "Square", Representations: reps})
	must(t, err, c.Error, "create profile")
	if len(c.Data.Representations) != 2 {
		t.Fatalf("created %+v", c.Data)
	}
	g, err := cld.Admin.GetStreamingProfile(ctx, admin.GetStreamingProfileParams{Name: "square"})
	must(t, err, g.Error, "get profile")
	u, err := cld.Admin.UpdateStreamingProfile(ctx, admin.UpdateStreamingProfileParams{Name: "hd", Representations: reps[:1]})
	must(t, err, u.Error, "update built-in")
	if !u.Data.Predefined || len(u.Data.Representations) != 1 {
		t.Fatalf("updated built-in %+v", u.Data)
	}
	l, err := cld.Admin.ListStreamingProfiles(ctx)
	must(t, err, l.Error, "list profiles")
	if len(l.Data) != 8 {
		t.Fatalf("%d profiles", len(l.Data))
	}
	for _, name := range []string{"hd", "square"} {
		d, err := cld.Admin.DeleteStreamingProfile(ctx, admin.DeleteStreamingProfileParams{Name: name})
		must(t, err, d.Error, "delete profile "+name)
	}
}

func TestSDKUploadAndAssets(t *testing.T) {
	cld, emu := newSDK(t)
	ctx := context.Background()
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 12, 7)))
	path := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	up, err := cld.Upload.Upload(ctx, path, uploader.UploadParams{PublicID: "logo", Tags: []string{"brand", "web"},
		Context: map[string]string{"alt": "Logo"}, AssetFolder: "brand"})
	must(t, err, up.Error, "upload")
	if up.Width != 12 || up.Height != 7 || up.Format != "png" || up.PublicID != "logo" {
		t.Fatalf("upload result %+v", up)
	}
	_, err = cld.Upload.Upload(ctx, "data:image/png;base64,"+encodeBase64(buf.Bytes()), uploader.UploadParams{PublicID: "second", Tags: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := cld.Upload.Explicit(ctx, uploader.ExplicitParams{PublicID: "logo", Type: "upload", Tags: []string{"brand", "new"}})
	must(t, err, ex.Error, "explicit")
	at, err := cld.Upload.AddTag(ctx, uploader.AddTagParams{Tag: "extra", PublicIDs: []string{"logo", "second"}})
	must(t, err, at.Error, "add tag")
	if len(at.PublicIDs) != 2 {
		t.Fatalf("add tag %+v", at)
	}
	rn, err := cld.Upload.Rename(ctx, uploader.RenameParams{FromPublicID: "second", ToPublicID: "renamed"})
	if err != nil || rn.PublicID != "renamed" {
		t.Fatalf("rename %+v %v", rn, err)
	}

	asset, err := cld.Admin.Asset(ctx, admin.AssetParams{PublicID: "logo"})
	must(t, err, asset.Error, "asset details")
	if len(asset.Tags) != 3 || asset.Context.Custom["alt"] != "Logo" {
		t.Fatalf("asset %+v", asset)
	}
	list, err := cld.Admin.Assets(ctx, admin.AssetsParams{MaxResults: 1, Tags: api.Bool(true)})
	must(t, err, list.Error, "assets")
	if len(list.Assets) != 1 || list.NextCursor == "" {
		t.Fatalf("assets page %+v", list)
	}
	byTag, err := cld.Admin.AssetsByTag(ctx, admin.AssetsByTagParams{Tag: "extra"})
	must(t, err, byTag.Error, "assets by tag")
	if len(byTag.Assets) != 2 {
		t.Fatalf("by tag %d", len(byTag.Assets))
	}
	byIDs, err := cld.Admin.AssetsByIDs(ctx, admin.AssetsByIDsParams{PublicIDs: []string{"logo", "renamed"}})
	must(t, err, byIDs.Error, "assets by ids")
	if len(byIDs.Assets) != 2 {
		t.Fatalf("by ids %d", len(byIDs.Assets))
	}
	updated, err := cld.Admin.UpdateAsset(ctx, admin.UpdateAssetParams{PublicID: "logo", Tags: []string{"only"}})
	must(t, err, updated.Error, "update asset")
	if len(updated.Tags) != 1 {
		t.Fatalf("updated tags %v", updated.Tags)
	}
	tags, err := cld.Admin.Tags(ctx, admin.TagsParams{})
	must(t, err, tags.Error, "tags")
	if len(tags.Tags) == 0 {
		t.Fatal("no tags")
	}
	folders, err := cld.Admin.RootFolders(ctx, admin.RootFoldersParams{})
	must(t, err, folders.Error, "root folders")
	if len(folders.Folders) != 1 || folders.Folders[0].Path != "brand" {
		t.Fatalf("folders %+v", folders.Folders)
	}
	usage, err := cld.Admin.Usage(ctx, admin.UsageParams{})
	must(t, err, usage.Error, "usage")
	if usage.Resources != 2 {
		t.Fatalf("usage resources %d", usage.Resources)
	}
	ping, err := cld.Admin.Ping(ctx)
	must(t, err, ping.Error, "ping")

	ds, err := cld.Upload.Destroy(ctx, uploader.DestroyParams{PublicID: "renamed"})
	must(t, err, ds.Error, "destroy")
	if ds.Result != "ok" {
		t.Fatalf("destroy %+v", ds)
	}
	del, err := cld.Admin.DeleteAssets(ctx, admin.DeleteAssetsParams{PublicIDs: []string{"logo"}})
	must(t, err, del.Error, "delete assets")
	if emu.Counters().Upload() == 0 || emu.Counters().Admin() == 0 {
		t.Fatal("counters did not see the SDK's calls")
	}
}

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// Files over the SDK's chunk size are sent in pieces with Content-Range and
// X-Unique-Upload-Id; the emulator assembles them into one asset.
func TestSDKChunkedUpload(t *testing.T) {
	cld, emu := newSDKWith(t, emulator.Options{MediaLimits: emulator.MediaLimits{RawBytes: 100 << 20}}) // a paid plan's raw limit
	path := filepath.Join(t.TempDir(), "big.bin")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(23 << 20); err != nil { // over 20 MB, so the SDK chunks it
		t.Fatal(err)
	}
	f.Close()
	res, err := cld.Upload.Upload(context.Background(), path, uploader.UploadParams{PublicID: "big.bin", ResourceType: "raw"})
	must(t, err, res.Error, "chunked upload")
	if res.Bytes != 23<<20 || res.PublicID != "big.bin" {
		t.Fatalf("chunked upload result %+v", res)
	}
	if n := emu.Counters().Upload(); n != 2 {
		t.Fatalf("%d upload calls, want 2 chunks (the SDK sends 20 MB chunks)", n)
	}
}

// uploadPNG uploads a w×h PNG from a local file with the Go SDK.
func uploadPNG(t *testing.T, cld *cloudinary.Cloudinary, w, h int, params uploader.UploadParams) *uploader.UploadResult {
	t.Helper()
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h)))
	path := filepath.Join(t.TempDir(), "pic.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	up, err := cld.Upload.Upload(context.Background(), path, params)
	must(t, err, up.Error, "upload")
	return up
}

// The Go SDK reads a search result's context as a map of strings
// (SearchAsset.Context): the flat shape that search answers carry.
func TestSDKSearch(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	uploadPNG(t, cld, 3, 2, uploader.UploadParams{PublicID: "found", Context: map[string]string{"stage": "new"}, Tags: []string{"x"}})
	res, err := cld.Admin.Search(ctx, search.Query{Expression: "public_id=found", WithField: []string{search.ContextField, search.TagsField}})
	must(t, err, res.Error, "search")
	if len(res.Assets) != 1 || res.Assets[0].Context["stage"] != "new" || len(res.Assets[0].Tags) != 1 {
		t.Fatalf("search result %+v", res.Assets)
	}
}

// The Go SDK's AssetTypes, AssetByAssetID and AssetsByAssetFolder, as its
// own TestAssets_AssetTypes, TestAsset_AssetByAssetID and
// TestAssets_AssetsByAssetFolder call them.
func TestSDKAssetsByAssetIDAndFolder(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	first := uploadPNG(t, cld, 4, 4, uploader.UploadParams{PublicID: "one", AssetFolder: "sdk"})
	second := uploadPNG(t, cld, 4, 4, uploader.UploadParams{PublicID: "two", AssetFolder: "sdk"})
	types, err := cld.Admin.AssetTypes(ctx)
	must(t, err, types.Error, "asset types")
	if fmt.Sprint(types.AssetTypes) != "[image]" {
		t.Fatalf("asset types %v", types.AssetTypes)
	}
	byID, err := cld.Admin.AssetByAssetID(ctx, admin.AssetByAssetIDParams{AssetID: first.AssetID})
	must(t, err, byID.Error, "asset by asset ID")
	if byID.PublicID != "one" {
		t.Fatalf("asset by asset ID %+v", byID)
	}
	inFolder, err := cld.Admin.AssetsByAssetFolder(ctx, admin.AssetsByAssetFolderParams{AssetFolder: "sdk"})
	must(t, err, inFolder.Error, "assets by asset folder")
	if len(inFolder.Assets) != 2 || inFolder.Assets[0].AssetID != second.AssetID {
		t.Fatalf("assets by asset folder %+v", inFolder.Assets)
	}
}

// Search with SortBy and Fields, and a listing with Fields, as the Go SDK's
// TestSearch_SearchQuery and TestAssets_AssetsFields send them.
func TestSDKSearchSortAndFields(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	for _, id := range []string{"b", "a", "c"} {
		uploadPNG(t, cld, 2, 2, uploader.UploadParams{PublicID: id, Tags: []string{"sdk"}})
	}
	res, err := cld.Admin.Search(ctx, search.Query{Expression: "format:png", SortBy: []search.SortByField{{"public_id": search.Ascending}},
		Fields: []string{"tags", "secure_url"}, MaxResults: 2})
	must(t, err, res.Error, "search")
	if res.TotalCount != 3 || len(res.Assets) != 2 || res.Assets[0].PublicID != "a" || res.Assets[0].SecureURL == "" || res.Assets[0].URL != "" || len(res.Assets[0].Tags) != 1 {
		t.Fatalf("search %+v", res)
	}
	byTag, err := cld.Admin.AssetsByTag(ctx, admin.AssetsByTagParams{Tag: "sdk", Fields: []string{"tags", "secure_url"}, MaxResults: 1})
	must(t, err, byTag.Error, "assets by tag")
	if len(byTag.Assets) != 1 || byTag.Assets[0].SecureURL == "" || byTag.Assets[0].URL != "" || len(byTag.Assets[0].Tags) != 1 {
		t.Fatalf("assets by tag with fields %+v", byTag.Assets)
	}
}

// The Go SDK's VerifyApiResponseSignature accepts the signature of an
// upload answer, and refuses it for another version.
func TestSDKVerifiesUploadAnswers(t *testing.T) {
	cld, _ := newSDK(t)
	up := uploadPNG(t, cld, 2, 2, uploader.UploadParams{PublicID: "signed answer"})
	if !cld.Upload.VerifyApiResponseSignature(up.PublicID, strconv.Itoa(up.Version), up.Signature) {
		t.Fatalf("the SDK refuses the answer's signature %q", up.Signature)
	}
	if cld.Upload.VerifyApiResponseSignature(up.PublicID, strconv.Itoa(up.Version+1), up.Signature) {
		t.Fatal("the signature does not depend on the version")
	}
}
