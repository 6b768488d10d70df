package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newUserListResource() list.ListResource {
	return &listResource{
		typeName: "_user",
		description: "Lists the account's users, with one Provisioning API call (account credentials). Each result's " +
			"identity is the user's ID.",
		filters: map[string]listschema.Attribute{
			"prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only users whose names start with this (case-insensitive)."},
			"product_environment_id": listschema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users who can access the product environment of this ID, those with access to all included."},
		},
		ofAccount: true,
		find:      findUsers,
	}
}

func findUsers(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	filter := client.UserFilter{
		Prefix:               stringFilter(ctx, req.config, "prefix", &diags),
		ProductEnvironmentID: stringFilter(ctx, req.config, "product_environment_id", &diags),
	}
	c, _, ok := d.people(&diags)
	if diags.HasError() || !ok {
		return nil, diags
	}
	users, err := c.ListUsers(ctx, filter)
	if err != nil {
		diags.AddError("Cannot list users", err.Error())
		return nil, diags
	}
	keepAll := func(client.User) bool { return true }
	var out []listedObject
	for _, u := range selected(users, func(u client.User) string { return u.Email }, keepAll, req.limit) {
		out = append(out, listedObject{
			identity: map[string]string{"id": u.ID},
			display:  u.Name + " <" + u.Email + "> (" + u.Role + ")",
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, userModelFrom(u))
			},
		})
	}
	return out, diags
}
