package provider

import (
	"fmt"
	"maps"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform asks a provider to validate and plan configurations whose
// values are not all known, the way `terraform validate` and `terraform
// plan` do when values come from variables and other resources. Every
// resource, data source and list resource validates, and every resource
// plans its creation, with:
//   - every configurable attribute unknown, whole or inside known nested
//     objects and collections (resources also plan an update so);
//   - each example of everyAttribute with one attribute unknown, nested ones
//     included, the others known (and with the leaves of one attribute
//     unknown), so that checks that compare settings skip the unknown one.
func TestUnitUnknownValuesValidateAndPlan(t *testing.T) {
	server, err := testAccProtoV6ProviderFactories["cloudinary"]()
	must(t, err)
	lists, ok := server.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatal("the provider serves no list resources")
	}
	schemas := protocolSchemas(t)
	resources, dataSources := everyAttribute("t", "/nonexistent/picture.png", "http://127.0.0.1/banner.png", unknownsPeople{groupID: "g", userID: "u", environmentID: "e"})
	plan := func(typeName, what string, attributes []*tfprotov6.SchemaAttribute, config, prior tftypes.Value) {
		planned, err := server.PlanResourceChange(bg, &tfprotov6.PlanResourceChangeRequest{
			TypeName: typeName, Config: dynamicValue(t, config), PriorState: dynamicValue(t, prior),
			ProposedNewState: dynamicValue(t, proposedNewState(attributes, prior, config)),
		})
		must(t, err)
		expectNoErrors(t, what, planned.Diagnostics)
	}
	for typeName, s := range schemas.ResourceSchemas {
		everyUnknown := allUnknown(s.Block.Attributes)
		for what, config := range merged(everyUnknown, oneUnknown(s.Block.Attributes, resources[typeName])) {
			// Write-only attributes are allowed, as Terraform 1.11 and later say.
			validated, err := server.ValidateResourceConfig(bg, &tfprotov6.ValidateResourceConfigRequest{
				TypeName: typeName, Config: dynamicValue(t, config),
				ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true},
			})
			must(t, err)
			expectNoErrors(t, "validating "+typeName+" with "+what, validated.Diagnostics)
			plan(typeName, "planning to create "+typeName+" with "+what, s.Block.Attributes, config, tftypes.NewValue(config.Type(), nil))
			if _, every := everyUnknown[what]; every {
				plan(typeName, "planning to update "+typeName+" with "+what, s.Block.Attributes, config, knownValue(config.Type()))
			}
		}
	}
	for typeName, s := range schemas.DataSourceSchemas {
		for what, config := range merged(allUnknown(s.Block.Attributes), oneUnknown(s.Block.Attributes, dataSources[typeName])) {
			validated, err := server.ValidateDataResourceConfig(bg, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: dynamicValue(t, config)})
			must(t, err)
			expectNoErrors(t, "validating data source "+typeName+" with "+what, validated.Diagnostics)
		}
	}
	for typeName, s := range schemas.ListResourceSchemas {
		for what, config := range allUnknown(s.Block.Attributes) {
			validated, err := lists.ValidateListResourceConfig(bg, &tfprotov6.ValidateListResourceConfigRequest{TypeName: typeName, Config: dynamicValue(t, config)})
			must(t, err)
			expectNoErrors(t, "validating list resource "+typeName+" with "+what, validated.Diagnostics)
		}
	}
}

// allUnknown are configurations with every configurable attribute unknown,
// whole or leaf by leaf.
func allUnknown(attributes []*tfprotov6.SchemaAttribute) map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"every attribute unknown": unknownConfig(attributes, false),
		"every leaf unknown":      unknownConfig(attributes, true),
	}
}

