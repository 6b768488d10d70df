package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
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
	_ resource.ResourceWithModifyPlan  = (*triggerResource)(nil)
)

func newTriggerResource() resource.Resource { return &triggerResource{} }

type triggerResource struct{ resourceBase }

type triggerModel struct {
	ID              types.String  `tfsdk:"id"`
	URI             types.String  `tfsdk:"uri"`
	EventType       types.String  `tfsdk:"event_type"`
	Additive        types.Bool    `tfsdk:"additive"`
	Filter          spellingValue `tfsdk:"filter"`
	FilterLanguage  types.String  `tfsdk:"filter_language"`
	PayloadTemplate spellingValue `tfsdk:"payload_template"`
	AuthScheme      types.String  `tfsdk:"auth_scheme"`
	URIType         types.String  `tfsdk:"uri_type"`
	CreatedAt       types.String  `tfsdk:"created_at"`
	UpdatedAt       types.String  `tfsdk:"updated_at"`
}

func triggerModelFrom(t client.Trigger) triggerModel {
	return triggerModel{
		ID: types.StringValue(t.ID), URI: types.StringValue(t.URI), EventType: types.StringValue(t.EventType),
		Additive: types.BoolValue(t.Additive), Filter: jsonDocumentValue(t.Filter), FilterLanguage: optionalString(t.FilterLanguage),
		PayloadTemplate: jsonDocumentValue(t.PayloadTemplate), AuthScheme: optionalString(t.AuthScheme),
		URIType: optionalString(t.URIType), CreatedAt: types.StringValue(t.CreatedAt), UpdatedAt: optionalString(t.UpdatedAt),
	}
}

// settings are the model's trigger settings as the client sends them; what
// is null or not known yet is left out, for Cloudinary to keep or default.
func (m triggerModel) settings() client.TriggerSettings {
	s := client.TriggerSettings{
		URI: m.URI.ValueString(), EventType: m.EventType.ValueString(), Additive: m.Additive.ValueBool(),
		FilterLanguage: m.FilterLanguage.ValueString(), AuthScheme: m.AuthScheme.ValueString(),
	}
	if known(m.Filter) {
		s.Filter = json.RawMessage(m.Filter.ValueString())
	}
	if known(m.PayloadTemplate) {
		s.PayloadTemplate = json.RawMessage(m.PayloadTemplate.ValueString())
	}
	return s
}

// notKept names the settings that m, the plan, gives and got, Cloudinary's
// answer, does not hold.
func (m triggerModel) notKept(got triggerModel) []string {
	var out []string
	sameString := func(name string, a, b types.String) {
		if known(a) && a.ValueString() != b.ValueString() {
			out = append(out, name)
		}
	}
	sameJSON := func(name string, a, b spellingValue) {
		if known(a) && !jsonDocument.equal(a.ValueString(), b.ValueString()) {
			out = append(out, name)
		}
	}
	sameString("uri", m.URI, got.URI)
	if known(m.Additive) && m.Additive.ValueBool() != got.Additive.ValueBool() {
		out = append(out, "additive")
	}
	sameJSON("filter", m.Filter, got.Filter)
	sameString("filter_language", m.FilterLanguage, got.FilterLanguage)
	sameJSON("payload_template", m.PayloadTemplate, got.PayloadTemplate)
	sameString("auth_scheme", m.AuthScheme, got.AuthScheme)
	return out
}

// triggerEventTypes are the documented notification event types (the
// OpenAPI's event_type).
var triggerEventTypes = []string{
	"all", "access_control_changed", "bulk_refresh_auto_fetch", "create_folder", "delete", "delete_by_token",
	"delete_folder", "eager", "error", "explode", "generate_archive", "info", "invalidate_custom_cdn",
	"moderation", "moderation_summary", "move", "move_or_rename_asset_folder", "multi", "publish", "rename",
	"report", "resource_context_changed", "resource_display_name_changed", "resource_metadata_changed",
	"resource_tags_changed", "restore_asset_version", "sprite", "upload",
}

// triggerAuthSchemes are the ways Cloudinary signs a trigger's notifications.
var triggerAuthSchemes = []string{"default", "legacy_hmac", "eddsa_v2"}

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *triggerResource) keepsUnchangedPlans() bool { return true }

func (r *triggerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_trigger"
}

func (r *triggerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"id", "Cloudinary's ID of the trigger."})
}

