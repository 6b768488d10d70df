package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func TestUploadPresetsAgainstEmulator(t *testing.T) {
	c, emu := newEmulatedClient(t)
	ctx := context.Background()
	p := UploadPreset{Name: "web", Unsigned: true, Settings: map[string]string{
		"tags": "a,b", "context": "alt=x|k=v\\=w", "transformation": "w_100,c_fill/jpg", "eager": "c_thumb,w_50|w_10",
		"overwrite": "false", "auto_tagging": "0.5", "folder": "up", "headers": "X-Robots-Tag: noindex",
	}}
	if err := c.CreateUploadPreset(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateUploadPreset(ctx, p); !IsAlreadyExists(err) {
		t.Fatalf("second create: %v", err)
	}
	got, err := c.GetUploadPreset(ctx, "web")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"tags": "a,b", "context": "alt=x|k=v\\=w", "transformation": "c_fill,w_100/jpg", "eager": "c_thumb,w_50|w_10",
		"overwrite": "false", "auto_tagging": "0.5", "folder": "up", "headers": "X-Robots-Tag: noindex",
	}
	if fmt.Sprint(got.Settings) != fmt.Sprint(want) || !got.Unsigned {
		t.Fatalf("details read back\n got %v\nwant %v", got.Settings, want)
	}
	list, err := c.ListUploadPresets(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("list %v %v", list, err)
	}
	p.Settings["folder"] = ""
	if err := c.UpdateUploadPreset(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ = c.GetUploadPreset(ctx, "web")
	if _, still := got.Settings["folder"]; still {
		t.Fatalf("removed setting still there: %v", got.Settings)
	}
	if err := c.DeleteUploadPreset(ctx, "web"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetUploadPreset(ctx, "web"); !IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	if emu.Counters().Route("DELETE /upload_presets/{name}") != 1 {
		t.Fatalf("routes %v", emu.Counters().Snapshot())
	}
}

func TestListUploadPresetsFollowsCursor(t *testing.T) {
	c, emu := newEmulatedClient(t)
	ctx := context.Background()
	for i := 0; i < 1203; i++ {
		if err := c.CreateUploadPreset(ctx, UploadPreset{Name: fmt.Sprintf("p%04d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	emu.Counters().Reset()
	list, err := c.ListUploadPresets(ctx)
	if err != nil || len(list) != 1203 {
		t.Fatalf("%d presets, %v", len(list), err)
	}
	if calls := emu.Counters().Route("GET /upload_presets"); calls != 3 {
		t.Fatalf("%d list calls for 1203 presets, want 3 pages of 500", calls)
	}
}

func TestMappingsTransformationsProfiles(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	if err := c.CreateUploadMapping(ctx, UploadMapping{Folder: "wiki", Template: "https://wiki.example.com/"}); err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateUploadMapping(ctx, UploadMapping{Folder: "wiki", Template: "https://new.example.com/"}); err != nil {
		t.Fatal(err)
	}
	m, err := c.GetUploadMapping(ctx, "wiki")
	if err != nil || m.Template != "https://new.example.com/" {
		t.Fatalf("mapping %+v %v", m, err)
	}
	if err := c.DeleteUploadMapping(ctx, "wiki"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetUploadMapping(ctx, "wiki"); !IsNotFound(err) {
		t.Fatalf("deleted mapping: %v", err)
	}

	if err := c.CreateNamedTransformation(ctx, "thumb", "w_150,h_100,c_fill/jpg", nil); err != nil {
		t.Fatal(err)
	}
	tr, err := c.GetNamedTransformation(ctx, "thumb")
	if err != nil || tr.Definition != "c_fill,h_100,w_150/jpg" || !tr.Named {
		t.Fatalf("transformation %+v %v", tr, err)
	}
	strict := true
	if err := c.UpdateNamedTransformation(ctx, "thumb", TransformationUpdate{AllowedForStrict: &strict, UnsafeUpdate: "w_1.0,c_scale"}); err != nil {
		t.Fatal(err)
	}
	tr, _ = c.GetNamedTransformation(ctx, "t_thumb")
	if tr.Definition != "c_scale,w_1.0" || !tr.AllowedForStrict {
		t.Fatalf("after update %+v", tr)
	}
	named := true
	if list, err := c.ListTransformations(ctx, &named); err != nil || len(list) != 1 {
		t.Fatalf("list %v %v", list, err)
	}
	if err := c.DeleteNamedTransformation(ctx, "thumb"); err != nil {
		t.Fatal(err)
	}

	prof := StreamingProfile{Name: "square", DisplayName: "Square", Representations: []string{"w_1200,h_1200,br_5m,vc_h264:main:3.1", "w_600,h_600"}}
	if err := c.CreateStreamingProfile(ctx, prof); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetStreamingProfile(ctx, "square")
	if err != nil || got.DisplayName != "Square" || fmt.Sprint(got.Representations) != "[br_5m,h_1200,vc_h264:main:3.1,w_1200 h_600,w_600]" {
		t.Fatalf("profile %+v %v", got, err)
	}
	if err := c.DeleteStreamingProfile(ctx, "hd"); err == nil || statusOf(err) != 400 {
		t.Fatalf("deleting an unmodified built-in: %v", err)
	}
	all, err := c.ListStreamingProfiles(ctx)
	if err != nil || len(all) != 8 {
		t.Fatalf("profiles %d %v", len(all), err)
	}
}

func TestUploadsAndResources(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := c.Upload(ctx, "raw", Source{FilePath: file}, UploadOptions{PublicID: "docs/notes.txt", Tags: []string{"a", "b"}})
	if err != nil || r.PublicID != "docs/notes.txt" || r.Bytes != 5 {
		t.Fatalf("upload %+v %v", r, err)
	}
	if _, err := c.Upload(ctx, "raw", Source{FilePath: filepath.Join(dir, "missing")}, UploadOptions{}); err == nil {
		t.Fatal("upload of a missing file succeeded")
	}
	if _, err := c.Upload(ctx, "raw", Source{FilePath: file, URL: "https://x"}, UploadOptions{}); err == nil {
		t.Fatal("two sources accepted")
	}
	r, err = c.Upload(ctx, "raw", Source{ContentBase64: "aGk=", MediaType: "text/plain"}, UploadOptions{PublicID: "hi.txt"})
	if err != nil || r.Bytes != 2 {
		t.Fatalf("base64 upload %+v %v", r, err)
	}
	r, err = c.Explicit(ctx, "raw", "upload", "hi.txt", ExplicitOptions{Tags: []string{"x"}, Context: map[string]string{"k": "v"}})
	if err != nil || fmt.Sprint(r.Tags) != "[x]" || r.Context["k"] != "v" {
		t.Fatalf("explicit %+v %v", r, err)
	}
	if ids, err := c.Tags(ctx, "raw", "upload", TagAdd, []string{"both"}, []string{"hi.txt", "docs/notes.txt"}); err != nil || len(ids) != 2 {
		t.Fatalf("tags %v %v", ids, err)
	}
	got, err := c.GetResource(ctx, "raw", "upload", "docs/notes.txt")
	if err != nil || fmt.Sprint(got.Tags) != "[a b both]" {
		t.Fatalf("details %+v %v", got, err)
	}
	list, err := c.ListResources(ctx, ResourceQuery{ResourceType: "raw", Tag: "both"})
	if err != nil || len(list) != 2 {
		t.Fatalf("by tag %d %v", len(list), err)
	}
	if tags, err := c.ListTags(ctx, "raw", "b"); err != nil || fmt.Sprint(tags) != "[b both]" {
		t.Fatalf("tags %v %v", tags, err)
	}
	if folders, err := c.ListFolders(ctx, ""); err != nil || len(folders) != 0 {
		t.Fatalf("folders %v %v", folders, err)
	}
	if _, err := c.Rename(ctx, "raw", "upload", "hi.txt", "hello.txt", false); err != nil {
		t.Fatal(err)
	}
	if found, err := c.Destroy(ctx, "raw", "upload", "hello.txt", false); err != nil || !found {
		t.Fatalf("destroy %v %v", found, err)
	}
	if found, err := c.Destroy(ctx, "raw", "upload", "hello.txt", false); err != nil || found {
		t.Fatalf("destroy of a missing asset %v %v", found, err)
	}
	deleted, err := c.DeleteResources(ctx, "raw", "upload", []string{"docs/notes.txt"})
	if err != nil || deleted["docs/notes.txt"] != "deleted" {
		t.Fatalf("delete %v %v", deleted, err)
	}
	u, err := c.GetUsage(ctx)
	if err != nil || u.Plan != "Free" || u.AddOns["webpurify"].Limit != 50 || u.MediaLimits.RawMaxSizeBytes != 10<<20 || u.MediaLimits.VideoMaxSizeBytes != 100<<20 {
		t.Fatalf("usage %+v %v", u, err)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// A deleted asset that has a backup leaves a placeholder: GetResource
// reads it as one, and the listings and search, which the provider's reads,
// data sources, list resources and adoption use, leave it out, limits
// included.
func TestPlaceholdersAreNoAssets(t *testing.T) {
	c, _ := newEmulatedClientWith(t, emulator.Options{HourlyLimit: -1, Seed: 3, AutomaticBackup: true})
	ctx := context.Background()
	for _, id := range []string{"a/gone.txt", "a/live.txt"} {
		if _, err := c.Upload(ctx, "raw", Source{ContentBase64: "aGk=", MediaType: "text/plain"}, UploadOptions{PublicID: id, AssetFolder: ptr("a")}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.DeleteResources(ctx, "raw", "upload", []string{"a/gone.txt"}); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GetResource(ctx, "raw", "upload", "a/gone.txt"); err != nil || !got.Placeholder || got.Bytes != 0 {
		t.Fatalf("details of a deleted, backed-up asset: %+v %v, want a placeholder", got, err)
	}
	for name, q := range map[string]ResourceQuery{
		"by public IDs": {ResourceType: "raw", Type: "upload", PublicIDs: []string{"a/gone.txt", "a/live.txt"}},
		"by prefix":     {ResourceType: "raw", Prefix: "a/"},
		"with a limit":  {ResourceType: "raw", Limit: 1},
	} {
		list, err := c.ListResources(ctx, q)
		if err != nil || len(list) != 1 || list[0].PublicID != "a/live.txt" {
			t.Errorf("listing %s: %+v %v, want the live asset only", name, list, err)
		}
	}
	for _, expression := range []string{`asset_folder="a"`, "status=deleted", "status:active OR status:deleted"} {
		list, err := c.Search(ctx, SearchQuery{Expression: expression})
		if err != nil || len(list) > 1 || (len(list) == 1 && list[0].PublicID != "a/live.txt") {
			t.Errorf("search %s: %+v %v, want no placeholder", expression, list, err)
		}
	}
}

func TestListResourcesBatchesPublicIDs(t *testing.T) {
	c, emu := newEmulatedClient(t)
	ctx := context.Background()
	var ids []string
	for i := 0; i < 250; i++ {
		id := fmt.Sprintf("a%03d", i)
		ids = append(ids, id)
		if _, err := c.Upload(ctx, "raw", Source{ContentBase64: "aGk="}, UploadOptions{PublicID: id}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := c.ListResources(ctx, ResourceQuery{ResourceType: "raw", Type: "upload", PublicIDs: ids})
	if err != nil || len(list) != 250 {
		t.Fatalf("%d %v", len(list), err)
	}
	if n := emu.Counters().Route("GET /resources/{resource_type}/{type}"); n != 3 {
		t.Fatalf("%d calls for 250 IDs, want 3", n)
	}
}

// retryServer answers from a script of handlers, one per attempt.
func retryServer(t *testing.T, script ...http.HandlerFunc) (*Client, *atomic.Int32) {
	t.Helper()
	srvURL, calls := scriptedServer(t, script...)
	c, err := New(Config{CloudName: "demo", APIKey: "k", APISecret: "s3cr3t", BaseURL: srvURL,
		MinRetryWait: time.Millisecond, MaxRetryWait: 10 * time.Millisecond, MaxRateLimitWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, calls
}

// scriptedServer answers its n-th request with script[n], and every
// request after the script's end with its last handler.
func scriptedServer(t *testing.T, script ...http.HandlerFunc) (string, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		script[min(n, len(script)-1)](w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &calls
}

func ok(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"status":"ok"}`)) }

func status(code int, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		_, _ = fmt.Fprintf(w, `{"error":{"message":"status %d"}}`, code)
	}
}

func TestRetryNearRateLimitReset(t *testing.T) {
	reset := time.Now().Add(1500 * time.Millisecond).UTC().Format(http.TimeFormat)
	c, calls := retryServer(t, status(420, "X-FeatureRateLimit-Reset", reset), ok)
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Fatalf("%d calls", calls.Load())
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	c, calls := retryServer(t, status(429, "Retry-After", "0"), ok)
	if err := c.Ping(context.Background()); err != nil || calls.Load() != 2 {
		t.Fatalf("%v after %d calls", err, calls.Load())
	}
}

func TestFarRateLimitResetFailsFast(t *testing.T) {
	resetAt := time.Now().Add(40 * time.Minute).UTC().Truncate(time.Second)
	c, calls := retryServer(t, status(420, "X-FeatureRateLimit-Reset", resetAt.Format(http.TimeFormat)), ok)
	err := c.Ping(context.Background())
	if !IsRateLimited(err) || calls.Load() != 1 {
		t.Fatalf("%v after %d calls", err, calls.Load())
	}
	if !strings.Contains(err.Error(), resetAt.Format(time.RFC3339)) {
		t.Fatalf("the error does not say when the limit resets: %v", err)
	}
}

func TestRetryServerErrorsThenSuccess(t *testing.T) {
	c, calls := retryServer(t, status(500), status(503), ok)
	if err := c.Ping(context.Background()); err != nil || calls.Load() != 3 {
		t.Fatalf("%v after %d calls", err, calls.Load())
	}
}

func TestRetriesGiveUpWithTheLastError(t *testing.T) {
	c, calls := retryServer(t, status(502))
	err := c.Ping(context.Background())
	if statusOf(err) != 502 || calls.Load() != 6 {
		t.Fatalf("%v after %d calls (want 1 + 5 retries)", err, calls.Load())
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	c, calls := retryServer(t, status(404), ok)
	if err := c.Ping(context.Background()); !IsNotFound(err) || calls.Load() != 1 {
		t.Fatalf("%v after %d calls", err, calls.Load())
	}
}

// The wait before a retry ends with the caller's context. The reset is a
// minute away and the bound is generous, so that a slow, shared machine
// cannot fail the test while a wait that ignored the context still would.
func TestContextCancelStopsRetryWait(t *testing.T) {
	reset := time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)
	c, _ := retryServer(t, status(420, "X-FeatureRateLimit-Reset", reset))
	c.maxRateLimitWait = 2 * time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Ping(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	if time.Since(start) > 20*time.Second {
		t.Fatal("the retry wait ignored the cancelled context")
	}
}

func TestConnectionErrorsAreRetried(t *testing.T) {
	emu := emulator.New(emulator.Options{HourlyLimit: -1})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	c, err := New(Config{CloudName: emu.CloudName(), APIKey: emu.APIKey(), APISecret: emu.APISecret(),
		BaseURL: srv.URL, MinRetryWait: time.Millisecond, MaxRetryWait: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	emu.Faults().Add(emulator.Fault{Times: 2, HangUp: true})
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if emu.Counters().Route("GET /ping") != 3 {
		t.Fatalf("calls %v", emu.Counters().Snapshot())
	}
}

func TestSignedRetryGetsAFreshBody(t *testing.T) {
	c, emu := newEmulatedClient(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	_ = os.WriteFile(file, []byte("streamed"), 0o600)
	emu.Faults().Add(emulator.Fault{Path: "/raw/upload", Times: 2, Status: 503})
	r, err := c.Upload(context.Background(), "raw", Source{FilePath: file}, UploadOptions{PublicID: "a.txt"})
	if err != nil || r.Bytes != 8 {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestErrorsNeverCarryTheSecret(t *testing.T) {
	c, _ := retryServer(t, status(401))
	err := c.Ping(context.Background())
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("err %v", err)
	}
}

func TestTriggersAndSearch(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	tr, err := c.CreateTrigger(ctx, TriggerSettings{URI: "https://hooks.example.com/a", EventType: "upload"})
	if err != nil || tr.ID == "" || tr.EventType != "upload" {
		t.Fatalf("create %+v %v", tr, err)
	}
	if _, err := c.CreateTrigger(ctx, TriggerSettings{URI: "https://hooks.example.com/a", EventType: "upload"}); !IsAlreadyExists(err) {
		t.Fatalf("duplicate: %v", err)
	}
	if err := c.UpdateTrigger(ctx, tr.ID, TriggerSettings{URI: "https://hooks.example.com/b", EventType: "upload"}); err != nil {
		t.Fatal(err)
	}
	list, err := c.ListTriggers(ctx, "upload")
	if err != nil || len(list) != 1 || list[0].URI != "https://hooks.example.com/b" {
		t.Fatalf("list %+v %v", list, err)
	}
	if err := c.DeleteTrigger(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteTrigger(ctx, tr.ID); !IsNotFound(err) {
		t.Fatalf("second delete: %v", err)
	}
	for i := 0; i < 3; i++ {
		if _, err := c.Upload(ctx, "raw", Source{ContentBase64: "aGk="}, UploadOptions{PublicID: fmt.Sprint(i), AssetFolder: ptr("shop/items")}); err != nil {
			t.Fatal(err)
		}
	}
	found, err := c.Search(ctx, SearchQuery{Expression: `asset_folder="shop/items"`})
	if err != nil || len(found) != 3 {
		t.Fatalf("search %d %v", len(found), err)
	}
	if _, err := c.CreateFolder(ctx, "shop/empty"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteFolder(ctx, "shop/items"); statusOf(err) != 400 {
		t.Fatalf("deleting a folder with assets: %v", err)
	}
	if err := c.DeleteFolder(ctx, "shop/empty"); err != nil {
		t.Fatal(err)
	}
}
