package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

func newUserDataSource() datasource.DataSource { return &userDataSource{} }

type userDataSource struct{ dataSourceBase }

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := userDataAttributes()
	attributes["id"] = schema.StringAttribute{Optional: true, Computed: true,
		MarkdownDescription: "The ID of the user to read. Give `id` or `email`."}
	attributes["email"] = schema.StringAttribute{Optional: true, Computed: true,
		MarkdownDescription: "The email address of the user to read. Give `id` or `email`."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a user of the account, by ID or by email, with the account credentials (Provisioning API).",
		Attributes:          attributes,
	}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email"))}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg userModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	c, _, ok := d.data.people(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || !ok {
		return
	}
	u, err := findUser(ctx, c, cfg.ID.ValueString(), cfg.Email.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot read user", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, userModelFrom(u))...)
}

// findUser reads the user with an ID, or else the one with an email.
func findUser(ctx context.Context, c *client.AccountClient, id, email string) (client.User, error) {
	if id != "" {
		return c.GetUser(ctx, id)
	}
	found, err := c.ListUsers(ctx, client.UserFilter{Emails: []string{email}})
	if err != nil {
		return client.User{}, fmt.Errorf("listing users by email %q: %w", email, err)
	}
	i := slices.IndexFunc(found, func(u client.User) bool { return strings.EqualFold(u.Email, email) })
	if i < 0 {
		return client.User{}, fmt.Errorf("the account has no user with email %q", email)
	}
	return found[i], nil
}
