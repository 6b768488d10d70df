package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var (
	_ resource.ResourceWithConfigure   = (*metadataRuleResource)(nil)
	_ resource.ResourceWithImportState = (*metadataRuleResource)(nil)
	_ resource.ResourceWithIdentity    = (*metadataRuleResource)(nil)

	_ resource.ResourceWithValidateConfig = (*metadataRuleResource)(nil)
)

func newMetadataRuleResource() resource.Resource { return &metadataRuleResource{} }

type metadataRuleResource struct{ resourceBase }

// The result and its parts are objects (see values.go): a configuration
// may give them values that are not known until apply.
type metadataRuleModel struct {
	ID              types.String  `tfsdk:"id"`
	MetadataFieldID types.String  `tfsdk:"metadata_field_id"`
	Name            types.String  `tfsdk:"name"`
	Condition       spellingValue `tfsdk:"condition"`
	Result          types.Object  `tfsdk:"result"` // a ruleResult
	State           types.String  `tfsdk:"state"`
	Position        types.Int64   `tfsdk:"position"`
}

type ruleResult struct {
	ApplyValue     types.Object `tfsdk:"apply_value"` // a ruleApplyValue
	Disable        types.Bool   `tfsdk:"disable"`
	Enable         types.Bool   `tfsdk:"enable"`
	Hide           types.Bool   `tfsdk:"hide"`
	SetMandatory   types.Bool   `tfsdk:"set_mandatory"`
	ActivateValues types.Object `tfsdk:"activate_values"` // a ruleActivateValues
}

type ruleApplyValue struct {
	Value types.String `tfsdk:"value"`
	Mode  types.String `tfsdk:"mode"`
}

type ruleActivateValues struct {
	All         types.Bool   `tfsdk:"all"`
	ExternalIDs types.Set    `tfsdk:"external_ids"`
	Mode        types.String `tfsdk:"mode"`
}

// The object types of the result, as the schema declares them.
var (
	ruleApplyValueType     = types.ObjectType{AttrTypes: map[string]attr.Type{"value": types.StringType, "mode": types.StringType}}
	ruleActivateValuesType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"all": types.BoolType, "external_ids": types.SetType{ElemType: types.StringType}, "mode": types.StringType,
	}}
	ruleResultType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"apply_value": ruleApplyValueType, "disable": types.BoolType, "enable": types.BoolType, "hide": types.BoolType,
		"set_mandatory": types.BoolType, "activate_values": ruleActivateValuesType,
	}}
)

// keepsUnchangedPlans: its attributes' plan modifiers keep an unchanged value.
func (r *metadataRuleResource) keepsUnchangedPlans() bool { return true }

func (r *metadataRuleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_metadata_rule"
}

func (r *metadataRuleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttribute{"id", "Cloudinary's external ID of the rule."})
}

