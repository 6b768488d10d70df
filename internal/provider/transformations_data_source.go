package provider

import (
	"strings"

	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*transformationsDataSource)(nil)

func newTransformationsDataSource() datasource.DataSource { return &transformationsDataSource{} }

type transformationsDataSource struct{ dataSourceBase }

type transformationsModel struct {
	ID              types.String               `tfsdk:"id"`
	Named           types.Bool                 `tfsdk:"named"`
	Transformations []transformationEntryModel `tfsdk:"transformations"`
}

type transformationEntryModel struct {
	Name             types.String `tfsdk:"name"`
	Named            types.Bool   `tfsdk:"named"`
	Used             types.Bool   `tfsdk:"used"`
	AllowedForStrict types.Bool   `tfsdk:"allowed_for_strict"`
}

func (d *transformationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_transformations"
}

func (d *transformationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's transformations, all pages of them, for example to find the named " +
			"transformations to import.",
		Attributes: map[string]schema.Attribute{
			"id":    schema.StringAttribute{Computed: true, MarkdownDescription: "The cloud name."},
			"named": schema.BoolAttribute{Optional: true, MarkdownDescription: "List only named (`true`) or only unnamed (`false`) transformations. All when unset."},
			"transformations": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The transformations.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":               schema.StringAttribute{Computed: true, MarkdownDescription: "The name without its `t_` prefix for named transformations; the transformation string for the others."},
					"named":              schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a named transformation."},
					"used":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether any asset has been derived with it."},
					"allowed_for_strict": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it may be used when strict transformations are enabled."},
				}},
			},
		},
	}
}

func (d *transformationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg transformationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := d.data.client.ListTransformations(ctx, boolPtr(cfg.Named))
	if err != nil {
		resp.Diagnostics.AddError("Cannot list transformations", err.Error())
		return
	}
	cfg.ID = types.StringValue(d.data.client.CloudName())
	cfg.Transformations = make([]transformationEntryModel, 0, len(list))
	for _, t := range list {
		name := t.Name
		if t.Named {
			name = strings.TrimPrefix(name, "t_")
		}
		cfg.Transformations = append(cfg.Transformations, transformationEntryModel{
			Name: types.StringValue(name), Named: types.BoolValue(t.Named), Used: types.BoolValue(t.Used),
			AllowedForStrict: types.BoolValue(t.AllowedForStrict),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
