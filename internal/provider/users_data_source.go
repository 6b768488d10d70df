package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

func newUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersDataSource struct{ dataSourceBase }

type usersModel struct {
	ID                   types.String `tfsdk:"id"`
	Prefix               types.String `tfsdk:"prefix"`
	ProductEnvironmentID types.String `tfsdk:"product_environment_id"`
	Pending              types.Bool   `tfsdk:"pending"`
	Emails               types.Set    `tfsdk:"emails"`
	Users                []userModel  `tfsdk:"users"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's users, with the account credentials (Provisioning API). The filters " +
			"combine: a user is listed when it passes all that are set.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The filters, as one string."},
			"prefix": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users whose names start with this (Cloudinary compares it case-insensitively)."},
			"product_environment_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Only users who can access the product environment of this ID, those with access to all included."},
			"pending": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Only users who have not accepted their invitation (`true`), or only those who have (`false`)."},
			"emails": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Only users with these email addresses (up to 100)."},
			"users": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The users.",
				NestedObject: schema.NestedAttributeObject{Attributes: userDataAttributes()}},
		},
	}
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	c, _, ok := d.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	emails, _, diags := knownStrings(ctx, cfg.Emails)
	resp.Diagnostics.Append(diags...)
	filter := client.UserFilter{Emails: emails, Prefix: cfg.Prefix.ValueString(), ProductEnvironmentID: cfg.ProductEnvironmentID.ValueString(), Pending: boolPtr(cfg.Pending)}
	users, err := c.ListUsers(ctx, filter)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list users", err.Error())
		return
	}
	cfg.ID = types.StringValue(strings.Join([]string{filter.Prefix, filter.ProductEnvironmentID, cfg.Pending.String(), strings.Join(emails, ",")}, "|"))
	cfg.Users = make([]userModel, 0, len(users))
	for _, u := range users {
		cfg.Users = append(cfg.Users, userModelFrom(u))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
