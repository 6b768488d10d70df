package provider

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// Every attribute that a configuration sets may come from a value that is
// not known yet: from a module's input variable, which is unknown while
// Terraform validates (`terraform validate`, and the validation that begins
// every plan), and from an attribute of a resource that the same apply
// makes, which is unknown when the plan is made. The examples below give
// every configurable attribute of every resource and data source a value;
// TestUnitExamplesSetEveryAttribute holds them to the schemas, so that a new
// attribute cannot be left out. TestAccUnknownValues_everyAttribute applies
// them with Terraform; TestUnitUnknownValuesValidateAndPlan (in
// unknown_values_protocol_test.go) asks the provider directly, one unknown
// attribute at a time.

// The objects that the examples use and that the test makes beforehand: two
// metadata fields and a preset.
const (
	unknownsCategory = "unk_category" // an enum field: employee, culture
	unknownsTeam     = "unk_team"     // a set field: hr, rnd
	unknownsPreset   = "unk_base"
	// unknownsEnvironment is the product environment of the account that
	// holds every example: the provider finds its credentials through the
	// Provisioning API (product_environment).
	unknownsEnvironment = "unk-env"
	// unknownsPrimaryEnvironmentID is the ID of the emulator's own cloud as
	// a product environment of its default account, which the emulator
	// fixes (the account ID without its dashes).
	unknownsPrimaryEnvironmentID = "5f0c6a8e3b2d4c1e9a7f0d4e8b6c2a19"
	unknownsPrimaryEnvironment   = "demo"
)

// examples are attribute values by resource (or data source) type: each
// example is one block, and the examples of a type together set every
// attribute a configuration can set.
type examples map[string][]map[string]any

// unknownsPeople are a group and a user of the account, whose membership an
// instance's examples make, and a product environment of the account (the
// acceptance test makes or finds them beforehand; the unit tests make IDs
// up).
type unknownsPeople struct{ groupID, userID, environmentID string }

