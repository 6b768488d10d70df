package provider

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// A structured metadata field in HCL. Cloudinary's validation object (one
// rule, or "and" of several) becomes one optional attribute per rule kind,
// and its default value becomes default_value, or default_values for a set;
// the datasource is the list of active entries, in order (deleted entries,
// which Cloudinary keeps inactive, are not shown). The nested attributes are
// objects and lists (see values.go): a configuration may give them values
// that are not known until apply.

type metadataFieldModel struct {
	ID                     types.String `tfsdk:"id"`
	ExternalID             types.String `tfsdk:"external_id"`
	Type                   types.String `tfsdk:"type"`
	Label                  types.String `tfsdk:"label"`
	Mandatory              types.Bool   `tfsdk:"mandatory"`
	DefaultDisabled        types.Bool   `tfsdk:"default_disabled"`
	DefaultValue           types.String `tfsdk:"default_value"`
	DefaultValues          types.Set    `tfsdk:"default_values"`
	Validation             types.Object `tfsdk:"validation"`   // a metadataValidation
	Restrictions           types.Object `tfsdk:"restrictions"` // a metadataRestrictions
	Datasource             types.List   `tfsdk:"datasource"`   // of datasourceEntry
	AllowDynamicListValues types.Bool   `tfsdk:"allow_dynamic_list_values"`
	AlphabeticallySorted   types.Bool   `tfsdk:"alphabetically_sorted"`
	Group                  types.String `tfsdk:"group"`
}

type metadataValidation struct {
	GreaterThan types.Object `tfsdk:"greater_than"` // a comparisonRule
	LessThan    types.Object `tfsdk:"less_than"`    // a comparisonRule
	Strlen      types.Object `tfsdk:"strlen"`       // a lengthRule
}

type comparisonRule struct {
	Value  types.String `tfsdk:"value"`
	Equals types.Bool   `tfsdk:"equals"`
}

type lengthRule struct {
	Min types.Int64 `tfsdk:"min"`
	Max types.Int64 `tfsdk:"max"`
}

type metadataRestrictions struct {
	ReadonlyUI         types.Bool `tfsdk:"readonly_ui"`
	HiddenUI           types.Bool `tfsdk:"hidden_ui"`
	ExcludedFromSearch types.Bool `tfsdk:"excluded_from_search"`
}

type datasourceEntry struct {
	ExternalID types.String `tfsdk:"external_id"`
	Value      types.String `tfsdk:"value"`
}

// The object types of the nested attributes, as the schemas declare them.
var (
	comparisonRuleType       = types.ObjectType{AttrTypes: map[string]attr.Type{"value": types.StringType, "equals": types.BoolType}}
	lengthRuleType           = types.ObjectType{AttrTypes: map[string]attr.Type{"min": types.Int64Type, "max": types.Int64Type}}
	metadataRestrictionsType = types.ObjectType{AttrTypes: map[string]attr.Type{"readonly_ui": types.BoolType, "hidden_ui": types.BoolType, "excluded_from_search": types.BoolType}}
	datasourceEntryType      = types.ObjectType{AttrTypes: map[string]attr.Type{"external_id": types.StringType, "value": types.StringType}}
	metadataValidationType   = types.ObjectType{AttrTypes: map[string]attr.Type{
		"greater_than": comparisonRuleType, "less_than": comparisonRuleType, "strlen": lengthRuleType,
	}}
)

// defaultMetadataGroup is the Media Library section of a field that names
// none, as Cloudinary documents it.
const defaultMetadataGroup = "default"

// metadataFieldTypes are the five field types.
var metadataFieldTypes = []string{"string", "integer", "date", "enum", "set"}

func hasDatasource(typ string) bool { return typ == "enum" || typ == "set" }

// metadataExternalIDPattern keeps external IDs usable in the "id=value|..."
// form and in URL paths.
var metadataExternalIDPattern = regexp.MustCompile(`^[A-Za-z0-9_\-.]+$`)

