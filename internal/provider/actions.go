package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Actions (Terraform 1.14 and later) share what resources share: the
// provider's data, taken when Terraform configures them, and the attributes
// that address assets.

// actionBase, embedded in every action, takes the provider's data.
type actionBase struct {
	data *providerData
}

func (b *actionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// in returns the data to act with in the product environment that the
// action's product_environment names (the provider's own when it is null),
// or nil with an error (Terraform invokes actions only after configuring the
// provider).
func (b *actionBase) in(ctx context.Context, productEnvironment types.String, diags *diag.Diagnostics) *providerData {
	if b.data == nil {
		diags.AddError("Provider not configured", "The action ran before the provider was configured. This is a bug in the provider; please report it.")
		return nil
	}
	return b.data.in(ctx, productEnvironment, diags)
}

// actionModel is an action's configuration, which may name a product
// environment.
type actionModel interface {
	environment() types.String
}

// configIn reads an action's configuration into m and returns the data to
// act with in its product environment, or nil after an error.
func (b *actionBase) configIn(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse, m actionModel) *providerData {
	resp.Diagnostics.Append(req.Config.Get(ctx, m)...)
	if resp.Diagnostics.HasError() {
		return nil
	}
	return b.in(ctx, m.environment(), &resp.Diagnostics)
}

// productEnvironmentActionAttribute is an action's product_environment, as
// resources have it.
func productEnvironmentActionAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "The cloud name of the product environment that holds the assets, when it is not the " +
			"provider's own: the provider then uses that environment's credentials, which it finds through the " +
			"Provisioning API with the provider's account credentials, as for the resources' `product_environment`. " +
			"Unset, the provider's own product environment (`cloud_name` or `cloudinary_url`) is used.",
		Validators: nameValidators(),
	}
}

// progress sends a progress message to Terraform, which shows it while the
// action runs.
func progress(resp *action.InvokeResponse, format string, args ...any) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
}

// listStrings is a list's strings (none for a null list).
func listStrings(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

// boolOr is a bool attribute's value, or def when it is null.
func boolOr(v types.Bool, def bool) bool {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	return v.ValueBool()
}

// stringOr is a string attribute's value, or def when it is null.
func stringOr(v types.String, def string) string {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	return v.ValueString()
}

// assetTypeAttributes are the product environment, the resource type and
// the delivery type of the assets an action addresses (whose: which assets,
// for the descriptions).
func assetTypeAttributes(whose string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		productEnvironmentAttribute: productEnvironmentActionAttribute(),
		"resource_type": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "The resource type of " + whose + ": `image` (the default), `video` or `raw`.",
			Validators:          []validator.String{stringvalidator.OneOf("image", "video", "raw")},
		},
		"type": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "The delivery type of " + whose + ", such as `upload` (the default), `private` or `authenticated`.",
		},
	}
}

// invalidateAttribute is the CDN invalidation switch; actions invalidate by
// default because their point is that new versions be delivered.
func invalidateAttribute(what string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "Whether to also purge " + what + " from the CDN (default `true`), so that the next request gets " +
			"a fresh copy; Cloudinary says invalidation may take a few minutes, up to an hour, to propagate.",
	}
}
