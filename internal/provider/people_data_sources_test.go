package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// The data sources of users and groups read what the account holds: one
// user by ID or email, users by filters (PROVISIONING.md §2.3: filters
// combine; a new user is pending), one group by ID or name, and the groups
// with their members when asked.
func TestAccPeopleDataSources(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	primary := primaryEnvironmentID(t, env, c)
	ann, err := c.CreateUser(bg, client.UserParams{Name: "Ann", Email: "ann@example.com", Role: "admin", ProductEnvironmentIDs: []string{primary}})
	must(t, err)
	_, err = c.CreateUser(bg, client.UserParams{Name: "Bob", Email: "bob@example.com", Role: "billing"})
	must(t, err)
	g, err := c.CreateUserGroup(bg, "Designers")
	must(t, err)
	_, err = c.AddGroupMember(bg, g.ID, ann.ID)
	must(t, err)
	_, err = c.CreateUserGroup(bg, "Admins")
	must(t, err)

	emails := func(address string, want ...string) statecheck.StateCheck {
		var checks []knownvalue.Check
		for _, w := range want {
			checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact(w)}))
		}
		return statecheck.ExpectKnownValue(address, tfjsonpath.New("users"), knownvalue.ListExact(checks))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.accountConfig(`data "cloudinary_user" "x" {}`),
				ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured`),
			},
			{
				Config: env.accountConfig(`
data "cloudinary_user" "by_id" {
  id = "` + ann.ID + `"
}
data "cloudinary_user" "by_email" {
  email = "bob@example.com"
}
data "cloudinary_users" "prefix" {
  prefix = "An"
}
data "cloudinary_users" "emails" {
  emails = ["bob@example.com"]
}
data "cloudinary_users" "pending_in_primary" {
  pending                = true
  product_environment_id = "` + primary + `"
}
data "cloudinary_user_group" "by_name" {
  name = "Designers"
}
data "cloudinary_user_group" "by_id" {
  id = "` + g.ID + `"
}
data "cloudinary_user_groups" "all" {
  include_members = true
}
data "cloudinary_user_groups" "names" {}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudinary_user.by_id", tfjsonpath.New("email"), knownvalue.StringExact("ann@example.com")),
					statecheck.ExpectKnownValue("data.cloudinary_user.by_id", tfjsonpath.New("product_environments"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(primary)})),
					statecheck.ExpectKnownValue("data.cloudinary_user.by_id", tfjsonpath.New("pending"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.cloudinary_user.by_email", tfjsonpath.New("role"), knownvalue.StringExact("billing")),
					statecheck.ExpectKnownValue("data.cloudinary_user.by_email", tfjsonpath.New("all_product_environments"), knownvalue.Bool(true)),
					emails("data.cloudinary_users.prefix", "ann@example.com"),
					emails("data.cloudinary_users.emails", "bob@example.com"),
					statecheck.ExpectKnownValue("data.cloudinary_users.pending_in_primary", tfjsonpath.New("users"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.cloudinary_user_group.by_name", tfjsonpath.New("id"), knownvalue.StringExact(g.ID)),
					statecheck.ExpectKnownValue("data.cloudinary_user_group.by_id", tfjsonpath.New("name"), knownvalue.StringExact("Designers")),
					statecheck.ExpectKnownValue("data.cloudinary_user_groups.all", tfjsonpath.New("user_groups"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Admins"), "members": knownvalue.ListSizeExact(0)}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Designers"), "members": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(ann.ID), "name": knownvalue.StringExact("Ann"), "email": knownvalue.StringExact("ann@example.com")}),
						})}),
					})),
					statecheck.ExpectKnownValue("data.cloudinary_user_groups.names", tfjsonpath.New("user_groups").AtSliceIndex(0).AtMapKey("members"), knownvalue.Null()),
				},
			},
			{
				Config:      env.accountConfig(`data "cloudinary_user" "x" { email = "nobody@example.com" }`),
				ExpectError: regexp.MustCompile(`no user with email "nobody@example.com"`),
			},
			{
				Config:      env.accountConfig(`data "cloudinary_user_group" "x" { name = "Nobody" }`),
				ExpectError: regexp.MustCompile(`no user group named "Nobody"`),
			},
		},
	})
}