// Every setting but the event type changes in place: cloudinary-go's
// UpdateTriggerParams carries them all. The event type replaces the trigger:
// the OpenAPI documents the update as changing the URL, and the SDK's live
// test sends only the event type the trigger has. An update cannot clear a
// filter or a payload template (the SDK leaves an empty one out), so
// removing one replaces the trigger.
func (r *triggerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	// JSON settings are Optional and Computed so that a respelling of the
	// state's JSON plans no change (equivalentSpellingPlan).
	jsonSetting := []planmodifier.String{equivalentSpellingPlan{equal: jsonDocument.equal}, stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull() && req.PlanValue.IsNull()
		}, "Removing it replaces the trigger.", "Removing it replaces the trigger.")}
	jsonObject := []validator.String{jsonObjectValidator{}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A webhook notification trigger: Cloudinary calls `uri` when an event of `event_type` happens " +
			"(and `filter`, when set, passes it). An account may have up to 30 URIs per event type.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Cloudinary's ID of the trigger, the import ID."},
			"uri": schema.StringAttribute{Required: true, Validators: []validator.String{urlValidator},
				MarkdownDescription: "The http(s) URL that receives the notifications. Changes in place."},
			"event_type": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(triggerEventTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The event that fires the trigger, one of Cloudinary's documented event types, such as `upload`, " +
					"`delete`, `rename`, `moderation` or `all`. Changing it replaces the trigger."},
			"additive": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Cloudinary's `additive` setting of the trigger. Defaults to `false`. Changes in place."},
			"filter": schema.StringAttribute{Optional: true, Computed: true, CustomType: spellingType{spelling: jsonDocument}, Validators: jsonObject,
				PlanModifiers: jsonSetting,
				MarkdownDescription: "Which events are sent: a JSON object (use `jsonencode`), in the language `filter_language` names, " +
					"that Cloudinary evaluates against each event's data (its `/triggers/{id}/test` endpoint evaluates it against sample data). " +
					"Compared as JSON: key order and spacing do not matter. Changes in place; removing it replaces the trigger, since an " +
					"update cannot clear a filter."},
			"filter_language": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The language `filter` is written in; Cloudinary's choice when unset. Changes in place."},
			"payload_template": schema.StringAttribute{Optional: true, Computed: true, CustomType: spellingType{spelling: jsonDocument}, Validators: jsonObject,
				PlanModifiers: jsonSetting,
				MarkdownDescription: "The shape of the notification sent, as a JSON object (use `jsonencode`). Compared as JSON. " +
					"Changes in place; removing it replaces the trigger, since an update cannot clear a template."},
			"auth_scheme": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: keep,
				Validators: []validator.String{stringvalidator.OneOf(triggerAuthSchemes...)},
				MarkdownDescription: "How notifications are signed: `default`, `legacy_hmac` or `eddsa_v2`; Cloudinary's " +
					"choice when unset. Changes in place."},
			"uri_type":   schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "What `uri` is: `webhook`, a URL that Cloudinary calls."},
			"created_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the trigger was created."},
			"updated_at": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the trigger was last changed."},
		},
	}
}

// ModifyPlan shows updated_at as changing when an update is planned: every
// other computed value keeps its state, so the plan differs from the state
// only then.
func (r *triggerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), types.StringUnknown())...)
}

func (r *triggerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan triggerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, started := plan.settings(), time.Now()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("uri"), settings.EventType+" trigger for", settings.URI) {
		return
	}
	t, err := r.data.client.CreateTrigger(ctx, settings)
	if client.IsAlreadyExists(err) {
		t, err = r.adoptOwn(ctx, settings.URI, settings.EventType, err, started)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create trigger", err)
		return
	}
	r.recordWritten(ctx, plan, *t, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": t.ID})...)
}

// recordWritten records what Cloudinary holds after a write, in the state
// and in the run's listing, with an error naming the planned settings that
// Cloudinary did not keep.
func (r *triggerResource) recordWritten(ctx context.Context, plan triggerModel, t client.Trigger, state stateSetter, diags *diag.Diagnostics) {
	r.data.triggers.put(t.ID, t)
	got := triggerModelFrom(t)
	diags.Append(state.Set(ctx, got)...)
	if notKept := plan.notKept(got); len(notKept) > 0 {
		diags.AddError("Cloudinary did not keep some settings",
			fmt.Sprintf("Trigger %s was written, but Cloudinary holds other values for: %s. Terraform records what Cloudinary "+
				"holds, so the next plan shows the difference.", t.ID, strings.Join(notKept, ", ")))
	}
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

// Read takes the trigger from the run's one listing of triggers: the API
// reads no single trigger.
func (r *triggerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if t, ok := readByKey(ctx, r.data, req, resp, "id", "trigger", r.data.triggers); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, triggerModelFrom(t))...)
	}
}

// Update sends the planned settings, then reads what Cloudinary holds from
// a listing of triggers shared with the trigger updates that finish with it:
// the update answers only "ok", and updated_at has moved.
func (r *triggerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan triggerModel
	var id string
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	write := r.data.triggers.beginWrite()
	defer write.end()
	if err := r.data.client.UpdateTrigger(ctx, id, plan.settings()); err != nil {
		resp.Diagnostics.AddError("Cannot update trigger", err.Error())
		return
	}
	got, err := write.readBack(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the updated trigger", readBackFailed("Trigger "+id, "updated", err))
		return
	}
	r.recordWritten(ctx, plan, got, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{"id": id})...)
}

func (r *triggerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByKey(ctx, req, resp, "id", "trigger", r.data.client.DeleteTrigger, r.data.triggers)
}

func (r *triggerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "id")
}