// oneUnknown are the configurations of the examples with one configurable
// attribute unknown, nested ones included (each in turn, the others as the
// example has them), and with the leaves of one top-level attribute that the
// example sets unknown.
func oneUnknown(attributes []*tfprotov6.SchemaAttribute, examples []map[string]any) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for i, example := range examples {
		values := map[string]tftypes.Value{}
		for _, a := range attributes {
			values[a.Name] = valueOf(a.ValueType(), example[a.Name])
		}
		config := tftypes.NewValue(objectType(attributes), values)
		for _, at := range configurablePathsIn(attributes, config, tftypes.NewAttributePath()) {
			out[fmt.Sprintf("example %d, %s unknown", i, at)] = replaced(config, at, func(v tftypes.Value) tftypes.Value {
				return tftypes.NewValue(v.Type(), tftypes.UnknownValue)
			})
		}
		for name := range example {
			out[fmt.Sprintf("example %d, the leaves of %s unknown", i, name)] = replaced(config, tftypes.NewAttributePath().WithAttributeName(name), withUnknownLeaves)
		}
	}
	return out
}

// configurablePathsIn are the paths in config (an object of the attributes,
// at path at) of the attributes a configuration can set, and of those
// nested in the objects config holds.
func configurablePathsIn(attributes []*tfprotov6.SchemaAttribute, config tftypes.Value, at *tftypes.AttributePath) []*tftypes.AttributePath {
	var fields map[string]tftypes.Value
	if config.As(&fields) != nil {
		return nil
	}
	var out []*tftypes.AttributePath
	for _, a := range attributes {
		if !a.Required && !a.Optional {
			continue
		}
		p := at.WithAttributeName(a.Name)
		out = append(out, p)
		if a.NestedType == nil || !fields[a.Name].IsKnown() || fields[a.Name].IsNull() {
			continue
		}
		switch a.NestedType.Nesting {
		case tfprotov6.SchemaObjectNestingModeSingle:
			out = append(out, configurablePathsIn(a.NestedType.Attributes, fields[a.Name], p)...)
		case tfprotov6.SchemaObjectNestingModeList:
			var items []tftypes.Value
			_ = fields[a.Name].As(&items)
			for i, item := range items {
				out = append(out, configurablePathsIn(a.NestedType.Attributes, item, p.WithElementKeyInt(i))...)
			}
		}
	}
	return out
}

