package provider

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func assetFileConfig(file, extra string) string {
	return fmt.Sprintf(`
resource "cloudinary_asset" "logo" {
  file      = %q
  public_id = "brand/logo"
  %s
}
`, file, extra)
}

// versionOf reads the version in state, to compare across steps.
func versionOf(addr string, into *int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		v, err := strconv.ParseInt(s.RootModule().Resources[addr].Primary.Attributes["version"], 10, 64)
		*into = v
		return err
	}
}

func TestAccAsset_fromFile(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_asset.logo"
	file := filepath.Join(t.TempDir(), "logo.png")
	writeFile(t, file, pngOf(t, 40, 20))
	var v1, v2 int64
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	meta := `
  asset_folder = "brand"
  display_name = "Logo"
  tags         = ["brand", "web"]
  context      = { alt = "Our logo = best | ever", owner = "design" }
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(assetFileConfig(file, meta)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("image/upload/brand/logo")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("width"), knownvalue.Int64Exact(40)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("format"), knownvalue.StringExact("png")),
				},
				Check: resource.ComposeTestCheckFunc(versionOf(addr, &v1), func(*terraform.State) error {
					got, err := env.client.GetResource(bg, "image", "upload", "brand/logo")
					if err != nil || got.Context["alt"] != "Our logo = best | ever" || len(got.Tags) != 2 {
						return fmt.Errorf("stored %+v: %w", got, err)
					}
					return nil
				}),
			},
			{
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				// An import takes the asset's own delivery URL as its source.
				ImportStateVerifyIgnore: []string{"file", "source_hash", "url"},
			},
			{
				// Tags, context, folder and display name change in place.
				Config: env.config(assetFileConfig(file, `
  asset_folder = "brand/2026"
  display_name = "Logo 2026"
  tags         = ["brand"]
  context      = {}
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
				Check: func(s *terraform.State) error {
					got, err := env.client.GetResource(bg, "image", "upload", "brand/logo")
					if err != nil || got.AssetFolder != "brand/2026" || len(got.Context) != 0 || fmt.Sprint(got.Tags) != "[brand]" {
						return fmt.Errorf("stored %+v: %w", got, err)
					}
					var v int64
					if err := versionOf(addr, &v)(s); err != nil || v != v1 {
						return fmt.Errorf("a metadata change uploaded again (version %d, was %d)", v, v1)
					}
					return nil
				},
			},
			{
				// New content: uploaded again over the same public ID.
				PreConfig: func() { writeFile(t, file, pngOf(t, 80, 30)) },
				Config: env.config(assetFileConfig(file, `
  asset_folder = "brand/2026"
  display_name = "Logo 2026"
  tags         = ["brand"]
  context      = {}
`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("width"), knownvalue.Int64Exact(80))},
				Check: resource.ComposeTestCheckFunc(versionOf(addr, &v2), func(*terraform.State) error {
					if v2 <= v1 {
						return fmt.Errorf("version %d after re-upload, was %d", v2, v1)
					}
					return nil
				}),
			},
			{
				// Drift: destroyed outside Terraform, uploaded again.
				PreConfig: func() {
					if _, err := env.client.Destroy(bg, "image", "upload", "brand/logo", false); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.config(assetFileConfig(file, `tags = ["brand"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)}, PostApplyPostRefresh: emptyAfter},
				Check:            versionOf(addr, &v2),
			},
			{
				// A new public ID renames the asset in place: same asset, same version.
				Config: env.config(`
resource "cloudinary_asset" "logo" {
  file      = "` + file + `"
  public_id = "brand/logo_v2"
  tags      = ["brand"]
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}, PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("image/upload/brand/logo_v2")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secure_url"), knownvalue.StringRegexp(regexp.MustCompile(`/brand/logo_v2\.png$`))),
				},
				Check: func(s *terraform.State) error {
					var v int64
					if err := versionOf(addr, &v)(s); err != nil || v != v2 {
						return fmt.Errorf("the rename uploaded again (version %d, was %d)", v, v2)
					}
					if _, err := env.client.GetResource(bg, "image", "upload", "brand/logo"); err == nil {
						return fmt.Errorf("the old public ID still exists")
					}
					return nil
				},
			},
			{
				// A new delivery type replaces the asset.
				Config: env.config(`
resource "cloudinary_asset" "logo" {
  file      = "` + file + `"
  public_id = "brand/logo_v2"
  type      = "private"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)}, PostApplyPostRefresh: emptyAfter},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, typ := range []string{"upload", "private"} {
				if _, err := env.client.GetResource(bg, "image", typ, "brand/logo_v2"); err == nil {
					return fmt.Errorf("asset %s/brand/logo_v2 still exists", typ)
				}
			}
			return nil
		},
	})
}

func TestAccAsset_fromURLAndBase64(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t) // Cloudinary cannot fetch from this machine's loopback
	content := pngOf(t, 12, 12)
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(content) }))
	defer remote.Close()
	config := env.config(fmt.Sprintf(`
resource "cloudinary_asset" "remote" {
  url           = "%s/banner.png"
  resource_type = "auto"
}

resource "cloudinary_asset" "inline" {
  content_base64 = %q
  public_id      = "notes/readme.txt"
  resource_type  = "raw"
  tags           = ["docs"]
}
`, remote.URL, base64.StdEncoding.EncodeToString([]byte("read me"))))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudinary_asset.remote", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^image/upload/[0-9a-z]{20}$`))),
					statecheck.ExpectKnownValue("cloudinary_asset.remote", tfjsonpath.New("width"), knownvalue.Int64Exact(12)),
					statecheck.ExpectKnownValue("cloudinary_asset.inline", tfjsonpath.New("bytes"), knownvalue.Int64Exact(7)),
					statecheck.ExpectKnownValue("cloudinary_asset.inline", tfjsonpath.New("id"), knownvalue.StringExact("raw/upload/notes/readme.txt")),
				},
			},
			{ResourceName: "cloudinary_asset.inline", ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"content_base64", "source_hash", "url"}},
		},
	})
}