// metadataFieldModelFrom writes a field as Cloudinary answered it.
func metadataFieldModelFrom(ctx context.Context, f client.MetadataField) (metadataFieldModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	restrictions := metadataRestrictions{
		ReadonlyUI: types.BoolValue(f.Restrictions["readonly_ui"]), HiddenUI: types.BoolValue(f.Restrictions["hidden_ui"]),
		ExcludedFromSearch: types.BoolValue(f.Restrictions["excluded_from_search"]),
	}
	m := metadataFieldModel{
		ID: types.StringValue(f.ExternalID), ExternalID: types.StringValue(f.ExternalID), Type: types.StringValue(f.Type),
		Label: types.StringValue(f.Label), Mandatory: types.BoolValue(f.Mandatory), DefaultDisabled: types.BoolValue(f.DefaultDisabled),
		DefaultValue: types.StringNull(), DefaultValues: types.SetNull(types.StringType),
		Validation:             types.ObjectNull(metadataValidationType.AttrTypes),
		Restrictions:           objectFrom(ctx, metadataRestrictionsType, &restrictions, &diags),
		Datasource:             types.ListNull(datasourceEntryType),
		AllowDynamicListValues: types.BoolValue(f.AllowDynamicListValues != nil && *f.AllowDynamicListValues),
		AlphabeticallySorted:   types.BoolValue(f.AlphabeticallySorted != nil && *f.AlphabeticallySorted),
		Group:                  types.StringValue(cmp.Or(f.Group, defaultMetadataGroup)),
	}
	if f.Type == "set" {
		ids, err := metadataList(f.DefaultValue)
		if err != nil {
			diags.AddWarning("Unexpected default value", fmt.Sprintf("Metadata field %s: %v", f.ExternalID, err))
		} else if ids != nil {
			m.DefaultValues = stringSet(ids)
		}
	} else if text, ok := metadataText(f.DefaultValue); ok {
		m.DefaultValue = types.StringValue(text)
	}
	var entries []datasourceEntry
	if f.Datasource != nil {
		for _, d := range f.Datasource.Values {
			if d.Active() {
				entries = append(entries, datasourceEntry{ExternalID: types.StringValue(d.ExternalID), Value: types.StringValue(d.Value)})
			}
		}
	}
	if entries != nil {
		var d diag.Diagnostics
		m.Datasource, d = types.ListValueFrom(ctx, datasourceEntryType, entries)
		diags.Append(d...)
	}
	if f.Validation != nil {
		m.Validation = validationModelFrom(ctx, *f.Validation, f.ExternalID, &diags)
	}
	return m, diags
}

// metadataText renders a scalar JSON value (a string or a number) as text;
// ok is false for null.
func metadataText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	return string(raw), true
}

// metadataList reads a JSON array of strings or numbers (a set's value);
// nil for null.
func metadataList(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s is not a list", raw)
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		text, _ := metadataText(it)
		out = append(out, text)
	}
	return out, nil
}

// validationModelFrom flattens Cloudinary's validation into one rule per
// kind. A validation with two rules of one kind cannot be written that way:
// the first is kept, with a warning.
func validationModelFrom(ctx context.Context, v client.MetadataValidation, fieldID string, diags *diag.Diagnostics) types.Object {
	out := metadataValidation{
		GreaterThan: types.ObjectNull(comparisonRuleType.AttrTypes), LessThan: types.ObjectNull(comparisonRuleType.AttrTypes),
		Strlen: types.ObjectNull(lengthRuleType.AttrTypes),
	}
	var add func(r client.MetadataValidation)
	add = func(r client.MetadataValidation) {
		slotTaken := func() bool {
			diags.AddWarning("Validation not fully shown",
				fmt.Sprintf("Metadata field %s has more than one %s rule; only the first is shown, and applying this configuration keeps only it.", fieldID, r.Type))
			return true
		}
		switch r.Type {
		case "and":
			for _, sub := range r.Rules {
				add(sub)
			}
		case "greater_than":
			if out.GreaterThan.IsNull() || !slotTaken() {
				out.GreaterThan = comparisonFrom(ctx, r, diags)
			}
		case "less_than":
			if out.LessThan.IsNull() || !slotTaken() {
				out.LessThan = comparisonFrom(ctx, r, diags)
			}
		case "strlen":
			if out.Strlen.IsNull() || !slotTaken() {
				out.Strlen = objectFrom(ctx, lengthRuleType, &lengthRule{Min: optionalInt(r.Min), Max: optionalInt(r.Max)}, diags)
			}
		default:
			diags.AddWarning("Unknown validation", fmt.Sprintf("Metadata field %s has a %q validation rule, which this provider does not know; it is not shown.", fieldID, r.Type))
		}
	}
	add(v)
	return objectFrom(ctx, metadataValidationType, &out, diags)
}

func comparisonFrom(ctx context.Context, r client.MetadataValidation, diags *diag.Diagnostics) types.Object {
	text, _ := metadataText(r.Value)
	return objectFrom(ctx, comparisonRuleType, &comparisonRule{Value: types.StringValue(text), Equals: types.BoolValue(r.Equals != nil && *r.Equals)}, diags)
}