// replaced is v with the value at path at replaced by with's.
func replaced(v tftypes.Value, at *tftypes.AttributePath, with func(tftypes.Value) tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(p *tftypes.AttributePath, item tftypes.Value) (tftypes.Value, error) {
		if p.Equal(at) {
			return with(item), nil
		}
		return item, nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

func merged(a, b map[string]tftypes.Value) map[string]tftypes.Value {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// unknownConfig is a configuration of the attributes with each one a
// configuration can set unknown: whole, or, with leaves, inside known
// nested objects and collections of one element each.
func unknownConfig(attributes []*tfprotov6.SchemaAttribute, leaves bool) tftypes.Value {
	values := map[string]tftypes.Value{}
	for _, a := range attributes {
		t := a.ValueType()
		switch {
		case !a.Required && !a.Optional:
			values[a.Name] = tftypes.NewValue(t, nil)
		case leaves:
			values[a.Name] = unknownLeaves(a)
		default:
			values[a.Name] = tftypes.NewValue(t, tftypes.UnknownValue)
		}
	}
	return tftypes.NewValue(objectType(attributes), values)
}

func objectType(attributes []*tfprotov6.SchemaAttribute) tftypes.Object {
	types := map[string]tftypes.Type{}
	for _, a := range attributes {
		types[a.Name] = a.ValueType()
	}
	return tftypes.Object{AttributeTypes: types}
}

// unknownLeaves is a value of the attribute that is known down to its
// leaves, which are unknown: collections have one element.
func unknownLeaves(a *tfprotov6.SchemaAttribute) tftypes.Value {
	element := func(t tftypes.Type) tftypes.Value {
		if a.NestedType != nil {
			return unknownConfig(a.NestedType.Attributes, true)
		}
		return tftypes.NewValue(t, tftypes.UnknownValue)
	}
	t := a.ValueType()
	if v, ok := collectionOfOne(t, element); ok {
		return v
	}
	if _, ok := t.(tftypes.Object); ok {
		return element(t)
	}
	return tftypes.NewValue(t, tftypes.UnknownValue)
}

// collectionOfOne is a list, set or map of type t with one element, which
// element makes of the element type; ok is false for other types.
func collectionOfOne(t tftypes.Type, element func(tftypes.Type) tftypes.Value) (v tftypes.Value, ok bool) {
	switch c := t.(type) {
	case tftypes.List:
		return tftypes.NewValue(t, []tftypes.Value{element(c.ElementType)}), true
	case tftypes.Set:
		return tftypes.NewValue(t, []tftypes.Value{element(c.ElementType)}), true
	case tftypes.Map:
		return tftypes.NewValue(t, map[string]tftypes.Value{"k": element(c.ElementType)}), true
	}
	return tftypes.Value{}, false
}

// valueOf converts an example's value (as JSON decodes it) to the type.
func valueOf(t tftypes.Type, v any) tftypes.Value {
	if v == nil {
		return tftypes.NewValue(t, nil)
	}
	switch c := t.(type) {
	case tftypes.List, tftypes.Set:
		var elementType tftypes.Type
		if list, ok := c.(tftypes.List); ok {
			elementType = list.ElementType
		} else {
			elementType = c.(tftypes.Set).ElementType
		}
		var items []tftypes.Value
		for _, item := range v.([]any) {
			items = append(items, valueOf(elementType, item))
		}
		return tftypes.NewValue(t, items)
	case tftypes.Map:
		items := map[string]tftypes.Value{}
		for k, item := range v.(map[string]any) {
			items[k] = valueOf(c.ElementType, item)
		}
		return tftypes.NewValue(t, items)
	case tftypes.Object:
		items := map[string]tftypes.Value{}
		for name, attributeType := range c.AttributeTypes {
			items[name] = valueOf(attributeType, v.(map[string]any)[name])
		}
		return tftypes.NewValue(t, items)
	}
	if n, ok := v.(float64); ok {
		return tftypes.NewValue(t, big.NewFloat(n))
	}
	return tftypes.NewValue(t, v)
}

// withUnknownLeaves is v with the same collections and objects, and every
// primitive value in it unknown.
func withUnknownLeaves(v tftypes.Value) tftypes.Value {
	if v.IsNull() {
		return v
	}
	var items []tftypes.Value
	if v.As(&items) == nil {
		for i := range items {
			items[i] = withUnknownLeaves(items[i])
		}
		return tftypes.NewValue(v.Type(), items)
	}
	var fields map[string]tftypes.Value
	if v.As(&fields) == nil {
		for k := range fields {
			fields[k] = withUnknownLeaves(fields[k])
		}
		return tftypes.NewValue(v.Type(), fields)
	}
	return tftypes.NewValue(v.Type(), tftypes.UnknownValue)
}

// knownValue is a value of the type with every part known: a prior state.
func knownValue(t tftypes.Type) tftypes.Value {
	if v, ok := collectionOfOne(t, knownValue); ok {
		return v
	}
	if object, ok := t.(tftypes.Object); ok {
		values := map[string]tftypes.Value{}
		for name, attributeType := range object.AttributeTypes {
			values[name] = knownValue(attributeType)
		}
		return tftypes.NewValue(t, values)
	}
	switch {
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(1))
	}
	return tftypes.NewValue(t, "w_1") // a string that is also a transformation
}

// proposedNewState is what Terraform proposes: the configuration, with the
// prior state's values of computed attributes that it leaves null.
func proposedNewState(attributes []*tfprotov6.SchemaAttribute, prior, config tftypes.Value) tftypes.Value {
	if prior.IsNull() {
		return config
	}
	var priorValues, configValues map[string]tftypes.Value
	if prior.As(&priorValues) != nil || config.As(&configValues) != nil {
		panic("a state that is not an object")
	}
	for _, a := range attributes {
		if a.Computed && configValues[a.Name].IsNull() {
			configValues[a.Name] = priorValues[a.Name]
		}
	}
	return tftypes.NewValue(config.Type(), configValues)
}

func dynamicValue(t *testing.T, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	d, err := tfprotov6.NewDynamicValue(v.Type(), v)
	must(t, err)
	return &d
}

func expectNoErrors(t *testing.T, what string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Errorf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}
