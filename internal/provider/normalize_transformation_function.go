package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = normalizeTransformationFunction{}

func newNormalizeTransformationFunction() function.Function { return normalizeTransformationFunction{} }

// normalizeTransformationFunction gives the canonical form by which the
// provider compares transformations, so that a configuration can compare
// or deduplicate them the same way.
type normalizeTransformationFunction struct{}

func (normalizeTransformationFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "normalize_transformation"
}

func (normalizeTransformationFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The canonical form of a Cloudinary transformation",
		MarkdownDescription: "Returns the canonical form of a transformation string, the form by which the provider " +
			"compares transformations: in each chained step the components are sorted by key (variables first), and " +
			"flags are merged into one `fl_` component; steps with an `if_` condition keep their order. " +
			"`\"w_150,c_fill,h_100/q_auto\"` gives `\"c_fill,h_100,w_150/q_auto\"`. A transformation that the " +
			"provider's plan-time validator refuses is an error that names the step and the component at fault. " +
			"Pure and offline: it needs no credentials." + functionsNeed,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "transformation",
				MarkdownDescription: "A transformation as URLs write it, such as `c_fill,w_150/q_auto`.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (normalizeTransformationFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var text string
	resp.Error = req.Arguments.Get(ctx, &text)
	if resp.Error != nil {
		return
	}
	chain, err := parseTransformation(text)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error()+".")
		return
	}
	resp.Error = resp.Result.Set(ctx, chain.Canonical().String())
}