func (r *metadataRuleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optionalBool := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, MarkdownDescription: description}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A conditional metadata rule: when the values of other fields meet `condition`, `result` applies " +
			"to the field `metadata_field_id` (a value, which entries are active, whether it is shown or mandatory).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Cloudinary's external ID of the rule, the import ID."},
			"metadata_field_id": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The external ID of the field the rule acts on. Changing it replaces the rule: deleting a field deletes " +
					"\"all its associated data\", as Cloudinary documents, so a rule cannot follow its field through a replacement."},
			"name": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: "A name for the rule."},
			"condition": schema.StringAttribute{Required: true, CustomType: spellingType{spelling: jsonDocument},
				Validators: []validator.String{ruleConditionValidator{}},
				MarkdownDescription: "When the rule applies, as JSON (use `jsonencode`): a test of one field, " +
					"`{ metadata_field_id = \"...\", populated = true }`, `includes = [...]` or `equals = \"...\"`, or `and` and `or` of " +
					"a list of conditions. Compared as JSON: key order and spacing do not matter."},
			"result": schema.SingleNestedAttribute{Required: true, MarkdownDescription: "What the rule does; set at least one.",
				Attributes: map[string]schema.Attribute{
					"apply_value": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "A value to give the field.",
						Attributes: map[string]schema.Attribute{
							"value": schema.StringAttribute{Optional: true, MarkdownDescription: "The value; null clears the field."},
							"mode": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("default", "override", "append")},
								MarkdownDescription: "`default` (only when the field has no value), `override` or `append` (sets)."},
						}},
					"disable":       optionalBool("Whether to disable the field in the Media Library."),
					"enable":        optionalBool("Whether to enable the field (deprecated by Cloudinary: prefer `disable = false`)."),
					"hide":          optionalBool("Whether to hide the field in the Media Library."),
					"set_mandatory": optionalBool("Whether the field becomes mandatory (true) or optional (false)."),
					"activate_values": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "Which datasource entries of the field are active: `all = true`, or `external_ids`.",
						Attributes: map[string]schema.Attribute{
							"all":          optionalBool("Every entry (set it to true)."),
							"external_ids": schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "These entries."},
							"mode": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("override", "append")},
								MarkdownDescription: "With `external_ids`: replace the active entries (`override`) or add to them (`append`, Cloudinary's default)."},
						}},
				}},
			"state": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("active"),
				Validators:          []validator.String{stringvalidator.OneOf("active", "inactive")},
				MarkdownDescription: "`active` (the default) or `inactive`."},
			"position": schema.Int64Attribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				MarkdownDescription: "The rule's place among the rules; Cloudinary assigns one when unset."},
		},
	}
}

// ValidateConfig checks what the schema cannot: a result that does
// something, and activate_values with either all or external_ids. What is
// not known yet may turn out null, so it counts as neither set nor unset.
func (r *metadataRuleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var result types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("result"), &result)...)
	res := objectAs[ruleResult](ctx, result, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || res == nil {
		return
	}
	if res.ApplyValue.IsNull() && res.ActivateValues.IsNull() && res.Disable.IsNull() && res.Enable.IsNull() && res.Hide.IsNull() && res.SetMandatory.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("result"), "Empty result",
			"A rule's result needs at least one of apply_value, activate_values, disable, enable, hide or set_mandatory.")
	}
	if a := objectAs[ruleActivateValues](ctx, res.ActivateValues, &resp.Diagnostics); a != nil && !a.All.IsUnknown() && !a.ExternalIDs.IsUnknown() {
		all, listed := a.All.ValueBool(), !a.ExternalIDs.IsNull()
		if all == listed {
			addAttributeError(&resp.Diagnostics, path.Root("result").AtName("activate_values"), "Choose the entries",
				"activate_values needs either all = true or external_ids, not both or neither.")
		}
		if all && known(a.Mode) {
			addAttributeError(&resp.Diagnostics, path.Root("result").AtName("activate_values").AtName("mode"), "Mode needs external_ids",
				"mode applies to external_ids; all = true activates every entry.")
		}
	}
}

func (m metadataRuleModel) toAPI(ctx context.Context) (client.MetadataRule, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := client.MetadataRule{
		ExternalID: m.ID.ValueString(), MetadataFieldID: m.MetadataFieldID.ValueString(), Name: m.Name.ValueString(),
		Condition: json.RawMessage(m.Condition.ValueString()), State: m.State.ValueString(), Position: int(m.Position.ValueInt64()),
	}
	res := objectAs[ruleResult](ctx, m.Result, &diags)
	if res == nil {
		return out, diags
	}
	out.Result = client.MetadataRuleResult{Disable: res.Disable.ValueBoolPointer(), Enable: res.Enable.ValueBoolPointer(),
		Hide: res.Hide.ValueBoolPointer(), SetMandatory: res.SetMandatory.ValueBoolPointer()}
	if a := objectAs[ruleApplyValue](ctx, res.ApplyValue, &diags); a != nil {
		value := json.RawMessage("null")
		if !a.Value.IsNull() {
			value, _ = json.Marshal(a.Value.ValueString())
		}
		out.Result.ApplyValue = &client.RuleApplyValue{Value: value, Mode: a.Mode.ValueString()}
	}
	if a := objectAs[ruleActivateValues](ctx, res.ActivateValues, &diags); a != nil {
		activate := &client.RuleActivateValues{All: a.All.ValueBool(), Mode: a.Mode.ValueString()}
		if !a.ExternalIDs.IsNull() {
			diags.Append(a.ExternalIDs.ElementsAs(ctx, &activate.ExternalIDs, false)...)
		}
		out.Result.ActivateValues = activate
	}
	return out, diags
}

