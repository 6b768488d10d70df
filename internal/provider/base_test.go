package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Every resource, data source and list resource takes the provider's data
// through the one base: nothing before the provider is configured, and an
// error that names the type on data of another type.
func TestUnitEveryTypeTakesProviderData(t *testing.T) {
	ctx := context.Background()
	p := New("test")().(*cloudinaryProvider)
	configures := map[string]func(data any) diag.Diagnostics{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource().(resource.ResourceWithConfigure)
		configures[typeNameOf(r)] = configuredWithResourceRequest(r)
	}
	for _, newList := range p.ListResources(ctx) {
		l := newList().(list.ListResourceWithConfigure)
		configures["list "+typeNameOf(l)] = configuredWithResourceRequest(l)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource().(datasource.DataSourceWithConfigure)
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
		configures["data "+meta.TypeName] = func(data any) diag.Diagnostics {
			var resp datasource.ConfigureResponse
			d.Configure(ctx, datasource.ConfigureRequest{ProviderData: data}, &resp)
			return resp.Diagnostics
		}
	}
	for what, configure := range configures {
		if diags := configure(nil); diags.HasError() {
			t.Errorf("%s: configure before the provider is configured: %v", what, diags)
		}
		if diags := configure(newProviderData(nil, true)); diags.HasError() {
			t.Errorf("%s: configure with the provider's data: %v", what, diags)
		}
		diags := configure("not the provider's data")
		if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "got string") {
			t.Errorf("%s: configure with data of another type: %v", what, diags)
		}
	}
}

// configuredWithResourceRequest configures a resource or a list resource,
// which the framework configures alike.
func configuredWithResourceRequest(r interface {
	Configure(context.Context, resource.ConfigureRequest, *resource.ConfigureResponse)
}) func(data any) diag.Diagnostics {
	return func(data any) diag.Diagnostics {
		var resp resource.ConfigureResponse
		r.Configure(context.Background(), resource.ConfigureRequest{ProviderData: data}, &resp)
		return resp.Diagnostics
	}
}

func typeNameOf(r interface {
	Metadata(context.Context, resource.MetadataRequest, *resource.MetadataResponse)
}) string {
	var meta resource.MetadataResponse
	r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "cloudinary"}, &meta)
	return meta.TypeName
}
