package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccStreamingProfileList(t *testing.T) {
	env := newTestEnv(t)
	must(t, env.client.CreateStreamingProfile(bg, client.StreamingProfile{Name: "Square", Representations: []string{"w_640,h_640", "w_320,h_320"}}))
	queryTest(t, env, listBlock("cloudinary_streaming_profile", "custom", "")+listBlock("cloudinary_streaming_profile", "every", "include_builtin = true"),
		querycheck.ExpectLength("cloudinary_streaming_profile.custom", 1),
		querycheck.ExpectLength("cloudinary_streaming_profile.every", 1+len(builtinProfiles)),
		querycheck.ExpectIdentity("cloudinary_streaming_profile.custom", identity("name", "square")),
		querycheck.ExpectIdentity("cloudinary_streaming_profile.every", identity("name", "full_hd")),
		querycheck.ExpectResourceKnownValues("cloudinary_streaming_profile.custom", queryfilter.ByResourceIdentity(identity("name", "square")),
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("representations"), KnownValue: knownvalue.ListSizeExact(2)}}),
	)
}