func metadataRuleModelFrom(ctx context.Context, r client.MetadataRule) (metadataRuleModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := metadataRuleModel{
		ID: types.StringValue(r.ExternalID), MetadataFieldID: types.StringValue(r.MetadataFieldID), Name: types.StringValue(r.Name),
		Condition: spellingValue{StringValue: types.StringValue(string(r.Condition)), spelling: jsonDocument},
		State:     types.StringValue(r.State), Position: types.Int64Value(int64(r.Position)),
	}
	res := r.Result
	result := ruleResult{Disable: types.BoolPointerValue(res.Disable), Enable: types.BoolPointerValue(res.Enable),
		Hide: types.BoolPointerValue(res.Hide), SetMandatory: types.BoolPointerValue(res.SetMandatory)}
	var applyValue *ruleApplyValue
	if a := res.ApplyValue; a != nil {
		value := types.StringNull()
		if text, ok := metadataText(a.Value); ok {
			value = types.StringValue(text)
		}
		applyValue = &ruleApplyValue{Value: value, Mode: optionalString(a.Mode)}
	}
	var activate *ruleActivateValues
	if a := res.ActivateValues; a != nil {
		activate = &ruleActivateValues{All: types.BoolNull(), ExternalIDs: types.SetNull(types.StringType), Mode: optionalString(a.Mode)}
		if a.All {
			activate.All = types.BoolValue(true)
		} else {
			activate.ExternalIDs = stringSet(a.ExternalIDs)
		}
	}
	result.ApplyValue = objectFrom(ctx, ruleApplyValueType, applyValue, &diags)
	result.ActivateValues = objectFrom(ctx, ruleActivateValuesType, activate, &diags)
	m.Result = objectFrom(ctx, ruleResultType, &result, &diags)
	return m, diags
}

func (r *metadataRuleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var field, name string
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("metadata_field_id"), &field)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() || !r.data.creating.claim(&resp.Diagnostics, path.Root("name"), "metadata rule on field "+field+" named", name) {
		return
	}
	r.write(ctx, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, r.createOnce, "Cannot create metadata rule")
}

// createOnce creates a rule, and never a second one of the same name on the
// same field. Cloudinary gives each rule a new ID, so a repeated create would
// make a duplicate: the client does not repeat a create that may have
// reached Cloudinary, and when its answer is lost, the rule that exists now
// and did not before the create is its own. A rule that was there before is
// someone else's, or an interrupted apply's, to import.
func (r *metadataRuleResource) createOnce(ctx context.Context, want client.MetadataRule) (*client.MetadataRule, error) {
	before, err := r.data.metadataRules.snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the metadata rules, to make sure this one does not exist yet: %w", err)
	}
	if existing, ok := ruleNamed(before, want); ok {
		rule := existingObject{what: fmt.Sprintf("Metadata rule %q on field %q", want.Name, want.MetadataFieldID),
			resourceType: "cloudinary_metadata_rule", importID: existing.ExternalID, key: "name"}
		return nil, rule.notInState(errors.New("creating it would make a second rule of that name on that field"))
	}
	got, err := r.data.client.CreateMetadataRule(ctx, want)
	if err == nil || !client.MayHaveTakenEffect(err) {
		return got, err
	}
	after, listErr := r.data.client.ListMetadataRules(ctx)
	if listErr != nil {
		return nil, fmt.Errorf("%w (and listing the rules to find the one it may have made failed: %w)", err, listErr)
	}
	if made, ok := ruleNamed(after, want); ok {
		return &made, nil
	}
	return nil, fmt.Errorf("%w; no rule of that name acts on the field now, so the create did not take effect", err)
}

