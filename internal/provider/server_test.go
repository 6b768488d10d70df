package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type requestKey struct{}

// keepingServer keeps the context of each read, as the framework's server
// does for StopProvider.
type keepingServer struct {
	frameworkServer
	kept   context.Context
	during any
}

func (k *keepingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	k.kept, k.during = ctx, ctx.Value(requestKey{})
	return &tfprotov6.ReadResourceResponse{}, nil
}

func TestUnitReleasingServerLetsGoOfTheRequestContext(t *testing.T) {
	framework := &keepingServer{}
	server := releasingServer{frameworkServer: framework}
	request, cancel := context.WithCancel(context.WithValue(context.Background(), requestKey{}, "request data"))
	defer cancel()

	if _, err := server.ReadResource(request, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}

	if framework.during != "request data" {
		t.Errorf("during the call the context held %v, want the request's value", framework.during)
	}
	if got := framework.kept.Value(requestKey{}); got != nil {
		t.Errorf("after the call the kept context still holds the request's value %v", got)
	}
	if !errors.Is(framework.kept.Err(), context.Canceled) {
		t.Errorf("after the call the kept context reads as %v, want canceled", framework.kept.Err())
	}
}

func TestUnitReleasingServerPassesCancellation(t *testing.T) {
	request, cancel := context.WithCancel(context.Background())
	detachable := &detachableContext{ctx: request}
	child, stop := context.WithCancel(detachable)
	defer stop()

	cancel()
	<-child.Done() // a request canceled by Terraform cancels what the framework derived from it
	if !errors.Is(child.Err(), context.Canceled) {
		t.Errorf("child context: %v, want canceled", child.Err())
	}
}

func TestUnitReleasingServerServesEveryFrameworkInterface(t *testing.T) {
	framework := providerserver.NewProtocol6(New("test")())()
	if _, ok := framework.(frameworkServer); !ok {
		t.Fatalf("the framework's server %T lacks list resources or actions", framework)
	}
	var served tfprotov6.ProviderServer = releasingServer{frameworkServer: framework.(frameworkServer)}
	if _, ok := served.(tfprotov6.ListResourceServer); !ok {
		t.Error("the served provider hides list resources")
	}
	if _, ok := served.(tfprotov6.ActionServer); !ok {
		t.Error("the served provider hides actions")
	}
}
