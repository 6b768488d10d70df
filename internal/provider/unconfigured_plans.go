package provider

import (
	"context"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unconfiguredPlans are the attributes for which the framework may plan a
// value other than the prior one when the configuration leaves them null:
// those with a default, those with a modifier that plans null
// (nullPlanner), and single nested attributes with such attributes inside.
type unconfiguredPlans map[string]unconfiguredPlan

// unconfiguredPlan is what the framework plans for an attribute that the
// configuration leaves null (value, when planned), and for the attributes
// inside it (inner).
type unconfiguredPlan struct {
	value   tftypes.Value
	planned bool
	inner   unconfiguredPlans
}

// hold says whether the framework keeps state as it is for config: every
// attribute that config leaves null (or all, where config is null) already
// has the value planned for it.
func (plans unconfiguredPlans) hold(config, state tftypes.Value) bool {
	if len(plans) == 0 || state.IsNull() {
		return true
	}
	configured, stored := attributesOf(config), attributesOf(state)
	if stored == nil {
		return false
	}
	for name, plan := range plans {
		if configured[name].IsNull() && plan.planned && !stored[name].Equal(plan.value) {
			return false
		}
		if !plan.inner.hold(configured[name], stored[name]) {
			return false
		}
	}
	return true
}

// attributesOf are an object's attributes; nil for a null or unknown
// object, whose attributes read as null (the zero Value).
func attributesOf(v tftypes.Value) map[string]tftypes.Value {
	var attributes map[string]tftypes.Value
	if v.Type() == nil || !v.IsKnown() || v.IsNull() || v.As(&attributes) != nil {
		return nil
	}
	return attributes
}

// unconfiguredPlansOf are the unconfiguredPlans of attributes; false when
// the framework's plan cannot be told: an attribute has both a default and
// a nullPlanner, a default is not static, or one of them sits inside a list,
// set or map of nested objects.
func unconfiguredPlansOf(ctx context.Context, attributes map[string]schema.Attribute) (unconfiguredPlans, bool) {
	plans := unconfiguredPlans{}
	for name, a := range attributes {
		if collectionWithUnconfiguredPlan(a) {
			return nil, false
		}
		var plan unconfiguredPlan
		switch def, null := hasDefault(a), plansNullUnconfigured(a); {
		case def && null:
			return nil, false
		case null:
			plan = unconfiguredPlan{value: tftypes.NewValue(a.GetType().TerraformType(ctx), nil), planned: true}
		case def:
			value, ok := staticDefault(ctx, name, a)
			if !ok {
				return nil, false
			}
			plan = unconfiguredPlan{value: value, planned: true}
		}
		if attributes, collection := nestedAttributes(a); attributes != nil && !collection {
			inner, ok := unconfiguredPlansOf(ctx, attributes)
			if !ok {
				return nil, false
			}
			plan.inner = inner
		}
		if plan.planned || len(plan.inner) > 0 {
			plans[name] = plan
		}
	}
	return plans, true
}

// hasDefault says whether an attribute has a default: every attribute type
// of the framework that can have one has it in its Default field.
func hasDefault(a schema.Attribute) bool {
	field := reflect.ValueOf(a).FieldByName("Default")
	return field.IsValid() && !field.IsNil()
}

// nullPlanner is a plan modifier that plans null for an attribute that the
// configuration leaves null, whatever the prior state holds.
type nullPlanner interface{ plansNullUnconfigured() }

// plansNullUnconfigured says whether one of an attribute's plan modifiers
// is a nullPlanner: every attribute type keeps them in PlanModifiers.
func plansNullUnconfigured(a schema.Attribute) bool {
	modifiers := reflect.ValueOf(a).FieldByName("PlanModifiers")
	for i := 0; modifiers.IsValid() && i < modifiers.Len(); i++ {
		if _, ok := modifiers.Index(i).Interface().(nullPlanner); ok {
			return true
		}
	}
	return false
}

// nestedAttributes are the attributes inside a nested attribute, and
// whether its objects come in a list, set or map.
func nestedAttributes(a schema.Attribute) (map[string]schema.Attribute, bool) {
	switch a := a.(type) {
	case schema.SingleNestedAttribute:
		return a.Attributes, false
	case schema.ListNestedAttribute:
		return a.NestedObject.Attributes, true
	case schema.SetNestedAttribute:
		return a.NestedObject.Attributes, true
	case schema.MapNestedAttribute:
		return a.NestedObject.Attributes, true
	}
	return nil, false
}

// collectionWithUnconfiguredPlan says whether a default or a nullPlanner
// sits inside a list, set or map of nested objects, at any depth: their
// elements in the configuration and in the state need not pair up.
func collectionWithUnconfiguredPlan(a schema.Attribute) bool {
	inner, collection := nestedAttributes(a)
	if collection {
		return anyUnconfiguredPlan(inner)
	}
	for _, a := range inner {
		if collectionWithUnconfiguredPlan(a) {
			return true
		}
	}
	return false
}

// anyUnconfiguredPlan says whether a default or a nullPlanner sits among
// attributes, at any depth.
func anyUnconfiguredPlan(attributes map[string]schema.Attribute) bool {
	for _, a := range attributes {
		inner, _ := nestedAttributes(a)
		if hasDefault(a) || plansNullUnconfigured(a) || anyUnconfiguredPlan(inner) {
			return true
		}
	}
	return false
}

// staticDefault is the value of an attribute's default, asked as the
// framework asks it. Each kind of default has one such method, as
// DefaultBool(ctx, defaults.BoolRequest, *defaults.BoolResponse); the
// response holds PlanValue and Diagnostics.
func staticDefault(ctx context.Context, name string, a schema.Attribute) (tftypes.Value, bool) {
	def := reflect.ValueOf(a).FieldByName("Default")
	for i := 0; i < def.NumMethod(); i++ {
		call := def.Method(i)
		if !strings.HasPrefix(def.Type().Method(i).Name, "Default") || call.Type().NumIn() != 3 {
			continue
		}
		req := reflect.New(call.Type().In(1)).Elem()
		req.FieldByName("Path").Set(reflect.ValueOf(path.Root(name)))
		resp := reflect.New(call.Type().In(2).Elem())
		call.Call([]reflect.Value{reflect.ValueOf(ctx), req, resp})
		diags, _ := resp.Elem().FieldByName("Diagnostics").Interface().(diag.Diagnostics)
		value, ok := resp.Elem().FieldByName("PlanValue").Interface().(attr.Value)
		if !ok || diags.HasError() {
			return tftypes.Value{}, false
		}
		v, err := value.ToTerraformValue(ctx)
		return v, err == nil
	}
	return tftypes.Value{}, false
}
