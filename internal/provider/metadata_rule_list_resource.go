package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newMetadataRuleListResource() list.ListResource {
	return &listResource{
		typeName: "_metadata_rule",
		description: "Lists the account's conditional metadata rules with one Admin API call. Each result's identity is " +
			"the rule's external ID.",
		filters: map[string]listschema.Attribute{
			"metadata_field_id": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only the rules that act on this field."},
		},
		find: findMetadataRules,
	}
}

func findMetadataRules(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	field := stringFilter(ctx, req.config, "metadata_field_id", &diags)
	id := func(r client.MetadataRule) string { return r.ExternalID }
	keep := func(r client.MetadataRule) bool { return field == "" || r.MetadataFieldID == field }
	out := listedFrom(ctx, d.metadataRules, "metadata rules", id, keep, req.limit, func(r client.MetadataRule) listedObject {
		return listedObject{
			identity: map[string]string{"id": r.ExternalID},
			display:  r.Name + " (on " + r.MetadataFieldID + ")",
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				model, diags := metadataRuleModelFrom(ctx, r)
				return append(diags, into.Set(ctx, model)...)
			},
		}
	}, &diags)
	return out, diags
}
