package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// badInputs is the table of bad input per attribute class and the
// diagnostic each gets, all at plan time (no API call). The README shows it.
var badInputs = []struct {
	class, hcl, diagnostic string
}{
	{"name", `resource "cloudinary_upload_preset" "x" { name = "web uploads" }`, `Attribute name must contain only letters, digits, _ and -`},
	{"name", `resource "cloudinary_named_transformation" "x" {
  name           = "t_thumb"
  transformation = "w_10"
}`, `Attribute name must be given without the "t_" prefix`},
	{"URL", `resource "cloudinary_upload_mapping" "x" {
  folder   = "wiki"
  template = "wiki.example.com/images"
}`, `Attribute template must be an absolute URL`},
	{"URL", `resource "cloudinary_trigger" "x" {
  uri        = "ftp://hooks.example.com"
  event_type = "upload"
}`, `Attribute uri must be an absolute http:// or https:// URL`},
	{"transformation", `resource "cloudinary_named_transformation" "x" {
  name           = "thumb"
  transformation = "c_fill,w_100/zz_3"
}`, `Invalid transformation.*step 2, component "zz_3": unknown parameter "zz"`},
	{"transformation value", `resource "cloudinary_named_transformation" "x" {
  name           = "thumb"
  transformation = "c_fil,w_100"
}`, `Invalid transformation.*step 1, component "c_fil": crop mode "fil" is not one of`},
	{"transformation value", `resource "cloudinary_upload_preset" "x" {
  name           = "x"
  transformation = "c_limit,w_abc"
}`, `Invalid transformation.*component "w_abc": "abc" is not a size`},
	{"transformation value", `resource "cloudinary_streaming_profile" "x" {
  name            = "x"
  representations = [{ transformation = "w_640" }, { transformation = "c_fill,w_zz" }]
}`, `Invalid transformation.*Attribute representations\[1\]\.transformation: "c_fill,w_zz".*component "w_zz"`},
	{"transformation in a list", `resource "cloudinary_upload_preset" "x" {
  name  = "x"
  eager = ["w_10", "c_fill,,w_2"]
}`, `Invalid transformation.*Attribute eager\[1\]: "c_fill,,w_2"`},
	{"public ID", `resource "cloudinary_asset" "x" {
  content_base64 = "aGk="
  public_id      = "photos/a?b"
}`, `Attribute public_id must not begin or end with a slash`},
	{"folder path", `resource "cloudinary_folder" "x" { path = "a//b" }`, `Attribute path must be a folder path without a leading or trailing slash, empty segments`},
	{"enum", `resource "cloudinary_upload_preset" "x" {
  name        = "x"
  access_mode = "secret"
}`, `Attribute access_mode value must be one of: \["public" "authenticated"\]`},
	{"enum", `resource "cloudinary_trigger" "x" {
  uri        = "https://hooks.example.com"
  event_type = "uploaded"
}`, `Attribute event_type value must be one of`},
	{"number range", `resource "cloudinary_upload_preset" "x" {
  name         = "x"
  auto_tagging = 1.5
}`, `Attribute auto_tagging value must be between 0\.000000 and 1\.000000`},
	{"conflicting attributes", `resource "cloudinary_asset" "x" {
  content_base64 = "aGk="
  url            = "https://example.com/a.png"
}`, `Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[file,url,content_base64,content_base64_wo\]`},
	{"missing attribute", `resource "cloudinary_asset" "x" { public_id = "a" }`, `Missing Attribute Configuration`},
	{"local file", `resource "cloudinary_asset" "x" { file = "/" }`, `Not a regular file`},
	{"duplicate setting", `resource "cloudinary_upload_preset" "x" {
  name           = "x"
  extra_settings = { folder = "a" }
}`, `Setting has its own attribute.*Attribute extra_settings\["folder"\]`},
	{"metadata default", `resource "cloudinary_metadata_field" "x" {
  external_id   = "x"
  type          = "enum"
  label         = "X"
  datasource    = [{ external_id = "a", value = "A" }]
  default_value = "b"
}`, `Not in the datasource.*"b" is not the external_id of any datasource entry of this field`},
	{"metadata datasource", `resource "cloudinary_metadata_field" "x" {
  external_id = "x"
  type        = "set"
  label       = "X"
  datasource  = [{ external_id = "a", value = "A" }, { external_id = "a", value = "B" }]
}`, `Duplicate datasource external ID.*Attribute datasource\[1\]\.external_id`},
	{"metadata validation", `resource "cloudinary_metadata_field" "x" {
  external_id = "x"
  type        = "integer"
  label       = "X"
  validation  = { strlen = { max = 3 } }
}`, `Validation does not fit the type.*Attribute validation\.strlen: strlen applies to string fields; this field is of type integer`},
	{"metadata rule result", `resource "cloudinary_metadata_rule" "x" {
  metadata_field_id = "category"
  name              = "x"
  condition         = jsonencode({ metadata_field_id = "kind", populated = true })
  result            = { activate_values = { all = true, mode = "override" } }
}`, `Mode needs external_ids.*Attribute result\.activate_values\.mode`},
}

func TestAccBadInputTable(t *testing.T) {
	env := newTestEnv(t)
	steps := make([]resource.TestStep, 0, len(badInputs))
	for _, b := range badInputs {
		steps = append(steps, resource.TestStep{
			Config: env.config(b.hcl + "\n"), PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)` + spaced(b.diagnostic)),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	env.expectNoAPICalls(t)
}

// spaced lets a pattern match across the line breaks Terraform inserts.
func spaced(pattern string) string {
	return regexp.MustCompile(` `).ReplaceAllString(pattern, `\s+`)
}

// Two resources of one configuration that create the same object: the
// error says so, rather than advising to import what the other one made.
func TestAccSameNameTwiceInOneConfiguration(t *testing.T) {
	env := newTestEnv(t)
	twice := func(block string) string {
		return env.config(block + "\n" + strings.Replace(block, `" "a"`, `" "b"`, 1))
	}
	step := func(block, kind string) resource.TestStep {
		return resource.TestStep{
			Config:      twice(block),
			ExpectError: regexp.MustCompile(`(?s)Two resources create the same ` + kind + `.*Another resource of this\s+configuration is also creating`),
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`resource "cloudinary_upload_preset" "a" { name = "twin" }`, "upload preset"),
			step(`resource "cloudinary_folder" "a" { path = "twin" }`, "folder"),
			step(`resource "cloudinary_named_transformation" "a" {
  name           = "twin"
  transformation = "w_10"
}`, "named transformation"),
			step(`resource "cloudinary_trigger" "a" {
  uri        = "https://hooks.example.com/twin"
  event_type = "upload"
}`, "upload trigger for"),
			step(`resource "cloudinary_asset" "a" {
  content_base64 = "aGk="
  public_id      = "twin.txt"
  resource_type  = "raw"
}`, "asset"),
		},
	})
}