func TestAccAsset_badInput(t *testing.T) {
	env := newTestEnv(t)
	file := filepath.Join(t.TempDir(), "a.png")
	writeFile(t, file, pngOf(t, 2, 2))
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: env.config("resource \"cloudinary_asset\" \"a\" {\n" + body + "\n}\n"), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	steps := []resource.TestStep{
		step(fmt.Sprintf("file = %q\n url = \"https://x.example.com/a.png\"", file), `(?s)Invalid Attribute Combination`),
		step(`resource_type = "image"`, `(?s)Missing Attribute Configuration`),
		step(fmt.Sprintf("file = %q", filepath.Dir(file)), `(?s)Not a regular file`),
		step(`content_base64 = "!!not base64"`, `(?s)Invalid base64 content`),
		step(`url = "ftp://x.example.com/a"`, `(?s)Attribute url`),
		step(fmt.Sprintf("file = %q\n resource_type = \"sound\"", file), `(?s)Attribute resource_type`),
	}
	for _, bad := range []string{"a?b", "a&b", "a#b", `a\\b`, "a%b", "a<b", "a>b", "a+b", "/lead", "trail/", "a/../b", "a//b", "./a"} {
		steps = append(steps, step(fmt.Sprintf("file = %q\n public_id = %q", file, bad), `(?s)Attribute public_id`))
	}
	// A control character, written with HCL's own escape.
	steps = append(steps, step(fmt.Sprintf("file = %q\n public_id = \"a\\u0001b\"", file), `(?s)Attribute public_id must not have empty`))
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	env.expectNoAPICalls(t)
}

