package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// required makes an Optional+Computed attribute required in configuration.
// Such attributes are Optional+Computed only so that a plan modifier may keep
// Cloudinary's equivalent spelling (see equivalentSpellingPlan);
// leaving them out is still an error.
type required struct{}

// requiredButOptional is what the descriptions of such attributes say, so
// that the docs, which list them as optional, agree with the schema.
const requiredButOptional = "a configuration without it is refused. The schema marks it optional only so that the plan " +
	"can keep the spelling Cloudinary reports for an equivalent value."

func (required) Description(context.Context) string { return "must be set" }

func (v required) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (required) check(value attr.Value, at path.Path, diags *diag.Diagnostics) {
	if value.IsNull() {
		diags.AddAttributeError(at, "Missing required argument",
			"The argument \""+at.String()+"\" is required, but no definition was found.")
	}
}

func (v required) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	v.check(req.ConfigValue, req.Path, &resp.Diagnostics)
}

func (v required) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	v.check(req.ConfigValue, req.Path, &resp.Diagnostics)
}
