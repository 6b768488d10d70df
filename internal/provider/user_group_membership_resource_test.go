package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// membershipConfig is a group, two users and the membership of one of
// them.
func membershipConfig(member string) string {
	return `
resource "cloudinary_user_group" "designers" {
  name = "Designers"
}

resource "cloudinary_user" "ann" {
  name  = "Ann"
  email = "ann@example.com"
  role  = "media_library_user"
}

resource "cloudinary_user" "bob" {
  name  = "Bob"
  email = "bob@example.com"
  role  = "media_library_user"
}

resource "cloudinary_user_group_membership" "member" {
  group_id = cloudinary_user_group.designers.id
  user_id  = cloudinary_user.` + member + `.id
}
`
}

func memberEmails(c *client.AccountClient, groupName string) ([]string, error) {
	g, err := groupNamedIn(c, groupName)
	if err != nil {
		return nil, err
	}
	members, err := c.ListGroupMembers(bg, g.ID)
	var emails []string
	for _, m := range members {
		emails = append(emails, m.Email)
	}
	slices.Sort(emails)
	return emails, err
}

func expectMembers(c *client.AccountClient, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := memberEmails(c, "Designers")
		if err != nil {
			return fmt.Errorf("listing the group's members: %w", err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("the group's members are %v, want %v", got, want)
		}
		return nil
	}
}

