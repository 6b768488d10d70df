package provider

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unchangedPlanKeeper is a resource type whose attributes' plan modifiers
// keep every value of an object whose proposed new state is its prior state,
// except those that plan a default or null for an attribute the
// configuration leaves null (unconfiguredPlans), which passthroughs check.
// The type's ModifyPlan, if any, still runs (ownPlanKeeps). A type that
// gives an attribute a modifier that plans otherwise for an unchanged value
// must stop saying so: the acceptance tests compare every answer given
// without the framework with the framework's.
type unchangedPlanKeeper interface {
	keepsUnchangedPlans() bool
}

// claimsUnchangedPlans says whether r is an unchangedPlanKeeper that keeps
// unchanged plans; wrappers (environmentScope, the floor provider's) ask it
// of the type they wrap.
func claimsUnchangedPlans(r resource.Resource) bool {
	keeper, ok := r.(unchangedPlanKeeper)
	return ok && keeper.keepsUnchangedPlans()
}

// passthroughs answers, without the framework's walk of every attribute,
// two calls of a refreshing plan whose answer is known beforehand: the plan
// of an object with no change, of a type that keeps unchanged plans
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
// the framework plans for attributes that the configuration leaves null,
// where that need not be the prior value, and its ModifyPlan.
type passthroughType struct {
	value               tftypes.Type
	version             int64
	keepsUnchangedPlans bool
	unconfigured        unconfiguredPlans
	// schema and newResource are the type's schema and a new instance of
	// it, for its ModifyPlan (ownPlanKeeps); newResource is nil when it has
	// none.
	schema      schema.Schema
	newResource func() resource.ResourceWithModifyPlan
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
	if len(prior) == 0 || bytes.Equal(prior, msgpackNil) || !bytes.Equal(prior, proposed) || !kept.plansAsProposed(ctx, req.Config, req.PriorState) {
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

// plansAsProposed says whether the framework would plan an unchanged object
// (whose proposed state is state) as proposed: every attribute that the
// configuration leaves null already has the value planned for it
// (unconfiguredPlans), and the type's ModifyPlan, if any, keeps the plan
// and reports nothing (ownPlanKeeps).
func (k passthroughType) plansAsProposed(ctx context.Context, config, state *tfprotov6.DynamicValue) bool {
	if len(k.unconfigured) == 0 && k.newResource == nil {
		return true
	}
	configured, err := config.Unmarshal(k.value)
	if err != nil {
		return false
	}
	stored, err := state.Unmarshal(k.value)
	if err != nil {
		return false
	}
	return k.unconfigured.hold(configured, stored) && (k.newResource == nil || k.ownPlanKeeps(ctx, configured, stored))
}

// ownPlanKeeps runs the type's ModifyPlan as the framework runs it for an
// unchanged object, after the attributes' plan modifiers (which keep its
// values: unchangedPlanKeeper), and says whether it keeps the plan and
// reports nothing. The resource is not configured: an unchanged object's
// ModifyPlan acts on no account (environmentScope gives it no provider data).
func (k passthroughType) ownPlanKeeps(ctx context.Context, config, state tftypes.Value) bool {
	req := resource.ModifyPlanRequest{
		Config: tfsdk.Config{Raw: config, Schema: k.schema},
		Plan:   tfsdk.Plan{Raw: state, Schema: k.schema},
		State:  tfsdk.State{Raw: state, Schema: k.schema},
	}
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	k.newResource().ModifyPlan(ctx, req, &resp)
	return len(resp.Diagnostics) == 0 && len(resp.RequiresReplace) == 0 && resp.Deferred == nil && resp.Identity == nil &&
		resp.Private == nil && resp.Plan.Raw.Equal(state)
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
// framework plans for their unconfigured attributes (unconfiguredPlansOf).
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
		t := passthroughType{value: s.Schema.Type().TerraformType(ctx), version: s.Schema.Version, schema: s.Schema}
		if claimsUnchangedPlans(r) {
			unconfigured, known := unconfiguredPlansOf(ctx, s.Schema.Attributes)
			noIdentity, encoded := nullIdentity(ctx, r)
			t.keepsUnchangedPlans = known && encoded
			t.unconfigured, t.noIdentity = unconfigured, noIdentity
			t.newResource = modifierOf(r, newResource)
		}
		types[name.TypeName] = t
	}
	return types
}

// modifiesPlans is a wrapper that has ModifyPlan whether or not the type it
// wraps has one (environmentScope).
type modifiesPlans interface{ modifiesPlans() bool }

// modifierOf makes instances of r's type when it has a ModifyPlan; nil when
// it has none.
func modifierOf(r resource.Resource, newResource func() resource.Resource) func() resource.ResourceWithModifyPlan {
	if _, ok := r.(resource.ResourceWithModifyPlan); !ok {
		return nil
	}
	if wrapper, ok := r.(modifiesPlans); ok && !wrapper.modifiesPlans() {
		return nil
	}
	return func() resource.ResourceWithModifyPlan { return newResource().(resource.ResourceWithModifyPlan) }
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
	if identity == nil || identity.IdentityData == nil {
		return nil
	}
	return identity.IdentityData.MsgPack
}
