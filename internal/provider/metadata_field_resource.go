package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*metadataFieldResource)(nil)
	_ resource.ResourceWithImportState    = (*metadataFieldResource)(nil)
	_ resource.ResourceWithIdentity       = (*metadataFieldResource)(nil)
	_ resource.ResourceWithValidateConfig = (*metadataFieldResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*metadataFieldResource)(nil)
)

func newMetadataFieldResource() resource.Resource { return &metadataFieldResource{} }

type metadataFieldResource struct{ resourceBase }

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *metadataFieldResource) keepsUnchangedPlans() bool { return true }

func (r *metadataFieldResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_metadata_field"
}

func (r *metadataFieldResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"external_id", "The field's external ID."})
}

func falseByDefault(description string) schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false), MarkdownDescription: description}
}

func (r *metadataFieldResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	comparison := func(what string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			Optional:            true,
			MarkdownDescription: "Values must be " + what + " `value` (integer and date fields).",
			Attributes: map[string]schema.Attribute{
				"value":  schema.StringAttribute{Required: true, MarkdownDescription: "The bound: an integer, or a date as `YYYY-MM-DD`."},
				"equals": falseByDefault("Whether the bound itself is allowed. Defaults to false."),
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A structured metadata field: a typed value that assets carry, with validation, a default " +
			"and, for `enum` and `set` fields, the list of allowed values (the datasource). Cloudinary never reuses the " +
			"external ID of a deleted field, so a field cannot be replaced under the same `external_id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "The external ID."},
			"external_id": schema.StringAttribute{Required: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255),
					stringvalidator.RegexMatches(metadataExternalIDPattern, "must contain only letters, digits, _, - and .")},
				MarkdownDescription: "The field's immutable ID, the import ID, and the key of its values on assets. Changing it " +
					"replaces the field (the old one, with its values on assets, is deleted); a deleted field's external ID can never be used again."},
			"type": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.OneOf(metadataFieldTypes...)},
				MarkdownDescription: "The type: `string`, `integer`, `date`, `enum` (one datasource entry) or `set` (several). It cannot change in place."},
			"label":            schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 255)}, MarkdownDescription: "The name shown in the Media Library."},
			"mandatory":        falseByDefault("Whether assets must have a value. Defaults to false."),
			"default_disabled": falseByDefault("Whether the field is disabled in the Media Library until a rule enables it. Defaults to false."),
			"default_value": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The default of a `string`, `integer`, `date` (`YYYY-MM-DD`) or `enum` field (an entry's external ID). It must pass `validation`."},
			"default_values": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The default of a `set` field: external IDs of datasource entries."},
			"validation": schema.SingleNestedAttribute{Optional: true,
				MarkdownDescription: "Rules that values must pass; several are combined with `and`.",
				Attributes: map[string]schema.Attribute{
					"greater_than": comparison("greater than"),
					"less_than":    comparison("less than"),
					"strlen": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "The length of values of a `string` field.",
						Attributes: map[string]schema.Attribute{
							"min": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(0)}, MarkdownDescription: "The least number of characters."},
							"max": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(0)}, MarkdownDescription: "The most characters."},
						}},
				}},
			"restrictions": schema.SingleNestedAttribute{Optional: true, Computed: true,
				Default:             objectdefault.StaticValue(types.ObjectValueMust(metadataRestrictionsType.AttrTypes, map[string]attr.Value{"readonly_ui": types.BoolValue(false), "hidden_ui": types.BoolValue(false), "excluded_from_search": types.BoolValue(false)})),
				MarkdownDescription: "How the Media Library shows the field. Each is false unless set.",
				Attributes: map[string]schema.Attribute{
					"readonly_ui":          falseByDefault("Whether the field can be changed only through the API."),
					"hidden_ui":            falseByDefault("Whether the field is hidden in the Media Library."),
					"excluded_from_search": falseByDefault("Whether the field is left out of Media Library searches."),
				}},
			"datasource": schema.ListNestedAttribute{Optional: true,
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "The allowed values of an `enum` or `set` field, in the order the Media Library shows them. " +
					"Entries left out are deleted (Cloudinary keeps them inactive, and adding one back restores it).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"external_id": schema.StringAttribute{Required: true,
						Validators:          []validator.String{stringvalidator.RegexMatches(metadataExternalIDPattern, "must contain only letters, digits, _, - and .")},
						MarkdownDescription: "The entry's ID: what assets and defaults hold as the value."},
					"value": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: "The text shown."},
				}}},
			"allow_dynamic_list_values": falseByDefault("Whether Media Library users may add datasource entries (`enum` and `set` fields). Defaults to false."),
			"alphabetically_sorted": falseByDefault("Whether Cloudinary keeps the datasource in alphabetical order of `value`, ignoring case, " +
				"sorting entries as they are added or changed (`enum` and `set` fields). When true, `datasource` must be listed in that order. Defaults to false."),
			"group": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(defaultMetadataGroup),
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "The collapsible section of the Media Library that shows the field. Purely presentational. Defaults to `default`."},
		},
	}
}

