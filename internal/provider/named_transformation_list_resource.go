package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newNamedTransformationListResource() list.ListResource {
	return &listResource{
		typeName: "_named_transformation",
		description: "Lists the account's named transformations, with one Admin API call per 500; with `include_resource`, " +
			"also one call each for its definition, which the listing does not carry. Each result's identity is the " +
			"name without `t_`.",
		filters: map[string]listschema.Attribute{
			"name_prefix": listschema.StringAttribute{Optional: true, MarkdownDescription: "Only transformations whose names (without `t_`) start with this."},
			"named_only": listschema.BoolAttribute{Optional: true, MarkdownDescription: "Whether to list named transformations only " +
				"(the default). With false, the unnamed transformations that delivery URLs used are listed too, with a warning " +
				"each: they cannot be imported as named transformations."},
		},
		find: findNamedTransformations,
	}
}

func findNamedTransformations(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	prefix := stringFilter(ctx, req.config, "name_prefix", &diags)
	var named *bool
	if boolFilter(ctx, req.config, "named_only", true, &diags) {
		yes := true
		named = &yes
	}
	summaries, err := d.client.ListTransformations(ctx, named)
	if err != nil {
		diags.AddError("Cannot list named transformations", err.Error())
		return nil, diags
	}
	name := func(t client.TransformationSummary) string { return strings.TrimPrefix(t.Name, "t_") }
	listed := selected(summaries, name, func(t client.TransformationSummary) bool { return strings.HasPrefix(name(t), prefix) }, req.limit)
	var definitions []*client.Transformation
	if req.includeResource {
		if definitions, err = namedDefinitions(ctx, d.client, listed); err != nil {
			diags.AddError("Cannot read named transformations", err.Error())
			return nil, diags
		}
	}
	out := make([]listedObject, 0, len(listed))
	for i, t := range listed {
		name := strings.TrimPrefix(t.Name, "t_")
		f := listedObject{identity: map[string]string{"name": name}, display: t.Name}
		if req.includeResource {
			got := definitions[i]
			f.state = func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				diags := into.Set(ctx, namedTransformationModelFrom(name, got, newTransformationValue(got.Definition)))
				if !t.Named {
					diags.AddWarning("Not a named transformation", fmt.Sprintf("%q is an unnamed transformation: it cannot be "+
						"imported as a cloudinary_named_transformation. Create a named one with its definition instead.", t.Name))
				}
				return diags
			}
		}
		out = append(out, f)
	}
	return out, diags
}

// namedDefinitions reads the definitions of listed transformations, a few at
// a time.
func namedDefinitions(ctx context.Context, c *client.Client, listed []client.TransformationSummary) ([]*client.Transformation, error) {
	out := make([]*client.Transformation, len(listed))
	err := forEachInParallel(ctx, len(listed), func(ctx context.Context, i int) error {
		got, err := c.GetNamedTransformation(ctx, listed[i].Name)
		out[i] = got
		return err
	})
	return out, err
}
