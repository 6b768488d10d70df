package provider

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unchangedPlanKeeper is a resource type whose plan is the proposed new
// state whenever that is the prior state: neither its attributes' plan
// modifiers nor its ModifyPlan change or report anything then. Only the
// framework's defaults and modifiers that plan null for an unconfigured
// attribute still could, and passthroughs check those themselves.
// A type that starts to plan differently for an unchanged object (reading
// something outside the configuration, as an asset's file, or noting the
// plan for other resources, as a metadata field) must stop saying so: the
// acceptance tests compare every such answer with the framework's.
type unchangedPlanKeeper interface {
	keepsUnchangedPlans() bool
}

// passthroughs answers, without the framework, the calls whose answer for
// a resource type is known without running any of the type's code: the
// plan of an object with no change, of a type that keeps unchanged plans
// (unchangedPlanKeeper), and the upgrade of a state written with the
// current schema version. Why: in a refreshing plan that changes nothing
// the framework's PlanResourceChange was most of the provider's CPU (56% of
// a plan of presets) and UpgradeResourceState a sixth of the rest. Both
// walk every attribute, copying the schema's map of attributes at every
// step of every path: quadratic in a schema's attributes (70 for a preset).
// For these calls that work returns, for the plan, the proposed state with
// the prior private state and identity, and for the upgrade, the stored
// state re-encoded: which is what passthroughs answer.
type passthroughs struct {
	provider provider.Provider
	// compare makes every answer also ask the framework, and turns a
	// difference into an error: the acceptance tests run with it.
	compare bool

	once  sync.Once
	types map[string]passthroughType
}

// passthroughType is what passthroughs need of a resource type without
// blocks (the framework turns their nulls into empty collections): its
// value's type and schema version, and, when it keeps unchanged plans, what
// the framework plans for its top-level attributes that the configuration
// leaves null, where that need not be the prior value: a default, or null
// (equivalentSpellingPlan).
type passthroughType struct {
	value               tftypes.Type
	version             int64
	keepsUnchangedPlans bool
	unconfigured        map[string]tftypes.Value
	// noIdentity is the identity planned for an object without one (from
	// Terraform before 1.12, which sends none): null, as the framework's.
	noIdentity *tfprotov6.ResourceIdentityData
}

// msgpackNil is a null value in MessagePack: a prior state that is null is
// a create, never an unchanged object.
var msgpackNil = []byte{0xc0}

// plan answers req when its object has no change and its type keeps
// unchanged plans; false otherwise, and the framework answers.
func (u *passthroughs) plan(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, bool) {
	kept, ok := u.typeNamed(ctx, req.TypeName)
	if !ok || !kept.keepsUnchangedPlans || req.PriorState == nil || req.ProposedNewState == nil || req.Config == nil {
		return nil, false
	}
	prior, proposed := req.PriorState.MsgPack, req.ProposedNewState.MsgPack
	if len(prior) == 0 || bytes.Equal(prior, msgpackNil) || !bytes.Equal(prior, proposed) || !kept.unconfiguredHold(req.Config, req.ProposedNewState) {
		return nil, false
	}
	identity := req.PriorIdentity
	if identity == nil {
		identity = kept.noIdentity
	}
	return &tfprotov6.PlanResourceChangeResponse{
		PlannedState:    req.ProposedNewState,
		PlannedPrivate:  req.PriorPrivate,
		PlannedIdentity: identity,
	}, true
}

// unconfiguredHold says whether every attribute in unconfigured that the
// configuration leaves null already has the value planned for it: otherwise
// the framework plans that value, a change.
func (k passthroughType) unconfiguredHold(config, proposed *tfprotov6.DynamicValue) bool {
	if len(k.unconfigured) == 0 {
		return true
	}
	configured, ok := objectOf(config, k.value)
	if !ok {
		return false
	}
	planned, ok := objectOf(proposed, k.value)
	if !ok {
		return false
	}
	for name, value := range k.unconfigured {
		if configured[name].IsNull() && !planned[name].Equal(value) {
			return false
		}
	}
	return true
}