// everyAttribute gives the examples of every resource and data source type.
// Names carry instance, so that several instances share one account. file is
// a local PNG, remoteURL one served over http.
func everyAttribute(instance, file, remoteURL string, people unknownsPeople) (resources, dataSources examples) {
	name := "every_" + instance
	field := func(suffix string) string { return "unk_" + instance + "_" + suffix }
	resources = examples{
		"cloudinary_upload_preset": {{
			"name": name, "unsigned": true, "disallow_public_id": true, "folder": "web/in", "asset_folder": "web/assets",
			"use_asset_folder_as_public_id_prefix": false, "public_id_prefix": "site", "display_name": "Web upload",
			"use_filename": true, "unique_filename": false, "use_filename_as_display_name": true, "overwrite": false,
			"resource_type": "image", "type": "upload", "access_mode": "public", "tags": []string{"web", "incoming"},
			"context":         map[string]string{"alt": "a=b|c", "source": "site"},
			"metadata":        map[string]string{unknownsCategory: "employee", unknownsTeam: `["rnd","hr"]`},
			"allowed_formats": []string{"jpg", "png", "webp"}, "format": "webp", "transformation": "w_2000,c_limit/q_auto",
			"eager": []string{"w_400,h_300,c_pad", "c_thumb,w_100,g_face"}, "eager_async": true,
			"eager_notification_url": "https://hooks.example.com/eager", "backup": true, "invalidate": true,
			"moderation": "aws_rek|manual", "notification_url": "https://hooks.example.com/upload", "return_delete_token": true,
			"faces": true, "colors": true, "media_metadata": true, "phash": true, "quality_analysis": true, "auto_tagging": 0.7,
			"categorization": "google_tagging", "detection": "coco", "ocr": "adv_ocr", "raw_convert": "aspose",
			"background_removal": "cloudinary_ai", "eval": "upload_options['tags'] = 'evaluated'",
			"on_success": "current_asset.update({tags: ['done']})", "headers": "X-Robots-Tag: noindex",
			"discard_original_filename": true, "filename_override": "original.jpg",
			"callback": "https://www.example.com/cloudinary_cors.html", "proxy": "https://proxy.example.com:8080", "async": false,
			"live": true, "public_id": "site/hero", "unique_display_name": true, "image_metadata": true, "exif": false,
			"accessibility_analysis": true, "cinemagraph_analysis": true, "visual_search": true, "similarity_search": "true",
			"auto_chaptering": true, "auto_transcription": `{"translate":["fr-FR"]}`, "auto_video_details": `{"fields":["title"]}`,
			"quality_override": "auto:best", "clear_invalid": true, "access_control": `[{"access_type":"token"}]`,
			"responsive_breakpoints": `[{"create_derived":true,"max_images":5}]`, "regions": `{"logo":[[10,20],[110,80]]}`,
			"face_coordinates": [][]int{{10, 20, 150, 130}}, "custom_coordinates": [][]int{{85, 120, 220, 310}},
			"extra_settings": map[string]string{"parameter_whitelist": "tags"},
		}},
		"cloudinary_upload_mapping":       {{"folder": "mapped_" + instance, "template": "https://" + instance + ".example.com/images/"}},
		"cloudinary_named_transformation": {{"name": name, "transformation": "w_400,c_fill,h_400/q_auto", "allowed_for_strict": true}},
		"cloudinary_streaming_profile": {{"name": name, "display_name": "Every " + instance, "representations": []map[string]string{
			{"transformation": "w_1280,h_720,c_limit,vc_h264:main:3.1,br_3500k"}, {"transformation": "c_limit,w_640,h_360,vc_h264:baseline:3.0,br_800k"},
		}}},
		"cloudinary_asset": {
			{
				"file": file, "source_version": "1", "public_id": "unk/" + instance + "/file", "resource_type": "image", "type": "upload",
				"upload_preset": unknownsPreset, "asset_folder": "unk/" + instance, "display_name": "From a file",
				"tags": []string{"a", "b"}, "context": map[string]string{"alt": "x"},
				"metadata":    map[string]string{unknownsCategory: "culture", unknownsTeam: `["hr","rnd"]`},
				"access_mode": "public", "overwrite": false, "invalidate": true,
			},
			{"url": remoteURL, "resource_type": "auto"},
			{"content_base64": base64.StdEncoding.EncodeToString([]byte("read me")), "public_id": "unk/" + instance + "/readme.txt", "resource_type": "raw", "type": "private"},
			{"content_base64_wo": base64.StdEncoding.EncodeToString([]byte("token: s3cr3t")), "content_version": 1, "public_id": "unk/" + instance + "/token.txt", "resource_type": "raw"},
		},
		"cloudinary_folder": {{"path": "unk_" + instance + "/child", "force_destroy": true}},
		"cloudinary_trigger": {{
			"uri": "https://hooks.example.com/" + instance, "event_type": "upload", "additive": true,
			"filter": `{"==":[{"var":"resource_type"},"image"]}`, "filter_language": "jsonlogic",
			"payload_template": `{"asset":"{{public_id}}"}`, "auth_scheme": "eddsa_v2",
		}},
		"cloudinary_metadata_field": {
			{
				"external_id": field("text"), "type": "string", "label": "Text", "mandatory": true, "default_disabled": true,
				"default_value": "hello", "validation": map[string]any{"strlen": map[string]int{"min": 1, "max": 10}},
				"restrictions": map[string]bool{"readonly_ui": true, "hidden_ui": false, "excluded_from_search": true}, "group": "extra",
			},
			{
				"external_id": field("count"), "type": "integer", "label": "Count", "default_value": "5",
				"validation": map[string]any{"greater_than": map[string]any{"value": "1", "equals": true}, "less_than": map[string]any{"value": "10", "equals": false}},
			},
			{
				"external_id": field("kind"), "type": "enum", "label": "Kind", "default_value": "a", "allow_dynamic_list_values": true,
				"alphabetically_sorted": true, "datasource": []map[string]string{{"external_id": "a", "value": "Alpha"}, {"external_id": "b", "value": "Beta"}},
			},
			{
				"external_id": field("tags"), "type": "set", "label": "Tags", "default_values": []string{"a", "b"},
				"datasource": []map[string]string{{"external_id": "b", "value": "Beta"}, {"external_id": "a", "value": "Alpha"}},
			},
		},
		"cloudinary_metadata_rule": {
			{
				"metadata_field_id": unknownsCategory, "name": "Apply " + instance, "state": "inactive", "position": 3,
				"condition": fmt.Sprintf(`{"metadata_field_id":%q,"includes":["hr"]}`, unknownsTeam),
				"result": map[string]any{
					"apply_value": map[string]string{"value": "culture", "mode": "override"},
					"disable":     false, "enable": true, "hide": false, "set_mandatory": true,
				},
			},
			{
				"metadata_field_id": unknownsTeam, "name": "All " + instance,
				"condition": fmt.Sprintf(`{"metadata_field_id":%q,"populated":true}`, unknownsCategory),
				"result":    map[string]any{"activate_values": map[string]bool{"all": true}},
			},
			{
				"metadata_field_id": unknownsTeam, "name": "Some " + instance,
				"condition": fmt.Sprintf(`{"or":[{"metadata_field_id":%q,"equals":"employee"}]}`, unknownsCategory),
				"result":    map[string]any{"activate_values": map[string]any{"external_ids": []string{"hr"}, "mode": "override"}},
			},
		},
	}
	dataSources = examples{
		"cloudinary_upload_preset":        {{"name": name}},
		"cloudinary_upload_mapping":       {{"folder": "mapped_" + instance}},
		"cloudinary_named_transformation": {{"name": name}},
		"cloudinary_transformations":      {{"named": true}},
		"cloudinary_assets": {
			{"resource_type": "image", "type": "upload", "prefix": "unk/" + instance, "max_results": 10, "direction": "asc"},
			{"tag": "a"},
			{"public_ids": []string{"unk/" + instance + "/file"}},
			{"context_key": "alt", "context_value": "x"},
		},
		"cloudinary_tags":           {{"resource_type": "image", "prefix": "a"}},
		"cloudinary_folders":        {{"path": "unk_" + instance}},
		"cloudinary_triggers":       {{"event_type": "upload"}},
		"cloudinary_metadata_field": {{"external_id": field("kind")}},
		// These two have no setting but their product environment.
		"cloudinary_metadata_fields": {{}},
		"cloudinary_usage":           {{}},
	}
	for _, ex := range []examples{resources, dataSources} {
		for _, list := range ex {
			for _, example := range list {
				example["product_environment"] = unknownsEnvironment
			}
		}
	}
	// The account's own objects, made and read with the account credentials:
	// a product environment of the instance's own, based on the one that
	// holds the other examples, and a key in the emulator's own environment
	// (not in that one, whose objects the provider reaches with one of its
	// keys, which the destroy of a key must not pull away), dedicated to
	// nothing, so that the instances' keys take no purpose from each other.
	resources["cloudinary_product_environment"] = []map[string]any{{
		"name": "Every " + instance, "cloud_name": "every-" + instance, "enabled": true, "custom_attributes": map[string]string{"team": "media"},
		"base_product_environment": unknownsEnvironment, "deletion_protection": false,
	}}
	resources["cloudinary_access_key"] = []map[string]any{{
		"product_environment": unknownsPrimaryEnvironment, "name": "every-" + instance, "enabled": true, "dedicated_for": []string{},
	}}
	dataSources["cloudinary_product_environment"] = []map[string]any{{"cloud_name": unknownsEnvironment}, {"id": unknownsPrimaryEnvironmentID}}
	dataSources["cloudinary_product_environments"] = []map[string]any{
		{"enabled": true, "cloud_names": []string{unknownsEnvironment}, "prefix": "unk"},
		{"ids": []string{unknownsPrimaryEnvironmentID}},
	}
	dataSources["cloudinary_access_keys"] = []map[string]any{{"product_environment": unknownsEnvironment}}
	maps.Copy(resources, accountResources(instance, people))
	maps.Copy(dataSources, accountDataSources(instance, people))
	return plainJSON(resources), plainJSON(dataSources)
}

