package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newAccessKeyListResource() list.ListResource {
	return &listResource{
		typeName: "_access_key",
		description: "Lists the access keys of a product environment with one Provisioning API call (account credentials). " +
			"Each result's identity is the environment's cloud name and the API key.",
		filters: map[string]listschema.Attribute{
			"product_environment": listschema.StringAttribute{Required: true, MarkdownDescription: "The cloud name of the product environment whose keys to list."},
		},
		find:      findAccessKeys,
		ofAccount: true,
	}
}

func findAccessKeys(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	cloudName := stringFilter(ctx, req.config, "product_environment", &diags)
	acct, ok := d.provisioned(&diags)
	if !ok || diags.HasError() {
		return nil, diags
	}
	env, err := acct.existingEnvironment(ctx, cloudName)
	if err != nil {
		diags.AddError("Cannot list access keys", err.Error())
		return nil, diags
	}
	apiKey := func(k client.AccessKey) string { return k.APIKey }
	all := func(client.AccessKey) bool { return true }
	out := listedFrom(ctx, acct.keys.in(env.ID), "access keys", apiKey, all, req.limit, func(k client.AccessKey) listedObject {
		return listedObject{
			identity: map[string]string{"product_environment": env.CloudName, "api_key": k.APIKey},
			display:  env.CloudName + "/" + k.Name,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, accessKeyFromAPI(k, env.CloudName, env.ID, ""))
			},
		}
	}, &diags)
	return out, diags
}
