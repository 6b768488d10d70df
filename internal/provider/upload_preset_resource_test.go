package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

const presetEveryAttribute = `
resource "cloudinary_upload_preset" "web" {
  name                                 = "web_uploads"
  unsigned                             = true
  disallow_public_id                   = true
  folder                               = "web/in"
  asset_folder                         = "web/assets"
  use_asset_folder_as_public_id_prefix = false
  public_id_prefix                     = "site"
  display_name                         = "Web upload"
  use_filename                         = true
  unique_filename                      = false
  use_filename_as_display_name         = true
  overwrite                            = false
  resource_type                        = "image"
  type                                 = "upload"
  access_mode                          = "public"
  tags                                 = ["web", "incoming"]
  context                              = { alt = "a=b|c", source = "site" }
  allowed_formats                      = ["jpg", "png", "webp"]
  format                               = "webp"
  transformation                       = "w_2000,c_limit/q_auto"
  eager                                = ["w_400,h_300,c_pad", "c_thumb,w_100,g_face"]
  eager_async                          = true
  eager_notification_url               = "https://hooks.example.com/eager"
  backup                               = true
  invalidate                           = true
  moderation                           = "aws_rek|manual"
  notification_url                     = "https://hooks.example.com/upload"
  return_delete_token                  = true
  faces                                = true
  colors                               = true
  media_metadata                       = true
  phash                                = true
  quality_analysis                     = true
  auto_tagging                         = 0.7
  categorization                       = "google_tagging"
  detection                            = "coco"
  ocr                                  = "adv_ocr"
  raw_convert                          = "aspose"
  background_removal                   = "cloudinary_ai"
  eval                                 = "upload_options['tags'] = 'evaluated'"
  on_success                           = "current_asset.update({tags: ['done']})"
  headers                              = "X-Robots-Tag: noindex"
  discard_original_filename            = true
  filename_override                    = "original.jpg"
  callback                             = "https://www.example.com/cloudinary_cors.html"
  proxy                                = "https://proxy.example.com:8080"
  async                                = false
  live                                 = true
  public_id                            = "site/hero"
  unique_display_name                  = true
  image_metadata                       = true
  exif                                 = false
  accessibility_analysis               = true
  cinemagraph_analysis                 = true
  visual_search                        = true
  similarity_search                    = "true"
  auto_chaptering                      = true
  auto_transcription                   = jsonencode({ translate = ["fr-FR", "he-IL"] })
  auto_video_details                   = jsonencode({ fields = ["title", "description"] })
  quality_override                     = "auto:best"
  clear_invalid                        = true
  access_control                       = jsonencode([{ access_type = "anonymous", start = "2025-01-01T00:00:00Z" }])
  responsive_breakpoints               = jsonencode([{ create_derived = true, max_images = 5 }])
  regions                              = jsonencode({ logo = [[10, 20], [110, 80]] })
  face_coordinates                     = [[10, 20, 150, 130], [213, 345, 82, 61]]
  custom_coordinates                   = [[85, 120, 220, 310]]
  extra_settings = {
    parameter_whitelist = "tags,context"
  }
}
`

func TestAccUploadPreset_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_upload_preset.web"
	updated := strings.NewReplacer(
		`tags                                 = ["web", "incoming"]`, `tags                                 = ["web"]`,
		`  folder                               = "web/in"`+"\n", "",
		`transformation                       = "w_2000,c_limit/q_auto"`, `transformation                       = "w_1600,c_limit"`,
		`parameter_whitelist = "tags,context"`, `parameter_whitelist = "tags"`,
		`live                                 = true`, `live                                 = false`,
		`jsonencode({ translate = ["fr-FR", "he-IL"] })`, `jsonencode(true)`,
		`[[10, 20, 150, 130], [213, 345, 82, 61]]`, `[[1, 2, 3, 4]]`,
		`  regions                              = jsonencode({ logo = [[10, 20], [110, 80]] })`+"\n", "",
		`quality_override                     = "auto:best"`, `quality_override                     = "80"`,
	).Replace(presetEveryAttribute)
	renamed := strings.Replace(updated, `"web_uploads"`, `"web_uploads_v2"`, 1)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(presetEveryAttribute),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("web_uploads")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("web"), knownvalue.StringExact("incoming")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auto_tagging"), knownvalue.Float64Exact(0.7)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(*terraform.State) error {
					p, err := env.client.GetUploadPreset(bg, "web_uploads")
					if err != nil {
						return err
					}
					if p.Settings["context"] != `alt=a\=b\|c|source=site` || p.Settings["parameter_whitelist"] != "tags,context" || !p.Unsigned ||
						p.Settings["live"] != "true" || p.Settings["public_id"] != "site/hero" || p.Settings["face_coordinates"] != "10,20,150,130|213,345,82,61" ||
						p.Settings["auto_transcription"] != `{"translate":["fr-FR","he-IL"]}` || p.Settings["regions"] != `{"logo":[[10,20],[110,80]]}` {
						return fmt.Errorf("stored preset %+v", p)
					}
					return nil
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config: env.config(updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					p, err := env.client.GetUploadPreset(bg, "web_uploads")
					if err != nil {
						return err
					}
					_, folder := p.Settings["folder"]
					_, regions := p.Settings["regions"]
					if folder || regions || p.Settings["tags"] != "web" || p.Settings["parameter_whitelist"] != "tags" || p.Settings["live"] != "false" ||
						p.Settings["auto_transcription"] != "true" || p.Settings["face_coordinates"] != "1,2,3,4" || p.Settings["quality_override"] != "80" {
						return fmt.Errorf("removed or changed settings not applied: %v", p.Settings)
					}
					return nil
				},
			},
			{
				Config: env.config(renamed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Drift: the preset is deleted outside Terraform and is re-created.
				PreConfig: func() { must(t, env.client.DeleteUploadPreset(bg, "web_uploads_v2")) },
				Config:    env.config(renamed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, err := env.client.GetUploadPreset(bg, "web_uploads_v2"); !client.IsNotFound(err) {
				return fmt.Errorf("preset still exists after destroy: %w", err)
			}
			return nil
		},
	})
}

