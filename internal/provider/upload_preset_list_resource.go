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

func newUploadPresetListResource() list.ListResource {
	return &listResource{
		typeName: "_upload_preset",
		description: "Lists the account's upload presets, with one Admin API call per 500, to adopt them with " +
			"`terraform query -generate-config-out`. Each result's identity is the preset's name.",
		filters: map[string]listschema.Attribute{
			"name_prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only presets whose names start with this."},
		},
		find: findUploadPresets,
	}
}

func findUploadPresets(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	prefix := stringFilter(ctx, req.config, "name_prefix", &diags)
	name := func(p client.UploadPreset) string { return p.Name }
	keep := func(p client.UploadPreset) bool { return strings.HasPrefix(p.Name, prefix) }
	out := listedFrom(ctx, d.presets, "upload presets", name, keep, 0, func(p client.UploadPreset) listedObject {
		return listedObject{
			identity: map[string]string{"name": p.Name},
			display:  p.Name,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				// As a read after an import writes it: every setting adopted.
				return writePresetState(ctx, p, presetObject{}, true, into.Schema.Type(), into)
			},
		}
	}, &diags)
	return out, diags
}