// accountResources are the examples of the resource types of the account
// itself (the Provisioning API), which no product environment holds.
func accountResources(instance string, people unknownsPeople) examples {
	return examples{
		"cloudinary_user": {{
			"name": "Every " + instance, "email": "every_" + instance + "@example.com", "role": "technical_admin", "enabled": false,
			"product_environments": []string{},
		}},
		"cloudinary_user_group":            {{"name": "Every " + instance}},
		"cloudinary_user_group_membership": {{"group_id": people.groupID, "user_id": people.userID}},
	}
}

// accountDataSources are the examples of the account's data source types.
func accountDataSources(instance string, people unknownsPeople) examples {
	email := "every_" + instance + "@example.com"
	return examples{
		"cloudinary_user": {{"email": email}, {"id": people.userID}},
		"cloudinary_users": {
			{"prefix": "Every " + instance, "pending": true, "emails": []string{email}},
			{"product_environment_id": people.environmentID},
		},
		"cloudinary_user_group":  {{"name": "Every " + instance}, {"id": people.groupID}},
		"cloudinary_user_groups": {{"include_members": true}},
	}
}

// plainJSON gives examples the shapes that JSON decodes to (map[string]any,
// []any, float64), which the configuration writer and the schema walks
// expect.
func plainJSON(e examples) examples {
	data, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	var out examples
	if err := json.Unmarshal(data, &out); err != nil {
		panic(err)
	}
	return out
}