// A preset made elsewhere, whose settings Cloudinary holds in other
// spellings, imports and then plans clean against equivalent HCL.
func TestAccUploadPreset_importEquivalentSpelling(t *testing.T) {
	env := newTestEnv(t)
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "legacy", Settings: map[string]string{
		"tags": "b,a", "transformation": "c_fill,h_100,w_150/e_sepia", "eager": "c_thumb,w_50|h_10",
		"overwrite": "1", "auto_tagging": "0.50", "context": "z=1|a=2",
		"regions": `{"b":[[1,2],[3,4]],"a":[[5,6],[7,8]]}`, "access_control": `[{"access_type":"token"}]`, "face_coordinates": "1,2,3,4",
	}}))
	config := env.config(`
import {
  to = cloudinary_upload_preset.legacy
  id = "legacy"
}

resource "cloudinary_upload_preset" "legacy" {
  name             = "legacy"
  tags             = ["a", "b"]
  transformation   = "w_150,h_100,c_fill/e_sepia"
  eager            = ["w_50,c_thumb", "h_10"]
  overwrite        = true
  auto_tagging     = 0.5
  context          = { a = "2", z = "1" }
  regions          = jsonencode({ a = [[5, 6], [7, 8]], b = [[1, 2], [3, 4]] })
  access_control   = "[ { \"access_type\": \"token\" } ]"
  face_coordinates = [[1, 2, 3, 4]]
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("cloudinary_upload_preset.legacy", plancheck.ResourceActionNoop)},
				},
			},
			{Config: config, PlanOnly: true},
			{
				// terraform plan -generate-config-out: the generated HCL imports
				// with a no-op plan.
				ResourceName:    "cloudinary_upload_preset.legacy",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "legacy",
				GenerateConfig:  true,
				Config:          env.providerBlock(),
			},
		},
	})
}

func TestAccUploadPreset_badInput(t *testing.T) {
	env := newTestEnv(t)
	cases := map[string]struct{ hcl, want string }{
		"name":           {`name = "has space"`, `(?s)Attribute name.*letters, digits`},
		"enum":           {"name = \"x\"\n  type = \"public\"", `(?s)Attribute type.*value must be one of`},
		"url":            {"name = \"x\"\n  notification_url = \"not a url\"", `(?s)notification_url.*absolute http`},
		"transformation": {"name = \"x\"\n  transformation = \"w_100,zz_3\"", `(?s)Invalid transformation.*zz_3`},
		"eager":          {"name = \"x\"\n  eager = [\"w_10\", \"c_fill,,w_2\"]", `(?s)Invalid transformation.*empty component`},
		"folder":         {"name = \"x\"\n  folder = \"/lead\"", `(?s)Attribute folder.*leading or trailing slash`},
		"auto_tagging":   {"name = \"x\"\n  auto_tagging = 2", `(?s)auto_tagging.*between`},
		"extra":          {"name = \"x\"\n  extra_settings = { tags = \"a\" }", `(?s)own attribute.*extra_settings`},
		"format":         {"name = \"x\"\n  allowed_formats = [\"jp g\"]", `(?s)allowed_formats.*file format`},
		"moderation":     {"name = \"x\"\n  moderation = \"by_hand\"", `(?s)moderation.*moderation kinds`},
		"json":           {"name = \"x\"\n  access_control = \"[{access_type: token}]\"", `(?s)Invalid JSON.*access_control.*not JSON`},
		"json kind":      {"name = \"x\"\n  regions = jsonencode([1, 2])", `(?s)Invalid JSON.*regions.*must be an object, not an array`},
		"rectangle":      {"name = \"x\"\n  face_coordinates = [[1, 2, 3]]", `(?s)face_coordinates\[0\].*must contain at least 4`},
		"negative":       {"name = \"x\"\n  custom_coordinates = [[1, -2, 3, 4]]", `(?s)custom_coordinates\[0\]\[1\].*at least 0`},
		"public_id":      {"name = \"x\"\n  public_id = \"/lead\"", `(?s)Attribute public_id.*must not begin or end with a slash`},
		"not a setting":  {"name = \"x\"\n  extra_settings = { upload_preset = \"other\" }", `(?s)Not a preset setting.*cannot\s+hold\s+"upload_preset"`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.config("resource \"cloudinary_upload_preset\" \"bad\" {\n  " + tc.hcl + "\n}\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	env.expectNoAPICalls(t)
}

func TestAccUploadPresetDataSource(t *testing.T) {
	env := newTestEnv(t)
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "existing", Unsigned: true, Settings: map[string]string{
		"tags": "a,b", "folder": "f", "parameter_whitelist": "tags", "live": "true", "face_coordinates": "1,2,3,4",
		"auto_transcription": `{"translate":["fr-FR"]}`,
	}}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`data "cloudinary_upload_preset" "p" { name = "existing" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("unsigned"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("folder"), knownvalue.StringExact("f")),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("overwrite"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("extra_settings"), knownvalue.MapExact(map[string]knownvalue.Check{"parameter_whitelist": knownvalue.StringExact("tags")})),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("live"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("face_coordinates"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ListExact([]knownvalue.Check{
						knownvalue.Int64Exact(1), knownvalue.Int64Exact(2), knownvalue.Int64Exact(3), knownvalue.Int64Exact(4)})})),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("auto_transcription"), knownvalue.StringExact(`{"translate":["fr-FR"]}`)),
				statecheck.ExpectKnownValue("data.cloudinary_upload_preset.p", tfjsonpath.New("public_id"), knownvalue.Null()),
			},
		}, {
			Config:      env.config(`data "cloudinary_upload_preset" "p" { name = "missing" }`),
			ExpectError: regexp.MustCompile(`no upload preset named "missing"`),
		}},
	})
}