// objectOf decodes an object's attributes.
func objectOf(v *tfprotov6.DynamicValue, typ tftypes.Type) (map[string]tftypes.Value, bool) {
	raw, err := v.Unmarshal(typ)
	if err != nil {
		return nil, false
	}
	var attributes map[string]tftypes.Value
	return attributes, raw.As(&attributes) == nil && attributes != nil
}

// upgrade answers req when its state was written with the type's current
// schema version: the framework's passthrough, which decodes the stored
// JSON (ignoring attributes the schema no longer has) and encodes it again.
func (u *passthroughs) upgrade(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, bool) {
	t, ok := u.typeNamed(ctx, req.TypeName)
	if !ok || req.Version != t.version || req.RawState == nil || len(req.RawState.JSON) == 0 {
		return nil, false
	}
	stored, err := req.RawState.UnmarshalWithOpts(t.value, tfprotov6.UnmarshalOpts{
		ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
	})
	if err != nil {
		return nil, false // the framework explains
	}
	upgraded, err := tfprotov6.NewDynamicValue(t.value, stored)
	if err != nil {
		return nil, false
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &upgraded}, true
}

// typeNamed is the resource type named name, when passthroughs can answer
// for it.
func (u *passthroughs) typeNamed(ctx context.Context, name string) (passthroughType, bool) {
	u.once.Do(func() { u.types = passthroughTypes(ctx, u.provider) })
	t, ok := u.types[name]
	return t, ok
}

// passthroughTypes are the provider's resource types without blocks; those
// that keep unchanged plans say so only when passthroughs know what the
// framework plans for their unconfigured attributes (unconfiguredPlans).
func passthroughTypes(ctx context.Context, p provider.Provider) map[string]passthroughType {
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	types := map[string]passthroughType{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var name resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &name)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		if s.Diagnostics.HasError() || len(s.Schema.Blocks) > 0 {
			continue
		}
		t := passthroughType{value: s.Schema.Type().TerraformType(ctx), version: s.Schema.Version}
		if keeper, ok := r.(unchangedPlanKeeper); ok && keeper.keepsUnchangedPlans() {
			unconfigured, known := unconfiguredPlans(ctx, s.Schema)
			noIdentity, encoded := nullIdentity(ctx, r)
			t.keepsUnchangedPlans = known && encoded
			t.unconfigured, t.noIdentity = unconfigured, noIdentity
		}
		types[name.TypeName] = t
	}
	return types
}

// nullIdentity is a null identity of r's type, nil when r has none; false
// when it cannot be encoded.
func nullIdentity(ctx context.Context, r resource.Resource) (*tfprotov6.ResourceIdentityData, bool) {
	withIdentity, ok := r.(resource.ResourceWithIdentity)
	if !ok {
		return nil, true
	}
	var s resource.IdentitySchemaResponse
	withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &s)
	if s.Diagnostics.HasError() {
		return nil, false
	}
	typ := s.IdentitySchema.Type().TerraformType(ctx)
	null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		return nil, false
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: &null}, true
}