// hclValue writes a value in HCL: JSON is HCL's syntax for literals, but
// for the HTML escapes JSON may use.
func hclValue(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSpace(b.String())
}

// instance is one copy of every example, named after its key: whole takes
// each attribute from source as it is; otherwise each nested object, list
// and map is written out in the configuration and only its leaves come from
// source, so that a plan sees known collections of values not known yet.
type instance struct {
	key, source string
	whole       bool
}

// unknownsInstances take the examples from a variable of the module (known
// at plan time, unknown while Terraform validates: a root module's variables
// are, as a child module's) and from a terraform_data resource of the same
// apply (unknown at plan time), each whole and leaf by leaf.
var unknownsInstances = []instance{
	{"vw", "var.values.vw", true}, {"vl", "var.values.vl", false},
	{"aw", "terraform_data.values.output.aw", true}, {"al", "terraform_data.values.output.al", false},
}

// blocks writes the instance's blocks: resource "TYPE" "KEY_eN" for the Nth
// example of a type, and the same for data sources, which read what the
// instance makes and so come after it.
func (in instance) blocks(resources, dataSources examples) string {
	var b strings.Builder
	var managed []string
	write := func(kind, group string, ex examples, extra string) {
		for _, typeName := range slices.Sorted(maps.Keys(ex)) {
			for i, example := range ex[typeName] {
				fmt.Fprintf(&b, "\n%s %q \"%s_e%d\" {\n", kind, typeName, in.key, i)
				for _, attribute := range slices.Sorted(maps.Keys(example)) {
					expr := fmt.Sprintf("%s[%q][%q][%d][%q]", in.source, group, typeName, i, attribute)
					if !in.whole {
						expr = leafExpressions(expr, example[attribute])
					}
					fmt.Fprintf(&b, "  %s = %s\n", attribute, expr)
				}
				b.WriteString(extra + "}\n")
				if kind == "resource" {
					managed = append(managed, fmt.Sprintf("%s.%s_e%d", typeName, in.key, i))
				}
			}
		}
	}
	write("resource", "resources", resources, "")
	write("data", "data_sources", dataSources, "  depends_on = ["+strings.Join(managed, ", ")+"]\n")
	return b.String()
}

// leafExpressions writes v's structure in HCL with each leaf taken from
// expr, the expression of v itself: objects and maps as object
// constructors, lists as tuples.
func leafExpressions(expr string, v any) string {
	switch v := v.(type) {
	case map[string]any:
		var b strings.Builder
		b.WriteString("{\n")
		for _, key := range slices.Sorted(maps.Keys(v)) {
			fmt.Fprintf(&b, "    %q = %s\n", key, leafExpressions(fmt.Sprintf("%s[%q]", expr, key), v[key]))
		}
		b.WriteString("  }")
		return b.String()
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = leafExpressions(fmt.Sprintf("%s[%d]", expr, i), item)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return expr
}

func TestAccUnknownValues_everyAttribute(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t) // the url example is served on this machine's loopback
	content := pngOf(t, 8, 8)
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(content) }))
	defer remote.Close()
	dir, files := t.TempDir(), t.TempDir()
	file := filepath.Join(files, "picture.png")
	writeFile(t, file, content)

	values := map[string]any{}
	var hcl strings.Builder
	hcl.WriteString(env.providerBlockWithAccount())
	var fromApply examples // the resources whose values are unknown at plan time
	people := makeUnknownsPeople(t, env)
	for _, in := range unknownsInstances {
		resources, dataSources := everyAttribute(in.key, file, remote.URL+"/banner.png", people[in.key])
		if !writeOnlySince.met(t) {
			resources = withoutWriteOnly(t, resources)
		}
		values[in.key] = map[string]any{"resources": resources, "data_sources": dataSources}
		hcl.WriteString(in.blocks(resources, dataSources))
		if in.key == "aw" {
			fromApply = resources
		}
	}
	fmt.Fprintf(&hcl, `
variable "values" {
  type = any
}

resource "terraform_data" "values" {
  input = { aw = %s, al = %s }
}
`, hclValue(values["aw"]), hclValue(values["al"]))
	writeFile(t, filepath.Join(dir, "main.tf"), []byte(hcl.String()))
	variables, err := json.Marshal(map[string]any{"values": map[string]any{"vw": values["vw"], "vl": values["vl"]}})
	must(t, err)
	writeFile(t, filepath.Join(dir, "values.auto.tfvars.json"), variables)

	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			// A directory (for the variables file) needs the providers
			// given to its step.
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			PreConfig:                func() { makeUnknownsFixture(t, env) },
			ConfigDirectory:          config.StaticDirectory(dir),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             unknownAtPlan(t, "aw", fromApply),
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: sameAsKnown(),
		}},
	})
}

