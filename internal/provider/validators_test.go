package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// resourceStringValidators are the validators of a string attribute of a
// resource type's schema.
func resourceStringValidators(t *testing.T, typeName, attribute string) []validator.String {
	t.Helper()
	ctx := context.Background()
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
		if meta.TypeName != typeName {
			continue
		}
		var resp fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &resp)
		a, ok := resp.Schema.Attributes[attribute].(rschema.StringAttribute)
		if !ok {
			t.Fatalf("%s.%s is not a string attribute", typeName, attribute)
		}
		return a.Validators
	}
	t.Fatalf("no resource type %s", typeName)
	return nil
}

// accepts tells whether every validator accepts value.
func accepts(validators []validator.String, value string) bool {
	for _, v := range validators {
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(value)}, &resp)
		if resp.Diagnostics.HasError() {
			return false
		}
	}
	return true
}

// The names of presets, named transformations and streaming profiles follow
// one rule, checked by one set of validators.
func TestUnitNamesFollowOneRule(t *testing.T) {
	cases := map[string]bool{
		"web-uploads_2": true, "A": true, strings.Repeat("a", 255): true,
		"": false, "web uploads": false, "a/b": false, "a.b": false, "é": false, strings.Repeat("a", 256): false,
	}
	for _, typeName := range []string{"cloudinary_upload_preset", "cloudinary_named_transformation", "cloudinary_streaming_profile"} {
		validators := resourceStringValidators(t, typeName, "name")
		for value, want := range cases {
			if got := accepts(validators, value); got != want {
				t.Errorf("%s.name accepts %q: %v, want %v", typeName, value, got, want)
			}
		}
	}
}

// Webhook and callback URLs follow one rule: an absolute http or https URL.
func TestUnitWebhookURLsFollowOneRule(t *testing.T) {
	cases := map[string]bool{
		"https://hooks.example.com": true, "http://hooks.example.com/a?b=c": true,
		"ftp://hooks.example.com": false, "hooks.example.com/a": false, "https://": false, "https://a b.example.com": false,
	}
	for _, at := range [][2]string{
		{"cloudinary_trigger", "uri"}, {"cloudinary_upload_preset", "notification_url"},
		{"cloudinary_upload_preset", "eager_notification_url"}, {"cloudinary_upload_preset", "callback"},
		{"cloudinary_upload_preset", "proxy"},
	} {
		validators := resourceStringValidators(t, at[0], at[1])
		for value, want := range cases {
			if got := accepts(validators, value); got != want {
				t.Errorf("%s.%s accepts %q: %v, want %v", at[0], at[1], value, got, want)
			}
		}
	}
}

// An empty folder is no folder where a folder is a setting (an asset's or a
// preset's); where it names a folder, it is refused, as are malformed paths.
func TestUnitFolderOrNoneValidator(t *testing.T) {
	for _, tc := range []struct {
		value      string
		folder, ok bool
	}{
		{"", false, true},
		{"brand", true, true},
		{"brand/2026", true, true},
		{"/brand", false, false},
		{"a//b", false, false},
		{"a?b", false, false},
	} {
		for _, check := range []struct {
			v    validator.String
			want bool
		}{{folderValidator, tc.folder}, {folderOrNoneValidator, tc.ok}} {
			var resp validator.StringResponse
			check.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("asset_folder"), ConfigValue: types.StringValue(tc.value)}, &resp)
			if got := !resp.Diagnostics.HasError(); got != check.want {
				t.Errorf("%s accepts %q: %v, want %v", check.v.Description(context.Background()), tc.value, got, check.want)
			}
		}
	}
}

// OpenTofu's generated configuration writes `asset_folder = ""` for an asset
// in the root folder (Terraform's leaves the attribute out): an empty folder
// is the root, and such a configuration applies and plans clean. A preset's
// empty folder settings are no settings, and plan clean too.
// (TestAccIdentity_generatedConfiguration imports with OpenTofu's generated
// configuration itself, in the OpenTofu pass.)
func TestAccEmptyFolderIsNoFolder(t *testing.T) {
	env := newTestEnv(t)
	config := env.config(`
resource "cloudinary_upload_preset" "p" {
  name             = "no_folder"
  folder           = ""
  asset_folder     = ""
  public_id_prefix = ""
  display_name     = ""
}
resource "cloudinary_asset" "a" {
  content_base64 = base64encode("root")
  public_id      = "root.txt"
  resource_type  = "raw"
  asset_folder   = ""
}
`)
	emptyAfter := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config, ConfigPlanChecks: emptyAfter,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudinary_asset.a", tfjsonpath.New("asset_folder"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("cloudinary_upload_preset.p", tfjsonpath.New("folder"), knownvalue.StringExact("")),
				},
				Check: func(*terraform.State) error {
					got, err := env.client.GetResource(bg, "raw", "upload", "root.txt")
					if err != nil || got.AssetFolder != "" {
						return fmt.Errorf("stored %+v: %w", got, err)
					}
					preset, err := env.client.GetUploadPreset(bg, "no_folder")
					if err != nil || len(preset.Settings) != 0 {
						return fmt.Errorf("stored preset %+v: %w", preset, err)
					}
					return nil
				},
			},
		},
	})
}
