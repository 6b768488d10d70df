package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func userConfig(name, email, role string, extra string) string {
	return fmt.Sprintf(`
resource "cloudinary_user" "ann" {
  name  = %q
  email = %q
  role  = %q
%s
}
`, name, email, role, extra)
}

// A user is created pending (PROVISIONING.md §3.3: every SDK's tests find a
// new user pending), imported by ID and by email, changed in place, and
// re-created after it is deleted outside Terraform; plans after each apply
// are empty.
func TestAccUser_lifecycle(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	primary := primaryEnvironmentID(t, env, c)
	second, err := c.CreateProductEnvironment(bg, client.ProductEnvironmentParams{Name: "Second", CloudName: "second"})
	must(t, err)
	addr := "cloudinary_user.ann"
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	updateInPlace := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: emptyAfter,
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.accountConfig(userConfig("Ann", "ann@example.com", "technical_admin", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("pending"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("all_product_environments"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("product_environments"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_login"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateId: "ann@example.com"},
			{
				Config: env.accountConfig(userConfig("Ann Lee", "ann.lee@example.com", "admin",
					fmt.Sprintf("  enabled = false\n  product_environments = [%q]", primary))),
				ConfigPlanChecks: updateInPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("all_product_environments"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					u, err := userByEmail(c, "ann.lee@example.com")
					if err != nil || u.Name != "Ann Lee" || u.Role != "admin" || u.Enabled || fmt.Sprint(u.ProductEnvironmentIDs) != fmt.Sprint([]string{primary}) {
						return fmt.Errorf("user %+v %w", u, err)
					}
					return nil
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				// Another environment joins the user's.
				Config: env.accountConfig(userConfig("Ann Lee", "ann.lee@example.com", "admin",
					fmt.Sprintf("  enabled = false\n  product_environments = [%q, %q]", primary, second.ID))),
				ConfigPlanChecks: updateInPlace,
				Check: func(*terraform.State) error {
					u, err := userByEmail(c, "ann.lee@example.com")
					if err != nil || len(u.ProductEnvironmentIDs) != 2 || u.AllProductEnvironments {
						return fmt.Errorf("user %+v %w", u, err)
					}
					return nil
				},
			},
			// The Provisioning API cannot give a user back every environment
			// once it lists some: the plan says so rather than an apply
			// failing half way.
			{
				Config:      env.accountConfig(userConfig("Ann Lee", "ann.lee@example.com", "admin", "")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Access to every product environment.*product_environments`),
			},
			{
				PreConfig: func() {
					u, err := userByEmail(c, "ann.lee@example.com")
					must(t, err)
					must(t, c.DeleteUser(bg, u.ID))
				},
				Config: env.accountConfig(userConfig("Ann Lee", "ann.lee@example.com", "admin", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if u, err := userByEmail(c, "ann.lee@example.com"); err == nil {
				return fmt.Errorf("user still exists: %+v", u)
			}
			return nil
		},
	})
}

// A user who accepts the invitation and logs in changes by themselves: the
// refresh records it and the plan stays empty; an update planned from the
// older state still applies.
func TestAccUser_changesByThemselvesMakeNoPlan(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	addr := "cloudinary_user.ann"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.accountConfig(userConfig("Ann", "ann@example.com", "admin", ""))},
			{
				PreConfig: func() {
					u, err := userByEmail(c, "ann@example.com")
					must(t, err)
					must(t, env.emu.MarkUserLoggedIn(u.ID))
				},
				Config:           env.accountConfig(userConfig("Ann", "ann@example.com", "admin", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("pending"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_login"), knownvalue.NotNull()),
				},
			},
			{
				Config: env.accountConfig(userConfig("Ann B", "ann@example.com", "admin", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("pending"), knownvalue.Bool(false)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("all_product_environments"), knownvalue.Bool(true)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A master admin reaches every product environment and Cloudinary ignores
// the ones given (the OpenAPI's UserRequest), so the combination is refused
// while Terraform validates, before any API call.
func TestAccUser_masterAdminWithEnvironmentsRefused(t *testing.T) {
	env, _ := newAccountTestEnv(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.accountConfig(userConfig("Root", "root@example.com", "master_admin", `  product_environments = ["abc"]`)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Product environments of a master admin.*master_admin reaches every`),
		}},
	})
	env.expectNoAPICalls(t)
	if n := env.emu.Counters().Provisioning(); n != 0 {
		t.Fatalf("the refused configuration reached the Provisioning API: %v", env.emu.Counters().Snapshot())
	}
}

// A user whose email the account already has fails with the advice to
// import it by email (conflicts.go), and nothing enters the state.
func TestAccUser_existingEmailAdvisesImport(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	_, err := c.CreateUser(bg, client.UserParams{Name: "Bob", Email: "bob@example.com", Role: "admin"})
	must(t, err)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.accountConfig(userConfig("Bob", "bob@example.com", "admin", "")),
			ExpectError: regexp.MustCompile(`(?s)409 Conflict.*` + spaced(`already exists in Cloudinary but is not in this Terraform state`) +
				`.*` + spaced(`terraform import cloudinary_user\.<name> bob@example\.com`)),
		}},
	})
}

