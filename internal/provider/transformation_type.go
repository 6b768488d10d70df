package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/mediaops/terraform-provider-cloudinary/internal/transformation"
)

// transformationType is a string holding a Cloudinary transformation
// ("c_fill,w_100/jpg"). Its values validate at plan time and compare
// semantically: Cloudinary answers with components in its own order.
type transformationType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = transformationType{}
	_ basetypes.StringValuableWithSemanticEquals = transformationValue{}
	_ xattr.ValidateableAttribute                = transformationValue{}
)

func (t transformationType) Equal(o attr.Type) bool {
	_, ok := o.(transformationType)
	return ok
}

func (t transformationType) String() string { return "transformationType" }

func (t transformationType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return transformationValue{StringValue: in}, nil
}

func (t transformationType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return transformationValue{StringValue: s}, nil
}

func (t transformationType) ValueType(context.Context) attr.Value { return transformationValue{} }

// transformationValue is a value of transformationType.
type transformationValue struct {
	basetypes.StringValue
}

func newTransformationValue(s string) transformationValue {
	return transformationValue{StringValue: basetypes.NewStringValue(s)}
}

func (v transformationValue) Type(context.Context) attr.Type { return transformationType{} }

func (v transformationValue) Equal(o attr.Value) bool {
	other, ok := o.(transformationValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals keeps the configured spelling when Cloudinary
// answers with the same transformation written another way.
func (v transformationValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(transformationValue)
	if !ok {
		return false, nil
	}
	return transformation.Equal(v.ValueString(), other.ValueString()), nil
}

// sameTransformations compares two lists of transformations (a preset's
// eager list, a profile's representations) by meaning, in order.
func sameTransformations(a, b []string) bool {
	return slices.EqualFunc(a, b, transformation.Equal)
}

// ValidateAttribute points at the component that is wrong.
func (v transformationValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	validateTransformation(v.StringValue, req.Path, &resp.Diagnostics)
}

func validateTransformation(v basetypes.StringValue, at path.Path, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	if _, err := parseTransformation(v.ValueString()); err != nil {
		addAttributeError(diags, at, "Invalid transformation", err.Error()+".")
	}
}

// parseTransformation reads a transformation as a configuration writes it,
// with an error that names the step and the component at fault and says how
// transformations are written: the plan-time validator's and the functions'.
func parseTransformation(s string) (transformation.Chain, error) {
	chain, err := transformation.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid Cloudinary transformation: %w. Components are key_value pairs such as "+
			"w_100 or c_fill, separated by commas; chained steps are separated by slashes", s, err)
	}
	return chain, nil
}

// transformationElements validates each transformation of a list, which
// the framework does not do through the element type.
type transformationElements struct{}

func (transformationElements) Description(context.Context) string {
	return "each element must be a valid Cloudinary transformation"
}

func (v transformationElements) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (transformationElements) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	for i, el := range req.ConfigValue.Elements() {
		if sv, ok := el.(basetypes.StringValuable); ok {
			s, d := sv.ToStringValue(ctx)
			resp.Diagnostics.Append(d...)
			validateTransformation(s, req.Path.AtListIndex(i), &resp.Diagnostics)
		}
	}
}

// equivalentSpellingPlan plans an attribute so that an equivalent spelling
// is no change: when the configured value means the same as the state's (as
// after an import, which stores Cloudinary's spelling), the plan keeps the
// state's value. Semantic equality alone cannot do this: it only applies to
// values that the provider reads, never to plans. The attribute is Optional
// and Computed for this, so a removed value is planned as null here, not left
// to Computed's "keep the prior value".
//
// Strings compare with equal (transformation.Equal when nil); lists are of
// transformations, which transformations picks out of the elements (the
// elements themselves when nil); maps' values compare with equal.
type equivalentSpellingPlan struct {
	equal           func(a, b string) bool
	transformations func(basetypes.ListValue) []attr.Value
}

// plansNullUnconfigured: a removed value is planned as null (nullPlanner).
func (equivalentSpellingPlan) plansNullUnconfigured() {}

func (equivalentSpellingPlan) Description(context.Context) string {
	return "an equivalent spelling of the current value is not a change"
}

func (m equivalentSpellingPlan) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m equivalentSpellingPlan) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	equal := m.equal
	if equal == nil {
		equal = transformation.Equal
	}
	switch {
	case req.ConfigValue.IsNull():
		resp.PlanValue = req.ConfigValue
	case req.ConfigValue.IsUnknown() || req.StateValue.IsNull():
	case equal(req.ConfigValue.ValueString(), req.StateValue.ValueString()):
		resp.PlanValue = req.StateValue
	}
}

func (m equivalentSpellingPlan) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	transformations := m.transformations
	if transformations == nil {
		transformations = basetypes.ListValue.Elements
	}
	switch {
	case req.ConfigValue.IsNull():
		resp.PlanValue = req.ConfigValue
	case req.ConfigValue.IsUnknown() || req.StateValue.IsNull():
	case equivalentLists(transformations(req.ConfigValue), transformations(req.StateValue)):
		resp.PlanValue = req.StateValue
	}
}

// PlanModifyMap keeps the state's map when every configured value means
// the same as the state's under equal (the values are spellingValues).
func (m equivalentSpellingPlan) PlanModifyMap(_ context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	switch {
	case req.ConfigValue.IsNull():
		resp.PlanValue = req.ConfigValue
	case req.ConfigValue.IsUnknown() || req.StateValue.IsNull():
	case equivalentMaps(req.ConfigValue.Elements(), req.StateValue.Elements(), m.equal):
		resp.PlanValue = req.StateValue
	}
}

func equivalentMaps(a, b map[string]attr.Value, equal func(a, b string) bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		x, okX := v.(spellingValue)
		y, okY := b[k].(spellingValue)
		if !okX || !okY || x.IsUnknown() || x.IsNull() || y.IsNull() || !equal(x.ValueString(), y.ValueString()) {
			return false
		}
	}
	return true
}

func equivalentLists(a, b []attr.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, okX := a[i].(transformationValue)
		y, okY := b[i].(transformationValue)
		if !okX || !okY || x.IsUnknown() || !transformation.Equal(x.ValueString(), y.ValueString()) {
			return false
		}
	}
	return true
}