// ruleNamed finds the rule with want's name on want's field.
func ruleNamed(rules []client.MetadataRule, want client.MetadataRule) (client.MetadataRule, bool) {
	i := slices.IndexFunc(rules, func(r client.MetadataRule) bool {
		return r.Name == want.Name && r.MetadataFieldID == want.MetadataFieldID
	})
	if i < 0 {
		return client.MetadataRule{}, false
	}
	return rules[i], true
}

func (r *metadataRuleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, r.data.client.UpdateMetadataRule, "Cannot update metadata rule")
}

// write sends the planned rule and records Cloudinary's answer.
func (r *metadataRuleResource) write(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics,
	call func(context.Context, client.MetadataRule) (*client.MetadataRule, error), summary string) {
	var model metadataRuleModel
	diags.Append(plan.Get(ctx, &model)...)
	if diags.HasError() {
		return
	}
	want, d := model.toAPI(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	got, err := call(ctx, want)
	if err != nil {
		diags.AddError(summary, err.Error())
		return
	}
	r.data.metadataRules.put(got.ExternalID, *got)
	written, d := metadataRuleModelFrom(ctx, *got)
	diags.Append(d...)
	diags.Append(state.Set(ctx, written)...)
	diags.Append(setIdentity(ctx, identity, map[string]string{"id": got.ExternalID})...)
}

func (r *metadataRuleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	rule, ok := readByKey(ctx, r.data, req, resp, "id", "metadata rule", r.data.metadataRules)
	if !ok {
		return
	}
	model, diags := metadataRuleModelFrom(ctx, rule)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func (r *metadataRuleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByKey(ctx, req, resp, "id", "metadata rule", r.data.client.DeleteMetadataRule, r.data.metadataRules)
}

func (r *metadataRuleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByNaturalKey(ctx, req, resp, "id")
}

// ruleConditionValidator checks a condition's shape at plan time: a JSON
// object that is "and" or "or" of a non-empty list of conditions, or a test
// of one field with exactly one of populated, includes or equals.
type ruleConditionValidator struct{}

func (ruleConditionValidator) Description(context.Context) string {
	return "must be a JSON rule condition"
}

func (v ruleConditionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (ruleConditionValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var condition any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &condition); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid condition", "condition is not JSON: "+err.Error())
		return
	}
	if err := checkRuleCondition(condition); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid condition", err.Error())
	}
}

func checkRuleCondition(c any) error {
	obj, ok := c.(map[string]any)
	if !ok {
		return fmt.Errorf("a condition must be a JSON object")
	}
	for _, join := range []string{"and", "or"} {
		if sub, has := obj[join]; has {
			list, isList := sub.([]any)
			if len(obj) != 1 || !isList || len(list) == 0 {
				return fmt.Errorf("%q must be the only key, with a non-empty list of conditions", join)
			}
			for _, item := range list {
				if err := checkRuleCondition(item); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if id, _ := obj["metadata_field_id"].(string); id == "" {
		return fmt.Errorf("a condition on a field needs metadata_field_id")
	}
	operators := 0
	for _, op := range []string{"populated", "includes", "equals"} {
		if _, has := obj[op]; has {
			operators++
		}
	}
	if operators != 1 || len(obj) != 2 {
		return fmt.Errorf("a condition on field %v needs exactly one of populated, includes or equals, and nothing else", obj["metadata_field_id"])
	}
	return nil
}
