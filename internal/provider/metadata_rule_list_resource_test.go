package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccMetadataRuleList(t *testing.T) {
	env := newTestEnv(t)
	must(t, makeCameraFields(env))
	yes := true
	for _, r := range []client.MetadataRule{
		{MetadataFieldID: "camera", Name: "Hide camera", Condition: json.RawMessage(`{"metadata_field_id":"kind","populated":false}`), Result: client.MetadataRuleResult{Hide: &yes}},
		{MetadataFieldID: "kind", Name: "Kind needed", Condition: json.RawMessage(`{"metadata_field_id":"camera","populated":true}`), Result: client.MetadataRuleResult{SetMandatory: &yes}},
	} {
		_, err := env.client.CreateMetadataRule(bg, r)
		must(t, err)
	}
	queryTest(t, env, listBlock("cloudinary_metadata_rule", "all", "")+listBlock("cloudinary_metadata_rule", "camera", `metadata_field_id = "camera"`),
		querycheck.ExpectLength("cloudinary_metadata_rule.all", 2),
		querycheck.ExpectLength("cloudinary_metadata_rule.camera", 1),
		querycheck.ExpectResourceDisplayName("cloudinary_metadata_rule.camera", nil, knownvalue.StringExact("Hide camera (on camera)")),
		querycheck.ExpectResourceKnownValues("cloudinary_metadata_rule.camera", nil,
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("result").AtMapKey("hide"), KnownValue: knownvalue.Bool(true)}}),
	)
}
