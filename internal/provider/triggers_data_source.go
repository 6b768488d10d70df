package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*triggersDataSource)(nil)

func newTriggersDataSource() datasource.DataSource { return &triggersDataSource{} }

type triggersDataSource struct{ dataSourceBase }

type triggersModel struct {
	ID        types.String   `tfsdk:"id"`
	EventType types.String   `tfsdk:"event_type"`
	Triggers  []triggerModel `tfsdk:"triggers"`
}

func (d *triggersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_triggers"
}

func (d *triggersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the webhook notification triggers.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The event type listed (empty for all)."},
			"event_type": schema.StringAttribute{Optional: true, MarkdownDescription: "Only triggers of this event type.",
				Validators: []validator.String{stringvalidator.OneOf(triggerEventTypes...)}},
			"triggers": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The triggers, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "The trigger's ID."},
					"uri":             schema.StringAttribute{Computed: true, MarkdownDescription: "The URL notified."},
					"event_type":      schema.StringAttribute{Computed: true, MarkdownDescription: "The event type."},
					"additive":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Cloudinary's `additive` setting of the trigger."},
					"filter":          schema.StringAttribute{Computed: true, CustomType: spellingType{spelling: jsonDocument}, MarkdownDescription: "Which events are sent, as JSON; null when every event of the type is."},
					"filter_language": schema.StringAttribute{Computed: true, MarkdownDescription: "The language `filter` is written in."},
					"payload_template": schema.StringAttribute{Computed: true, CustomType: spellingType{spelling: jsonDocument},
						MarkdownDescription: "The shape of the notification sent, as JSON; null for Cloudinary's own."},
					"auth_scheme": schema.StringAttribute{Computed: true, MarkdownDescription: "How notifications are signed: `default`, `legacy_hmac` or `eddsa_v2`."},
					"uri_type":    schema.StringAttribute{Computed: true, MarkdownDescription: "What `uri` is: `webhook`, a URL that Cloudinary calls."},
					"created_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created."},
					"updated_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "When it was last changed."},
				}},
			},
		},
	}
}

func (d *triggersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg triggersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := d.data.client.ListTriggers(ctx, cfg.EventType.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Cannot list triggers", err.Error())
		return
	}
	cfg.ID = types.StringValue(cfg.EventType.ValueString())
	cfg.Triggers = make([]triggerModel, 0, len(list))
	for _, t := range list {
		cfg.Triggers = append(cfg.Triggers, triggerModelFrom(t))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
