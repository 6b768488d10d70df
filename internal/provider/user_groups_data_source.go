package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*userGroupsDataSource)(nil)

func newUserGroupsDataSource() datasource.DataSource { return &userGroupsDataSource{} }

type userGroupsDataSource struct{ dataSourceBase }

type userGroupsModel struct {
	ID             types.String         `tfsdk:"id"`
	IncludeMembers types.Bool           `tfsdk:"include_members"`
	UserGroups     []userGroupWithUsers `tfsdk:"user_groups"`
}

type userGroupWithUsers struct {
	ID      types.String       `tfsdk:"id"`
	Name    types.String       `tfsdk:"name"`
	Members []groupMemberModel `tfsdk:"members"`
}

func (d *userGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_groups"
}

func (d *userGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's user groups, with their members when asked, with the account credentials " +
			"(Provisioning API).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always `user_groups`."},
			"include_members": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Whether to list each group's members too, with one more call per group. Defaults to `false`."},
			"user_groups": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The groups, by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "The group's ID."},
					"name": schema.StringAttribute{Computed: true, MarkdownDescription: "The group's name."},
					"members": schema.ListNestedAttribute{Computed: true,
						MarkdownDescription: "The group's members, when `include_members` is `true`; null otherwise.",
						NestedObject:        schema.NestedAttributeObject{Attributes: groupMemberAttributes()}},
				}}},
		},
	}
}

func (d *userGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg userGroupsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	_, people, ok := d.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	groups, err := people.groups.snapshot(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list user groups", err.Error())
		return
	}
	sort.Slice(groups, func(i, j int) bool {
		return groups[i].Name < groups[j].Name || groups[i].Name == groups[j].Name && groups[i].ID < groups[j].ID
	})
	cfg.ID = types.StringValue("user_groups")
	cfg.UserGroups = make([]userGroupWithUsers, 0, len(groups))
	for _, g := range groups {
		group := userGroupWithUsers{ID: types.StringValue(g.ID), Name: types.StringValue(g.Name)}
		if cfg.IncludeMembers.ValueBool() {
			members, err := people.members.in(g.ID).snapshot(ctx)
			if err != nil {
				resp.Diagnostics.AddError("Cannot list group members", fmt.Sprintf("Listing the members of user group %s: %v", g.ID, err))
				return
			}
			sort.Slice(members, func(i, j int) bool { return members[i].Email < members[j].Email })
			group.Members = groupMemberModels(members)
		}
		cfg.UserGroups = append(cfg.UserGroups, group)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
