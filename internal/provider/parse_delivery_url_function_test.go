package provider

import (
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// parsedURL is parse_delivery_url's result with absent parts as "" and 0.
type parsedURL struct {
	cloud, resourceType, typ, signature, trans, publicID, format string
	version                                                      int64
}

func parseURL(t *testing.T, raw string) (parsedURL, string) {
	t.Helper()
	got, funcErr := callFunction(t, newParseDeliveryURLFunction(), types.StringValue(raw))
	if funcErr != nil {
		return parsedURL{}, funcErr.Text
	}
	attrs := got.(types.Object).Attributes()
	s := func(name string) string { return attrs[name].(types.String).ValueString() }
	return parsedURL{
		cloud: s("cloud_name"), resourceType: s("resource_type"), typ: s("type"), signature: s("signature"),
		trans: s("transformation"), publicID: s("public_id"), format: s("format"), version: attrs["version"].(types.Int64).ValueInt64(),
	}, ""
}

func TestUnitParseDeliveryURL(t *testing.T) {
	for raw, want := range map[string]parsedURL{
		"https://res.cloudinary.com/demo/image/upload/sample.jpg": {cloud: "demo", resourceType: "image", typ: "upload", publicID: "sample", format: "jpg"},
		"https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/q_auto/v1/folder/my%20photo.webp": {
			cloud: "demo", resourceType: "image", typ: "upload", trans: "c_fill,h_100,w_150/q_auto", version: 1, publicID: "folder/my photo", format: "webp"},
		"http://res.cloudinary.com/demo/video/upload/v1712345678/clips/dog.mp4": {cloud: "demo", resourceType: "video", typ: "upload", version: 1712345678, publicID: "clips/dog", format: "mp4"},
		"https://res.cloudinary.com/demo/raw/upload/v3/docs/report.pdf":         {cloud: "demo", resourceType: "raw", typ: "upload", version: 3, publicID: "docs/report.pdf"},
		"https://res.cloudinary.com/demo/image/authenticated/s--Ai4Znfl3--/w_300/v1/secret/doc": {
			cloud: "demo", resourceType: "image", typ: "authenticated", signature: "s--Ai4Znfl3--", trans: "w_300", version: 1, publicID: "secret/doc"},
		"https://media.example.com/demo/image/upload/%C3%A9t%C3%A9/cr%C3%A8me.jpg?_a=BAMAABCD": {cloud: "demo", resourceType: "image", typ: "upload", publicID: "été/crème", format: "jpg"},
		"https://demo-res.cloudinary.com/image/upload/sample":                                  {cloud: "demo", resourceType: "image", typ: "upload", publicID: "sample"},
		// Without a version, a folder is not read as a transformation.
		"https://res.cloudinary.com/demo/image/upload/e_sepia/my_folder/sample.png": {cloud: "demo", resourceType: "image", typ: "upload", trans: "e_sepia", publicID: "my_folder/sample", format: "png"},
		// A public ID named like a version.
		"https://res.cloudinary.com/demo/image/upload/v2": {cloud: "demo", resourceType: "image", typ: "upload", publicID: "v2"},
	} {
		got, problem := parseURL(t, raw)
		if problem != "" || got != want {
			t.Errorf("parse_delivery_url(%q)\n got %+v %s\nwant %+v", raw, got, problem, want)
		}
	}
}

// A URL that is not a delivery URL is an error that says why.
func TestUnitParseDeliveryURLRefusesOtherURLs(t *testing.T) {
	for raw, want := range map[string]string{
		"res.cloudinary.com/demo/image/upload/a":               "expected an absolute http or https URL",
		"ftp://res.cloudinary.com/demo/image/upload/a":         "expected an absolute http or https URL",
		"https://res.cloudinary.com/demo/image/upload":         "expected /<cloud name>/<resource type>/<type>",
		"https://res.cloudinary.com/demo/pdf/upload/a":         `the resource type "pdf" is not image, video or raw`,
		"https://api.cloudinary.com/v1_1/demo/resources/image": `the resource type "demo" is not image, video or raw`,
		"https://res.cloudinary.com/demo/image/Upload/a":       `"Upload" is not a delivery type`,
		"https://res.cloudinary.com/demo/image/upload/v1/.jpg": "it names no public ID",
	} {
		_, problem := parseURL(t, raw)
		if !strings.Contains(problem, want) || !strings.Contains(problem, "is not a delivery URL") {
			t.Errorf("parse_delivery_url(%q) said %q; want %q", raw, problem, want)
		}
	}
}

// What delivery_url builds, parse_delivery_url reads back, and the parts
// build the same URL again.
func TestUnitParseDeliveryURLRoundTrips(t *testing.T) {
	for _, c := range deliveryCases {
		if c.typ == "fetch" || c.host != "" && c.insecure || strings.Contains(c.publicID, "//") || c.publicID == "my%20photo" || c.publicID == "v2/photo" {
			// Built from forms that the URL does not keep (ignored options,
			// collapsed slashes, pre-escaping), or a folder named like a
			// version, which the URL cannot tell from one.
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			built, funcErr := callStringFunction(t, newDeliveryURLFunction(), types.StringValue(c.cloud), types.StringValue(c.publicID), c.options())
			if funcErr != nil {
				t.Fatal(funcErr)
			}
			got, problem := parseURL(t, built)
			if problem != "" {
				t.Fatal(problem)
			}
			if got.cloud != c.cloud || got.publicID+dotted(got.format) != c.publicID+dotted(c.format) || got.trans != c.trans || c.sign != (got.signature != "") {
				t.Errorf("%s read back as %+v", built, got)
			}
			again, funcErr := callStringFunction(t, newDeliveryURLFunction(), types.StringValue(got.cloud), types.StringValue(got.publicID), got.asOptions(c))
			if funcErr != nil || again != built {
				t.Errorf("the parts of\n  %s\nbuild\n  %s %v", built, again, funcErr)
			}
		})
	}
}

