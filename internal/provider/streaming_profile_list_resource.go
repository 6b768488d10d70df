package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func newStreamingProfileListResource() list.ListResource {
	return &listResource{
		typeName: "_streaming_profile",
		description: "Lists the account's streaming profiles, with one Admin API call; with `include_resource`, also one " +
			"call each for its representations, which the listing does not carry. Each result's identity is the name.",
		filters: map[string]listschema.Attribute{
			"include_builtin": listschema.BoolAttribute{Optional: true, MarkdownDescription: "Whether to list Cloudinary's " +
				"built-in profiles (`hd`, `full_hd`, ...) too. Defaults to false: adopting a built-in profile customises it, " +
				"and destroying it reverts it."},
		},
		find: findStreamingProfiles,
	}
}

func findStreamingProfiles(ctx context.Context, d *providerData, req listRequest) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	builtin := boolFilter(ctx, req.config, "include_builtin", false, &diags)
	all, err := d.client.ListStreamingProfiles(ctx)
	if err != nil {
		diags.AddError("Cannot list streaming profiles", err.Error())
		return nil, diags
	}
	name := func(p client.StreamingProfile) string { return p.Name }
	listed := selected(all, name, func(p client.StreamingProfile) bool { return builtin || !p.Predefined }, req.limit)
	if req.includeResource {
		err := forEachInParallel(ctx, len(listed), func(ctx context.Context, i int) error {
			got, err := d.client.GetStreamingProfile(ctx, listed[i].Name)
			if err == nil {
				listed[i] = *got
			}
			return err
		})
		if err != nil {
			diags.AddError("Cannot read streaming profiles", err.Error())
			return nil, diags
		}
	}
	out := make([]listedObject, 0, len(listed))
	for _, p := range listed {
		out = append(out, listedObject{
			identity: profileIdentity(p.Name),
			display:  p.Name,
			state: func(ctx context.Context, into *tfsdk.Resource) diag.Diagnostics {
				model, diags := streamingProfileModelFrom(&p)
				return append(diags, into.Set(ctx, model)...)
			},
		})
	}
	return out, diags
}