func (r *metadataFieldResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config metadataFieldModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config.validate(ctx, &resp.Diagnostics)
}

// ModifyPlan refuses a replacement that keeps the external ID: the new field
// could never be created (Cloudinary does not reuse a deleted field's ID),
// and the old one, with every asset's values, would already be deleted.
func (r *metadataFieldResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		r.data.plannedFields.record(ctx, req.Plan) // for the checks of values given to the field
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var state, plan metadataFieldModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.Type.IsUnknown() && !plan.Type.Equal(state.Type) && plan.ExternalID.Equal(state.ExternalID) {
		resp.Diagnostics.AddAttributeError(path.Root("type"), "A metadata field's type cannot change",
			fmt.Sprintf("Changing type from %s to %s needs a new field, and Cloudinary never reuses the external ID of a deleted field: "+
				"the old field %q would be deleted, with its values on every asset, and the new one refused. Give the new field another external_id.",
				state.Type.ValueString(), plan.Type.ValueString(), state.ExternalID.ValueString()))
	}
}

// plannedField reads the field that a create or an update writes, and what
// writing it sends.
func plannedField(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) (metadataFieldModel, client.MetadataFieldInput) {
	var model metadataFieldModel
	diags.Append(plan.Get(ctx, &model)...)
	in, d := model.input(ctx)
	diags.Append(d...)
	return model, in
}

func (r *metadataFieldResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, in := plannedField(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ExternalID.ValueString()
	if !r.data.creating.claim(&resp.Diagnostics, path.Root("external_id"), "metadata field", id) {
		return
	}
	f, err := r.data.client.CreateMetadataField(ctx, in)
	if client.IsAlreadyExists(err) {
		f, err = r.adoptOwn(ctx, plan, err)
	}
	if err != nil {
		addCreateError(&resp.Diagnostics, "Cannot create metadata field", err)
		return
	}
	r.recordWritten(ctx, *f, &resp.State, resp.Identity, &resp.Diagnostics)
}

// adoptOwn handles a create refused because the external ID is taken: the
// field is this create's own when an earlier attempt may have made it and it
// has the planned type and label; a field that was there before is to be
// imported; and when no field has the ID, a deleted field had it, which
// Cloudinary never gives out again.
func (r *metadataFieldResource) adoptOwn(ctx context.Context, plan metadataFieldModel, refusal error) (*client.MetadataField, error) {
	id := plan.ExternalID.ValueString()
	existing, err := r.data.client.GetMetadataField(ctx, id)
	if client.IsNotFound(err) {
		return nil, fmt.Errorf("%w\n\nNo metadata field has external ID %s now: a field that was deleted had it, and Cloudinary "+
			"never reuses a deleted field's external ID. Choose another external_id", refusal, id)
	}
	field := existingObject{what: fmt.Sprintf("Metadata field %q", id), resourceType: "cloudinary_metadata_field", importID: id, key: "external_id"}
	err = field.adoptOnlyOwnAfter(refusal, func() (bool, error) {
		return err == nil && existing.Type == plan.Type.ValueString() && existing.Label == plan.Label.ValueString(), err
	})
	if err != nil {
		return nil, err
	}
	return existing, nil
}

func (r *metadataFieldResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	f, ok := readByKey(ctx, r.data, req, resp, "external_id", "metadata field", r.data.metadataFields)
	if !ok {
		return
	}
	model, diags := metadataFieldModelFrom(ctx, f)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

// recordWritten records what Cloudinary holds after a write, in the state,
// the identity and the run's listing.
func (r *metadataFieldResource) recordWritten(ctx context.Context, f client.MetadataField, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	r.data.metadataFields.put(f.ExternalID, f)
	model, d := metadataFieldModelFrom(ctx, f)
	diags.Append(d...)
	diags.Append(state.Set(ctx, model)...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"external_id": f.ExternalID})...)
}

