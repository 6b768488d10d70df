package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// everyKind is one resource of each type, every one of which a plan reads:
// single-object reads (named transformation, streaming profile), reads from
// a listing of the run (presets, mappings, folders, metadata fields and
// rules, triggers) and the batched asset read.
func everyKind() string {
	var b strings.Builder
	for _, k := range faultKinds {
		if k.prepare == nil { // the rule's fields come with ruleConfig
			b.WriteString(k.create + "\n")
		}
	}
	b.WriteString(ruleConfig(`jsonencode({ metadata_field_id = cloudinary_metadata_field.category.external_id, equals = "employee" })`,
		`{ activate_values = { all = true }, disable = false }`, ""))
	return b.String()
}

// misconfigured is a provider block with the emulator's credentials but the
// given cloud name and API root, and the credentials check skipped, as when
// a user plans with a typo in either.
func (e *testEnv) misconfigured(cloudName, baseURL string) string {
	return fmt.Sprintf(`
provider "cloudinary" {
  cloud_name             = %q
  api_key                = %q
  api_secret             = %q
  api_base_url           = %q
  skip_credentials_check = true
}
`, cloudName, e.emu.APIKey(), e.emu.APISecret(), baseURL)
}

// notFoundEverywhere is a server that answers every path, the ping
// included, with Cloudinary's JSON "not found": what a gateway or an
// emulator of some other account at a mistaken api_base_url could answer.
// It counts the pings it gets.
func notFoundEverywhere(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var pings atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/ping") {
			pings.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"message":"Resource not found"}}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &pings
}

// With the credentials check skipped, a mistyped cloud name, an API base URL
// with a wrong path, or a server there that says "not found" to everything
// fails the plan with an error that names what to check: no resource leaves
// the state, every object stays in Cloudinary, and the right configuration
// then plans clean.
func TestAccWrongAccountKeepsTheState(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	gateway, gatewayPings := notFoundEverywhere(t)
	all := everyKind()
	var checks []resource.TestCheckFunc
	for _, k := range faultKinds {
		checks = append(checks, k.consistent(env))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(all), Check: resource.ComposeTestCheckFunc(checks...)},
			{
				// A typo in the cloud name: Cloudinary answers 401 Invalid cloud_name.
				Config:      env.misconfigured("dem0", env.url+"/v1_1") + all,
				ExpectError: regexp.MustCompile(`(?s)Invalid\s+cloud_name\s+dem0.*Check\s+cloud_name`),
			},
			{
				// The configure-time check says the same, not "Cannot reach Cloudinary".
				Config:      strings.Replace(env.misconfigured("dem0", env.url+"/v1_1"), "skip_credentials_check = true", "", 1) + all,
				ExpectError: regexp.MustCompile(`(?s)Cloudinary\s+does\s+not\s+know\s+the\s+cloud\s+name.*Check\s+cloud_name`),
			},
			{
				// A wrong path: Cloudinary's API host answers an HTML page.
				Config:      env.misconfigured(env.emu.CloudName(), env.url+"/cloudinary/v1_1") + all,
				ExpectError: regexp.MustCompile(`(?s)does\s+not\s+serve\s+Cloudinary.s\s+API.*Check\s+api_base_url`),
			},
			{
				// A server that says "not found" to everything, the ping too: the
				// 404s cannot be taken for deletions, and one ping per run finds out.
				Config:      env.misconfigured(env.emu.CloudName(), gateway.URL+"/v1_1") + all,
				ExpectError: regexp.MustCompile(`(?s)Cannot\s+tell\s+whether\s+the\s+[a-z ]+\s+still\s+exists.*Check\s+api_base_url`),
			},
			{
				PreConfig: func() {
					if n := gatewayPings.Load(); n != 1 {
						t.Fatalf("the failed account check was asked %d times in one plan, want once", n)
					}
				},
				Config:           env.config(all),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            resource.ComposeTestCheckFunc(checks...),
			},
		},
	})
}

