package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// everyResource is one resource of each type, for identity tests.
const everyResource = `
resource "cloudinary_upload_preset" "p" {
  name = "ident"
  tags = ["a"]
}
resource "cloudinary_upload_mapping" "m" {
  folder   = "ident"
  template = "https://ident.example.com/"
}
resource "cloudinary_named_transformation" "t" {
  name           = "ident"
  transformation = "c_fill,w_10"
}
resource "cloudinary_streaming_profile" "s" {
  name            = "Ident"
  representations = [{ transformation = "w_640,h_360" }]
}
resource "cloudinary_folder" "f" {
  path = "ident/sub"
}
resource "cloudinary_trigger" "r" {
  uri        = "https://ident.example.com/hook"
  event_type = "upload"
}
resource "cloudinary_asset" "a" {
  content_base64 = base64encode("ident")
  public_id      = "ident.txt"
  resource_type  = "raw"
}
resource "cloudinary_metadata_field" "mf" {
  external_id = "ident_field"
  type        = "enum"
  label       = "Ident"
  datasource  = [{ external_id = "one", value = "One" }]
}
resource "cloudinary_metadata_rule" "mr" {
  metadata_field_id = cloudinary_metadata_field.mf.external_id
  name              = "ident"
  condition         = jsonencode({ metadata_field_id = cloudinary_metadata_field.mf.external_id, populated = true })
  result            = { hide = true }
}
`

// Every resource records its identity, and an import block that gives the
// identity instead of an ID imports it (Terraform 1.12 and later).
func TestAccIdentity(t *testing.T) {
	env := newTestEnv(t)
	steps := []resource.TestStep{{
		Config: env.config(everyResource),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectIdentity("cloudinary_upload_preset.p", map[string]knownvalue.Check{"product_environment": knownvalue.Null(), "name": knownvalue.StringExact("ident")}),
			statecheck.ExpectIdentity("cloudinary_upload_mapping.m", map[string]knownvalue.Check{"product_environment": knownvalue.Null(), "folder": knownvalue.StringExact("ident")}),
			statecheck.ExpectIdentity("cloudinary_named_transformation.t", map[string]knownvalue.Check{"product_environment": knownvalue.Null(), "name": knownvalue.StringExact("ident")}),
			statecheck.ExpectIdentity("cloudinary_streaming_profile.s", map[string]knownvalue.Check{"product_environment": knownvalue.Null(), "name": knownvalue.StringExact("ident")}),
			statecheck.ExpectIdentity("cloudinary_folder.f", map[string]knownvalue.Check{"product_environment": knownvalue.Null(), "path": knownvalue.StringExact("ident/sub")}),
			statecheck.ExpectIdentityValue("cloudinary_trigger.r", tfjsonpath.New("id"), knownvalue.NotNull()),
			statecheck.ExpectIdentity("cloudinary_metadata_field.mf", map[string]knownvalue.Check{"product_environment": knownvalue.Null(), "external_id": knownvalue.StringExact("ident_field")}),
			statecheck.ExpectIdentityValue("cloudinary_metadata_rule.mr", tfjsonpath.New("id"), knownvalue.NotNull()),
			statecheck.ExpectIdentity("cloudinary_asset.a", map[string]knownvalue.Check{"product_environment": knownvalue.Null(),
				"resource_type": knownvalue.StringExact("raw"), "type": knownvalue.StringExact("upload"), "public_id": knownvalue.StringExact("ident.txt"),
			}),
		},
	}}
	ignore := map[string][]string{"cloudinary_streaming_profile.s": {"representations"}}
	for _, addr := range []string{
		"cloudinary_upload_preset.p", "cloudinary_upload_mapping.m", "cloudinary_named_transformation.t", "cloudinary_streaming_profile.s",
		"cloudinary_folder.f", "cloudinary_trigger.r", "cloudinary_metadata_field.mf", "cloudinary_metadata_rule.mr",
	} {
		steps = append(steps, resource.TestStep{
			ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
			ImportStateVerifyIgnore: ignore[addr],
		})
	}
	// An imported asset records its configured source in place of its own
	// delivery URL, which the import gives it: an update, but no upload.
	steps = append(steps, resource.TestStep{
		ResourceName: "cloudinary_asset.a", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
		ExpectNonEmptyPlan: true,
		ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction("cloudinary_asset.a", plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue("cloudinary_asset.a", tfjsonpath.New("version"), knownvalue.NotNull()),
		}},
	})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// Importing by identity with a configuration that Terraform generates
// (`plan -generate-config-out`) is a pure import for every resource type:
// the generated configuration says what Cloudinary holds.
func TestAccIdentity_generatedConfiguration(t *testing.T) {
	env := newTestEnv(t)
	steps := []resource.TestStep{{Config: env.config(everyResource)}}
	for _, addr := range []string{
		"cloudinary_upload_preset.p", "cloudinary_upload_mapping.m", "cloudinary_named_transformation.t", "cloudinary_streaming_profile.s",
		"cloudinary_folder.f", "cloudinary_trigger.r", "cloudinary_asset.a", "cloudinary_metadata_field.mf", "cloudinary_metadata_rule.mr",
	} {
		steps = append(steps, resource.TestStep{
			ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, GenerateConfig: true,
		})
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// Importing with `plan -generate-config-out` works for names with spaces,
// accents, & and #: the generated `url` of an asset is its percent-encoded
// delivery URL, which the provider's validator accepts.
func TestAccIdentity_generatedConfigurationUnusualNames(t *testing.T) {
	env := newTestEnv(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(`
resource "cloudinary_folder" "f" {
  path = "Dossiers été/notes v2"
}
resource "cloudinary_asset" "a" {
  content_base64 = base64encode("terms")
  public_id      = "docs/terms v2 – été.txt"
  resource_type  = "raw"
  asset_folder   = cloudinary_folder.f.path
  display_name   = "Terms & Conditions #2"
  tags           = ["Q&A", "#legal"]
  context        = { alt = "Q&A #1" }
}
`)},
			{ResourceName: "cloudinary_folder.f", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, GenerateConfig: true},
			{ResourceName: "cloudinary_asset.a", ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, GenerateConfig: true},
		},
	})
}