// input is what creating or updating the field sends: every setting, so
// that what the configuration no longer has is removed. It expects a
// configuration that validate accepted, and known: a plan being applied.
func (m metadataFieldModel) input(ctx context.Context) (client.MetadataFieldInput, diag.Diagnostics) {
	var diags diag.Diagnostics
	typ := m.Type.ValueString()
	in := client.MetadataFieldInput{
		ExternalID: m.ExternalID.ValueString(), Type: typ, Label: m.Label.ValueString(),
		Mandatory: m.Mandatory.ValueBool(), DefaultDisabled: m.DefaultDisabled.ValueBool(),
		DefaultValue: m.defaultValueJSON(), Restrictions: map[string]bool{}, Group: m.Group.ValueString(),
	}
	if r := objectAs[metadataRestrictions](ctx, m.Restrictions, &diags); r != nil {
		in.Restrictions = map[string]bool{
			"readonly_ui": r.ReadonlyUI.ValueBool(), "hidden_ui": r.HiddenUI.ValueBool(), "excluded_from_search": r.ExcludedFromSearch.ValueBool(),
		}
	}
	if v := objectAs[metadataValidation](ctx, m.Validation, &diags); v != nil {
		in.Validation = v.toAPI(ctx, typ, &diags)
	}
	if hasDatasource(typ) {
		allow, sorted := m.AllowDynamicListValues.ValueBool(), m.AlphabeticallySorted.ValueBool()
		in.AllowDynamicListValues, in.AlphabeticallySorted = &allow, &sorted
		in.Datasource = &client.Datasource{Values: m.datasourceValues(ctx, &diags)}
	}
	return in, diags
}

// datasourceEntries are the entries of the datasource (none when it is null
// or not known yet); an entry that is not known yet has unknown fields.
func (m metadataFieldModel) datasourceEntries(ctx context.Context, diags *diag.Diagnostics) []datasourceEntry {
	out := make([]datasourceEntry, 0, len(m.Datasource.Elements()))
	for _, el := range m.Datasource.Elements() {
		entry := datasourceEntry{ExternalID: types.StringUnknown(), Value: types.StringUnknown()}
		if o, ok := el.(types.Object); ok {
			if e := objectAs[datasourceEntry](ctx, o, diags); e != nil {
				entry = *e
			}
		}
		out = append(out, entry)
	}
	return out
}

func (m metadataFieldModel) datasourceValues(ctx context.Context, diags *diag.Diagnostics) []client.DatasourceEntry {
	entries := m.datasourceEntries(ctx, diags)
	out := make([]client.DatasourceEntry, 0, len(entries))
	for _, d := range entries {
		out = append(out, client.DatasourceEntry{ExternalID: d.ExternalID.ValueString(), Value: d.Value.ValueString()})
	}
	return out
}

// defaultValueJSON is the default value as Cloudinary takes it: a number
// for integers, an array for sets, a string otherwise, null for none.
func (m metadataFieldModel) defaultValueJSON() json.RawMessage {
	if m.Type.ValueString() == "set" {
		if m.DefaultValues.IsNull() || m.DefaultValues.IsUnknown() {
			return json.RawMessage("null")
		}
		ids := make([]string, 0, len(m.DefaultValues.Elements()))
		for _, el := range m.DefaultValues.Elements() {
			if s, ok := el.(types.String); ok {
				ids = append(ids, s.ValueString())
			}
		}
		data, _ := json.Marshal(ids)
		return data
	}
	if m.DefaultValue.IsNull() || m.DefaultValue.IsUnknown() {
		return json.RawMessage("null")
	}
	return typedJSON(m.Type.ValueString(), m.DefaultValue.ValueString())
}

// typedJSON writes a value of a field type as JSON: integers as numbers.
func typedJSON(typ, value string) json.RawMessage {
	if typ == "integer" {
		if n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64); err == nil {
			return json.RawMessage(strconv.FormatInt(n, 10))
		}
	}
	data, _ := json.Marshal(value)
	return data
}

// toAPI writes the rules: one alone, or "and" of several.
func (v metadataValidation) toAPI(ctx context.Context, typ string, diags *diag.Diagnostics) *client.MetadataValidation {
	var rules []client.MetadataValidation
	comparison := func(kind string, o types.Object) {
		if r := objectAs[comparisonRule](ctx, o, diags); r != nil {
			equals := r.Equals.ValueBool()
			rules = append(rules, client.MetadataValidation{Type: kind, Value: typedJSON(typ, r.Value.ValueString()), Equals: &equals})
		}
	}
	comparison("greater_than", v.GreaterThan)
	comparison("less_than", v.LessThan)
	if l := objectAs[lengthRule](ctx, v.Strlen, diags); l != nil {
		rule := client.MetadataValidation{Type: "strlen"}
		if !l.Min.IsNull() {
			n := l.Min.ValueInt64()
			rule.Min = &n
		}
		if !l.Max.IsNull() {
			n := l.Max.ValueInt64()
			rule.Max = &n
		}
		rules = append(rules, rule)
	}
	switch len(rules) {
	case 0:
		return nil
	case 1:
		return &rules[0]
	}
	return &client.MetadataValidation{Type: "and", Rules: rules}
}