// An object deleted outside Terraform is still re-created: the drift
// behaviour stays. Making sure that the account answers costs one ping per
// run when nothing else of the run proved it, however many objects are gone,
// and nothing when the configure-time ping ran.
func TestAccDriftCostsAtMostOnePing(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	const cfg = `
resource "cloudinary_named_transformation" "a" {
  name           = "drift_a"
  transformation = "c_fill,w_100"
}

resource "cloudinary_named_transformation" "b" {
  name           = "drift_b"
  transformation = "c_fill,w_200"
}

resource "cloudinary_streaming_profile" "p" {
  name            = "drift_p"
  representations = [{ transformation = "w_640,h_360" }]
}
`
	skipped := strings.Replace(env.providerBlock(), "}", "  skip_credentials_check = true\n}", 1) + cfg
	checked := env.config(cfg)
	deleteAll := func() {
		must(t, env.client.DeleteNamedTransformation(bg, "drift_a"))
		must(t, env.client.DeleteNamedTransformation(bg, "drift_b"))
		must(t, env.client.DeleteStreamingProfile(bg, "drift_p"))
	}
	recreate := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction("cloudinary_named_transformation.a", plancheck.ResourceActionCreate),
		plancheck.ExpectResourceAction("cloudinary_named_transformation.b", plancheck.ResourceActionCreate),
		plancheck.ExpectResourceAction("cloudinary_streaming_profile.p", plancheck.ResourceActionCreate),
	}}
	pings := func() int { return env.emu.Counters().Route("GET /ping") }
	// Each PlanOnly step refreshes once; steps measure the pings of the one before.
	var before, unchangedWithCheck int
	measure := func(check func(n int)) func() {
		return func() {
			if check != nil {
				check(pings() - before)
			}
			before = pings()
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: skipped},
			{PreConfig: measure(nil), Config: skipped, PlanOnly: true},
			{
				PreConfig: func() {
					measure(func(n int) {
						if n != 0 {
							t.Fatalf("%d pings in a plan where nothing was gone", n)
						}
					})()
					deleteAll()
				},
				Config: skipped, PlanOnly: true, ExpectNonEmptyPlan: true, ConfigPlanChecks: recreate,
			},
			{
				PreConfig: measure(func(n int) {
					if n != 1 {
						t.Fatalf("%d pings in a plan where three objects were gone, want 1", n)
					}
				}),
				Config: checked,
			},
			{PreConfig: measure(nil), Config: checked, PlanOnly: true},
			{
				PreConfig: func() {
					measure(func(n int) { unchangedWithCheck = n })()
					deleteAll()
				},
				Config: checked, PlanOnly: true, ExpectNonEmptyPlan: true, ConfigPlanChecks: recreate,
			},
			{
				PreConfig: measure(func(n int) {
					if n != unchangedWithCheck {
						t.Fatalf("%d pings with objects gone, %d without: the configure-time ping should have served", n, unchangedWithCheck)
					}
				}),
				Config: checked,
			},
		},
	})
}

// Concurrent reads that meet "not found" share one ping; a failed one is not
// asked again within the run; a listing that succeeded makes it needless.
func TestUnitAccountCheckPingsOncePerRun(t *testing.T) {
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	gateway, gatewayPings := notFoundEverywhere(t)
	clientAt := func(baseURL string) *client.Client {
		c, err := client.New(client.Config{CloudName: env.emu.CloudName(), APIKey: env.emu.APIKey(), APISecret: env.emu.APISecret(), BaseURL: baseURL})
		must(t, err)
		return c
	}
	confirmConcurrently := func(a *accountCheck) []error {
		errs := make([]error, 20)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = a.confirm(context.Background())
			}()
		}
		wg.Wait()
		return errs
	}

	for _, err := range confirmConcurrently(newProviderData(clientAt(env.url), true).reachability) {
		must(t, err)
	}
	if n := env.emu.Counters().Route("GET /ping"); n != 1 {
		t.Fatalf("%d pings for 20 concurrent checks, want 1", n)
	}

	for _, err := range confirmConcurrently(newProviderData(clientAt(gateway.URL), true).reachability) {
		if _, advice, _ := accountTrouble(gateway.URL, err); !strings.Contains(advice, "Check api_base_url") {
			t.Fatalf("check against a server that finds nothing: %v (%q)", err, advice)
		}
	}
	if n := gatewayPings.Load(); n != 1 {
		t.Fatalf("%d pings for 20 concurrent checks that failed, want 1", n)
	}

	listed := clientAt(env.url)
	if _, err := listed.ListUploadPresets(bg); err != nil {
		t.Fatal(err)
	}
	before := env.emu.Counters().Route("GET /ping")
	must(t, newProviderData(listed, true).reachability.confirm(bg))
	if n := env.emu.Counters().Route("GET /ping") - before; n != 0 {
		t.Fatalf("%d pings after a listing had succeeded, want 0", n)
	}
}

// The configure-time check reports an unknown cloud name as such, with the
// attribute to check, and not as an endpoint that cannot be reached.
func TestUnitUnknownCloudNameSaysCheckCloudName(t *testing.T) {
	clearCredentialEnv(t)
	env := newTestEnvWith(t, emulator.Options{HourlyLimit: -1})
	resp := configureWith(t, map[string]attr.Value{
		"cloud_name": types.StringValue("dem0"), "api_key": types.StringValue(env.emu.APIKey()),
		"api_secret": types.StringValue(env.emu.APISecret()), "api_base_url": types.StringValue(env.url + "/v1_1"),
	})
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || errs[0].Summary() != "Cloudinary does not know the cloud name" ||
		!strings.Contains(errs[0].Detail(), "Check cloud_name") || strings.Contains(errs[0].Detail(), "network") {
		t.Fatalf("diagnostics %v", resp.Diagnostics)
	}
}
