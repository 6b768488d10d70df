package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*uploadPresetDataSource)(nil)

func newUploadPresetDataSource() datasource.DataSource { return &uploadPresetDataSource{} }

type uploadPresetDataSource struct{ dataSourceBase }

func (d *uploadPresetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_upload_preset"
}

func (d *uploadPresetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id":             schema.StringAttribute{Computed: true, MarkdownDescription: "The preset's name."},
		"name":           schema.StringAttribute{Required: true, MarkdownDescription: "The name of the preset to read."},
		"unsigned":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the preset allows unsigned uploads."},
		"extra_settings": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The preset's other settings, by API name, in string form."},
	}
	for _, s := range presetSettings {
		attrs[s.name] = dataSourceSettingAttribute(s)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an upload preset: its settings, with the same attributes as the `cloudinary_upload_preset` resource. Settings the preset does not have are null.",
		Attributes:          attrs,
	}
}

func dataSourceSettingAttribute(s presetSetting) schema.Attribute {
	switch s.kind {
	case kindBool:
		return schema.BoolAttribute{Computed: true, MarkdownDescription: s.description}
	case kindFloat:
		return schema.Float64Attribute{Computed: true, MarkdownDescription: s.description}
	case kindNameSet:
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: s.description}
	case kindContext:
		return schema.MapAttribute{Computed: true, ElementType: s.mapElement(), MarkdownDescription: s.description}
	case kindTransformation:
		return schema.StringAttribute{Computed: true, CustomType: transformationType{}, MarkdownDescription: s.description}
	case kindEager:
		return schema.ListAttribute{Computed: true, ElementType: transformationType{}, MarkdownDescription: s.description}
	case kindSpelled:
		return schema.StringAttribute{Computed: true, CustomType: spellingType{spelling: s.spelling}, MarkdownDescription: s.description}
	case kindCoordinates:
		return schema.ListAttribute{Computed: true, ElementType: rectangleType, MarkdownDescription: s.description}
	}
	return schema.StringAttribute{Computed: true, MarkdownDescription: s.description}
}

func (d *uploadPresetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var name string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, found, err := d.data.presets.get(ctx, name)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Cannot read upload preset", err.Error())
		return
	case !found:
		resp.Diagnostics.AddError("Upload preset not found", fmt.Sprintf("Cloudinary has no upload preset named %q.", name))
		return
	}
	// Every untyped setting is reported, as on import; nothing is prior.
	resp.Diagnostics.Append(writePresetState(ctx, p, presetObject{}, true, resp.State.Schema.Type(), &resp.State)...)
}
