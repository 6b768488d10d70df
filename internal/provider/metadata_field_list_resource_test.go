package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func TestAccMetadataFieldList(t *testing.T) {
	env := newTestEnv(t)
	for _, in := range []client.MetadataFieldInput{
		{ExternalID: "shop_sku", Type: "string", Label: "SKU", DefaultValue: json.RawMessage(`"none"`)},
		{ExternalID: "shop_stock", Type: "integer", Label: "Stock"},
		{ExternalID: "brand", Type: "enum", Label: "Brand", Datasource: &client.Datasource{Values: []client.DatasourceEntry{{ExternalID: "acme", Value: "Acme"}}}},
	} {
		_, err := env.client.CreateMetadataField(bg, in)
		must(t, err)
	}
	queryTest(t, env, listBlock("cloudinary_metadata_field", "all", "")+
		listBlock("cloudinary_metadata_field", "shop", `external_id_prefix = "shop_"`)+
		listBlock("cloudinary_metadata_field", "enums", `type = "enum"`),
		querycheck.ExpectLength("cloudinary_metadata_field.all", 3),
		querycheck.ExpectLength("cloudinary_metadata_field.shop", 2),
		querycheck.ExpectIdentity("cloudinary_metadata_field.enums", identity("external_id", "brand")),
		querycheck.ExpectResourceKnownValues("cloudinary_metadata_field.shop", queryfilter.ByResourceIdentity(identity("external_id", "shop_sku")),
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("default_value"), KnownValue: knownvalue.StringExact("none")}}),
	)
}
