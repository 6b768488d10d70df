package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ function.Function = parseDeliveryURLFunction{}

func newParseDeliveryURLFunction() function.Function { return parseDeliveryURLFunction{} }

// parseDeliveryURLFunction reads a delivery URL back into the parts that
// delivery_url takes.
type parseDeliveryURLFunction struct{}

// parsedDeliveryURLTypes are the attributes of parse_delivery_url's result.
var parsedDeliveryURLTypes = map[string]attr.Type{
	"cloud_name":     types.StringType,
	"resource_type":  types.StringType,
	"type":           types.StringType,
	"signature":      types.StringType,
	"version":        types.Int64Type,
	"transformation": types.StringType,
	"public_id":      types.StringType,
	"format":         types.StringType,
}

func (parseDeliveryURLFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_delivery_url"
}

func (parseDeliveryURLFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The parts of a Cloudinary delivery URL",
		MarkdownDescription: "Reads a delivery URL, such as an asset's `secure_url`, into an object with `cloud_name`, " +
			"`resource_type`, `type`, `signature` (`s--...--`), `version` (a number), `transformation`, `public_id` " +
			"(decoded: `%20` is a space) and `format` (the extension of an image or a video; a raw file's public ID keeps " +
			"its own). Parts the URL does not have are null. The segments between the type and the version are read as " +
			"the transformation when each is a valid transformation step: without a version, a folder that looks like " +
			"one is ambiguous, which is why the SDKs add `v1` to public IDs in folders. A URL that is not a delivery URL " +
			"is an error. Pure and offline." + functionsNeed,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "url", MarkdownDescription: "A delivery URL, such as `https://res.cloudinary.com/demo/image/upload/v1/folder/sample.jpg`."},
		},
		Return: function.ObjectReturn{AttributeTypes: parsedDeliveryURLTypes},
	}
}

func (parseDeliveryURLFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var raw string
	resp.Error = req.Arguments.Get(ctx, &raw)
	if resp.Error != nil {
		return
	}
	parsed, err := client.ParseDeliveryURL(raw)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error()+".")
		return
	}
	version := types.Int64Null()
	if parsed.Version > 0 {
		version = types.Int64Value(parsed.Version)
	}
	result, diags := types.ObjectValue(parsedDeliveryURLTypes, map[string]attr.Value{
		"cloud_name":     types.StringValue(parsed.CloudName),
		"resource_type":  types.StringValue(parsed.ResourceType),
		"type":           types.StringValue(parsed.Type),
		"signature":      optionalString(parsed.Signature),
		"version":        version,
		"transformation": optionalString(parsed.Transformation),
		"public_id":      types.StringValue(parsed.PublicID),
		"format":         optionalString(parsed.Format),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, result)
}
