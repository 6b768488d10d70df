package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccUploadPresetList(t *testing.T) {
	env := newTestEnv(t)
	for _, name := range []string{"web_a", "web_b", "app"} {
		must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: name, Settings: map[string]string{"tags": "x,y", "folder": name}}))
	}
	queryTest(t, env, listBlock("cloudinary_upload_preset", "all", "")+listBlock("cloudinary_upload_preset", "web", `name_prefix = "web_"`),
		querycheck.ExpectLength("cloudinary_upload_preset.all", 3),
		querycheck.ExpectLength("cloudinary_upload_preset.web", 2),
		querycheck.ExpectIdentity("cloudinary_upload_preset.web", identity("name", "web_a")),
		querycheck.ExpectIdentity("cloudinary_upload_preset.web", identity("name", "web_b")),
		querycheck.ExpectResourceKnownValues("cloudinary_upload_preset.all", queryfilter.ByResourceIdentity(identity("name", "app")),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("folder"), KnownValue: knownvalue.StringExact("app")},
				{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.SetSizeExact(2)},
			}),
	)
}