// Reads of many assets are batched: a refresh of 150 assets lists them in a
// handful of calls of many public IDs each (as many as Terraform reads at
// once, 10 by default), not 150 calls.
func TestAccAsset_batchedReads(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	config := env.config(`
resource "cloudinary_asset" "many" {
  count          = 150
  content_base64 = base64encode("asset ${count.index}")
  public_id      = "bulk/${count.index}.txt"
  resource_type  = "raw"
}
`)
	var calls int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{PreConfig: func() { env.emu.Counters().Reset() }, Config: config, PlanOnly: true},
			{PreConfig: func() { calls = env.readCalls() }, Config: config, PlanOnly: true},
		},
	})
	t.Logf("Admin API calls to plan 150 assets: %d", calls)
	// Terraform reads 10 at a time, so 15 calls is the floor. A batch goes out
	// when no read has joined it for 15 ms, and on a loaded 2-core machine
	// Terraform's reads can come further apart than that: 50 calls (3 reads
	// per call on average) still proves batching without failing there.
	if calls == 0 || calls > 50 {
		t.Fatalf("planning 150 assets made %d Admin API calls; want a few batched listings", calls)
	}
}

// An asset with no public ID in its configuration gets one before the first
// attempt, so that a retry after a lost answer finds the asset instead of
// making a second: Cloudinary holds exactly the asset the state holds.
func TestAccAsset_noOrphanWhenTheAnswerIsLost(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	addr := "cloudinary_asset.a"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", Times: 1, HangUp: true, AfterHandling: true})
				},
				Config: env.config(`
resource "cloudinary_asset" "a" {
  content_base64 = base64encode("no public id")
  resource_type  = "raw"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(s *terraform.State) error {
					if env.emu.Faults().Injected() != 1 {
						return fmt.Errorf("the fault did not fire")
					}
					stored, err := env.client.Search(bg, client.SearchQuery{})
					if err != nil || len(stored) != 1 {
						return fmt.Errorf("Cloudinary holds %d assets (%w), want 1", len(stored), err)
					}
					if id := s.RootModule().Resources[addr].Primary.Attributes["public_id"]; stored[0].PublicID != id {
						return fmt.Errorf("Cloudinary holds %q, the state %q", stored[0].PublicID, id)
					}
					return nil
				},
			},
		},
	})
}

// A file that another resource makes during the apply (here a provisioner,
// as local_file would) is read at apply time, whether its path is known at
// plan time or not.
func TestAccAsset_fileMadeDuringTheApply(t *testing.T) {
	env := newTestEnv(t)
	dir := t.TempDir()
	config := env.config(fmt.Sprintf(`
resource "terraform_data" "known_path" {
  provisioner "local-exec" {
    command = "printf 'made at apply' > %[1]s/known.txt"
  }
}

resource "cloudinary_asset" "known_path" {
  file          = "%[1]s/known.txt"
  public_id     = "known.txt"
  resource_type = "raw"
  depends_on    = [terraform_data.known_path]
}

resource "terraform_data" "unknown_path" {
  provisioner "local-exec" {
    command = "printf 'also made' > %[1]s/${self.id}.txt"
  }
}

resource "cloudinary_asset" "unknown_path" {
  file          = "%[1]s/${terraform_data.unknown_path.id}.txt"
  public_id     = "unknown.txt"
  resource_type = "raw"
}
`, dir))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ExternalProviders:        map[string]resource.ExternalProvider{"terraform": {Source: "terraform.io/builtin/terraform"}},
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudinary_asset.known_path", tfjsonpath.New("bytes"), knownvalue.Int64Exact(13)),
					statecheck.ExpectKnownValue("cloudinary_asset.unknown_path", tfjsonpath.New("bytes"), knownvalue.Int64Exact(9)),
					// printf 'made at apply' | sha256sum
					statecheck.ExpectKnownValue("cloudinary_asset.known_path", tfjsonpath.New("source_hash"),
						knownvalue.StringExact("5b8fe3347a4c876f84b5f10fd9573fd67f4d6caa4884032fef36201a0f1b81e6")),
				},
			},
		},
	})
}

// The content behind a URL is not watched; changing source_version fetches
// it again.
func TestAccAsset_sourceVersionFetchesAgain(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t) // Cloudinary cannot fetch from this machine's loopback
	content := []byte("first")
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(content) }))
	defer remote.Close()
	addr := "cloudinary_asset.doc"
	config := func(version string) string {
		return env.config(fmt.Sprintf(`
resource "cloudinary_asset" "doc" {
  url            = "%s/doc.txt"
  public_id      = "doc.txt"
  resource_type  = "raw"
  source_version = %q
}
`, remote.URL, version))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("etag"), knownvalue.StringExact(md5Hex("first"))),
					// printf '%s' "$URL" | sha256sum: the hash of the URL string.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("source_hash"), knownvalue.StringExact(sha256Hex(remote.URL+"/doc.txt"))),
				},
			},
			{
				PreConfig:          func() { content = []byte("second") },
				Config:             config("1"),
				PlanOnly:           true, // not watched: no change planned
				ExpectNonEmptyPlan: false,
			},
			{
				Config: config("2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("etag"), knownvalue.StringExact(md5Hex("second")))},
			},
		},
	})
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// The asset's metadata as Cloudinary holds it, "id=value" in key order.
func assetMetadataOf(t *testing.T, env *testEnv, publicID string) string {
	t.Helper()
	got, err := env.client.ListResources(bg, client.ResourceQuery{ResourceType: "raw", PublicIDs: []string{publicID}, WithMetadata: true})
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("asset %s not found", publicID)
	}
	var out []string
	for _, id := range sortedKeysOf(got[0].Metadata) {
		out = append(out, id+"="+string(got[0].Metadata[id]))
	}
	return strings.Join(out, " ")
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func assetWithMetadata(metadata string) string {
	return metadataSchemaConfig(redGreenBlue, "SKU") + fmt.Sprintf(`
resource "cloudinary_asset" "sheet" {
  content_base64 = base64encode("spec sheet")
  public_id      = "sheets/spec.txt"
  resource_type  = "raw"
  metadata       = %s
  depends_on     = [cloudinary_metadata_field.sku, cloudinary_metadata_field.stock, cloudinary_metadata_field.colors]
}
`, metadata)
}

// Metadata values are set on upload, changed in place with the metadata
// method, compared by meaning (a set's order does not matter), and only
// the fields the configuration names are managed.
func TestAccAsset_metadata(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_asset.sheet"
	expect := func(want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			if got := assetMetadataOf(t, env, "sheets/spec.txt"); got != want {
				return fmt.Errorf("metadata %s, want %s", got, want)
			}
			return nil
		}
	}
	inPlace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(assetWithMetadata(`{ sku = "AB-1", stock = "12", colors = jsonencode(["red", "blue"]) }`)),
				Check:  expect(`colors=["red","blue"] sku="AB-1" stock=12`),
			},
			{
				// Another order of the same set is the same value.
				Config:           env.config(assetWithMetadata(`{ sku = "AB-1", stock = "12", colors = jsonencode(["blue", "red"]) }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
			{
				// A field left out is cleared; the others change in place, without an upload.
				Config:           env.config(assetWithMetadata(`{ sku = "AB-2", colors = jsonencode(["green"]) }`)),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("version"), knownvalue.NotNull()),
				},
				Check: expect(`colors=["green"] sku="AB-2"`),
			},
			{
				// A value someone gives a field the configuration does not name is not drift;
				// a managed value changed outside Terraform is.
				PreConfig: func() {
					_, err := env.client.UpdateAssetMetadata(bg, "raw", "upload", []string{"sheets/spec.txt"}, map[string]string{"stock": "3", "sku": "XX"})
					must(t, err)
				},
				Config:           env.config(assetWithMetadata(`{ sku = "AB-2", colors = jsonencode(["green"]) }`)),
				ConfigPlanChecks: inPlace,
				Check:            expect(`colors=["green"] sku="AB-2" stock=3`),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"content_base64", "source_hash", "url", "metadata.%", "metadata.stock"}},
			{
				// A value the field refuses fails the plan (it failed the apply before).
				Config:      env.config(assetWithMetadata(`{ colors = jsonencode(["purple"]) }`)),
				ExpectError: regexp.MustCompile(`(?s)Invalid metadata value.*Attribute metadata\["colors"\]: "purple" is not the external ID`),
			},
		},
	})
}

