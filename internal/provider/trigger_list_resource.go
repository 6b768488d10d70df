package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

func newTriggerListResource() list.ListResource {
	return &listResource{
		typeName:    "_trigger",
		description: "Lists the account's webhook triggers, with one Admin API call. Each result's identity is the trigger's ID.",
		filters: map[string]listschema.Attribute{
			"event_type": listschema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(triggerEventTypes...)},
				MarkdownDescription: "Only triggers of this event type, such as `upload`."},
		},
		find: findTriggers,
	}
}

func findTriggers(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	triggers, err := d.client.ListTriggers(ctx, stringFilter(ctx, req.config, "event_type", &diags))
	if err != nil {
		diags.AddError("Cannot list triggers", err.Error())
		return nil, diags
	}
	out := make([]listedObject, 0, len(triggers))
	for _, t := range triggers {
		out = append(out, listedObject{
			identity: map[string]string{"id": t.ID},
			display:  t.EventType + " → " + t.URI,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				return into.Set(ctx, triggerModelFrom(t))
			},
		})
	}
	return out, diags
}