// validate checks what Cloudinary would refuse, so that it is refused at
// plan time: settings that do not fit the type, values that are not of it,
// defaults outside the datasource or failing the validation. Unknown values
// are left for apply.
func (m metadataFieldModel) validate(ctx context.Context, diags *diag.Diagnostics) {
	if !known(m.Type) {
		return
	}
	typ := m.Type.ValueString()
	m.validateDatasource(ctx, typ, diags)
	m.validateRules(ctx, typ, diags)
	if diags.HasError() {
		return
	}
	m.validateDefault(ctx, typ, diags)
}

func (m metadataFieldModel) validateDatasource(ctx context.Context, typ string, diags *diag.Diagnostics) {
	at := path.Root("datasource")
	if !hasDatasource(typ) {
		if known(m.Datasource) {
			diags.AddAttributeError(at, "Datasource not allowed", "Only enum and set fields have a datasource; this field is of type "+typ+".")
		}
		for name, set := range map[string]types.Bool{"allow_dynamic_list_values": m.AllowDynamicListValues, "alphabetically_sorted": m.AlphabeticallySorted} {
			if set.ValueBool() {
				diags.AddAttributeError(path.Root(name), "Not allowed for this type", name+" applies to enum and set fields only.")
			}
		}
		return
	}
	if m.Datasource.IsUnknown() {
		return
	}
	entries := m.datasourceEntries(ctx, diags)
	if len(entries) == 0 {
		diags.AddAttributeError(at, "Missing datasource", "An "+typ+" field needs a datasource: the values it may take.")
		return
	}
	seen := map[string]bool{}
	for i, d := range entries {
		if d.ExternalID.IsUnknown() {
			continue
		}
		id := d.ExternalID.ValueString()
		if seen[id] {
			addAttributeError(diags, at.AtListIndex(i).AtName("external_id"), "Duplicate datasource external ID",
				fmt.Sprintf("The datasource gives external_id %q twice; each entry needs its own.", id))
		}
		seen[id] = true
	}
	if m.AlphabeticallySorted.ValueBool() {
		validateAlphabeticalOrder(entries, diags)
	}
}

// validateAlphabeticalOrder checks that a sorted field's datasource is
// listed in the order Cloudinary keeps it (by value, ignoring case), so that
// the configuration is what a read shows.
func validateAlphabeticalOrder(entries []datasourceEntry, diags *diag.Diagnostics) {
	for i := 1; i < len(entries); i++ {
		before, after := entries[i-1].Value, entries[i].Value
		if before.IsUnknown() || after.IsUnknown() {
			continue
		}
		if strings.ToLower(after.ValueString()) < strings.ToLower(before.ValueString()) {
			addAttributeError(diags, path.Root("datasource").AtListIndex(i).AtName("value"), "Datasource out of alphabetical order",
				fmt.Sprintf("With alphabetically_sorted, Cloudinary keeps the entries in order of value, ignoring case: list %q before %q.",
					after.ValueString(), before.ValueString()))
			return
		}
	}
}

// validateRules checks the rules that are known; a rule not known yet may
// turn out null, so it counts as neither absent nor present.
func (m metadataFieldModel) validateRules(ctx context.Context, typ string, diags *diag.Diagnostics) {
	v := objectAs[metadataValidation](ctx, m.Validation, diags)
	if v == nil {
		return
	}
	at := path.Root("validation")
	for name, o := range map[string]types.Object{"greater_than": v.GreaterThan, "less_than": v.LessThan} {
		rule := objectAs[comparisonRule](ctx, o, diags)
		if rule == nil {
			continue
		}
		if typ != "integer" && typ != "date" {
			addAttributeError(diags, at.AtName(name), "Validation does not fit the type",
				name+" applies to integer and date fields; this field is of type "+typ+".")
			continue
		}
		if !rule.Value.IsUnknown() {
			if err := checkTyped(typ, rule.Value.ValueString()); err != nil {
				addAttributeError(diags, at.AtName(name).AtName("value"), "Invalid validation value", err.Error())
			}
		}
	}
	if l := objectAs[lengthRule](ctx, v.Strlen, diags); l != nil {
		if typ != "string" {
			addAttributeError(diags, at.AtName("strlen"), "Validation does not fit the type",
				"strlen applies to string fields; this field is of type "+typ+".")
		}
		switch {
		case l.Min.IsNull() && l.Max.IsNull():
			addAttributeError(diags, at.AtName("strlen"), "Empty strlen", "strlen needs min, max or both.")
		case !l.Min.IsNull() && !l.Max.IsNull() && !l.Min.IsUnknown() && !l.Max.IsUnknown() && l.Min.ValueInt64() > l.Max.ValueInt64():
			addAttributeError(diags, at.AtName("strlen"), "Invalid strlen", "min is greater than max.")
		}
	}
	if v.GreaterThan.IsNull() && v.LessThan.IsNull() && v.Strlen.IsNull() {
		diags.AddAttributeError(at, "Empty validation", "validation needs greater_than, less_than or strlen; leave it out for none.")
	}
}

