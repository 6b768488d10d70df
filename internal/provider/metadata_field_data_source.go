package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*metadataFieldDataSource)(nil)

func newMetadataFieldDataSource() datasource.DataSource { return &metadataFieldDataSource{} }

type metadataFieldDataSource struct{ dataSourceBase }

func (d *metadataFieldDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_metadata_field"
}

// metadataFieldAttributes describe a field as the data sources read it:
// the attributes of cloudinary_metadata_field, all computed.
func metadataFieldAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	flag := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: description}
	}
	comparison := func(what string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Values must be " + what + " `value`.",
			Attributes: map[string]schema.Attribute{
				"value":  computed("The bound: an integer, or a date as `YYYY-MM-DD`."),
				"equals": flag("Whether the bound itself is allowed."),
			}}
	}
	return map[string]schema.Attribute{
		"id":               computed("The external ID."),
		"external_id":      computed("The field's external ID."),
		"type":             computed("The type: `string`, `integer`, `date`, `enum` or `set`."),
		"label":            computed("The name shown in the Media Library."),
		"mandatory":        flag("Whether assets must have a value."),
		"default_disabled": flag("Whether the field is disabled until a rule enables it."),
		"default_value":    computed("The default of a `string`, `integer`, `date` or `enum` field."),
		"default_values":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The default of a `set` field."},
		"validation": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "The rules values must pass.",
			Attributes: map[string]schema.Attribute{
				"greater_than": comparison("greater than"),
				"less_than":    comparison("less than"),
				"strlen": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "The length of values.",
					Attributes: map[string]schema.Attribute{
						"min": schema.Int64Attribute{Computed: true, MarkdownDescription: "The least number of characters."},
						"max": schema.Int64Attribute{Computed: true, MarkdownDescription: "The most characters."},
					}},
			}},
		"restrictions": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "How the Media Library shows the field.",
			Attributes: map[string]schema.Attribute{
				"readonly_ui":          flag("Whether the field can be changed only through the API."),
				"hidden_ui":            flag("Whether the field is hidden."),
				"excluded_from_search": flag("Whether the field is left out of searches."),
			}},
		"datasource": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The active allowed values of an `enum` or `set` field, in order.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"external_id": computed("The entry's ID."),
				"value":       computed("The text shown."),
			}}},
		"allow_dynamic_list_values": flag("Whether Media Library users may add datasource entries."),
		"alphabetically_sorted":     flag("Whether Cloudinary keeps the datasource in alphabetical order of value."),
		"group":                     computed("The Media Library section that shows the field."),
	}
}

func (d *metadataFieldDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := metadataFieldAttributes()
	attributes["external_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "The external ID of the field to read."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a structured metadata field, for example to use its datasource entries elsewhere.",
		Attributes:          attributes,
	}
}

func (d *metadataFieldDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("external_id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f, found, err := d.data.metadataFields.get(ctx, id.ValueString())
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Cannot read metadata field", err.Error())
		return
	case !found:
		resp.Diagnostics.AddError("Metadata field not found", fmt.Sprintf("Cloudinary has no metadata field with external ID %q.", id.ValueString()))
		return
	}
	model, diags := metadataFieldModelFrom(ctx, f)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}
