package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccNamedTransformationList(t *testing.T) {
	env := newTestEnv(t)
	for name, def := range map[string]string{"thumb_s": "w_100,c_fill", "thumb_l": "w_400,c_fill", "hero": "w_2000,c_limit"} {
		must(t, env.client.CreateNamedTransformation(bg, name, def, nil))
	}
	queryTest(t, env, listBlock("cloudinary_named_transformation", "all", "")+listBlock("cloudinary_named_transformation", "thumbs", `name_prefix = "thumb"`),
		querycheck.ExpectLength("cloudinary_named_transformation.all", 3),
		querycheck.ExpectLength("cloudinary_named_transformation.thumbs", 2),
		querycheck.ExpectIdentity("cloudinary_named_transformation.all", identity("name", "hero")),
		querycheck.ExpectResourceKnownValues("cloudinary_named_transformation.all", queryfilter.ByResourceIdentity(identity("name", "hero")),
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("transformation"), KnownValue: knownvalue.StringExact("c_limit,w_2000")}}),
	)
}
