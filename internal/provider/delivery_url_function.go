package provider

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

var _ function.Function = deliveryURLFunction{}

// functionsNeed ends each function's description: the CLIs that call
// provider-defined functions.
const functionsNeed = " Provider-defined functions need Terraform 1.8 or later, or OpenTofu 1.7 or later."

func newDeliveryURLFunction() function.Function { return deliveryURLFunction{} }

// deliveryURLFunction builds the delivery URL of an asset as the official
// SDKs build it, offline.
type deliveryURLFunction struct{}

// The arguments' positions, for errors.
const (
	deliveryArgCloudName int64 = iota
	deliveryArgPublicID
	deliveryArgOptions
)

// deliveryOptions are the attributes that the options argument may hold,
// each optional, with what they mean.
var deliveryOptions = []struct{ name, doc string }{
	{"resource_type", "`image` (the default), `video` or `raw`."},
	{"type", "The delivery type: `upload` (the default), `private`, `authenticated`, `fetch`..."},
	{"transformation", "A transformation, such as `c_fill,h_100,w_150/q_auto`, checked as the resources check theirs."},
	{"format", "The extension to deliver, such as `webp`, without the dot."},
	{"version", "The asset's version (a `cloudinary_asset`'s `version`)."},
	{"secure", "Whether the URL is `https` (the default, true) or `http`."},
	{"sign_url", "Whether to sign the URL (default false), as assets of type `authenticated` and strict transformations require. Needs `api_secret`."},
	{"api_secret", "The API secret that signs the URL. Pass it from a sensitive variable: the URL is then sensitive too. Only the signature, never the secret, is in the URL."},
	{"secure_distribution", "A custom host for `https` URLs, such as `media.example.com`, which the SDKs call the secure distribution; the cloud name stays in the path."},
	{"force_version", "Whether to add `v1` to a public ID in a folder when no `version` is given (default true), as the SDKs do, so that the folder cannot be read as a transformation."},
}

func (deliveryURLFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "delivery_url"
}

