package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*userGroupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userGroupDataSource)(nil)
)

func newUserGroupDataSource() datasource.DataSource { return &userGroupDataSource{} }

type userGroupDataSource struct{ dataSourceBase }

func (d *userGroupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_group"
}

func (d *userGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a user group of the account, by ID or by name, with the account credentials (Provisioning API).",
		Attributes: map[string]schema.Attribute{
			"id":   schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The ID of the group to read. Give `id` or `name`."},
			"name": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "The name of the group to read. Give `id` or `name`."},
		},
	}
}

func (d *userGroupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *userGroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg userGroupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	c, people, ok := d.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	var g client.UserGroup
	var err error
	if id := cfg.ID.ValueString(); id != "" {
		g, err = c.GetUserGroup(ctx, id)
	} else {
		g, err = groupNamedInListing(ctx, people, cfg.Name.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read user group", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, userGroupModelFrom(g))...)
}

// groupNamedInListing is the one group of a name in the run's listing of
// groups, or an error that says why there is none.
func groupNamedInListing(ctx context.Context, people *peopleListings, name string) (client.UserGroup, error) {
	all, err := people.groups.snapshot(ctx)
	if err != nil {
		return client.UserGroup{}, fmt.Errorf("listing user groups: %w", err)
	}
	g, found, err := groupNamed(all, name)
	if err == nil && !found {
		err = fmt.Errorf("the account has no user group named %q", name)
	}
	return g, err
}
