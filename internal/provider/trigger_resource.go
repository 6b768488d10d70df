package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*triggerResource)(nil)
	_ resource.ResourceWithImportState = (*triggerResource)(nil)
	_ resource.ResourceWithIdentity    = (*triggerResource)(nil)
)

func newTriggerResource() resource.Resource { return &triggerResource{} }

type triggerResource struct {
	data *providerData
}

type triggerModel struct {
	ID        types.String `tfsdk:"id"`
	URI       types.String `tfsdk:"uri"`
	EventType types.String `tfsdk:"event_type"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func triggerModelFrom(t client.Trigger) triggerModel {
	return triggerModel{ID: types.StringValue(t.ID), URI: types.StringValue(t.URI), EventType: types.StringValue(t.EventType), CreatedAt: types.StringValue(t.CreatedAt)}
}

// triggerEventTypes are the documented notification event types.
var triggerEventTypes = []string{
	"all", "access_control_changed", "bulk_refresh_auto_fetch", "create_folder", "delete", "delete_by_token",
	"delete_folder", "eager", "error", "explode", "generate_archive", "info", "invalidate_custom_cdn",
	"moderation", "moderation_summary", "move", "move_or_rename_asset_folder", "multi", "publish", "rename",
	"report", "resource_context_changed", "resource_display_name_changed", "resource_metadata_changed",
	"resource_tags_changed", "restore_asset_version", "sprite", "upload",
}

var webhookValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^https?://[^\s/]+(/\S*)?$`), "must be an absolute http:// or https:// URL")

func (r *triggerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_trigger"
}

func (r *triggerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"id", "Cloudinary's ID of the trigger."})
}

func (r *triggerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A webhook notification trigger: Cloudinary calls `uri` when an event of `event_type` happens. " +
			"An account may have up to 30 URIs per event type.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Cloudinary's ID of the trigger, the import ID."},
			"uri": schema.StringAttribute{Required: true, Validators: []validator.String{webhookValidator},
				MarkdownDescription: "The http(s) URL that receives the notifications. Changes in place."},
			"event_type": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(triggerEventTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The event that fires the trigger, such as `upload`, `delete`, `rename`, `moderation` or `all`. Changing it replaces the trigger."},
			"created_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the trigger was created."},
		},
	}
}

func (r *triggerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *triggerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan triggerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	uri, eventType, started := plan.URI.ValueString(), plan.EventType.ValueString(), time.Now()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("uri"), eventType+" trigger for", uri) {
		return
	}
	t, err := r.data.client.CreateTrigger(ctx, uri, eventType)
	if client.IsAlreadyExists(err) {
		t, err = r.adoptOwn(ctx, uri, eventType, err, started)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create trigger", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, triggerModelFrom(*t))...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": t.ID})...)
}

// adoptOwn handles a 409 on create: the trigger with this URI and event
// type is the call's own when an earlier attempt may have made it and
// Cloudinary made it while the call ran.
func (r *triggerResource) adoptOwn(ctx context.Context, uri, eventType string, conflict error, started time.Time) (*client.Trigger, error) {
	list, err := r.data.client.ListTriggers(ctx, eventType)
	if err != nil {
		return nil, fmt.Errorf("%w (and listing triggers failed: %w)", conflict, err)
	}
	i := slices.IndexFunc(list, func(t client.Trigger) bool { return t.URI == uri })
	if i < 0 {
		return nil, conflict
	}
	existing := list[i]
	trigger := existingObject{what: fmt.Sprintf("A %s trigger for %s", eventType, uri), resourceType: "cloudinary_trigger", importID: existing.ID, key: "uri"}
	err = trigger.adoptOnlyOwnAfter(conflict, func() (bool, error) {
		return createdByThisCall(existing.CreatedAt, answeredAt(conflict), time.Since(started)), nil
	})
	if err != nil {
		return nil, err
	}
	return &existing, nil
}

func (r *triggerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state triggerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": state.ID.ValueString()})...)
	// There is no single-trigger read: list (of the event type, when known).
	list, err := r.data.client.ListTriggers(ctx, state.EventType.ValueString())
	if err != nil {
		r.data.readFailed(ctx, resp, "trigger", state.ID.ValueString(), err)
		return
	}
	for _, t := range list {
		if t.ID == state.ID.ValueString() {
			resp.Diagnostics.Append(resp.State.Set(ctx, triggerModelFrom(t))...)
			return
		}
	}
	r.data.dropGone(ctx, resp, "trigger", state.ID.ValueString())
}

func (r *triggerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state triggerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.client.UpdateTrigger(ctx, state.ID.ValueString(), plan.URI.ValueString()); err != nil {
		resp.Diagnostics.AddError("Cannot update trigger", err.Error())
		return
	}
	plan.ID, plan.CreatedAt = state.ID, state.CreatedAt
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": plan.ID.ValueString()})...)
}

func (r *triggerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var id string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.client.DeleteTrigger(ctx, id); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete trigger", err.Error())
	}
}

func (r *triggerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "id")
}
