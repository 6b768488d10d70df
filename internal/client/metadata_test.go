package client

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func TestMetadataFieldsAgainstEmulator(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	yes := true
	maxLen := int64(6)
	sku, err := c.CreateMetadataField(ctx, MetadataFieldInput{
		ExternalID: "sku", Type: "string", Label: "SKU", DefaultValue: json.RawMessage(`"ab"`),
		Validation: &MetadataValidation{Type: "strlen", Max: &maxLen}, Restrictions: map[string]bool{"readonly_ui": true},
	})
	if err != nil || sku.Label != "SKU" || string(sku.DefaultValue) != `"ab"` || *sku.Validation.Max != 6 || !sku.Restrictions["readonly_ui"] {
		t.Fatalf("create %+v %v", sku, err)
	}
	colors, err := c.CreateMetadataField(ctx, MetadataFieldInput{
		ExternalID: "colors", Type: "set", Label: "Colors", AllowDynamicListValues: &yes, Group: "catalog",
		Datasource: &Datasource{Values: []DatasourceEntry{{ExternalID: "red", Value: "Red"}, {ExternalID: "green", Value: "Green"}}},
	})
	if err != nil || len(colors.Datasource.Values) != 2 || !colors.Datasource.Values[0].Active() || !*colors.AllowDynamicListValues ||
		colors.Group != "catalog" || *colors.AlphabeticallySorted {
		t.Fatalf("create set %+v %v", colors, err)
	}
	if _, err := c.CreateMetadataField(ctx, MetadataFieldInput{ExternalID: "sku", Type: "string", Label: "Again"}); statusOf(err) != 400 {
		t.Fatalf("an external ID in use: %v", err)
	}

	// An update with no default value and no validation removes them.
	updated, err := c.UpdateMetadataField(ctx, "sku", MetadataFieldInput{Label: "Stock unit", Restrictions: map[string]bool{}})
	if err != nil || updated.Label != "Stock unit" || string(updated.DefaultValue) != "null" || updated.Validation != nil || updated.Group != "default" {
		t.Fatalf("update %+v %v", updated, err)
	}
	if err := c.UpdateDatasource(ctx, "colors", []DatasourceEntry{{ExternalID: "green", Value: "Lime"}, {ExternalID: "blue", Value: "Blue", Position: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteDatasourceEntries(ctx, "colors", []string{"red"}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetMetadataField(ctx, "colors")
	if err != nil {
		t.Fatal(err)
	}
	want := []DatasourceEntry{{"blue", "Blue", "active", 0}, {"red", "Red", "inactive", 0}, {"green", "Lime", "active", 0}}
	if !reflect.DeepEqual(got.Datasource.Values, want) {
		t.Fatalf("datasource %+v", got.Datasource.Values)
	}
	if err := c.RestoreDatasourceEntries(ctx, "colors", []string{"red"}); err != nil {
		t.Fatal(err)
	}

	if _, err := c.Upload(ctx, "raw", Source{ContentBase64: "aGk="}, UploadOptions{PublicID: "a.txt"}); err != nil {
		t.Fatal(err)
	}
	updatedIDs, err := c.UpdateAssetMetadata(ctx, "raw", "upload", []string{"a.txt"}, map[string]string{"sku": "x|y=z", "colors": `["red","blue"]`})
	if err != nil || len(updatedIDs) != 1 {
		t.Fatalf("metadata method %v %v", updatedIDs, err)
	}
	listed, err := c.ListResources(ctx, ResourceQuery{ResourceType: "raw", PublicIDs: []string{"a.txt"}, WithMetadata: true})
	if err != nil || len(listed) != 1 || string(listed[0].Metadata["sku"]) != `"x|y=z"` || string(listed[0].Metadata["colors"]) != `["red","blue"]` {
		t.Fatalf("listing with metadata %+v %v", listed, err)
	}
	fields, err := c.ListMetadataFields(ctx)
	if err != nil || len(fields) != 2 || fields[0].ExternalID != "sku" {
		t.Fatalf("list %+v %v", fields, err)
	}
	if err := c.DeleteMetadataField(ctx, "sku"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetMetadataField(ctx, "sku"); !IsNotFound(err) {
		t.Fatalf("read after delete: %v", err)
	}
}

func TestMetadataRulesAgainstEmulator(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	for _, in := range []MetadataFieldInput{
		{ExternalID: "kind", Type: "enum", Label: "Kind", Datasource: &Datasource{Values: []DatasourceEntry{{ExternalID: "photo", Value: "Photo"}}}},
		{ExternalID: "camera", Type: "string", Label: "Camera"},
	} {
		if _, err := c.CreateMetadataField(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	yes := true
	rule, err := c.CreateMetadataRule(ctx, MetadataRule{
		MetadataFieldID: "camera", Name: "Cameras for photos",
		Condition: json.RawMessage(`{"metadata_field_id":"kind","equals":"photo"}`),
		Result:    MetadataRuleResult{Hide: &yes, ActivateValues: &RuleActivateValues{All: true}},
	})
	if err != nil || rule.ExternalID == "" || rule.State != "active" || !rule.Result.ActivateValues.All {
		t.Fatalf("create %+v %v", rule, err)
	}
	rule.State = "inactive"
	rule.Result = MetadataRuleResult{ActivateValues: &RuleActivateValues{ExternalIDs: []string{"photo"}, Mode: "append"},
		ApplyValue: &RuleApplyValue{Value: json.RawMessage(`"Leica"`), Mode: "default"}}
	updated, err := c.UpdateMetadataRule(ctx, *rule)
	if err != nil || updated.State != "inactive" || updated.Result.ActivateValues.ExternalIDs[0] != "photo" || string(updated.Result.ApplyValue.Value) != `"Leica"` {
		t.Fatalf("update %+v %v", updated, err)
	}
	rules, err := c.ListMetadataRules(ctx)
	if err != nil || len(rules) != 1 {
		t.Fatalf("list %+v %v", rules, err)
	}
	if err := c.DeleteMetadataRule(ctx, rule.ExternalID); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteMetadataRule(ctx, rule.ExternalID); !IsNotFound(err) {
		t.Fatalf("second delete: %v", err)
	}
}

// A field create whose answer is lost is retried, and the retry's refusal
// says that the lost attempt may have acted (MayHaveTakenEffect), so that the
// caller can find its own field; a rule create is never retried once it may
// have reached Cloudinary, which would make a second rule, and its error says
// that it may have taken effect.
func TestMetadataCreatesWhoseAnswerIsLost(t *testing.T) {
	c, emu := newEmulatedClient(t)
	ctx := context.Background()
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/metadata_fields", Times: 1, Status: 502, AfterHandling: true})
	_, err := c.CreateMetadataField(ctx, MetadataFieldInput{ExternalID: "sku", Type: "string", Label: "SKU"})
	if statusOf(err) != 400 || !MayHaveTakenEffect(err) {
		t.Fatalf("want a 400 on the retry, got %v", err)
	}
	if _, err := c.CreateMetadataField(ctx, MetadataFieldInput{ExternalID: "sku", Type: "string", Label: "SKU"}); statusOf(err) != 400 || MayHaveTakenEffect(err) {
		t.Fatalf("a first attempt's refusal cannot have been preceded by a handled attempt: %v", err)
	}

	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/metadata_rules", Times: 1, HangUp: true, AfterHandling: true})
	_, err = c.CreateMetadataRule(ctx, MetadataRule{MetadataFieldID: "sku", Name: "r",
		Condition: json.RawMessage(`{"metadata_field_id":"sku","populated":true}`), Result: MetadataRuleResult{ApplyValue: &RuleApplyValue{Value: json.RawMessage(`"x"`)}}})
	if err == nil || !MayHaveTakenEffect(err) || !strings.Contains(err.Error(), "may have taken effect") {
		t.Fatalf("a rule create whose answer was lost must fail, not be repeated, and say it may have acted: %v", err)
	}
	if rules, _ := c.ListMetadataRules(ctx); len(rules) != 1 {
		t.Fatalf("%d rules, want the one the lost attempt made", len(rules))
	}
}
