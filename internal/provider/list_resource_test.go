package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// listResourcesCheck skips a test of list resources and `terraform query`
// below Terraform 1.14 and on OpenTofu.
var listResourcesCheck = terraformOnly{feature: "list resources or `query`", since: tfversion.Version1_14_0}

// queryTest runs `terraform query` (Terraform 1.14 and later) with the list
// blocks against the account as it is, and checks the results.
func queryTest(t *testing.T, env *testEnv, listBlocks string, checks ...querycheck.QueryResultCheck) {
	t.Helper()
	queryTestWith(t, env.providerBlock(), listBlocks, checks...)
}

// queryTestWith is queryTest with the given provider block.
func queryTestWith(t *testing.T, providerBlock, listBlocks string, checks ...querycheck.QueryResultCheck) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{listResourcesCheck},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: providerBlock}, // query mode needs a configuration first
			{Query: true, Config: listBlocks, QueryResultChecks: checks}, // the provider block comes from the first step
		},
	})
}

// listBlock writes a list block of a type, with a filter configuration.
func listBlock(typeName, name, config string) string {
	return fmt.Sprintf("\nlist %q %q {\n  provider = cloudinary\n  include_resource = true\n  config {\n%s\n  }\n}\n", typeName, name, config)
}

// identity is the identity of an object of the provider's own product
// environment (product_environment null), or of the one that the parts name.
func identity(parts ...string) map[string]knownvalue.Check {
	out := map[string]knownvalue.Check{productEnvironmentAttribute: knownvalue.Null()}
	maps.Copy(out, accountIdentity(parts...))
	return out
}

// accountIdentity is the identity of one of the account's own objects (a
// product environment, an access key), which has no product_environment
// scope.
func accountIdentity(parts ...string) map[string]knownvalue.Check {
	out := map[string]knownvalue.Check{}
	for i := 0; i+1 < len(parts); i += 2 {
		out[parts[i]] = knownvalue.StringExact(parts[i+1])
	}
	return out
}

// A list block's limit stops the results there.
func TestAccListResource_limit(t *testing.T) {
	env := newTestEnv(t)
	for i := 0; i < 5; i++ {
		must(t, env.client.CreateUploadMapping(bg, clientMapping(fmt.Sprintf("m%d", i))))
	}
	queryTest(t, env, `
list "cloudinary_upload_mapping" "three" {
  provider = cloudinary
  limit    = 3
}
`, querycheck.ExpectLength("cloudinary_upload_mapping.three", 3))
}

func clientMapping(folder string) client.UploadMapping {
	return client.UploadMapping{Folder: folder, Template: "https://" + folder + ".example.com/"}
}

// A list resource over a run's listing lists what its filter keeps, sorted
// by key and cut at the limit, and fails with what it was listing.
func TestUnitListedFrom(t *testing.T) {
	listing := newListCache(func(context.Context) (map[string]string, error) {
		return map[string]string{"c": "c", "a": "a", "b2": "b2", "b1": "b1"}, nil
	})
	key := func(s string) string { return s }
	keep := func(s string) bool { return s != "c" }
	object := func(s string) listedObject { return listedObject{display: s} }
	display := func(objects []listedObject) string {
		var out []string
		for _, o := range objects {
			out = append(out, o.display)
		}
		return strings.Join(out, " ")
	}
	var diags diag.Diagnostics
	if got := display(listedFrom(bg, listing, "letters", key, keep, 0, object, &diags)); got != "a b1 b2" || diags.HasError() {
		t.Errorf("got %q (%v), want a b1 b2", got, diags)
	}
	if got := display(listedFrom(bg, listing, "letters", key, keep, 2, object, &diags)); got != "a b1" {
		t.Errorf("with a limit of 2, got %q", got)
	}
	failing := newListCache(func(context.Context) (map[string]string, error) { return nil, errors.New("rate limited") })
	if got := listedFrom(bg, failing, "letters", key, keep, 0, object, &diags); got != nil || !diags.HasError() ||
		diags.Errors()[0].Summary() != "Cannot list letters" || diags.Errors()[0].Detail() != "rate limited" {
		t.Errorf("a failed listing gave %v, %v", got, diags)
	}
}