// An upload that fails because of its source shows the error on the source
// attribute: Terraform quotes that line of the configuration. Cloudinary
// answers 400 "Error in loading URL - 404 Not Found" for a URL it cannot
// fetch (as quoted in cloudinary_npm issue 269 for a 403).
func TestAccAsset_sourceErrorNamesTheAttribute(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	missing := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(missing.Close)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(fmt.Sprintf(`
resource "cloudinary_asset" "remote" {
  url       = "%s/gone.png"
  public_id = "remote"
}
`, missing.URL)),
			ExpectError: regexp.MustCompile(`(?s)Cannot upload the asset.*\d+:\s+url\s+=.*Error in loading.*404`),
		}},
	})
}

// An upload sends what the plan sets and knows, through the client's typed
// options: nothing for null or unknown values, empty tags and context for
// known empty ones (so that a re-upload clears them), and no structured
// metadata when there is none.
func TestUnitAssetUploadOptions(t *testing.T) {
	strs := func(items ...string) types.Set {
		values := make([]attr.Value, len(items))
		for i, it := range items {
			values[i] = types.StringValue(it)
		}
		return types.SetValueMust(types.StringType, values)
	}
	m := assetModel{
		PublicID: types.StringValue("a"), Type: types.StringValue("private"), Invalidate: types.BoolValue(true),
		UploadPreset: types.StringNull(), AssetFolder: types.StringUnknown(), DisplayName: types.StringValue("A"), AccessMode: types.StringNull(),
		Tags: strs("b", "a"), Context: types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("v")}),
		Metadata: types.MapValueMust(spellingType{spelling: metadataValue}, map[string]attr.Value{}),
	}
	opts, diags := uploadOptions(bg, m, false)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := client.UploadOptions{PublicID: "a", Type: "private", Overwrite: ptrTo(false), Invalidate: true, DisplayName: ptrTo("A"),
		Tags: []string{"a", "b"}, Context: map[string]string{"k": "v"}}
	if fmt.Sprintf("%+v", deref(opts)) != fmt.Sprintf("%+v", deref(want)) {
		t.Errorf("got %+v, want %+v", deref(opts), deref(want))
	}

	m.Tags, m.Context, m.Metadata = strs(), types.MapValueMust(types.StringType, map[string]attr.Value{}), types.MapNull(spellingType{spelling: metadataValue})
	opts, _ = uploadOptions(bg, m, true)
	if opts.Tags == nil || len(opts.Tags) != 0 || opts.Context == nil || len(opts.Context) != 0 || opts.Metadata != nil || !*opts.Overwrite {
		t.Errorf("known empty tags and context must be sent empty, no metadata none: %+v", deref(opts))
	}
	m.Tags, m.Context = types.SetUnknown(types.StringType), types.MapNull(types.StringType)
	opts, _ = uploadOptions(bg, m, true)
	if opts.Tags != nil || opts.Context != nil {
		t.Errorf("unknown tags and null context must be left out: %+v", deref(opts))
	}
}

func ptrTo[T any](v T) *T { return &v }

// deref shows the options' pointers as the values they point at.
func deref(o client.UploadOptions) map[string]any {
	show := func(p *string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	var overwrite any
	if o.Overwrite != nil {
		overwrite = *o.Overwrite
	}
	return map[string]any{"public_id": o.PublicID, "type": o.Type, "overwrite": overwrite, "invalidate": o.Invalidate,
		"upload_preset": show(o.UploadPreset), "asset_folder": show(o.AssetFolder), "display_name": show(o.DisplayName),
		"access_mode": show(o.AccessMode), "tags": o.Tags, "context": o.Context, "metadata": o.Metadata, "other": o.Other}
}