func (deliveryURLFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	var attrs strings.Builder
	for _, o := range deliveryOptions {
		fmt.Fprintf(&attrs, "\n  - `%s`: %s", o.name, o.doc)
	}
	resp.Definition = function.Definition{
		Summary: "The delivery URL of a Cloudinary asset",
		MarkdownDescription: "Returns the URL that delivers an asset, byte for byte as the official SDKs build it " +
			"(cloudinary-go's `asset` package with analytics off): the public ID percent-encoded (a space is `%20`), " +
			"`v1` added to a public ID in a folder, and the `s--...--` signature when `sign_url` is true. " +
			"`delivery_url(\"demo\", \"folder/my photo\", { transformation = \"c_fill,h_100,w_150/q_auto\", format = \"webp\" })` " +
			"is `https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/q_auto/v1/folder/my%20photo.webp`. " +
			"Pure and offline: it needs no credentials and makes no API call." + functionsNeed,
		Parameters: []function.Parameter{
			function.StringParameter{Name: "cloud_name", MarkdownDescription: "The cloud name of the product environment."},
			function.StringParameter{Name: "public_id", MarkdownDescription: "The asset's public ID, without an extension for images and videos; raw files' public IDs hold theirs."},
			function.DynamicParameter{
				Name:           "options",
				AllowNullValue: true,
				MarkdownDescription: "An object whose attributes are all optional (`{}` for all the defaults):" + attrs.String() +
					"\n\n  Other attributes are an error.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (deliveryURLFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var options types.Dynamic
	o := client.DeliveryURLOptions{Secure: true, ForceVersion: true}
	resp.Error = req.Arguments.Get(ctx, &o.CloudName, &o.PublicID, &options)
	if resp.Error != nil {
		return
	}
	known, err := readDeliveryOptions(options, &o)
	switch {
	case err != nil:
		resp.Error = function.NewArgumentFuncError(deliveryArgOptions, err.Error())
		return
	case !known:
		resp.Error = resp.Result.Set(ctx, types.StringUnknown())
		return
	}
	if o.Transformation != "" {
		if _, err := parseTransformation(o.Transformation); err != nil {
			resp.Error = function.NewArgumentFuncError(deliveryArgOptions, "options.transformation: "+err.Error()+".")
			return
		}
	}
	built, err := client.DeliveryURL(o)
	if err != nil {
		resp.Error = function.NewFuncError("Cannot build the delivery URL: " + err.Error() + ".")
		return
	}
	resp.Error = resp.Result.Set(ctx, built)
}

// readDeliveryOptions fills o from the options argument: an object or a
// map, whose null attributes are left at their defaults. known is false when
// a value is not known yet (the URL is then unknown too).
func readDeliveryOptions(options types.Dynamic, o *client.DeliveryURLOptions) (known bool, err error) {
	if options.IsNull() || options.IsUnderlyingValueNull() {
		return true, nil
	}
	if options.IsUnknown() || options.IsUnderlyingValueUnknown() {
		return false, nil
	}
	attrs, err := optionAttributes(options.UnderlyingValue())
	if err != nil {
		return false, err
	}
	setters := map[string]func(attr.Value) error{
		"resource_type":       stringOption(&o.ResourceType),
		"type":                stringOption(&o.Type),
		"transformation":      stringOption(&o.Transformation),
		"format":              stringOption(&o.Format),
		"secure_distribution": stringOption(&o.SecureDistribution),
		"api_secret":          stringOption(&o.APISecret),
		"secure":              boolOption(&o.Secure),
		"sign_url":            boolOption(&o.SignURL),
		"force_version":       boolOption(&o.ForceVersion),
		"version":             versionOption(&o.Version),
	}
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	slices.Sort(names)
	known = true
	for _, name := range names {
		v := attrs[name]
		set, ok := setters[name]
		switch {
		case !ok:
			return false, fmt.Errorf("options has an attribute %q that delivery_url does not know; it knows %s", name, deliveryOptionNames())
		case v.IsUnknown():
			known = false
		case v.IsNull():
		default:
			if err := set(v); err != nil {
				return false, fmt.Errorf("options.%s %w", name, err)
			}
		}
	}
	return known, nil
}

// optionAttributes are the attributes of an object or the elements of a
// map: either may hold the options.
func optionAttributes(v attr.Value) (map[string]attr.Value, error) {
	switch t := v.(type) {
	case basetypes.ObjectValue:
		return t.Attributes(), nil
	case basetypes.MapValue:
		return t.Elements(), nil
	}
	return nil, fmt.Errorf("options must be an object such as { format = \"webp\" }, or null; got %s", v.Type(context.Background()))
}

func deliveryOptionNames() string {
	names := make([]string, len(deliveryOptions))
	for i, o := range deliveryOptions {
		names[i] = o.name
	}
	return strings.Join(names, ", ")
}

func stringOption(to *string) func(attr.Value) error {
	return func(v attr.Value) error {
		s, ok := v.(basetypes.StringValue)
		if !ok {
			return fmt.Errorf("must be a string, not %s", v.Type(context.Background()))
		}
		*to = s.ValueString()
		return nil
	}
}

// boolOption takes a bool, or "true" or "false" (the elements of a map of
// strings).
func boolOption(to *bool) func(attr.Value) error {
	return func(v attr.Value) error {
		switch t := v.(type) {
		case basetypes.BoolValue:
			*to = t.ValueBool()
			return nil
		case basetypes.StringValue:
			if b, err := strconv.ParseBool(t.ValueString()); err == nil && (t.ValueString() == "true" || t.ValueString() == "false") {
				*to = b
				return nil
			}
		}
		return fmt.Errorf("must be true or false")
	}
}

// versionOption takes a positive whole number, or its decimal digits (the
// elements of a map of strings).
func versionOption(to *int64) func(attr.Value) error {
	return func(v attr.Value) error {
		var n *big.Float
		switch t := v.(type) {
		case basetypes.NumberValue:
			n = t.ValueBigFloat()
		case basetypes.StringValue:
			n, _, _ = big.ParseFloat(t.ValueString(), 10, 64, big.ToNearestEven)
		}
		if n == nil || !n.IsInt() || n.Sign() <= 0 {
			return fmt.Errorf("must be a positive whole number, such as 1712345678")
		}
		version, accuracy := n.Int64()
		if accuracy != big.Exact {
			return fmt.Errorf("is out of range")
		}
		*to = version
		return nil
	}
}
