package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Docs are generated from the schemas: every resource, data source and
// attribute, nested ones included, must describe itself.
func TestUnitSchemasDescribeEveryAttribute(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	var presp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &presp)
	for name, a := range presp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("provider attribute %s has no description", name)
		}
	}
	for typeName, s := range resourceSchemas(t) {
		if s.MarkdownDescription == "" {
			t.Errorf("%s has no description", typeName)
		}
		checkResourceAttributes(t, typeName, s.Attributes)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("data source %s has no description", meta.TypeName)
		}
		checkDataSourceAttributes(t, meta.TypeName, resp.Schema.Attributes)
	}
}

func checkResourceAttributes(t *testing.T, owner string, attrs map[string]rschema.Attribute) {
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no description", owner, name)
		}
		if nested, ok := a.(rschema.ListNestedAttribute); ok {
			checkResourceAttributes(t, owner+"."+name, nested.NestedObject.Attributes)
		}
	}
}

func checkDataSourceAttributes(t *testing.T, owner string, attrs map[string]dsschema.Attribute) {
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("data source %s.%s has no description", owner, name)
		}
		switch nested := a.(type) {
		case dsschema.ListNestedAttribute:
			checkDataSourceAttributes(t, owner+"."+name, nested.NestedObject.Attributes)
		case dsschema.MapNestedAttribute:
			checkDataSourceAttributes(t, owner+"."+name, nested.NestedObject.Attributes)
		case dsschema.SingleNestedAttribute:
			checkDataSourceAttributes(t, owner+"."+name, nested.Attributes)
		}
	}
}

// The docs list attributes as required or optional from the schema: an
// optional attribute's description must not say "Required.", and one that the
// required validator makes mandatory must say why the schema calls it
// optional.
func TestUnitDescriptionsAgreeWithSchema(t *testing.T) {
	for typeName, s := range resourceSchemas(t) {
		checkRequiredDescriptions(t, typeName, s.Attributes)
	}
}

// resourceSchemas are the schemas of the provider's resources, by type name.
func resourceSchemas(t *testing.T) map[string]rschema.Schema {
	t.Helper()
	ctx := context.Background()
	out := map[string]rschema.Schema{}
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
		}
		out[meta.TypeName] = resp.Schema
	}
	return out
}

func checkRequiredDescriptions(t *testing.T, owner string, attrs map[string]rschema.Attribute) {
	for name, a := range attrs {
		desc := a.GetMarkdownDescription()
		if !a.IsRequired() && strings.HasPrefix(desc, "Required") {
			t.Errorf("%s.%s is optional in the schema but its description says %q", owner, name, desc[:20])
		}
		if hasRequiredValidator(a) && !strings.Contains(desc, requiredButOptional) {
			t.Errorf("%s.%s must be set but its description does not say so: %q", owner, name, desc)
		}
		if nested, ok := a.(rschema.ListNestedAttribute); ok {
			checkRequiredDescriptions(t, owner+"."+name, nested.NestedObject.Attributes)
		}
	}
}

// hasRequiredValidator tells whether the required validator makes an
// optional attribute mandatory.
func hasRequiredValidator(a rschema.Attribute) bool {
	var validators []any
	switch a := a.(type) {
	case rschema.StringAttribute:
		for _, v := range a.Validators {
			validators = append(validators, v)
		}
	case rschema.ListNestedAttribute:
		for _, v := range a.Validators {
			validators = append(validators, v)
		}
	}
	for _, v := range validators {
		if _, ok := v.(required); ok {
			return true
		}
	}
	return false
}