func dotted(format string) string {
	if format == "" {
		return ""
	}
	return "." + format
}

// asOptions are delivery_url's options for the parts, with what a URL
// cannot say (the secret, the custom host, the scheme) taken from c.
func (p parsedURL) asOptions(c deliveryCase) types.Dynamic {
	values := map[string]attr.Value{
		"resource_type": types.StringValue(p.resourceType), "type": types.StringValue(p.typ),
		"transformation": types.StringValue(p.trans), "format": types.StringValue(p.format),
		"force_version": types.BoolValue(false), "version": types.NumberNull(),
		"secure": types.BoolValue(!c.insecure), "sign_url": types.BoolValue(p.signature != ""),
		"api_secret": types.StringValue(testURLSecret), "secure_distribution": types.StringValue(c.host),
	}
	if p.version != 0 {
		values["version"] = types.NumberValue(big.NewFloat(float64(p.version)))
	}
	return objectOptions(values)
}

func TestAccParseDeliveryURLFunction(t *testing.T) {
	testFunctions(t,
		resource.TestStep{
			Config: `
locals {
  url   = "https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/q_auto/v1/folder/my%20photo.webp"
  parts = provider::cloudinary::parse_delivery_url(local.url)
}
output "parts" {
  value = local.parts
}
output "round_trip" {
  value = provider::cloudinary::delivery_url(local.parts.cloud_name, local.parts.public_id, {
    resource_type  = local.parts.resource_type
    type           = local.parts.type
    transformation = local.parts.transformation
    version        = local.parts.version
    format         = local.parts.format
  }) == local.url
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("parts", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"cloud_name": knownvalue.StringExact("demo"), "resource_type": knownvalue.StringExact("image"),
					"type": knownvalue.StringExact("upload"), "signature": knownvalue.Null(), "version": knownvalue.Int64Exact(1),
					"transformation": knownvalue.StringExact("c_fill,h_100,w_150/q_auto"),
					"public_id":      knownvalue.StringExact("folder/my photo"), "format": knownvalue.StringExact("webp"),
				})),
				statecheck.ExpectKnownOutputValue("round_trip", knownvalue.Bool(true)),
			},
		},
		resource.TestStep{
			Config:      `output "bad" { value = provider::cloudinary::parse_delivery_url("https://example.com/index.html") }`,
			ExpectError: regexp.MustCompile(spaced(`is not a delivery URL`)),
		},
	)
}
