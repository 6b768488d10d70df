package provider

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newAssetListResource() list.ListResource {
	return &listResource{
		typeName: "_asset",
		description: "Lists assets with the Search API: 500 to an Admin API call, with their tags and context, never a " +
			"call per asset. Each result's identity is the asset's resource type, delivery type and public ID. An " +
			"adopted asset's source is its own delivery URL (`url`), which stands for the content it has: no upload " +
			"happens until the configuration gives another source or `source_version`. The placeholders that deleted " +
			"assets leave on an account that keeps backups are not listed.",
		filters: map[string]listschema.Attribute{
			"resource_type": listschema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("image", "video", "raw")},
				MarkdownDescription: "Only assets of this resource type: `image`, `video` or `raw`. All when unset."},
			"type": listschema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("upload", "private", "authenticated")},
				MarkdownDescription: "Only assets of this delivery type: `upload`, `private` or `authenticated`. All when unset."},
			"folder": listschema.StringAttribute{Optional: true, Validators: []validator.String{folderValidator},
				MarkdownDescription: "Only assets in this asset folder (not its sub-folders)."},
			"prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only assets whose public IDs start with this."},
			"tag":    listschema.StringAttribute{Optional: true, MarkdownDescription: "Only assets with this tag."},
		},
		find: findAssets,
	}
}

func findAssets(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	var terms []string
	for _, filter := range []struct{ attribute, term string }{
		{"resource_type", "resource_type:"}, {"type", "type:"}, {"folder", "asset_folder="}, {"tag", "tags="},
	} {
		if v := stringFilter(ctx, req.config, filter.attribute, &diags); v != "" {
			terms = append(terms, filter.term+strconv.Quote(v))
		}
	}
	if prefix := stringFilter(ctx, req.config, "prefix", &diags); prefix != "" {
		terms = append(terms, "public_id:"+strconv.Quote(prefix+"*"))
	}
	assets, err := d.client.Search(ctx, client.SearchQuery{Expression: strings.Join(terms, " AND "), WithDetails: true, Limit: req.limit})
	if err != nil {
		diags.AddError("Cannot list assets", err.Error())
		return nil, diags
	}
	out := make([]listedObject, 0, len(assets))
	for _, a := range assets {
		model := adoptedAsset(ctx, a, &diags)
		out = append(out, listedObject{
			identity: model.identity(),
			display:  model.ID.ValueString(),
			state:    func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics { return into.Set(ctx, model) },
		})
	}
	return out, diags
}

// adoptedAsset is the state of an asset that Terraform adopts, as a read
// after its import writes it: its own delivery URL as its source, and empty
// folder and display name as unset (a configuration cannot write them empty).
func adoptedAsset(ctx context.Context, a client.Resource, diags *diag.Diagnostics) assetModel {
	m := assetModel{
		File: types.StringNull(), ContentBase64: types.StringNull(), UploadPreset: types.StringNull(),
		SourceHash: types.StringNull(), SourceVersion: types.StringNull(), ResourceType: types.StringNull(),
		AssetFolder: types.StringNull(), DisplayName: types.StringNull(), AccessMode: types.StringNull(),
		Tags: types.SetNull(types.StringType), Context: types.MapNull(types.StringType), Metadata: allMetadata(a.Metadata),
		Overwrite: types.BoolValue(false), Invalidate: types.BoolValue(false), URL: types.StringValue(a.SecureURL),
	}
	diags.Append(setFromAPI(ctx, &m, &a)...)
	for _, v := range []*types.String{&m.AssetFolder, &m.DisplayName} {
		if v.ValueString() == "" {
			*v = types.StringNull()
		}
	}
	return m
}