// checkTyped tells whether a text is a value of a scalar field type.
func checkTyped(typ, value string) error {
	switch typ {
	case "integer":
		if _, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64); err != nil {
			return fmt.Errorf("%q is not an integer", value)
		}
	case "date":
		if _, err := time.Parse("2006-01-02", value); err != nil {
			return fmt.Errorf("%q is not a date in the form YYYY-MM-DD", value)
		}
	}
	return nil
}

func (m metadataFieldModel) validateDefault(ctx context.Context, typ string, diags *diag.Diagnostics) {
	if typ == "set" {
		if known(m.DefaultValue) {
			diags.AddAttributeError(path.Root("default_value"), "Use default_values", "A set field's default is a set of datasource external IDs: give it as default_values.")
		}
		if !known(m.DefaultValues) {
			return
		}
		for _, el := range m.DefaultValues.Elements() {
			if s, ok := el.(types.String); ok && !s.IsUnknown() {
				m.checkEntry(ctx, path.Root("default_values"), s.ValueString(), diags)
			}
		}
		return
	}
	if known(m.DefaultValues) {
		diags.AddAttributeError(path.Root("default_values"), "Only for set fields", "default_values is the default of a set field; this field is of type "+typ+": use default_value.")
	}
	if !known(m.DefaultValue) {
		return
	}
	value, at := m.DefaultValue.ValueString(), path.Root("default_value")
	if typ == "enum" {
		m.checkEntry(ctx, at, value, diags)
		return
	}
	if err := checkTyped(typ, value); err != nil {
		diags.AddAttributeError(at, "Invalid default value", err.Error())
		return
	}
	if v := objectAs[metadataValidation](ctx, m.Validation, diags); v != nil && !v.passes(ctx, typ, value, diags) {
		diags.AddAttributeError(at, "Default value fails the validation",
			fmt.Sprintf("Cloudinary refuses a default value that its own field's validation refuses: %q does not pass it.", value))
	}
}

// checkEntry checks that an enum or set value names a datasource entry.
func (m metadataFieldModel) checkEntry(ctx context.Context, at path.Path, id string, diags *diag.Diagnostics) {
	if m.Datasource.IsUnknown() {
		return
	}
	for _, d := range m.datasourceEntries(ctx, diags) {
		if d.ExternalID.IsUnknown() || d.ExternalID.ValueString() == id {
			return
		}
	}
	diags.AddAttributeError(at, "Not in the datasource", fmt.Sprintf("%q is not the external_id of any datasource entry of this field.", id))
}

// passes evaluates the validation on a known, well-typed value; rules with
// unknown parts pass (apply decides).
func (v metadataValidation) passes(ctx context.Context, typ, value string, diags *diag.Diagnostics) bool {
	compare := func(o types.Object, wantSign int) bool {
		r := objectAs[comparisonRule](ctx, o, diags)
		if r == nil || r.Value.IsUnknown() {
			return true
		}
		c := compareTyped(typ, value, r.Value.ValueString())
		return c == wantSign || (c == 0 && r.Equals.ValueBool())
	}
	if !compare(v.GreaterThan, 1) || !compare(v.LessThan, -1) {
		return false
	}
	if l := objectAs[lengthRule](ctx, v.Strlen, diags); l != nil {
		n := int64(len([]rune(value)))
		if (!l.Min.IsNull() && !l.Min.IsUnknown() && n < l.Min.ValueInt64()) || (!l.Max.IsNull() && !l.Max.IsUnknown() && n > l.Max.ValueInt64()) {
			return false
		}
	}
	return true
}

// compareTyped compares two values of an integer or date field.
func compareTyped(typ, a, b string) int {
	if typ == "integer" {
		x, _ := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
		y, _ := strconv.ParseInt(strings.TrimSpace(b), 10, 64)
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}
