package provider

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform shows warnings but terraform-plugin-testing cannot assert them:
// these unit tests call a resource's methods directly, as the framework
// would, and look at the diagnostics.

// planOf builds a plan of a new object of r with the given attributes.
func planOf(t *testing.T, r resource.Resource, attrs map[string]attr.Value) tfsdk.Plan {
	t.Helper()
	ctx := context.Background()
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	plan := tfsdk.Plan{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}
	for name, v := range attrs {
		if d := plan.SetAttribute(ctx, path.Root(name), v); d.HasError() {
			t.Fatalf("%s: %v", name, d)
		}
	}
	return plan
}

func nullState(plan tfsdk.Plan) tfsdk.State {
	return tfsdk.State{Schema: plan.Schema, Raw: tftypes.NewValue(plan.Raw.Type(), nil)}
}

// expectWarning fails unless diags hold a warning whose summary and detail
// contain every piece of want.
func expectWarning(t *testing.T, diags diag.Diagnostics, want ...string) {
	t.Helper()
	for _, d := range diags.Warnings() {
		text := d.Summary() + " " + d.Detail()
		found := true
		for _, w := range want {
			found = found && strings.Contains(text, w)
		}
		if found {
			return
		}
	}
	t.Fatalf("no warning with %q among %v", want, diags)
}

func TestUnitBuiltinStreamingProfileWarns(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	r := &streamingProfileResource{resourceBase{data: newProviderData(env.client, true)}}
	reps, d := representationsValue([]string{"w_640,h_360"})
	if d.HasError() {
		t.Fatal(d)
	}
	plan := planOf(t, r, map[string]attr.Value{"name": types.StringValue("full_hd"), "representations": reps})
	var mresp resource.ModifyPlanResponse
	mresp.Plan = plan
	r.ModifyPlan(bg, resource.ModifyPlanRequest{Plan: plan, State: nullState(plan)}, &mresp)
	expectWarning(t, mresp.Diagnostics, `"full_hd" is one of Cloudinary's built-in streaming profiles`, "destroying the resource reverts it")

	cresp := resource.CreateResponse{State: nullState(plan)}
	r.Create(bg, resource.CreateRequest{Plan: plan}, &cresp)
	if cresp.Diagnostics.HasError() {
		t.Fatal(cresp.Diagnostics)
	}
	expectWarning(t, cresp.Diagnostics, "Customising a built-in streaming profile", "full_hd")

	own := planOf(t, r, map[string]attr.Value{"name": types.StringValue("my_hd"), "representations": reps})
	mresp = resource.ModifyPlanResponse{Plan: own}
	r.ModifyPlan(bg, resource.ModifyPlanRequest{Plan: own, State: nullState(own)}, &mresp)
	if len(mresp.Diagnostics) != 0 {
		t.Fatalf("a profile of one's own warned: %v", mresp.Diagnostics)
	}
}

// configureWith runs the provider's Configure with the given attributes.
func configureWith(t *testing.T, attrs map[string]attr.Value) provider.ConfigureResponse {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	var sresp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sresp)
	cfg := tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}
	state := tfsdk.State{Schema: sresp.Schema, Raw: cfg.Raw}
	for name, v := range attrs {
		if d := state.SetAttribute(ctx, path.Root(name), v); d.HasError() {
			t.Fatalf("%s: %v", name, d)
		}
	}
	cfg.Raw = state.Raw
	var resp provider.ConfigureResponse
	p.Configure(ctx, provider.ConfigureRequest{Config: cfg}, &resp)
	return resp
}

// An endpoint that refuses connections fails configuration once, within
// seconds, saying how long the provider tried; resources never run.
func TestUnitUnreachableEndpointFailsOnceAndFast(t *testing.T) {
	clearCredentialEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	start := time.Now()
	resp := configureWith(t, map[string]attr.Value{
		"cloud_name": types.StringValue("demo"), "api_key": types.StringValue("k"), "api_secret": types.StringValue("s"),
		"api_base_url": types.StringValue("http://" + addr + "/v1_1"), "min_retry_wait_ms": types.Int64Value(10_000),
	})
	// Ordinary backoff would wait 10 s and more: the bound leaves a loaded
	// machine room while still telling the quick retries from it.
	if took := time.Since(start); took > 8*time.Second {
		t.Fatalf("took %s to give up on a refused connection", took)
	}
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || errs[0].Summary() != "Cannot reach Cloudinary" || !strings.Contains(errs[0].Detail(), "3 attempts over") {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
	if resp.ResourceData != nil {
		t.Fatal("resources got a client after the check failed")
	}
}

func TestUnitRefusedCredentialsAndSkippedCheck(t *testing.T) {
	clearCredentialEnv(t)
	env := newTestEnv(t)
	env.requireEmulator(t)
	attrs := map[string]attr.Value{
		"cloud_name": types.StringValue(env.emu.CloudName()), "api_key": types.StringValue(env.emu.APIKey()),
		"api_secret": types.StringValue("wrong"), "api_base_url": types.StringValue(env.url + "/v1_1"),
	}
	resp := configureWith(t, attrs)
	if errs := resp.Diagnostics.Errors(); len(errs) != 1 || errs[0].Summary() != "Cloudinary refused the credentials" ||
		strings.Contains(errs[0].Detail(), "wrong") {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
	attrs["skip_credentials_check"] = types.BoolValue(true)
	before := env.emu.Counters().Admin()
	if resp := configureWith(t, attrs); resp.Diagnostics.HasError() || resp.ResourceData == nil {
		t.Fatalf("with the check skipped: %v", resp.Diagnostics)
	}
	if env.emu.Counters().Admin() != before {
		t.Fatal("the skipped check called the API")
	}
}
