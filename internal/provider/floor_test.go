package provider

import (
	"context"
	"log"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The floor provider is the yardstick of `make bench`: the real provider's
// resource schemas (validators and plan modifiers included), but no API
// client, and reads that return the prior state. A plan against it costs
// what Terraform, the plugin protocol and the framework cost, the floor under
// this provider's own work. It lives in a test file so that it never ships;
// the bench builds the test binary and runs it as the provider: with
// floorVariable set, TestMain serves it instead of running tests.
const floorVariable = "CLOUDINARY_FLOOR_PROVIDER"

func TestMain(m *testing.M) {
	if os.Getenv(floorVariable) == "1" {
		err := Serve(func() provider.Provider { return &floorProvider{real: New("floor")()} }, false)
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	os.Exit(m.Run())
}

type floorProvider struct{ real provider.Provider }

func (p *floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newResource := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return floorResource{real: newResource()} })
	}
	return out
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorResource plans like the real resource's schema and reads nothing.
type floorResource struct{ real resource.Resource }

func (r floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

// keepsUnchangedPlans as the real resource does, so that the floor's plans
// of unchanged objects are answered as the provider's are (passthroughs).
func (r floorResource) keepsUnchangedPlans() bool {
	return claimsUnchangedPlans(r.real)
}

func (r floorResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State = req.State
}

func (r floorResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("The floor provider only plans", "Apply with the real provider.")
}

func (r floorResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("The floor provider only plans", "Apply with the real provider.")
}

func (r floorResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("The floor provider only plans", "Apply with the real provider.")
}

// The floor measures the real schemas only if it has every resource of the
// real provider, each with the real schema.
func TestUnitFloorProviderHasTheRealSchemas(t *testing.T) {
	ctx := context.Background()
	actual := New("test")()
	floor := &floorProvider{real: actual}
	realResources, floorResources := actual.Resources(ctx), floor.Resources(ctx)
	if len(realResources) != len(floorResources) {
		t.Fatalf("%d resources, the real provider has %d", len(floorResources), len(realResources))
	}
	for i := range realResources {
		var a, b resource.SchemaResponse
		realResources[i]().Schema(ctx, resource.SchemaRequest{}, &a)
		floorResources[i]().Schema(ctx, resource.SchemaRequest{}, &b)
		if !a.Schema.Type().Equal(b.Schema.Type()) {
			t.Errorf("resource %d: the floor's schema differs", i)
		}
	}
}