// An account at its user limit refuses another user; the error carries
// Cloudinary's message (PROVISIONING.md §4 rule 7: max_users).
func TestAccUser_userLimit(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{MaxUsers: 1})
	_, err := c.CreateUser(bg, client.UserParams{Name: "First", Email: "first@example.com", Role: "admin"})
	must(t, err)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.accountConfig(userConfig("Ann", "ann@example.com", "admin", "")),
			ExpectError: regexp.MustCompile(`(?s)Cannot create user.*max_users`),
		}},
	})
}

// A refresh that Cloudinary refuses (401, 403) or cannot serve (a rate
// limit that resets later than the provider waits) fails, and the user stays
// in the state: only a listing that answers without the user removes it.
func TestAccUser_readErrorsKeepState(t *testing.T) {
	env, _ := newAccountTestEnv(t, emulator.Options{})
	config := env.accountConfig(userConfig("Ann", "ann@example.com", "admin", ""))
	steps := []resource.TestStep{{Config: config}}
	for _, status := range []int{401, 403, 429} {
		fault := emulator.Fault{Method: "GET", Path: provisioningPath(env, "/users"), Status: status, Times: 1, ResetIn: 40 * time.Minute}
		steps = append(steps, resource.TestStep{
			PreConfig:   func() { env.emu.Faults().Add(fault) },
			Config:      config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Cannot read user`),
		}, resource.TestStep{Config: config, PlanOnly: true}) // an empty plan: the user is still in the state
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// provisioningPath is a path of the account's Provisioning API as the
// emulator's faults match it.
func provisioningPath(env *testEnv, rest string) string {
	return "/provisioning/accounts/" + env.emu.AccountID() + rest
}

func TestUnitUserModelFrom_masterAdminHasNoEnvironments(t *testing.T) {
	m := userModelFrom(client.User{ID: "u", Role: masterAdmin, ProductEnvironmentIDs: []string{"b", "a"}, AllProductEnvironments: true})
	if len(m.ProductEnvironments.Elements()) != 0 {
		t.Fatalf("a master admin's environments recorded as %v", m.ProductEnvironments)
	}
	m = userModelFrom(client.User{ID: "u", Role: "admin", ProductEnvironmentIDs: []string{"b", "a"}})
	if got := m.ProductEnvironments.String(); !strings.Contains(got, `"a"`) || !strings.Contains(got, `"b"`) {
		t.Fatalf("an admin's environments recorded as %v", got)
	}
}

// A provider with only a product environment's credentials cannot manage
// users, and says how to give it the account's.
func TestAccUser_needsAccountCredentials(t *testing.T) {
	env, _ := newAccountTestEnv(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config(userConfig("Ann", "ann@example.com", "admin", "")),
			ExpectError: regexp.MustCompile(`(?s)Account credentials are not configured.*account_url`),
		}},
	})
	if n := env.emu.Counters().Provisioning(); n != 0 {
		t.Fatalf("%d Provisioning API calls without account credentials", n)
	}
}
