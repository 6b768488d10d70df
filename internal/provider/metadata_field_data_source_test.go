package provider

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccMetadataFieldDataSource(t *testing.T) {
	env := newTestEnv(t)
	minLen := int64(1)
	_, err := env.client.CreateMetadataField(bg, client.MetadataFieldInput{
		ExternalID: "season", Type: "enum", Label: "Season", DefaultValue: json.RawMessage(`"summer"`),
		Datasource: &client.Datasource{Values: []client.DatasourceEntry{{ExternalID: "summer", Value: "Summer"}, {ExternalID: "winter", Value: "Winter"}}},
	})
	must(t, err)
	_, err = env.client.CreateMetadataField(bg, client.MetadataFieldInput{ExternalID: "caption", Type: "string", Label: "Caption", Validation: &client.MetadataValidation{Type: "strlen", Min: &minLen}})
	must(t, err)
	must(t, env.client.DeleteDatasourceEntries(bg, "season", []string{"winter"}))
	season := "data.cloudinary_metadata_field.season"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "cloudinary_metadata_field" "season" {
  external_id = "season"
}
data "cloudinary_metadata_fields" "all" {}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(season, tfjsonpath.New("default_value"), knownvalue.StringExact("summer")),
				statecheck.ExpectKnownValue(season, tfjsonpath.New("datasource"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"external_id": knownvalue.StringExact("summer"), "value": knownvalue.StringExact("Summer")}),
				})),
				statecheck.ExpectKnownValue("data.cloudinary_metadata_fields.all", tfjsonpath.New("fields"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.cloudinary_metadata_fields.all", tfjsonpath.New("fields").AtSliceIndex(1).AtMapKey("validation").AtMapKey("strlen").AtMapKey("min"), knownvalue.Int64Exact(1)),
			},
		}, {
			Config:      env.config(`data "cloudinary_metadata_field" "none" { external_id = "nothing" }`),
			ExpectError: regexp.MustCompile(`no metadata field with external ID "nothing"`),
		}},
	})
}
