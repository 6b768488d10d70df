package provider

import (
	"fmt"
	"testing"

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
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{listResourcesCheck},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},                                // query mode needs a configuration first
			{Query: true, Config: listBlocks, QueryResultChecks: checks}, // the provider block comes from the first step
		},
	})
}

// listBlock writes a list block of a type, with a filter configuration.
func listBlock(typeName, name, config string) string {
	return fmt.Sprintf("\nlist %q %q {\n  provider = cloudinary\n  include_resource = true\n  config {\n%s\n  }\n}\n", typeName, name, config)
}

func identity(parts ...string) map[string]knownvalue.Check {
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
