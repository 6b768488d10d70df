package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// seedRaw uploads n raw assets through the Upload API (not rate limited).
func seedRaw(t *testing.T, env *testEnv, prefix string, n int, params url.Values) {
	t.Helper()
	for i := 0; i < n; i++ {
		q := client.UploadOptions{PublicID: fmt.Sprintf("%s%04d.txt", prefix, i), Other: params}
		if _, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGVsbG8="}, q); err != nil {
			t.Fatal(err)
		}
	}
}

// More assets than one page (500) carry the tag: every one is returned.
func TestAccAssetsDataSource_allPages(t *testing.T) {
	env := newTestEnv(t)
	seedRaw(t, env, "bulk/", 1200, url.Values{"tags": {"bulk"}, "context": {"batch=one"}})
	seedRaw(t, env, "other/", 5, url.Values{"tags": {"other"}})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PlanOnly:    true,
			Config:      env.config("data \"cloudinary_assets\" \"bad\" {\n  tag         = \"x\"\n  context_key = \"y\"\n}\n"),
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*"context_key" cannot be specified when "tag"`),
		}, {
			Config: env.config(`
data "cloudinary_assets" "tagged" {
  resource_type = "raw"
  tag           = "bulk"
}
data "cloudinary_assets" "limited" {
  resource_type = "raw"
  type          = "upload"
  max_results   = 7
  direction     = "asc"
}
data "cloudinary_assets" "prefixed" {
  resource_type = "raw"
  prefix        = "other/"
}
data "cloudinary_assets" "by_ids" {
  resource_type = "raw"
  public_ids    = ["other/0001.txt", "bulk/0003.txt", "missing"]
}
data "cloudinary_assets" "by_context" {
  resource_type = "raw"
  context_key   = "batch"
  context_value = "one"
  max_results   = 3
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudinary_assets.tagged", tfjsonpath.New("assets"), knownvalue.ListSizeExact(1200)),
				statecheck.ExpectKnownValue("data.cloudinary_assets.limited", tfjsonpath.New("assets"), knownvalue.ListSizeExact(7)),
				statecheck.ExpectKnownValue("data.cloudinary_assets.limited", tfjsonpath.New("assets").AtSliceIndex(0).AtMapKey("public_id"), knownvalue.StringExact("bulk/0000.txt")),
				statecheck.ExpectKnownValue("data.cloudinary_assets.prefixed", tfjsonpath.New("assets"), knownvalue.ListSizeExact(5)),
				statecheck.ExpectKnownValue("data.cloudinary_assets.by_ids", tfjsonpath.New("assets"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.cloudinary_assets.by_context", tfjsonpath.New("assets"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.cloudinary_assets.by_context", tfjsonpath.New("assets").AtSliceIndex(0).AtMapKey("context"),
					knownvalue.MapExact(map[string]knownvalue.Check{"batch": knownvalue.StringExact("one")})),
			},
		}},
	})
}

func TestAccTagsFoldersUsageDataSources(t *testing.T) {
	env := newTestEnv(t)
	seedRaw(t, env, "t", 3, url.Values{"tags": {"alpha,beta"}, "asset_folder": {"docs/manuals"}})
	for i := 0; i < 600; i++ {
		if _, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGk="}, client.UploadOptions{PublicID: fmt.Sprintf("tag%d", i), Tags: []string{fmt.Sprintf("many%03d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := env.client.CreateFolder(bg, "media/2026")
	must(t, err)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "cloudinary_tags" "all" {
  resource_type = "raw"
}
data "cloudinary_tags" "al" {
  resource_type = "raw"
  prefix        = "al"
}
data "cloudinary_folders" "root" {}
data "cloudinary_folders" "docs" {
  path = "docs"
}
data "cloudinary_usage" "now" {}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudinary_tags.all", tfjsonpath.New("tags"), knownvalue.ListSizeExact(602)),
				statecheck.ExpectKnownValue("data.cloudinary_tags.al", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("alpha")})),
				statecheck.ExpectKnownValue("data.cloudinary_folders.root", tfjsonpath.New("folders"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("docs"), "path": knownvalue.StringExact("docs")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("media"), "path": knownvalue.StringExact("media")}),
				})),
				statecheck.ExpectKnownValue("data.cloudinary_folders.docs", tfjsonpath.New("folders").AtSliceIndex(0).AtMapKey("path"), knownvalue.StringExact("docs/manuals")),
				statecheck.ExpectKnownValue("data.cloudinary_usage.now", tfjsonpath.New("resources"), knownvalue.Float64Exact(603)),
				statecheck.ExpectKnownValue("data.cloudinary_usage.now", tfjsonpath.New("storage").AtMapKey("usage"), knownvalue.Float64Exact(3*5+600*2)),
				statecheck.ExpectKnownValue("data.cloudinary_usage.now", tfjsonpath.New("plan"), knownvalue.StringExact("Free")),
				statecheck.ExpectKnownValue("data.cloudinary_usage.now", tfjsonpath.New("add_ons").AtMapKey("webpurify").AtMapKey("limit"), knownvalue.Float64Exact(50)),
			},
		}},
	})
}

// Usage figures do not move with API traffic: outputs built on them plan
// clean while uploads and plans go on.
func TestAccUsageDataSource_stableBetweenPlans(t *testing.T) {
	env := newTestEnv(t)
	config := env.config(`
data "cloudinary_usage" "now" {}

output "storage" {
  value = data.cloudinary_usage.now.storage.usage
}

output "requests" {
  value = data.cloudinary_usage.now.requests
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					seedRaw(t, env, "more", 5, url.Values{})
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