// A membership is created, imported as <group_id>/<user_id>, replaced when
// its user changes, and re-created when it is removed in the console; a
// member added in the console is left alone, by plans, applies and destroy.
func TestAccUserGroupMembership_lifecycle(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	carol, err := c.CreateUser(bg, client.UserParams{Name: "Carol", Email: "carol@example.com", Role: "admin"})
	must(t, err)
	addr := "cloudinary_user_group_membership.member"
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.accountConfig(membershipConfig("ann")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[^/]+/[^/]+$`))),
				},
				Check: expectMembers(c, "ann@example.com"),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				// Carol joins in the console: nothing to do.
				PreConfig: func() {
					g, err := groupNamedIn(c, "Designers")
					must(t, err)
					_, err = c.AddGroupMember(bg, g.ID, carol.ID)
					must(t, err)
				},
				Config:           env.accountConfig(membershipConfig("ann")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: emptyAfter},
				Check:            expectMembers(c, "ann@example.com", "carol@example.com"),
			},
			{
				Config: env.accountConfig(membershipConfig("bob")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
				Check: expectMembers(c, "bob@example.com", "carol@example.com"),
			},
			{
				// Bob is removed in the console: the membership is re-created.
				PreConfig: func() {
					g, err := groupNamedIn(c, "Designers")
					must(t, err)
					bob, err := userByEmail(c, "bob@example.com")
					must(t, err)
					_, err = c.RemoveGroupMember(bg, g.ID, bob.ID)
					must(t, err)
				},
				Config: env.accountConfig(membershipConfig("bob")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
				Check: expectMembers(c, "bob@example.com", "carol@example.com"),
			},
			{
				// Destroying the membership alone leaves Carol in the group.
				Config: env.accountConfig(strings.Split(membershipConfig("bob"), `resource "cloudinary_user_group_membership"`)[0]),
				Check:  expectMembers(c, "carol@example.com"),
			},
		},
	})
}

// Adding a membership that the console made fails with the advice to
// import it.
func TestAccUserGroupMembership_existingAdvisesImport(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	g, err := c.CreateUserGroup(bg, "Designers")
	must(t, err)
	u, err := c.CreateUser(bg, client.UserParams{Name: "Ann", Email: "ann@example.com", Role: "admin"})
	must(t, err)
	_, err = c.AddGroupMember(bg, g.ID, u.ID)
	must(t, err)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.accountConfig(fmt.Sprintf(`
resource "cloudinary_user_group_membership" "member" {
  group_id = %q
  user_id  = %q
}
`, g.ID, u.ID)),
			ExpectError: regexp.MustCompile(`(?s)` + spaced(`already a member`) + `.*` +
				spaced(`terraform import cloudinary_user_group_membership\.<name> `+regexp.QuoteMeta(g.ID+"/"+u.ID))),
		}},
	})
}

// A membership's import ID is <group_id>/<user_id>; anything else is
// refused before any API call, with the expected shape.
func TestUnitParseMembershipID(t *testing.T) {
	m, err := parseMembershipID("g1/u1")
	if err != nil || m != (membership{groupID: "g1", userID: "u1"}) || m.id() != "g1/u1" {
		t.Fatalf("parsed %+v, %v", m, err)
	}
	for _, bad := range []string{"", "g1", "g1/", "/u1", "g1/u1/x"} {
		if _, err := parseMembershipID(bad); err == nil || !strings.Contains(err.Error(), "<group_id>/<user_id>") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// Users, groups and memberships record their identities, and import blocks
// that give them import, with the configuration written or generated
// (Terraform 1.12 and later).
func TestAccIdentity_people(t *testing.T) {
	env, _ := newAccountTestEnv(t, emulator.Options{})
	addresses := []string{"cloudinary_user.ann", "cloudinary_user_group.designers", "cloudinary_user_group_membership.member"}
	steps := []resource.TestStep{{
		Config: env.accountConfig(membershipConfig("ann")),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectIdentityValueMatchesState("cloudinary_user.ann", tfjsonpath.New("id")),
			statecheck.ExpectIdentityValueMatchesState("cloudinary_user_group.designers", tfjsonpath.New("id")),
			statecheck.ExpectIdentityValueMatchesStateAtPath("cloudinary_user_group_membership.member", tfjsonpath.New("group_id"), tfjsonpath.New("group_id")),
			statecheck.ExpectIdentityValueMatchesStateAtPath("cloudinary_user_group_membership.member", tfjsonpath.New("user_id"), tfjsonpath.New("user_id")),
		},
	}}
	for _, addr := range addresses {
		steps = append(steps,
			resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, GenerateConfig: true},
		)
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// A group deleted outside Terraform takes its memberships with it: the next
// plan makes both again.
func TestAccUserGroupMembership_groupDeletedOutside(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	create := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction("cloudinary_user_group.designers", plancheck.ResourceActionCreate),
		plancheck.ExpectResourceAction("cloudinary_user_group_membership.member", plancheck.ResourceActionCreate),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.accountConfig(membershipConfig("ann"))},
			{
				PreConfig: func() {
					g, err := groupNamedIn(c, "Designers")
					must(t, err)
					must(t, c.DeleteUserGroup(bg, g.ID))
				},
				Config: env.accountConfig(membershipConfig("ann")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             create,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectMembers(c, "ann@example.com"),
			},
		},
	})
}

// A plan of many users and memberships of one group reads one listing of
// users, one of groups and one of the group's members (the listings of
// product environments are the provider's checks of the account
// credentials, once per Terraform command): not one call per resource.
func TestAccPeople_planAPIEconomy(t *testing.T) {
	env, _ := newAccountTestEnv(t, emulator.Options{})
	config := env.accountConfig(`
resource "cloudinary_user_group" "crew" {
  name = "Crew"
}

resource "cloudinary_user" "many" {
  count = 20
  name  = "User ${count.index}"
  email = "user${count.index}@example.com"
  role  = "media_library_user"
}

resource "cloudinary_user_group_membership" "many" {
  count    = 20
  group_id = cloudinary_user_group.crew.id
  user_id  = cloudinary_user.many[count.index].id
}
`)
	var planCalls int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { env.emu.Counters().Reset() },
				Config:    config,
				PlanOnly:  true,
			},
			{
				PreConfig: func() {
					counters := env.emu.Counters()
					planCalls = counters.Provisioning() - counters.Route("GET /provisioning/accounts/{account_id}/sub_accounts")
				},
				Config:   config,
				PlanOnly: true,
			},
		},
	})
	t.Logf("Provisioning API calls for a plan of 41 resources: %d (%v)", planCalls, env.emu.Counters().Snapshot())
	if planCalls > 3 {
		t.Fatalf("a plan of 20 users and 20 memberships made %d Provisioning API calls, want at most 3", planCalls)
	}
	if planCalls == 0 {
		t.Fatal("the plan made no Provisioning API call: the counters did not see it")
	}
}
