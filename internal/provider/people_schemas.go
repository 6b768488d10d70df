package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The data sources of users and groups describe them with the attributes
// below, the single ones and the lists alike.

// userDataAttributes are a user's attributes in a data source, all
// computed; the lookup attributes (id, email) are replaced by the single
// user's data source.
func userDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "Cloudinary's ID of the user."},
		"email":   schema.StringAttribute{Computed: true, MarkdownDescription: "The user's email address, their login name."},
		"name":    schema.StringAttribute{Computed: true, MarkdownDescription: "The user's name."},
		"role":    schema.StringAttribute{Computed: true, MarkdownDescription: "The user's role, such as `admin` or `media_library_user`."},
		"enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user can log in."},
		"product_environments": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The IDs of the product environments the user can access; empty when all of them."},
		"all_product_environments": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user reaches every product environment."},
		"pending":                  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user has not yet accepted the invitation."},
		"status":                   schema.StringAttribute{Computed: true, MarkdownDescription: "Cloudinary's status of the user, such as `pending` or `active`."},
		"last_login":               schema.StringAttribute{Computed: true, MarkdownDescription: "When the user last logged in (RFC 3339); null if never."},
		"created_at":               schema.StringAttribute{Computed: true, MarkdownDescription: "When the user was created."},
	}
}

// groupMemberModel is a member of a group as the group's listing gives it.
type groupMemberModel struct {
	ID    types.String `tfsdk:"id"`
	Name  types.String `tfsdk:"name"`
	Email types.String `tfsdk:"email"`
}

func groupMemberModels(members []client.GroupMember) []groupMemberModel {
	out := make([]groupMemberModel, 0, len(members))
	for _, m := range members {
		out = append(out, groupMemberModel{ID: types.StringValue(m.ID), Name: types.StringValue(m.Name), Email: types.StringValue(m.Email)})
	}
	return out
}

// groupMemberAttributes are a group member's attributes.
func groupMemberAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "The user's ID."},
		"name":  schema.StringAttribute{Computed: true, MarkdownDescription: "The user's name."},
		"email": schema.StringAttribute{Computed: true, MarkdownDescription: "The user's email address."},
	}
}
