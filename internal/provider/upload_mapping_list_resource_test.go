package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccUploadMappingList(t *testing.T) {
	env := newTestEnv(t)
	for _, folder := range []string{"wiki", "wiki2", "media"} {
		must(t, env.client.CreateUploadMapping(bg, clientMapping(folder)))
	}
	queryTest(t, env, listBlock("cloudinary_upload_mapping", "wiki", `folder_prefix = "wiki"`),
		querycheck.ExpectLength("cloudinary_upload_mapping.wiki", 2),
		querycheck.ExpectIdentity("cloudinary_upload_mapping.wiki", identity("folder", "wiki2")),
		querycheck.ExpectResourceDisplayName("cloudinary_upload_mapping.wiki", queryfilter.ByResourceIdentity(identity("folder", "wiki")),
			knownvalue.StringExact("wiki → https://wiki.example.com/")),
		querycheck.ExpectResourceKnownValues("cloudinary_upload_mapping.wiki", queryfilter.ByResourceIdentity(identity("folder", "wiki")),
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("template"), KnownValue: knownvalue.StringExact("https://wiki.example.com/")}}),
	)
}