// makeUnknownsFixture makes the product environment that holds the
// examples, and in it the fields and the preset that the examples name.
func makeUnknownsFixture(t *testing.T, env *testEnv) {
	t.Helper()
	inEnvironment := *env
	inEnvironment.client = newProductEnvironment(t, env, unknownsEnvironment)
	env = &inEnvironment
	for id, typ := range map[string]string{unknownsCategory: "enum", unknownsTeam: "set"} {
		entries := []client.DatasourceEntry{{ExternalID: "employee", Value: "Employee"}, {ExternalID: "culture", Value: "Culture"}}
		if typ == "set" {
			entries = []client.DatasourceEntry{{ExternalID: "hr", Value: "HR"}, {ExternalID: "rnd", Value: "R&D"}}
		}
		_, err := env.client.CreateMetadataField(bg, client.MetadataFieldInput{
			ExternalID: id, Type: typ, Label: id, DefaultValue: json.RawMessage("null"), Datasource: &client.Datasource{Values: entries},
		})
		must(t, err)
	}
	must(t, env.client.CreateUploadPreset(bg, client.UploadPreset{Name: unknownsPreset, Settings: map[string]string{"tags": "base"}}))
}

// makeUnknownsPeople makes, for each instance, the group and the user
// whose membership its examples make, and finds the account's own product
// environment.
func makeUnknownsPeople(t *testing.T, env *testEnv) map[string]unknownsPeople {
	t.Helper()
	c := env.account
	primary := primaryEnvironmentID(t, env, c)
	out := map[string]unknownsPeople{}
	for _, in := range unknownsInstances {
		g, err := c.CreateUserGroup(bg, "unk_"+in.key)
		must(t, err)
		u, err := c.CreateUser(bg, client.UserParams{Name: "unk " + in.key, Email: "unk_" + in.key + "@example.com", Role: "reports"})
		must(t, err)
		out[in.key] = unknownsPeople{groupID: g.ID, userID: u.ID, environmentID: primary}
	}
	return out
}

// unknownAtPlan checks the test's premise: in the instance that takes
// terraform_data's values whole, every configured attribute of every
// resource is unknown when the plan is made (write-only attributes are null
// in every plan, known or not).
func unknownAtPlan(t *testing.T, key string, resources examples) []plancheck.PlanCheck {
	t.Helper()
	schemas := protocolSchemas(t).ResourceSchemas
	var checks []plancheck.PlanCheck
	for typeName, list := range resources {
		for i, example := range list {
			for attribute := range example {
				if isWriteOnly(schemas[typeName], attribute) {
					continue
				}
				checks = append(checks, plancheck.ExpectUnknownValue(fmt.Sprintf("%s.%s_e%d", typeName, key, i), tfjsonpath.New(attribute)))
			}
		}
	}
	return checks
}

// withoutWriteOnly leaves out the examples that set a write-only
// attribute, for a CLI older than write-only attributes.
func withoutWriteOnly(t *testing.T, resources examples) examples {
	t.Helper()
	schemas := protocolSchemas(t).ResourceSchemas
	out := examples{}
	for typeName, list := range resources {
		for _, example := range list {
			if !slices.ContainsFunc(slices.Collect(maps.Keys(example)), func(a string) bool { return isWriteOnly(schemas[typeName], a) }) {
				out[typeName] = append(out[typeName], example)
			}
		}
	}
	return out
}

func isWriteOnly(s *tfprotov6.Schema, attribute string) bool {
	for _, a := range s.Block.Attributes {
		if a.Name == attribute {
			return a.WriteOnly
		}
	}
	return false
}

