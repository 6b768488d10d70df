package provider

import (
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/cloudinary/cloudinary-go/v2/api"
	"github.com/cloudinary/cloudinary-go/v2/asset"
	"github.com/cloudinary/cloudinary-go/v2/config"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

const testURLSecret = "a-test-secret"

// deliveryCase is one call of delivery_url; the zero value of each option
// leaves it out of the options object.
type deliveryCase struct {
	name, cloud, publicID                  string
	resourceType, typ, trans, format, host string
	version                                int64
	insecure, sign, noForceVersion         bool
}

// options is the options argument as a configuration writes it.
func (c deliveryCase) options() types.Dynamic {
	types_ := map[string]attr.Type{}
	values := map[string]attr.Value{}
	add := func(name string, v attr.Value) {
		types_[name], values[name] = v.Type(bg), v
	}
	for name, s := range map[string]string{"resource_type": c.resourceType, "type": c.typ, "transformation": c.trans, "format": c.format, "secure_distribution": c.host} {
		if s != "" {
			add(name, types.StringValue(s))
		}
	}
	if c.version != 0 {
		add("version", types.NumberValue(big.NewFloat(float64(c.version))))
	}
	if c.insecure {
		add("secure", types.BoolValue(false))
	}
	if c.sign {
		add("sign_url", types.BoolValue(true))
		add("api_secret", types.StringValue(testURLSecret))
	}
	if c.noForceVersion {
		add("force_version", types.BoolValue(false))
	}
	return types.DynamicValue(types.ObjectValueMust(types_, values))
}

// sdkURL is what cloudinary-go's asset package builds for the same call,
// with analytics off.
func (c deliveryCase) sdkURL(t *testing.T) string {
	t.Helper()
	cfg, err := config.NewFromParams(c.cloud, "key", testURLSecret)
	if err != nil {
		t.Fatal(err)
	}
	cfg.URL.Analytics = false
	cfg.URL.Secure = !c.insecure
	cfg.URL.SignURL = c.sign
	cfg.URL.ForceVersion = !c.noForceVersion
	cfg.URL.SecureCName = c.host
	publicID := c.publicID
	if c.format != "" {
		publicID += "." + c.format
	}
	a, err := asset.New(publicID, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.resourceType != "" {
		a.AssetType = api.AssetType(c.resourceType)
	}
	if c.typ != "" {
		a.DeliveryType = api.DeliveryType(c.typ)
	}
	a.Transformation = c.trans
	a.Version = int(c.version)
	got, err := a.String()
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// deliveryCases cover plain, foldered, spaced and accented public IDs,
// transformations, signed URLs, video, raw files, versions and custom
// domains.
var deliveryCases = []deliveryCase{
	{name: "plain", cloud: "demo", publicID: "sample"},
	{name: "plain with format", cloud: "demo", publicID: "sample", format: "jpg"},
	{name: "foldered gets v1", cloud: "demo", publicID: "folder/sub/sample", format: "png"},
	{name: "foldered without forced version", cloud: "demo", publicID: "folder/sample", noForceVersion: true},
	{name: "spaced", cloud: "demo", publicID: "folder/my photo", trans: "c_fill,h_100,w_150/q_auto", format: "webp"},
	{name: "accented", cloud: "demo", publicID: "été/crème brûlée", format: "jpg"},
	{name: "reserved characters", cloud: "demo", publicID: "a+b&c=d?e#f,g;h", format: "jpg"},
	{name: "pre-escaped", cloud: "demo", publicID: "my%20photo"},
	{name: "literal percent", cloud: "demo", publicID: "100%"},
	{name: "dotted public ID", cloud: "demo", publicID: "my.photo"},
	{name: "leading version-like folder", cloud: "demo", publicID: "v2/photo"},
	{name: "transformation", cloud: "demo", publicID: "sample", trans: "w_100,h_100,c_fill/e_sepia", format: "jpg"},
	{name: "named transformation", cloud: "demo", publicID: "sample", trans: "t_thumb"},
	{name: "repeated slashes", cloud: "demo", publicID: "folder//sample", trans: "w_100/e_sepia"},
	{name: "signed", cloud: "demo", publicID: "sample", sign: true, format: "jpg"},
	{name: "signed with transformation and version", cloud: "demo", publicID: "folder/my photo", trans: "c_fill,w_100", version: 1712345678, sign: true, format: "png"},
	{name: "signed authenticated", cloud: "demo", publicID: "secret/doc", typ: "authenticated", sign: true, trans: "w_300"},
	{name: "private", cloud: "demo", publicID: "sample", typ: "private", format: "jpg"},
	{name: "video", cloud: "demo", publicID: "dog", resourceType: "video", trans: "w_300,c_scale", format: "mp4"},
	{name: "video with version", cloud: "demo", publicID: "clips/dog", resourceType: "video", version: 17, format: "webm"},
	{name: "raw", cloud: "demo", publicID: "docs/report.pdf", resourceType: "raw"},
	{name: "raw with version", cloud: "demo", publicID: "robots.txt", resourceType: "raw", version: 1},
	{name: "version", cloud: "demo", publicID: "sample", version: 1312461204, format: "jpg"},
	{name: "http", cloud: "demo", publicID: "sample", insecure: true, format: "jpg"},
	{name: "custom domain", cloud: "demo", publicID: "folder/sample", host: "media.example.com", format: "jpg"},
	{name: "custom domain signed", cloud: "demo", publicID: "sample", host: "media.example.com", sign: true, trans: "w_10"},
	{name: "custom domain is https only", cloud: "demo", publicID: "sample", host: "media.example.com", insecure: true},
	{name: "fetch", cloud: "demo", publicID: "https://upload.example.com/a b.jpg", typ: "fetch", trans: "w_100"},
}

// The function's URL equals, byte for byte, cloudinary-go's.
func TestUnitDeliveryURLMatchesTheGoSDK(t *testing.T) {
	for _, c := range deliveryCases {
		t.Run(c.name, func(t *testing.T) {
			got, funcErr := callStringFunction(t, newDeliveryURLFunction(), types.StringValue(c.cloud), types.StringValue(c.publicID), c.options())
			if funcErr != nil {
				t.Fatal(funcErr)
			}
			if want := c.sdkURL(t); got != want {
				t.Errorf("delivery_url gave\n  %s\ncloudinary-go gives\n  %s", got, want)
			}
		})
	}
}

// The example, written out.
func TestUnitDeliveryURLExample(t *testing.T) {
	c := deliveryCase{cloud: "demo", publicID: "folder/my photo", trans: "c_fill,h_100,w_150/q_auto", format: "webp"}
	got, funcErr := callStringFunction(t, newDeliveryURLFunction(), types.StringValue(c.cloud), types.StringValue(c.publicID), c.options())
	if want := "https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/q_auto/v1/folder/my%20photo.webp"; funcErr != nil || got != want {
		t.Fatalf("got %q, %v; want %q", got, funcErr, want)
	}
}

// Null options, or options as a map of strings (a variable of type
// map(string)), mean what the object does.
func TestUnitDeliveryURLOptionsForms(t *testing.T) {
	f := newDeliveryURLFunction()
	plain, _ := callStringFunction(t, f, types.StringValue("demo"), types.StringValue("a/b"), types.DynamicNull())
	if plain != "https://res.cloudinary.com/demo/image/upload/v1/a/b" {
		t.Errorf("null options gave %q", plain)
	}
	asMap := types.DynamicValue(types.MapValueMust(types.StringType, map[string]attr.Value{
		"version": types.StringValue("42"), "secure": types.StringValue("false"), "format": types.StringValue("png"),
	}))
	got, funcErr := callStringFunction(t, f, types.StringValue("demo"), types.StringValue("a/b"), asMap)
	if funcErr != nil || got != "http://res.cloudinary.com/demo/image/upload/v42/a/b.png" {
		t.Errorf("map options gave %q, %v", got, funcErr)
	}
	unknown := types.DynamicValue(types.ObjectValueMust(map[string]attr.Type{"version": types.NumberType}, map[string]attr.Value{"version": types.NumberUnknown()}))
	got2, funcErr := callFunction(t, f, types.StringValue("demo"), types.StringValue("a"), unknown)
	if funcErr != nil || !got2.IsUnknown() {
		t.Errorf("an unknown option gave %v, %v; want an unknown URL", got2, funcErr)
	}
}

// Bad options are errors on the options argument that name the attribute,
// and never show the API secret.
func TestUnitDeliveryURLRefusesBadOptions(t *testing.T) {
	for name, c := range map[string]struct {
		options types.Dynamic
		want    string
	}{
		"unknown attribute":       {objectOptions(map[string]attr.Value{"fromat": types.StringValue("jpg")}), `attribute "fromat" that delivery_url does not know`},
		"wrong type":              {objectOptions(map[string]attr.Value{"format": types.BoolValue(true)}), "options.format must be a string"},
		"fractional version":      {objectOptions(map[string]attr.Value{"version": types.NumberValue(big.NewFloat(1.5))}), "options.version must be a positive whole number"},
		"not a boolean":           {objectOptions(map[string]attr.Value{"secure": types.StringValue("yes")}), "options.secure must be true or false"},
		"invalid transformation":  {objectOptions(map[string]attr.Value{"transformation": types.StringValue("w_100,zz_1")}), `options.transformation: "w_100,zz_1" is not a valid Cloudinary transformation: step 1, component "zz_1"`},
		"not an object":           {types.DynamicValue(types.StringValue("webp")), "options must be an object"},
		"signed without a secret": {objectOptions(map[string]attr.Value{"sign_url": types.BoolValue(true)}), "a signed URL needs the API secret"},
		"host with a scheme": {objectOptions(map[string]attr.Value{"secure_distribution": types.StringValue("https://x.example.com"), "api_secret": types.StringValue(testURLSecret)}),
			"must be a host name"},
	} {
		t.Run(name, func(t *testing.T) {
			_, funcErr := callStringFunction(t, newDeliveryURLFunction(), types.StringValue("demo"), types.StringValue("sample"), c.options)
			if funcErr == nil || !strings.Contains(funcErr.Text, c.want) {
				t.Fatalf("got %v; want an error saying %q", funcErr, c.want)
			}
			if strings.Contains(funcErr.Text, testURLSecret) {
				t.Fatalf("the error shows the API secret: %s", funcErr.Text)
			}
		})
	}
}

func objectOptions(values map[string]attr.Value) types.Dynamic {
	attrTypes := map[string]attr.Type{}
	for name, v := range values {
		attrTypes[name] = v.Type(bg)
	}
	return types.DynamicValue(types.ObjectValueMust(attrTypes, values))
}

// sensitiveSecret declares the API secret as a sensitive variable.
const sensitiveSecret = `
variable "api_secret" {
  type      = string
  sensitive = true
  default   = "` + testURLSecret + `"
}
`

func TestAccDeliveryURLFunction(t *testing.T) {
	signed := deliveryCase{cloud: "demo", publicID: "folder/my photo", trans: "c_fill,w_100", sign: true, format: "png"}
	testFunctions(t,
		resource.TestStep{
			Config: sensitiveSecret + `
output "example" {
  value = provider::cloudinary::delivery_url("demo", "folder/my photo", { transformation = "c_fill,h_100,w_150/q_auto", format = "webp" })
}
output "defaults" {
  value = provider::cloudinary::delivery_url("demo", "sample", {})
}
output "signed" {
  value     = provider::cloudinary::delivery_url("demo", "folder/my photo", { transformation = "c_fill,w_100", format = "png", sign_url = true, api_secret = var.api_secret })
  sensitive = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("example", knownvalue.StringExact("https://res.cloudinary.com/demo/image/upload/c_fill,h_100,w_150/q_auto/v1/folder/my%20photo.webp")),
				statecheck.ExpectKnownOutputValue("defaults", knownvalue.StringExact("https://res.cloudinary.com/demo/image/upload/sample")),
				statecheck.ExpectKnownOutputValue("signed", knownvalue.StringExact(signed.sdkURL(t))),
			},
		},
		resource.TestStep{
			// A URL signed with a sensitive secret is sensitive: an output must
			// say so.
			Config: sensitiveSecret + `
output "signed" {
  value = provider::cloudinary::delivery_url("demo", "sample", { sign_url = true, api_secret = var.api_secret })
}
`,
			ExpectError: regexp.MustCompile(spaced(`Output refers to sensitive values`)),
		},
		resource.TestStep{
			Config:      `output "bad" { value = provider::cloudinary::delivery_url("demo", "sample", { fromat = "jpg" }) }`,
			ExpectError: regexp.MustCompile(spaced(`attribute "fromat" that delivery_url does not know`)),
		},
	)
}
