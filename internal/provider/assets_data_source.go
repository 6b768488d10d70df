package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*assetsDataSource)(nil)

func newAssetsDataSource() datasource.DataSource { return &assetsDataSource{} }

type assetsDataSource struct{ dataSourceBase }

type assetsModel struct {
	ID           types.String      `tfsdk:"id"`
	ResourceType types.String      `tfsdk:"resource_type"`
	Type         types.String      `tfsdk:"type"`
	Prefix       types.String      `tfsdk:"prefix"`
	Tag          types.String      `tfsdk:"tag"`
	PublicIDs    []types.String    `tfsdk:"public_ids"`
	ContextKey   types.String      `tfsdk:"context_key"`
	ContextValue types.String      `tfsdk:"context_value"`
	MaxResults   types.Int64       `tfsdk:"max_results"`
	Direction    types.String      `tfsdk:"direction"`
	Assets       []assetEntryModel `tfsdk:"assets"`
}

type assetEntryModel struct {
	PublicID     types.String `tfsdk:"public_id"`
	AssetID      types.String `tfsdk:"asset_id"`
	ResourceType types.String `tfsdk:"resource_type"`
	Type         types.String `tfsdk:"type"`
	Format       types.String `tfsdk:"format"`
	Version      types.Int64  `tfsdk:"version"`
	Bytes        types.Int64  `tfsdk:"bytes"`
	Width        types.Int64  `tfsdk:"width"`
	Height       types.Int64  `tfsdk:"height"`
	URL          types.String `tfsdk:"url"`
	SecureURL    types.String `tfsdk:"secure_url"`
	CreatedAt    types.String `tfsdk:"created_at"`
	AssetFolder  types.String `tfsdk:"asset_folder"`
	DisplayName  types.String `tfsdk:"display_name"`
	AccessMode   types.String `tfsdk:"access_mode"`
	Tags         []string     `tfsdk:"tags"`
	Context      types.Map    `tfsdk:"context"`
}

func (d *assetsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assets"
}

func (d *assetsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedString := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	computedInt := func(desc string) schema.Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists assets, following the listing's pages to the end (or to `max_results`): by type, " +
			"public ID prefix, tag, context key or public IDs. The placeholders that deleted assets leave on an account " +
			"that keeps backups are not assets and are not listed.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("The resource type listed."),
			"resource_type": schema.StringAttribute{Optional: true, MarkdownDescription: "`image` (the default), `raw` or `video`.",
				Validators: []validator.String{stringvalidator.OneOf("image", "raw", "video")}},
			"type": schema.StringAttribute{Optional: true, MarkdownDescription: "The delivery type, such as `upload`; all types when unset. Not with `tag` or `context_key`.",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("tag"), path.MatchRoot("context_key"))}},
			"prefix": schema.StringAttribute{Optional: true, MarkdownDescription: "Only assets whose public ID starts with this.",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("tag"), path.MatchRoot("context_key"))}},
			"tag": schema.StringAttribute{Optional: true, MarkdownDescription: "Only assets with this tag.",
				Validators: []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("context_key"), path.MatchRoot("public_ids"))}},
			"public_ids": schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Only these public IDs (listed 100 to a call).",
				Validators: []validator.List{listvalidator.ConflictsWith(path.MatchRoot("context_key"))}},
			"context_key": schema.StringAttribute{Optional: true, MarkdownDescription: "Only assets that have this context key."},
			"context_value": schema.StringAttribute{Optional: true, MarkdownDescription: "With `context_key`: only assets whose context key has this value.",
				Validators: []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("context_key"))}},
			"max_results": schema.Int64Attribute{Optional: true, MarkdownDescription: "The most assets to return in all; all of them when unset.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"direction": schema.StringAttribute{Optional: true, MarkdownDescription: "`desc` (newest first, the default) or `asc`. Ignored with `prefix`, which sorts by public ID.",
				Validators: []validator.String{stringvalidator.OneOf("asc", "desc")}},
			"assets": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The assets.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"public_id":     computedString("The public ID."),
					"asset_id":      computedString("The immutable asset ID."),
					"resource_type": computedString("The resource type."),
					"type":          computedString("The delivery type."),
					"format":        computedString("The format (empty for raw files)."),
					"version":       computedInt("The version."),
					"bytes":         computedInt("The size in bytes."),
					"width":         computedInt("The width in pixels (images and videos)."),
					"height":        computedInt("The height in pixels (images and videos)."),
					"url":           computedString("The http delivery URL."),
					"secure_url":    computedString("The https delivery URL."),
					"created_at":    computedString("When it was uploaded."),
					"asset_folder":  computedString("The asset folder."),
					"display_name":  computedString("The display name."),
					"access_mode":   computedString("`public` or `authenticated`."),
					"tags":          schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The tags."},
					"context":       schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The contextual metadata."},
				}},
			},
		},
	}
}

func (d *assetsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg assetsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	q := client.ResourceQuery{
		ResourceType: cfg.ResourceType.ValueString(), Type: cfg.Type.ValueString(), Prefix: cfg.Prefix.ValueString(),
		Tag: cfg.Tag.ValueString(), ContextKey: cfg.ContextKey.ValueString(), ContextValue: cfg.ContextValue.ValueString(),
		Direction: cfg.Direction.ValueString(), Limit: int(cfg.MaxResults.ValueInt64()), WithTags: true, WithContext: true,
	}
	for _, id := range cfg.PublicIDs {
		q.PublicIDs = append(q.PublicIDs, id.ValueString())
	}
	if q.ResourceType == "" {
		q.ResourceType = "image"
	}
	list, err := d.data.client.ListResources(ctx, q)
	if err != nil {
		resp.Diagnostics.AddError("Cannot list assets", err.Error())
		return
	}
	cfg.ID = types.StringValue(q.ResourceType)
	cfg.Assets = make([]assetEntryModel, 0, len(list))
	for _, r := range list {
		context, diags := types.MapValueFrom(ctx, types.StringType, nonNilMap(r.Context))
		resp.Diagnostics.Append(diags...)
		cfg.Assets = append(cfg.Assets, assetEntryModel{
			PublicID: types.StringValue(r.PublicID), AssetID: types.StringValue(r.AssetID), ResourceType: types.StringValue(r.ResourceType),
			Type: types.StringValue(r.Type), Format: types.StringValue(r.Format), Version: types.Int64Value(r.Version),
			Bytes: types.Int64Value(r.Bytes), Width: types.Int64Value(r.Width), Height: types.Int64Value(r.Height),
			URL: types.StringValue(r.URL), SecureURL: types.StringValue(r.SecureURL), CreatedAt: types.StringValue(r.CreatedAt),
			AssetFolder: types.StringValue(r.AssetFolder), DisplayName: types.StringValue(r.DisplayName),
			AccessMode: types.StringValue(r.AccessMode), Tags: nonNilStrings(r.Tags), Context: context,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
