package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func groupConfig(name string) string {
	return fmt.Sprintf("\nresource \"cloudinary_user_group\" \"designers\" {\n  name = %q\n}\n", name)
}

func groupNamedIn(c *client.AccountClient, name string) (client.UserGroup, error) {
	groups, err := c.ListUserGroups(bg)
	if err != nil {
		return client.UserGroup{}, err
	}
	i := slices.IndexFunc(groups, func(g client.UserGroup) bool { return g.Name == name })
	if i < 0 {
		return client.UserGroup{}, fmt.Errorf("no group named %s among %+v", name, groups)
	}
	return groups[i], nil
}

// A group is created, imported by ID and by name, renamed in place, and
// re-created after it is deleted outside Terraform.
func TestAccUserGroup_lifecycle(t *testing.T) {
	env, c := newAccountTestEnv(t, emulator.Options{})
	addr := "cloudinary_user_group.designers"
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.accountConfig(groupConfig("Designers")), ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter}},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateId: "Designers"},
			{
				Config: env.accountConfig(groupConfig("Design team")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
				Check: func(*terraform.State) error { _, err := groupNamedIn(c, "Design team"); return err },
			},
			{
				PreConfig: func() {
					g, err := groupNamedIn(c, "Design team")
					must(t, err)
					must(t, c.DeleteUserGroup(bg, g.ID))
				},
				Config: env.accountConfig(groupConfig("Design team")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if g, err := groupNamedIn(c, "Design team"); err == nil {
				return fmt.Errorf("group still exists: %+v", g)
			}
			return nil
		},
	})
}

// Importing a name that no group has says so.
func TestAccUserGroup_importUnknownName(t *testing.T) {
	env, _ := newAccountTestEnv(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.accountConfig(groupConfig("Designers"))},
			{ResourceName: "cloudinary_user_group.designers", ImportState: true, ImportStateId: "Nobody",
				ExpectError: regexp.MustCompile(`(?s)No user group has the ID "Nobody".*` + spaced(`no user group named "Nobody"`))},
		},
	})
}
