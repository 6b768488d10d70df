package provider

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// testPassthroughs are the released provider's passthroughs.
func testPassthroughs() *passthroughs { return &passthroughs{provider: New("test")()} }

// objectWith is a value of the object type typ whose attributes are null but
// those in set.
func objectWith(t *testing.T, typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	object := typ.(tftypes.Object)
	attributes := map[string]tftypes.Value{}
	for name, at := range object.AttributeTypes {
		attributes[name] = tftypes.NewValue(at, nil)
		if v, ok := set[name]; ok {
			attributes[name] = v
		}
	}
	return tftypes.NewValue(typ, attributes)
}

func dynamic(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func TestUnitPassthroughTypesKnowWhatTheFrameworkPlansForUnconfiguredAttributes(t *testing.T) {
	p := testPassthroughs()
	ctx := context.Background()
	preset, ok := p.typeNamed(ctx, "cloudinary_upload_preset")
	if !ok || !preset.keepsUnchangedPlans {
		t.Fatalf("upload preset: %+v, %v; want it to keep unchanged plans", preset, ok)
	}
	if got := preset.unconfigured["unsigned"]; !got.planned || !got.value.Equal(tftypes.NewValue(tftypes.Bool, false)) {
		t.Errorf("unsigned is planned as %+v when unconfigured, want its default false", got)
	}
	if got := preset.unconfigured["transformation"]; !got.planned || !got.value.IsNull() {
		t.Errorf("transformation is planned as %+v when unconfigured, want null (equivalentSpellingPlan)", got)
	}
	field, ok := p.typeNamed(ctx, "cloudinary_metadata_field")
	if !ok || !field.keepsUnchangedPlans {
		t.Fatalf("metadata field: %+v, %v; want it to keep unchanged plans", field, ok)
	}
	restrictions := field.unconfigured["restrictions"]
	if !restrictions.planned || !restrictions.inner["hidden_ui"].value.Equal(tftypes.NewValue(tftypes.Bool, false)) {
		t.Errorf("restrictions are planned as %+v when unconfigured, want their default, and hidden_ui's inside", restrictions)
	}
	if field.newResource == nil {
		t.Error("the metadata field's ModifyPlan is not run")
	}
	if mapping, _ := p.typeNamed(ctx, "cloudinary_upload_mapping"); mapping.newResource != nil {
		t.Error("a ModifyPlan is run for upload mappings, which have none")
	}
}

func TestUnitUnconfiguredPlansHoldInsideNestedAttributes(t *testing.T) {
	p := testPassthroughs()
	field, _ := p.typeNamed(context.Background(), "cloudinary_metadata_field")
	restrictionsType := field.value.(tftypes.Object).AttributeTypes["restrictions"]
	restrictions := func(hidden bool) tftypes.Value {
		return objectWith(t, restrictionsType, map[string]tftypes.Value{"readonly_ui": tftypes.NewValue(tftypes.Bool, false),
			"hidden_ui": tftypes.NewValue(tftypes.Bool, hidden), "excluded_from_search": tftypes.NewValue(tftypes.Bool, false)})
	}
	configured := objectWith(t, restrictionsType, map[string]tftypes.Value{"readonly_ui": tftypes.NewValue(tftypes.Bool, false)})
	for _, c := range []struct {
		what          string
		config, state tftypes.Value
		hold          bool
	}{
		{"unconfigured, as the default", tftypes.NewValue(restrictionsType, nil), restrictions(false), true},
		{"unconfigured, not as the default", tftypes.NewValue(restrictionsType, nil), restrictions(true), false},
		{"configured, an inner default held", configured, restrictions(false), true},
		{"configured, an inner default not held", configured, restrictions(true), false},
	} {
		config := objectWith(t, field.value, map[string]tftypes.Value{"restrictions": c.config})
		state := objectWith(t, field.value, map[string]tftypes.Value{"restrictions": c.state})
		if got := (unconfiguredPlans{"restrictions": field.unconfigured["restrictions"]}).hold(config, state); got != c.hold {
			t.Errorf("%s: hold = %v, want %v", c.what, got, c.hold)
		}
	}
}

func TestUnitPassthroughPlansAnUnchangedObjectAsProposed(t *testing.T) {
	p := testPassthroughs()
	ctx := context.Background()
	preset, _ := p.typeNamed(ctx, "cloudinary_upload_preset")
	typ := preset.value
	config := dynamic(t, typ, objectWith(t, typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "p")}))
	stored := map[string]tftypes.Value{
		"name":     tftypes.NewValue(tftypes.String, "p"),
		"id":       tftypes.NewValue(tftypes.String, "p"),
		"unsigned": tftypes.NewValue(tftypes.Bool, false),
	}
	prior := dynamic(t, typ, objectWith(t, typ, stored))
	private := []byte(`{"provider":"x"}`)
	request := func(prior, proposed *tfprotov6.DynamicValue) *tfprotov6.PlanResourceChangeRequest {
		return &tfprotov6.PlanResourceChangeRequest{TypeName: "cloudinary_upload_preset", Config: config,
			PriorState: prior, ProposedNewState: proposed, PriorPrivate: private}
	}

	answer, ok := p.plan(ctx, request(prior, prior))
	if !ok {
		t.Fatal("an unchanged preset was left to the framework")
	}
	if answer.PlannedState != prior || string(answer.PlannedPrivate) != string(private) {
		t.Errorf("planned %+v, want the proposed state and the prior private state", answer)
	}
	if answer.PlannedIdentity == nil || answer.PlannedIdentity.IdentityData == nil {
		t.Errorf("planned no identity for a request without one, want a null one as the framework's")
	}

	changed := dynamic(t, typ, objectWith(t, typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "q")}))
	signedDefault := map[string]tftypes.Value{"name": stored["name"], "id": stored["id"], "unsigned": tftypes.NewValue(tftypes.Bool, true)}
	spelled := map[string]tftypes.Value{"name": stored["name"], "id": stored["id"], "unsigned": stored["unsigned"],
		"transformation": tftypes.NewValue(tftypes.String, "w_10")}
	for what, req := range map[string]*tfprotov6.PlanResourceChangeRequest{
		"a change":                             request(prior, changed),
		"a create":                             request(dynamic(t, typ, tftypes.NewValue(typ, nil)), prior),
		"a default that the prior state lacks": request(dynamic(t, typ, objectWith(t, typ, signedDefault)), dynamic(t, typ, objectWith(t, typ, signedDefault))),
		"a removed value planned null by modifiers": request(dynamic(t, typ, objectWith(t, typ, spelled)), dynamic(t, typ, objectWith(t, typ, spelled))),
	} {
		if _, ok := p.plan(ctx, req); ok {
			t.Errorf("%s was answered without the framework", what)
		}
	}
}

