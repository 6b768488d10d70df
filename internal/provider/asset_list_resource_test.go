package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// Assets come from the Search API, 500 to a call with their tags and
// context: 700 assets cost two calls, never one per asset.
func TestAccAssetList(t *testing.T) {
	env := newTestEnv(t)
	upload := func(id string, params url.Values) {
		_, err := env.client.Upload(bg, "raw", client.Source{ContentBase64: "aGk="}, client.UploadOptions{PublicID: id, Other: params})
		must(t, err)
	}
	upload("docs/a.txt", url.Values{"asset_folder": {"docs"}, "tags": {"manual"}, "context": {"alt=A"}})
	upload("docs/b.txt", url.Values{"asset_folder": {"docs"}})
	for i := 0; i < 698; i++ {
		upload(fmt.Sprintf("bulk/%03d.txt", i), url.Values{"tags": {"bulk"}})
	}
	if env.emu != nil {
		env.emu.Counters().Reset()
	}
	queryTest(t, env, `
list "cloudinary_asset" "all" {
  provider = cloudinary
  limit    = 1000
}
`+
		listBlock("cloudinary_asset", "docs", `folder = "docs"`)+
		listBlock("cloudinary_asset", "manuals", `tag = "manual"`)+
		strings.Replace(listBlock("cloudinary_asset", "bulk", `prefix = "bulk/"
    resource_type = "raw"`), "provider = cloudinary", "provider = cloudinary\n  limit = 1000", 1),
		querycheck.ExpectLength("cloudinary_asset.all", 700),
		querycheck.ExpectLength("cloudinary_asset.docs", 2),
		querycheck.ExpectLength("cloudinary_asset.manuals", 1),
		querycheck.ExpectLength("cloudinary_asset.bulk", 698),
		querycheck.ExpectIdentity("cloudinary_asset.docs", identity("resource_type", "raw", "type", "upload", "public_id", "docs/b.txt")),
		querycheck.ExpectResourceKnownValues("cloudinary_asset.manuals", queryfilter.ByResourceIdentity(identity("resource_type", "raw", "type", "upload", "public_id", "docs/a.txt")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("context").AtMapKey("alt"), KnownValue: knownvalue.StringExact("A")},
				{Path: tfjsonpath.New("url"), KnownValue: knownvalue.StringRegexp(regexp.MustCompile(`^https://.*/raw/upload/v\d+/docs/a\.txt$`))},
			}),
	)
	if env.emu != nil {
		// The query runs twice (terraform plugin testing validates first): two
		// searches of 500 for all, one each for the others, per run.
		if n := env.emu.Counters().Route("GET /resources/search"); n > 2*5 {
			t.Fatalf("%d search calls to list 700 assets in four lists, want at most 5 per query", n)
		}
	}
}
