package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/actionvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ action.ActionWithConfigure        = (*deleteDerivedAction)(nil)
	_ action.ActionWithConfigValidators = (*deleteDerivedAction)(nil)
)

// deleteDerivedAction deletes derived assets and keeps their originals, so
// that a named transformation's changed definition takes effect: the
// provider updates definitions with unsafe_update, which applies "only to
// newly generated derived assets" (the OpenAPI's update_request), and the
// reference advises invalidating the existing ones so they are regenerated
// with the new definition when next requested.
type deleteDerivedAction struct {
	actionBase
}

func newDeleteDerivedAction() action.Action { return &deleteDerivedAction{} }

type deleteDerivedModel struct {
	ProductEnvironment types.String `tfsdk:"product_environment"`
	Transformations    types.List   `tfsdk:"transformations"`
	PublicIDs          types.List   `tfsdk:"public_ids"`
	ResourceType       types.String `tfsdk:"resource_type"`
	Type               types.String `tfsdk:"type"`
	Invalidate         types.Bool   `tfsdk:"invalidate"`
}

func (m *deleteDerivedModel) environment() types.String { return m.ProductEnvironment }

func (a *deleteDerivedAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_delete_derived"
}

func (a *deleteDerivedAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := assetTypeAttributes("the assets named by `public_ids`")
	attrs["transformations"] = schema.ListAttribute{
		ElementType: types.StringType,
		Optional:    true,
		MarkdownDescription: "Names of named transformations (with or without the `t_` prefix) whose derived assets are " +
			"deleted, in every resource type and delivery type. With `public_ids`, only those assets' derived assets " +
			"of these transformations are deleted. Set this, `public_ids`, or both.",
		Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(nameValidators()...)},
	}
	attrs["public_ids"] = schema.ListAttribute{
		ElementType: types.StringType,
		Optional:    true,
		MarkdownDescription: "Public IDs of assets (of `resource_type` and `type`) whose derived assets are deleted: all of " +
			"them, or only those of `transformations` when it is set.",
		Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(publicIDValidators...)},
	}
	attrs["invalidate"] = invalidateAttribute("the deleted derived assets")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Deletes derived assets (the transformed versions Cloudinary generated and stored) and keeps " +
			"the originals. Run it from a named transformation's `lifecycle { action_trigger { events = [after_update] } }`: " +
			"Cloudinary applies a changed definition only to assets derived from then on, so the assets derived with the " +
			"old one must go for the new one to take effect (they are generated again, with the new definition, on their " +
			"next request). Needs Terraform 1.14 or later.",
		Attributes: attrs,
	}
}

func (a *deleteDerivedAction) ConfigValidators(context.Context) []action.ConfigValidator {
	return []action.ConfigValidator{
		actionvalidator.AtLeastOneOf(path.MatchRoot("transformations"), path.MatchRoot("public_ids")),
	}
}

func (a *deleteDerivedAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m deleteDerivedModel
	data := a.configIn(ctx, req, resp, &m)
	if data == nil {
		return
	}
	names := listStrings(ctx, m.Transformations, &resp.Diagnostics)
	publicIDs := listStrings(ctx, m.PublicIDs, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	base := client.DeleteDerivedOptions{
		ResourceType: stringOr(m.ResourceType, "image"), Type: stringOr(m.Type, "upload"),
		Invalidate: boolOr(m.Invalidate, true),
	}
	if len(names) == 0 {
		base.PublicIDs = publicIDs
		deleteBatches(ctx, data.client, []client.DeleteDerivedOptions{base}, resp)
		return
	}
	for _, name := range names {
		batches, ok := derivedOfNamed(ctx, data.client, name, base, publicIDs, resp)
		if !ok {
			return
		}
		if !deleteBatches(ctx, data.client, batches, resp) {
			return
		}
	}
}

// derivedOfNamed lists a named transformation's derived assets (of the given
// public IDs only, when there are some) and groups them into deletions, one
// per resource type and delivery type.
func derivedOfNamed(ctx context.Context, cl *client.Client, name string, base client.DeleteDerivedOptions,
	publicIDs []string, resp *action.InvokeResponse) ([]client.DeleteDerivedOptions, bool) {
	progress(resp, "Listing the derived assets of named transformation %q", name)
	derived, err := cl.ListDerivedOfNamed(ctx, name)
	if client.IsNotFound(err) {
		addAttributeError(&resp.Diagnostics, path.Root("transformations"), "Named transformation not found",
			fmt.Sprintf("Cloudinary has no named transformation %q: %s", strings.TrimPrefix(name, "t_"), err))
		return nil, false
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot list derived assets", err.Error())
		return nil, false
	}
	if len(publicIDs) > 0 {
		derived = slices.DeleteFunc(derived, func(d client.DerivedResource) bool {
			return d.ResourceType != base.ResourceType || d.Type != base.Type || !slices.Contains(publicIDs, d.PublicID)
		})
	}
	progress(resp, "Named transformation %q has %d derived assets to delete", name, len(derived))
	return groupDerived(derived, base.Invalidate), true
}

// groupDerived turns derived assets into deletions by public ID and
// transformation, one per resource type and delivery type: the
// transformations are sent as Cloudinary lists them, so that a derived asset
// of "t_thumb/jpg" goes as well as one of "t_thumb".
func groupDerived(derived []client.DerivedResource, invalidate bool) []client.DeleteDerivedOptions {
	var out []client.DeleteDerivedOptions
	index := map[[2]string]int{}
	for _, d := range derived {
		key := [2]string{d.ResourceType, d.Type}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, client.DeleteDerivedOptions{ResourceType: d.ResourceType, Type: d.Type, Invalidate: invalidate})
		}
		if !slices.Contains(out[i].PublicIDs, d.PublicID) {
			out[i].PublicIDs = append(out[i].PublicIDs, d.PublicID)
		}
		if !slices.Contains(out[i].Transformations, d.Transformation) {
			out[i].Transformations = append(out[i].Transformations, d.Transformation)
		}
	}
	return out
}

// maxPublicIDsPerDeletion is how many public IDs one delete call takes (the
// Admin API reference: "array of up to 100 public_ids").
const maxPublicIDsPerDeletion = 100

// deleteBatches runs deletions, at most 100 public IDs per call, and reports
// progress after each call; it stops at the first error and says whether
// all went well.
func deleteBatches(ctx context.Context, cl *client.Client, deletions []client.DeleteDerivedOptions, resp *action.InvokeResponse) bool {
	for _, del := range deletions {
		for chunk := range slices.Chunk(del.PublicIDs, maxPublicIDsPerDeletion) {
			batch := del
			batch.PublicIDs = chunk
			counts, err := cl.DeleteDerived(ctx, batch)
			if err != nil {
				resp.Diagnostics.AddError("Cannot delete derived assets", err.Error())
				return false
			}
			total := 0
			for _, n := range counts {
				total += n
			}
			progress(resp, "Deleted %d derived assets of %d %s/%s assets", total, len(chunk), batch.ResourceType, batch.Type)
		}
	}
	return true
}
