package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// resourceBase, embedded in every resource and list resource, takes the
// provider's data (the client and the run's caches) when Terraform
// configures it. The framework configures list resources with the resource
// request types, so one base serves both.
type resourceBase struct {
	data *providerData
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// dataSourceBase, embedded in every data source, does the same for data
// sources.
type dataSourceBase struct {
	data *providerData
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// providerDataFrom takes the provider's data out of a Configure request. It
// returns nil, with no error, before the provider is configured (Terraform
// validates schemas first), and nil with an error for data of another type.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return pd
}

// stateSetter is what a model is written into: the state of a response, or
// the resource of a list result.
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}
