package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newProductEnvironmentListResource() list.ListResource {
	return &listResource{
		typeName: "_product_environment",
		description: "Lists the account's product environments with one Provisioning API call (account credentials). Each " +
			"result's identity is the environment's ID; adopted environments are protected from deletion.",
		filters: map[string]listschema.Attribute{
			"prefix":  listschema.StringAttribute{Optional: true, MarkdownDescription: "Only product environments whose names start with this, ignoring case."},
			"enabled": listschema.BoolAttribute{Optional: true, MarkdownDescription: "Only enabled (`true`) or disabled (`false`) product environments; both when unset."},
		},
		find:      findProductEnvironments,
		ofAccount: true,
	}
}

func findProductEnvironments(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	prefix := strings.ToLower(stringFilter(ctx, req.config, "prefix", &diags))
	var enabled *bool
	diags.Append(req.config.GetAttribute(ctx, path.Root("enabled"), &enabled)...)
	acct, ok := d.provisioned(&diags)
	if !ok || diags.HasError() {
		return nil, diags
	}
	id := func(e client.ProductEnvironment) string { return e.ID }
	keep := func(e client.ProductEnvironment) bool {
		return strings.HasPrefix(strings.ToLower(e.Name), prefix) && (enabled == nil || e.Enabled == *enabled)
	}
	out := listedFrom(ctx, acct.environments, "product environments", id, keep, req.limit, func(e client.ProductEnvironment) listedObject {
		return listedObject{
			identity: map[string]string{"id": e.ID},
			display:  e.CloudName + " (" + e.Name + ")",
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, productEnvironmentFromAPI(e, productEnvironmentModel{}))
			},
		}
	}, &diags)
	return out, diags
}
