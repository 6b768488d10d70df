package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// The list resources of users, groups and memberships find what the
// account holds, with identities that import it and the state an import
// would read.
func TestAccPeopleList(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	ann, err := c.CreateUser(bg, client.UserParams{Name: "Ann", Email: "ann@example.com", Role: "admin"})
	must(t, err)
	bob, err := c.CreateUser(bg, client.UserParams{Name: "Bob", Email: "bob@example.com", Role: "billing"})
	must(t, err)
	designers, err := c.CreateUserGroup(bg, "Designers")
	must(t, err)
	admins, err := c.CreateUserGroup(bg, "Admins")
	must(t, err)
	for _, add := range []struct{ group, user string }{{designers.ID, ann.ID}, {designers.ID, bob.ID}, {admins.ID, ann.ID}} {
		_, err = c.AddGroupMember(bg, add.group, add.user)
		must(t, err)
	}
	queryTestWith(t, env.providerBlockWithAccount(),
		listBlock("cloudinary_user", "users", `prefix = "A"`)+
			listBlock("cloudinary_user_group", "groups", `name_prefix = "Des"`)+
			listBlock("cloudinary_user_group_membership", "designers", `group_id = "`+designers.ID+`"`)+
			listBlock("cloudinary_user_group_membership", "all", ""),
		querycheck.ExpectLength("cloudinary_user.users", 1),
		querycheck.ExpectIdentity("cloudinary_user.users", accountIdentity("id", ann.ID)),
		querycheck.ExpectResourceKnownValues("cloudinary_user.users", queryfilter.ByResourceIdentity(accountIdentity("id", ann.ID)),
			[]querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("ann@example.com")},
				{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
			}),
		querycheck.ExpectLength("cloudinary_user_group.groups", 1),
		querycheck.ExpectIdentity("cloudinary_user_group.groups", accountIdentity("id", designers.ID)),
		querycheck.ExpectLength("cloudinary_user_group_membership.designers", 2),
		querycheck.ExpectIdentity("cloudinary_user_group_membership.designers", accountIdentity("group_id", designers.ID, "user_id", bob.ID)),
		querycheck.ExpectResourceKnownValues("cloudinary_user_group_membership.designers",
			queryfilter.ByResourceIdentity(accountIdentity("group_id", designers.ID, "user_id", ann.ID)),
			[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(designers.ID + "/" + ann.ID)}}),
		querycheck.ExpectLength("cloudinary_user_group_membership.all", 3),
	)
}
