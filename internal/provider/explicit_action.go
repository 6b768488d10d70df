package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/actionvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ action.ActionWithConfigure        = (*explicitAction)(nil)
	_ action.ActionWithConfigValidators = (*explicitAction)(nil)
)

// explicitAction generates eager transformations of existing assets again
// through the Upload API's explicit, for example after an upload preset's
// eager list changed: existing derived images of the same transformations
// "are always regenerated" (the OpenAPI's explicit_request).
type explicitAction struct {
	actionBase
}

func newExplicitAction() action.Action { return &explicitAction{} }

type explicitModel struct {
	ProductEnvironment types.String `tfsdk:"product_environment"`
	PublicIDs          types.List   `tfsdk:"public_ids"`
	Tag                types.String `tfsdk:"tag"`
	ResourceType       types.String `tfsdk:"resource_type"`
	Type               types.String `tfsdk:"type"`
	Eager              types.List   `tfsdk:"eager"`
	EagerAsync         types.Bool   `tfsdk:"eager_async"`
	Invalidate         types.Bool   `tfsdk:"invalidate"`
}

func (m *explicitModel) environment() types.String { return m.ProductEnvironment }

func (a *explicitAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_explicit"
}

func (a *explicitAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := assetTypeAttributes("the assets (with `tag`, only tagged assets of these types are processed)")
	attrs["public_ids"] = schema.ListAttribute{
		ElementType:         types.StringType,
		Optional:            true,
		MarkdownDescription: "Public IDs of the assets whose eager transformations are generated. Set this, `tag`, or both.",
		Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(publicIDValidators...)},
	}
	attrs["tag"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "A tag: every asset of `resource_type` and `type` that carries it is processed (with `public_ids`, those too).",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["eager"] = schema.ListAttribute{
		ElementType: types.StringType,
		Required:    true,
		MarkdownDescription: "The transformations to generate, such as `c_fill,w_400,h_400` or `t_thumb` (an upload " +
			"preset's `eager` list fits). Derived assets of these transformations that already exist are generated again.",
		Validators: []validator.List{listvalidator.SizeAtLeast(1), transformationElements{}},
	}
	attrs["eager_async"] = schema.BoolAttribute{
		Optional:            true,
		MarkdownDescription: "Whether Cloudinary generates the transformations in the background (default `false`: the action waits for them).",
	}
	attrs["invalidate"] = invalidateAttribute("the assets' cached copies")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Generates eager transformations of existing assets again, with the Upload API's `explicit` " +
			"method, for assets named by public ID or carrying a tag: for example after an upload preset's `eager` list " +
			"changed, so that assets uploaded before get the new derived versions. Needs Terraform 1.14 or later.",
		Attributes: attrs,
	}
}

func (a *explicitAction) ConfigValidators(context.Context) []action.ConfigValidator {
	return []action.ConfigValidator{actionvalidator.AtLeastOneOf(path.MatchRoot("public_ids"), path.MatchRoot("tag"))}
}

func (a *explicitAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m explicitModel
	data := a.configIn(ctx, req, resp, &m)
	if data == nil {
		return
	}
	rt, typ := stringOr(m.ResourceType, "image"), stringOr(m.Type, "upload")
	publicIDs := listStrings(ctx, m.PublicIDs, &resp.Diagnostics)
	opts := client.EagerOptions{
		Eager: listStrings(ctx, m.Eager, &resp.Diagnostics), Async: m.EagerAsync.ValueBool(),
		Invalidate: boolOr(m.Invalidate, true),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if tag := m.Tag.ValueString(); tag != "" {
		tagged, ok := taggedAssets(ctx, data.client, rt, typ, tag, resp)
		if !ok {
			return
		}
		for _, id := range tagged {
			if !slices.Contains(publicIDs, id) {
				publicIDs = append(publicIDs, id)
			}
		}
	}
	for i, id := range publicIDs {
		_, err := data.client.ExplicitEager(ctx, rt, typ, id, opts)
		if client.IsNotFound(err) {
			addAttributeError(&resp.Diagnostics, path.Root("public_ids"), "Asset not found",
				fmt.Sprintf("Cloudinary has no %s asset of type %s with public ID %q: %s", rt, typ, id, err))
			continue
		}
		if err != nil {
			resp.Diagnostics.AddError("Cannot generate eager transformations", err.Error())
			return
		}
		progress(resp, "Generated %d eager transformations of %s/%s/%s (%d of %d assets)", len(opts.Eager), rt, typ, id, i+1, len(publicIDs))
	}
}

// taggedAssets lists the public IDs of the assets of a resource type and
// delivery type that carry a tag; it warns when there are none.
func taggedAssets(ctx context.Context, cl *client.Client, rt, typ, tag string, resp *action.InvokeResponse) ([]string, bool) {
	progress(resp, "Listing the %s assets tagged %q", rt, tag)
	list, err := cl.ListResources(ctx, client.ResourceQuery{ResourceType: rt, Tag: tag})
	if err != nil {
		resp.Diagnostics.AddError("Cannot list tagged assets", err.Error())
		return nil, false
	}
	var ids []string
	for _, r := range list {
		if r.Type == typ {
			ids = append(ids, r.PublicID)
		}
	}
	if len(ids) == 0 {
		resp.Diagnostics.AddAttributeWarning(path.Root("tag"), "No tagged assets",
			fmt.Sprintf("No %s asset of type %s carries the tag %q: there was nothing to regenerate.", rt, typ, tag))
	}
	return ids, true
}
