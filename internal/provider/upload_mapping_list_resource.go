package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newUploadMappingListResource() list.ListResource {
	return &listResource{
		typeName: "_upload_mapping",
		description: "Lists the account's upload mappings, with one Admin API call per 500. Each result's identity is the " +
			"mapped folder.",
		filters: map[string]listschema.Attribute{
			"folder_prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only mappings of folders whose paths start with this."},
		},
		find: findUploadMappings,
	}
}

func findUploadMappings(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	prefix := stringFilter(ctx, req.config, "folder_prefix", &diags)
	folder := func(m client.UploadMapping) string { return m.Folder }
	keep := func(m client.UploadMapping) bool { return strings.HasPrefix(m.Folder, prefix) }
	out := listedFrom(ctx, d.mappings, "upload mappings", folder, keep, 0, func(m client.UploadMapping) listedObject {
		return listedObject{
			identity: map[string]string{"folder": m.Folder},
			display:  m.Folder + " → " + m.Template,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, mappingModelFromAPI(m))
			},
		}
	}, &diags)
	return out, diags
}