// An asset's ModifyPlan digests its content: an unchanged configuration
// whose content no longer matches the state's hash plans an upload.
func TestUnitPassthroughRunsTheTypesModifyPlan(t *testing.T) {
	p := testPassthroughs()
	ctx := context.Background()
	asset, _ := p.typeNamed(ctx, "cloudinary_asset")
	typ := asset.value
	content := base64.StdEncoding.EncodeToString([]byte("hello"))
	digest, err := digestSource("", "", content)
	if err != nil {
		t.Fatal(err)
	}
	config := map[string]tftypes.Value{"content_base64": tftypes.NewValue(tftypes.String, content),
		"public_id": tftypes.NewValue(tftypes.String, "a"), "resource_type": tftypes.NewValue(tftypes.String, "raw")}
	stored := func(hash string) *tfprotov6.DynamicValue {
		return dynamic(t, typ, objectWith(t, typ, map[string]tftypes.Value{"content_base64": config["content_base64"],
			"public_id": config["public_id"], "id": tftypes.NewValue(tftypes.String, "raw/upload/a"),
			"resource_type": config["resource_type"], "type": tftypes.NewValue(tftypes.String, "upload"),
			"overwrite": tftypes.NewValue(tftypes.Bool, false), "invalidate": tftypes.NewValue(tftypes.Bool, false),
			"source_hash": tftypes.NewValue(tftypes.String, hash)}))
	}
	request := func(state *tfprotov6.DynamicValue) *tfprotov6.PlanResourceChangeRequest {
		return &tfprotov6.PlanResourceChangeRequest{TypeName: "cloudinary_asset", PriorState: state, ProposedNewState: state,
			Config: dynamic(t, typ, objectWith(t, typ, config))}
	}
	if _, ok := p.plan(ctx, request(stored(digest.sha256))); !ok {
		t.Error("an unchanged asset whose content matches its hash was left to the framework")
	}
	if _, ok := p.plan(ctx, request(stored("another hash"))); ok {
		t.Error("an asset whose content changed was answered without the framework")
	}
}

func TestUnitPassthroughUpgradesACurrentState(t *testing.T) {
	p := testPassthroughs()
	ctx := context.Background()
	mapping, _ := p.typeNamed(ctx, "cloudinary_upload_mapping")
	stored := `{"folder":"f","template":"https://cdn.example.com/","id":"f","gone_attribute":1}`
	answer, ok := p.upgrade(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "cloudinary_upload_mapping",
		Version: mapping.version, RawState: &tfprotov6.RawState{JSON: []byte(stored)}})
	if !ok {
		t.Fatal("a current state was left to the framework")
	}
	got, err := answer.UpgradedState.Unmarshal(mapping.value)
	if err != nil {
		t.Fatal(err)
	}
	want := objectWith(t, mapping.value, map[string]tftypes.Value{"folder": tftypes.NewValue(tftypes.String, "f"),
		"template": tftypes.NewValue(tftypes.String, "https://cdn.example.com/"), "id": tftypes.NewValue(tftypes.String, "f")})
	if !got.Equal(want) {
		t.Errorf("upgraded to %v, want %v", got, want)
	}
	old := &tfprotov6.UpgradeResourceStateRequest{TypeName: "cloudinary_upload_mapping", Version: mapping.version + 1,
		RawState: &tfprotov6.RawState{JSON: []byte(stored)}}
	if _, ok := p.upgrade(ctx, old); ok {
		t.Error("a state of another schema version was answered without the framework")
	}
}

func TestUnitComparedPlanReportsADifferenceFromTheFramework(t *testing.T) {
	p := testPassthroughs()
	ctx := context.Background()
	preset, _ := p.typeNamed(ctx, "cloudinary_upload_preset")
	state := dynamic(t, preset.value, objectWith(t, preset.value, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "p")}))
	req := &tfprotov6.PlanResourceChangeRequest{TypeName: "cloudinary_upload_preset"}
	kept := &tfprotov6.PlanResourceChangeResponse{PlannedState: state}

	same := p.comparedPlan(req, kept, &tfprotov6.PlanResourceChangeResponse{PlannedState: state})
	if len(same.Diagnostics) != 0 {
		t.Errorf("the same answer was reported: %v", same.Diagnostics[0].Detail)
	}
	replaced := p.comparedPlan(req, kept, &tfprotov6.PlanResourceChangeResponse{PlannedState: state,
		RequiresReplace: []*tftypes.AttributePath{tftypes.NewAttributePath().WithAttributeName("name")}})
	if len(replaced.Diagnostics) != 1 || !strings.Contains(replaced.Diagnostics[0].Detail, "replacement") {
		t.Errorf("a replacement the answer lacks was reported as %+v", replaced.Diagnostics)
	}
}
