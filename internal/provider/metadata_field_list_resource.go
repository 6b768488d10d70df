package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newMetadataFieldListResource() list.ListResource {
	return &listResource{
		typeName: "_metadata_field",
		description: "Lists the account's structured metadata fields with one Admin API call, which carries every field's " +
			"whole definition. Each result's identity is the field's external ID.",
		filters: map[string]listschema.Attribute{
			"external_id_prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only fields whose external IDs start with this."},
			"type": listschema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(metadataFieldTypes...)},
				MarkdownDescription: "Only fields of this type."},
		},
		find: findMetadataFields,
	}
}

func findMetadataFields(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	prefix := stringFilter(ctx, req.config, "external_id_prefix", &diags)
	typ := stringFilter(ctx, req.config, "type", &diags)
	id := func(f client.MetadataField) string { return f.ExternalID }
	keep := func(f client.MetadataField) bool {
		return strings.HasPrefix(f.ExternalID, prefix) && (typ == "" || f.Type == typ)
	}
	out := listedFrom(ctx, d.metadataFields, "metadata fields", id, keep, req.limit, func(f client.MetadataField) listedObject {
		return listedObject{
			identity: map[string]string{"external_id": f.ExternalID},
			display:  f.Label + " (" + f.ExternalID + ")",
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				model, diags := metadataFieldModelFrom(ctx, f)
				return append(diags, into.Set(ctx, model)...)
			},
		}
	}, &diags)
	return out, diags
}
