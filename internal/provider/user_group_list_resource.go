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

func newUserGroupListResource() list.ListResource {
	return &listResource{
		typeName: "_user_group",
		description: "Lists the account's user groups, with one Provisioning API call (account credentials). Each result's " +
			"identity is the group's ID.",
		filters: map[string]listschema.Attribute{
			"name_prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only groups whose names start with this."},
		},
		ofAccount: true,
		find:      findUserGroups,
	}
}

func findUserGroups(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	prefix := stringFilter(ctx, req.config, "name_prefix", &diags)
	_, people, ok := d.people(&diags)
	if diags.HasError() || !ok {
		return nil, diags
	}
	name := func(g client.UserGroup) string { return g.Name + "\x00" + g.ID }
	keep := func(g client.UserGroup) bool { return strings.HasPrefix(g.Name, prefix) }
	out := listedFrom(ctx, people.groups, "user groups", name, keep, req.limit, func(g client.UserGroup) listedObject {
		return listedObject{
			identity: map[string]string{"id": g.ID},
			display:  g.Name,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, userGroupModelFrom(g))
			},
		}
	}, &diags)
	return out, diags
}
