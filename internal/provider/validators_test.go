package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resourceStringValidators are the validators of a string attribute of a
// resource type's schema.
func resourceStringValidators(t *testing.T, typeName, attribute string) []validator.String {
	t.Helper()
	ctx := context.Background()
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
		if meta.TypeName != typeName {
			continue
		}
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
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