// sameAsKnown checks that the nested settings that were refused when not
// known end the same whichever way their values came.
func sameAsKnown() []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	nested := map[string][]string{
		"cloudinary_metadata_field.%s_e0": {"validation", "restrictions"},
		"cloudinary_metadata_field.%s_e1": {"validation"},
		"cloudinary_metadata_field.%s_e2": {"datasource"},
		"cloudinary_metadata_field.%s_e3": {"datasource", "default_values"},
		"cloudinary_metadata_rule.%s_e0":  {"result", "condition"},
		"cloudinary_metadata_rule.%s_e1":  {"result"},
		"cloudinary_metadata_rule.%s_e2":  {"result"},
	}
	for _, in := range unknownsInstances[1:] {
		for address, attributes := range nested {
			for _, attribute := range attributes {
				checks = append(checks, statecheck.CompareValuePairs(
					fmt.Sprintf(address, unknownsInstances[0].key), tfjsonpath.New(attribute),
					fmt.Sprintf(address, in.key), tfjsonpath.New(attribute), compare.ValuesSame()))
			}
		}
	}
	return checks
}

// The examples set every attribute that a configuration can set, and only
// those: a new attribute fails here until it has an example, and so is
// tested with unknown values.
func TestUnitExamplesSetEveryAttribute(t *testing.T) {
	schemas := protocolSchemas(t)
	resources, dataSources := everyAttribute("t", "/tmp/picture.png", "http://127.0.0.1/banner.png", unknownsPeople{groupID: "g", userID: "u", environmentID: "e"})
	checkExamples(t, "resource", schemas.ResourceSchemas, resources)
	checkExamples(t, "data source", schemas.DataSourceSchemas, dataSources)
}

func checkExamples(t *testing.T, kind string, schemas map[string]*tfprotov6.Schema, ex examples) {
	t.Helper()
	for typeName, s := range schemas {
		set := map[string]bool{}
		for i, example := range ex[typeName] {
			if err := examplePaths(s.Block.Attributes, example, "", set); err != nil {
				t.Errorf("%s %s, example %d: %v", kind, typeName, i, err)
			}
		}
		for _, p := range configurablePaths(s.Block.Attributes, "") {
			if !set[p] {
				t.Errorf("%s %s: no example sets %s", kind, typeName, p)
			}
		}
	}
	for typeName := range ex {
		if schemas[typeName] == nil {
			t.Errorf("examples of %s %s, which the provider does not have", kind, typeName)
		}
	}
}

// configurablePaths are the paths of the attributes a configuration can
// set, nested ones as "outer.inner".
func configurablePaths(attributes []*tfprotov6.SchemaAttribute, prefix string) []string {
	var out []string
	for _, a := range attributes {
		switch {
		case !a.Required && !a.Optional:
		case a.NestedType != nil:
			out = append(out, configurablePaths(a.NestedType.Attributes, prefix+a.Name+".")...)
		default:
			out = append(out, prefix+a.Name)
		}
	}
	return out
}

// examplePaths records in set the attribute paths an example sets, and
// fails on a key that is not a configurable attribute.
func examplePaths(attributes []*tfprotov6.SchemaAttribute, example map[string]any, prefix string, set map[string]bool) error {
	for key, value := range example {
		i := slices.IndexFunc(attributes, func(a *tfprotov6.SchemaAttribute) bool { return a.Name == key })
		if i < 0 || (!attributes[i].Required && !attributes[i].Optional) {
			return fmt.Errorf("%s%s is not a configurable attribute", prefix, key)
		}
		nested := attributes[i].NestedType
		if nested == nil {
			set[prefix+key] = true
			continue
		}
		objects := []any{value}
		if list, ok := value.([]any); ok {
			objects = list
		}
		for _, o := range objects {
			object, ok := o.(map[string]any)
			if !ok {
				return fmt.Errorf("%s%s holds %T, not objects", prefix, key, o)
			}
			if err := examplePaths(nested.Attributes, object, prefix+key+".", set); err != nil {
				return err
			}
		}
	}
	return nil
}

// protocolSchemas are the provider's schemas as Terraform receives them.
func protocolSchemas(t *testing.T) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	server, err := testAccProtoV6ProviderFactories["cloudinary"]()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(bg, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("schema: %s: %s", d.Summary, d.Detail)
	}
	return resp
}
