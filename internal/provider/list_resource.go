package provider

import (
	"context"
	"iter"
	"maps"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// List resources (Terraform 1.14 and later: `list` blocks in .tfquery.hcl
// files, `terraform query`) find the objects an account holds, so that a
// whole account can be adopted at once: `terraform query
// -generate-config-out=adopted.tf` writes an import block and a resource block
// for each. Every list resource here is a listResource: the filters of its
// list block and a find function; the results carry the resource's identity
// and, when Terraform asks, its full state, written as a read after an import
// would write it, so that the generated configuration imports and then plans
// clean.

// listedObject is one object a list resource found.
type listedObject struct {
	identity map[string]string
	display  string
	// state writes the object's state into the list result's resource; it
	// is called only when Terraform asks for resources.
	state func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics
}

// listRequest is what a find function gets: the list block's configuration,
// how many results Terraform wants (0: all), and whether it wants each
// resource's state (and so whatever extra reads that needs).
type listRequest struct {
	config          tfsdk.Config
	limit           int
	includeResource bool
}

// listResource lists the objects of one resource type.
type listResource struct {
	typeName    string // after the provider's name, such as "_upload_preset"
	description string
	filters     map[string]listschema.Attribute
	find        func(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics)
	// ofAccount marks the account's own objects (product environments and
	// their keys), listed with the account credentials: they have no
	// product_environment scope.
	ofAccount bool

	resourceBase
}

var (
	_ list.ListResource              = (*listResource)(nil)
	_ list.ListResourceWithConfigure = (*listResource)(nil)
)

func (l *listResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.typeName
}

func (l *listResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attributes := maps.Clone(l.filters)
	if !l.ofAccount {
		attributes[productEnvironmentAttribute] = listschema.StringAttribute{Optional: true, Validators: nameValidators(),
			MarkdownDescription: productEnvironmentDescription + " Each result's identity then names it too."}
	}
	resp.Schema = listschema.Schema{MarkdownDescription: l.description, Attributes: attributes}
}

func (l *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if l.data == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diag.Diagnostics{diag.NewErrorDiagnostic("Provider not configured",
			"The list resource needs a configured provider. This is a bug in the provider; please report it.")})
		return
	}
	data, env, diags := l.dataFor(ctx, req.Config)
	if data == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	objects, found := l.find(ctx, data, listRequest{config: req.Config, limit: int(req.Limit), includeResource: req.IncludeResource})
	if found.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(found)
		return
	}
	stream.Results = results(ctx, req, objects, env)
}

// dataFor is the provider data that the list works with: that of the
// product environment its product_environment names, env, or for the
// account's own objects the provider's, with env nil.
func (l *listResource) dataFor(ctx context.Context, config tfsdk.Config) (*providerData, *types.String, diag.Diagnostics) {
	if l.ofAccount {
		return l.data, nil, nil
	}
	var env types.String
	diags := config.GetAttribute(ctx, path.Root(productEnvironmentAttribute), &env)
	if diags.HasError() {
		return nil, nil, diags
	}
	return l.data.in(ctx, env, &diags), &env, diags
}

// results turns listed objects into list results, at most req.Limit of
// them, in the product environment env (nil for the account's own
// objects).
func results(ctx context.Context, req list.ListRequest, objects []listedObject, env *types.String) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		for i, obj := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = obj.display
			result.Diagnostics.Append(setIdentity(ctx, result.Identity, obj.identity)...)
			switch {
			case env == nil && req.IncludeResource:
				result.Diagnostics.Append(obj.state(ctx, result.Resource)...)
			case env != nil:
				result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root(productEnvironmentAttribute), *env)...)
				if req.IncludeResource {
					listedState(ctx, obj, result.Resource, *env, &result.Diagnostics)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}

// listedState writes an object's state, which its resource type writes
// without product_environment (environment_scope.go), into a list result.
func listedState(ctx context.Context, obj listedObject, into *tfsdk.Resource, env types.String, diags *diag.Diagnostics) {
	inner, _ := withoutEnvironment(ctx, tfsdk.Plan(*into), diags)
	if diags.HasError() {
		return
	}
	written := tfsdk.Resource(inner)
	diags.Append(obj.state(ctx, &written)...)
	*into = tfsdk.Resource(withEnvironment(ctx, tfsdk.Plan(*into), tfsdk.Plan(written), env, diags))
}

// stringFilter reads an optional string filter of a list block ("" when
// unset).
func stringFilter(ctx context.Context, config tfsdk.Config, name string, diags *diag.Diagnostics) string {
	var v *string
	diags.Append(config.GetAttribute(ctx, path.Root(name), &v)...)
	if v == nil {
		return ""
	}
	return *v
}

// boolFilter reads an optional bool filter, def when unset.
func boolFilter(ctx context.Context, config tfsdk.Config, name string, def bool, diags *diag.Diagnostics) bool {
	var v *bool
	diags.Append(config.GetAttribute(ctx, path.Root(name), &v)...)
	if v == nil {
		return def
	}
	return *v
}

// listedFrom lists the objects of a run's listing that keep passes, as
// object describes each: sorted by key, and at most limit of them (all when
// limit is 0).
func listedFrom[T any](ctx context.Context, listing *listCache[T], kind string, key func(T) string, keep func(T) bool, limit int,
	object func(T) listedObject, diags *diag.Diagnostics) []listedObject {
	all, err := listing.snapshot(ctx)
	if err != nil {
		diags.AddError("Cannot list "+kind, err.Error())
		return nil
	}
	var out []listedObject
	for _, o := range selected(all, key, keep, limit) {
		out = append(out, object(o))
	}
	return out
}

// selected returns the objects that keep passes, sorted by key so that
// results come in a stable order, and at most limit of them (all when limit
// is 0), so that the reads each result may cost stop at the limit.
func selected[T any](objects []T, key func(T) string, keep func(T) bool, limit int) []T {
	var out []T
	for _, o := range objects {
		if keep(o) {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	if limit > 0 {
		out = out[:min(len(out), limit)]
	}
	return out
}