// unconfiguredPlans is what the framework plans for each top-level
// attribute with a static default or a modifier that plans null, when the
// configuration leaves it null; false when an attribute has both, or one
// sits inside a nested attribute.
func unconfiguredPlans(ctx context.Context, s schema.Schema) (map[string]tftypes.Value, bool) {
	values := map[string]tftypes.Value{}
	for name, a := range s.Attributes {
		if nestedUnconfiguredPlan(a) {
			return nil, false
		}
		switch def, null := hasDefault(a), plansNullUnconfigured(a); {
		case def && null:
			return nil, false
		case null:
			values[name] = tftypes.NewValue(a.GetType().TerraformType(ctx), nil)
		case def:
			value, ok := staticDefault(ctx, name, a)
			if !ok {
				return nil, false
			}
			values[name] = value
		}
	}
	return values, true
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

// nestedUnconfiguredPlan says whether a default or a nullPlanner sits
// inside a nested attribute.
func nestedUnconfiguredPlan(a schema.Attribute) bool {
	var inner map[string]schema.Attribute
	switch a := a.(type) {
	case schema.SingleNestedAttribute:
		inner = a.Attributes
	case schema.ListNestedAttribute:
		inner = a.NestedObject.Attributes
	case schema.SetNestedAttribute:
		inner = a.NestedObject.Attributes
	case schema.MapNestedAttribute:
		inner = a.NestedObject.Attributes
	}
	for _, a := range inner {
		if hasDefault(a) || plansNullUnconfigured(a) || nestedUnconfiguredPlan(a) {
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

// comparedPlan is the framework's answer, with an error when the plan
// answered without it differs: for the acceptance tests (compare).
func (u *passthroughs) comparedPlan(req *tfprotov6.PlanResourceChangeRequest, kept, framework *tfprotov6.PlanResourceChangeResponse) *tfprotov6.PlanResourceChangeResponse {
	difference := planDifference(u.types[req.TypeName].value, kept, framework)
	framework.Diagnostics = withDifference(framework.Diagnostics, req.TypeName, "plan of an unchanged object", difference)
	return framework
}

// comparedUpgrade is the framework's answer, with an error when the upgrade
// answered without it differs: for the acceptance tests (compare).
func (u *passthroughs) comparedUpgrade(req *tfprotov6.UpgradeResourceStateRequest, kept, framework *tfprotov6.UpgradeResourceStateResponse) *tfprotov6.UpgradeResourceStateResponse {
	difference := ""
	switch {
	case len(framework.Diagnostics) > 0:
		difference = fmt.Sprintf("lacks the framework's diagnostics (first: %s)", framework.Diagnostics[0].Summary)
	case !sameValue(u.types[req.TypeName].value, kept.UpgradedState, framework.UpgradedState):
		difference = "upgrades to another state than the framework"
	}
	framework.Diagnostics = withDifference(framework.Diagnostics, req.TypeName, "upgrade of a current state", difference)
	return framework
}

// withDifference adds an error for a difference from the framework's answer.
func withDifference(diags []*tfprotov6.Diagnostic, typeName, answer, difference string) []*tfprotov6.Diagnostic {
	if difference == "" {
		return diags
	}
	return append(diags, &tfprotov6.Diagnostic{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Answer differs from the framework's",
		Detail:   fmt.Sprintf("%s: the %s, answered without the framework, %s.", typeName, answer, difference),
	})
}

// planDifference says how the unchanged plan differs from the framework's
// answer, or "".
func planDifference(typ tftypes.Type, kept, framework *tfprotov6.PlanResourceChangeResponse) string {
	switch {
	case len(framework.Diagnostics) > 0:
		return fmt.Sprintf("lacks the framework's diagnostics (first: %s)", framework.Diagnostics[0].Summary)
	case len(framework.RequiresReplace) > 0:
		return "does not require the replacement that the framework plans"
	case framework.Deferred != nil:
		return "is not deferred as the framework's"
	case !sameValue(typ, kept.PlannedState, framework.PlannedState):
		return "plans another state than the framework"
	case !bytes.Equal(kept.PlannedPrivate, framework.PlannedPrivate):
		return "keeps another private state than the framework"
	case !bytes.Equal(identityOf(kept.PlannedIdentity), identityOf(framework.PlannedIdentity)):
		return "plans another identity than the framework"
	}
	return ""
}

// sameValue says whether two values of typ are equal.
func sameValue(typ tftypes.Type, a, b *tfprotov6.DynamicValue) bool {
	if a == nil || b == nil {
		return a == b
	}
	va, errA := a.Unmarshal(typ)
	vb, errB := b.Unmarshal(typ)
	return errA == nil && errB == nil && va.Equal(vb)
}

func identityOf(identity *tfprotov6.ResourceIdentityData) []byte {
	if identity == nil {
		return nil
	}
	if identity.IdentityData == nil {
		return nil
	}
	return identity.IdentityData.MsgPack
}