// Update changes the datasource first (so that a new default may name a new
// entry), then the settings. Whatever fails, state is written from the field
// as Cloudinary then has it, read back in one listing with the field updates
// that finish with it.
func (r *metadataFieldResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, in := plannedField(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ExternalID.ValueString()
	write := r.data.metadataFields.beginWrite()
	defer write.end()
	err := r.updateField(ctx, id, in)
	if err != nil {
		resp.Diagnostics.AddError("Cannot update metadata field", err.Error())
	}
	f, readErr := write.readBack(ctx, id)
	if readErr != nil {
		if err == nil {
			resp.Diagnostics.AddError("Cannot read metadata field after updating it", readBackFailed(fmt.Sprintf("Metadata field %q", id), "updated", readErr))
		}
		return
	}
	r.recordWritten(ctx, f, &resp.State, resp.Identity, &resp.Diagnostics)
}

// updateField sends in, the field as planned.
func (r *metadataFieldResource) updateField(ctx context.Context, id string, in client.MetadataFieldInput) error {
	withDatasource, sorted := in.Datasource != nil, in.AlphabeticallySorted != nil && *in.AlphabeticallySorted
	var want []client.DatasourceEntry
	if withDatasource {
		want = in.Datasource.Values
		current, err := r.data.client.GetMetadataField(ctx, id)
		if err != nil {
			return err
		}
		if err := syncDatasource(ctx, r.data.client, id, current, want, sorted); err != nil {
			return err
		}
	}
	updated, err := r.data.client.UpdateMetadataField(ctx, id, in)
	if err != nil || !withDatasource || sorted {
		return err
	}
	// A field whose sorting this update turned off was still sorted when its
	// datasource changed: put the entries in the configured order now (no
	// call when they already are).
	return syncDatasource(ctx, r.data.client, id, updated, want, false)
}

// syncDatasource makes a field's active entries the wanted ones, in order,
// with the calls Cloudinary offers: restore (for entries deleted before),
// delete (a soft delete), and the datasource PUT, which changes entries by
// external ID and appends new ones. Positions are sent only when appending
// would not give the wanted order, and never to a sorted field, whose order
// is Cloudinary's.
func syncDatasource(ctx context.Context, c *client.Client, id string, current *client.MetadataField, want []client.DatasourceEntry, sorted bool) error {
	have := map[string]client.DatasourceEntry{}
	var order []string // the active entries' order once restores and deletes are done
	if current.Datasource != nil {
		for _, d := range current.Datasource.Values {
			have[d.ExternalID] = d
		}
	}
	wanted := map[string]bool{}
	var restore, upsert []string
	for _, w := range want {
		wanted[w.ExternalID] = true
		d, ok := have[w.ExternalID]
		if ok && !d.Active() {
			restore = append(restore, w.ExternalID)
		}
		if !ok || d.Value != w.Value {
			upsert = append(upsert, w.ExternalID)
		}
	}
	var remove []string
	if current.Datasource != nil {
		for _, d := range current.Datasource.Values {
			switch {
			case wanted[d.ExternalID]:
				order = append(order, d.ExternalID)
			case d.Active():
				remove = append(remove, d.ExternalID)
			}
		}
	}
	for _, w := range want {
		if _, ok := have[w.ExternalID]; !ok {
			order = append(order, w.ExternalID)
		}
	}
	if len(restore) > 0 {
		if err := c.RestoreDatasourceEntries(ctx, id, restore); err != nil {
			return err
		}
	}
	if len(remove) > 0 {
		if err := c.DeleteDatasourceEntries(ctx, id, remove); err != nil {
			return err
		}
	}
	changes := datasourceChanges(want, upsert, order, sorted)
	if len(changes) == 0 {
		return nil
	}
	return c.UpdateDatasource(ctx, id, changes)
}

// datasourceChanges is the body of the datasource PUT: the entries to add or
// change, or, when the resulting order is not the wanted one (and Cloudinary
// does not sort the field itself), every entry with its position. Nil when
// nothing changes.
func datasourceChanges(want []client.DatasourceEntry, upsert, order []string, sorted bool) []client.DatasourceEntry {
	inOrder := len(order) == len(want)
	for i := range want {
		if inOrder && order[i] != want[i].ExternalID {
			inOrder = false
		}
	}
	inOrder = inOrder || sorted
	var out []client.DatasourceEntry
	for i, w := range want {
		switch {
		case !inOrder:
			w.Position = i + 1
		case !slices.Contains(upsert, w.ExternalID):
			continue
		}
		out = append(out, w)
	}
	return out
}

func (r *metadataFieldResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByKey(ctx, req, resp, "external_id", "metadata field", r.data.client.DeleteMetadataField, r.data.metadataFields)
}

func (r *metadataFieldResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "external_id")
}
