package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// registryAddress is the provider's address on the Registry.
const registryAddress = "registry.terraform.io/mediaops/cloudinary"

// Serve sets up the process (quietUnrequestedLogs, tuneGarbageCollection)
// and serves the provider over protocol 6, as providerserver.Serve does,
// with the framework's server wrapped in a releasingServer. The released
// provider and make bench's floor provider both start here.
func Serve(newProvider func() provider.Provider, debug bool) error {
	quietUnrequestedLogs()
	tuneGarbageCollection()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(registryAddress, newServer(newProvider(), false), opts...)
}

// newServer serves p as the framework does, wrapped in a releasingServer
// that answers some calls itself (passthroughs); with compare, it asks the
// framework too and reports a difference as an error.
func newServer(p provider.Provider, compare bool) func() tfprotov6.ProviderServer {
	framework := providerserver.NewProtocol6(p)
	passthrough := &passthroughs{provider: p, compare: compare}
	return func() tfprotov6.ProviderServer {
		return releasingServer{frameworkServer: framework().(frameworkServer), passthrough: passthrough}
	}
}

// frameworkServer is what the framework's protocol 6 server implements,
// list resources and actions included.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// releasingServer works around a retention in the framework: it keeps the
// context of every request, with everything the request's context holds
// (its loggers, the gRPC stream's data: about 12 kB), until Terraform stops
// the provider, so that StopProvider can cancel it (proto6server's
// registerContext). A plan of 5,000 resources kept 245 MB live at its end,
// which made each garbage collection slower the longer the run. The
// per-resource calls here get a context that lets go of the request's once
// the call returns; the framework then keeps only that small shell. Calls
// whose answer streams after they return (list resources, action
// invocations) keep theirs.
type releasingServer struct {
	frameworkServer
	passthrough *passthroughs
}

// detachableContext is a request's context until detach, and a canceled
// context without values after.
type detachableContext struct {
	mu  sync.RWMutex
	ctx context.Context
}

// ended is what a detached context reads as: the request is over.
var ended = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func (d *detachableContext) current() context.Context {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.ctx
}

func (d *detachableContext) detach() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.ctx = ended
}

func (d *detachableContext) Deadline() (time.Time, bool) { return d.current().Deadline() }
func (d *detachableContext) Done() <-chan struct{}       { return d.current().Done() }
func (d *detachableContext) Err() error                  { return d.current().Err() }
func (d *detachableContext) Value(key any) any           { return d.current().Value(key) }

// released runs call with a context that lets go of ctx when call returns.
func released[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	detachable := &detachableContext{ctx: ctx}
	defer detachable.detach()
	return call(detachable, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return released(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return passedThrough(ctx, req, s.passthrough, s.passthrough.upgrade, s.frameworkServer.UpgradeResourceState, s.passthrough.comparedUpgrade)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return released(ctx, req, s.frameworkServer.UpgradeResourceIdentity)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return released(ctx, req, s.frameworkServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return passedThrough(ctx, req, s.passthrough, s.passthrough.plan, s.frameworkServer.PlanResourceChange, s.passthrough.comparedPlan)
}

// passedThrough answers with own when it can (passthroughs), and otherwise
// with the framework; with compare, with the framework's answer checked
// against own's.
func passedThrough[Req, Resp any](ctx context.Context, req Req, p *passthroughs, own func(context.Context, Req) (Resp, bool),
	framework func(context.Context, Req) (Resp, error), compared func(Req, Resp, Resp) Resp) (Resp, error) {
	if p == nil {
		return released(ctx, req, framework)
	}
	kept, ok := own(ctx, req)
	if ok && !p.compare {
		return kept, nil
	}
	answer, err := released(ctx, req, framework)
	if ok && err == nil {
		answer = compared(req, kept, answer)
	}
	return answer, err
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return released(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return released(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return released(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return released(ctx, req, s.frameworkServer.ReadDataSource)
}