// driftPreset is a preset with one setting of each class.
const driftPreset = `
resource "cloudinary_upload_preset" "d" {
  name             = "drifting"
  folder           = "in"
  tags             = ["a", "b"]
  overwrite        = true
  auto_tagging     = 0.5
  transformation   = "c_limit,w_2000"
  eager            = ["c_thumb,w_100"]
  context          = { k = "v" }
  headers          = "X-Robots-Tag: noindex"
  categorization   = "google_tagging,imagga_tagging"
  moderation       = "aws_rek|manual"
  live             = true
  access_control   = jsonencode([{ access_type = "token" }])
  face_coordinates = [[1, 2, 3, 4]]
}
`

// A change or removal made in the console, of every class of setting, shows
// in the next plan; the same meaning written another way does not.
func TestAccUploadPreset_driftIsShown(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_upload_preset.d"
	outOfBand := func(settings map[string]string) func() {
		return func() {
			must(t, env.client.UpdateUploadPreset(bg, client.UploadPreset{Name: "drifting", Settings: settings}))
		}
	}
	steps := []resource.TestStep{{
		Config:           env.config(driftPreset),
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}}
	for _, change := range []struct {
		class, attribute string
		settings         map[string]string
	}{
		{"string changed", "folder", map[string]string{"folder": "elsewhere"}},
		{"string removed", "folder", map[string]string{"folder": ""}},
		{"list changed", "tags", map[string]string{"tags": "a,c"}},
		{"list removed", "tags", map[string]string{"tags": ""}},
		{"bool changed", "overwrite", map[string]string{"overwrite": "false"}},
		{"bool removed", "overwrite", map[string]string{"overwrite": ""}},
		{"number changed", "auto_tagging", map[string]string{"auto_tagging": "0.9"}},
		{"transformation changed", "transformation", map[string]string{"transformation": "c_limit,w_1000"}},
		{"transformation removed", "transformation", map[string]string{"transformation": ""}},
		{"eager changed", "eager", map[string]string{"eager": "c_thumb,w_100|w_50"}},
		{"context changed", "context", map[string]string{"context": "k=other"}},
		{"headers changed", "headers", map[string]string{"headers": "X-Robots-Tag: none"}},
		{"add-on list changed", "categorization", map[string]string{"categorization": "google_tagging"}},
		{"moderation changed", "moderation", map[string]string{"moderation": "manual|aws_rek"}},
		{"setting added", "faces", map[string]string{"faces": "true"}},
		{"preset flag changed", "live", map[string]string{"live": "false"}},
		{"JSON changed", "access_control", map[string]string{"access_control": `[{"access_type":"anonymous"}]`}},
		{"JSON removed", "access_control", map[string]string{"access_control": ""}},
		{"coordinates changed", "face_coordinates", map[string]string{"face_coordinates": "1,2,3,5"}},
		{"coordinates removed", "face_coordinates", map[string]string{"face_coordinates": ""}},
	} {
		steps = append(steps,
			resource.TestStep{
				PreConfig: outOfBand(change.settings),
				Config:    env.config(driftPreset),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					expectAttributeChange(addr, change.attribute, change.class),
				}},
			})
	}
	steps = append(steps, resource.TestStep{
		// The same meanings, spelled as Cloudinary or a person might: no change.
		PreConfig: outOfBand(map[string]string{
			"tags":             "b,a",
			"transformation":   "w_2000,c_limit",
			"headers":          "x-robots-tag:noindex",
			"categorization":   "imagga_tagging, google_tagging",
			"moderation":       "aws_rek | manual",
			"context":          "k=v",
			"auto_tagging":     "0.50",
			"overwrite":        "1",
			"live":             "1",
			"access_control":   `[ {"access_type" : "token"} ]`,
			"face_coordinates": "1,2,3,4",
		}),
		Config:           env.config(driftPreset),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// expectAttributeChange checks that a planned update changes the attribute.
func expectAttributeChange(addr, attribute, why string) plancheck.PlanCheck {
	return attributeChange{addr: addr, attribute: attribute, why: why}
}

type attributeChange struct{ addr, attribute, why string }

func (c attributeChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		if fmt.Sprint(before[c.attribute]) == fmt.Sprint(after[c.attribute]) {
			resp.Error = fmt.Errorf("%s: the plan does not change %s (%v)", c.why, c.attribute, before[c.attribute])
		}
		return
	}
	resp.Error = fmt.Errorf("%s: no planned change of %s", c.why, c.addr)
}

// An imported preset whose configuration spells its values otherwise than
// Cloudinary plans clean.
func TestAccUploadPreset_importRespelled(t *testing.T) {
	env := newTestEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: "respelled", Settings: map[string]string{
						"headers": "Link: <https://example.com>\nX-Robots-Tag: noindex", "categorization": "google_tagging,imagga_tagging",
						"moderation": "aws_rek|manual", "detection": "coco,lvis",
					}}))
				},
				Config: env.config(`
import {
  to = cloudinary_upload_preset.r
  id = "respelled"
}

resource "cloudinary_upload_preset" "r" {
  name           = "respelled"
  headers        = "x-robots-tag: noindex\nlink:<https://example.com>"
  categorization = "imagga_tagging, google_tagging"
  moderation     = "aws_rek | manual"
  detection      = "lvis,coco"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("cloudinary_upload_preset.r", plancheck.ResourceActionNoop)}},
			},
		},
	})
}

// A preset's metadata setting takes values by field external ID, compares
// a set's values in any order, and is given to what is uploaded through it.
func TestAccUploadPreset_metadata(t *testing.T) {
	env := newTestEnv(t)
	preset := func(colors string) string {
		return metadataSchemaConfig(redGreenBlue, "SKU") + fmt.Sprintf(`
resource "cloudinary_upload_preset" "sheets" {
  name       = "sheets"
  metadata   = { sku = "PRE-1", colors = jsonencode(%s) }
  depends_on = [cloudinary_metadata_field.sku, cloudinary_metadata_field.colors]
}

resource "cloudinary_asset" "through_preset" {
  content_base64 = base64encode("uploaded through the preset")
  public_id      = "sheets/preset.txt"
  resource_type  = "raw"
  upload_preset  = cloudinary_upload_preset.sheets.name
}
`, colors)
	}
	addr := "cloudinary_upload_preset.sheets"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(preset(`["red", "blue"]`)),
				Check: func(*terraform.State) error {
					if got := assetMetadataOf(t, env, "sheets/preset.txt"); got != `colors=["red","blue"] sku="PRE-1"` {
						return fmt.Errorf("metadata of an upload through the preset: %s", got)
					}
					return nil
				},
			},
			{
				Config:           env.config(preset(`["blue", "red"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				Config:           env.config(preset(`["green"]`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("metadata").AtMapKey("colors"), knownvalue.StringExact(`["green"]`)),
				},
			},
		},
	})
}
