package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

func profileConfig(name, display string, reps ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"cloudinary_streaming_profile\" \"p\" {\n  name = %q\n", name)
	if display != "" {
		fmt.Fprintf(&b, "  display_name = %q\n", display)
	}
	b.WriteString("  representations = [\n")
	for _, r := range reps {
		fmt.Fprintf(&b, "    { transformation = %q },\n", r)
	}
	b.WriteString("  ]\n}\n")
	return b.String()
}

func TestAccStreamingProfile_custom(t *testing.T) {
	env := newTestEnv(t)
	addr := "cloudinary_streaming_profile.p"
	emptyAfter := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(profileConfig("square", "Square", "w_1200,h_1200,vc_h264:main:3.1,br_5m", "w_600,h_600,br_1500k")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: emptyAfter},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("predefined"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("representations"), knownvalue.ListSizeExact(2)),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"representations"}},
			{
				Config: env.config(profileConfig("square", "Square profile", "w_1200,h_1200,vc_h264:main:3.1,br_5m", "w_600,h_600,br_1500k", "w_320,h_320,br_192k")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: emptyAfter,
				},
				Check: func(*terraform.State) error {
					got, err := env.client.GetStreamingProfile(bg, "square")
					if err != nil || len(got.Representations) != 3 || got.DisplayName != "Square profile" {
						return fmt.Errorf("stored %+v %w", got, err)
					}
					return nil
				},
			},
			{
				// A change of case only is the same profile.
				Config:           env.config(profileConfig("SQUARE", "Square profile", "w_1200,h_1200,vc_h264:main:3.1,br_5m", "w_600,h_600,br_1500k", "w_320,h_320,br_192k")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}, PostApplyPostRefresh: emptyAfter},
			},
			{
				Config: env.config(profileConfig("square2", "", "w_640,h_360")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
			{
				PreConfig: func() { must(t, env.client.DeleteStreamingProfile(bg, "square2")) },
				Config:    env.config(profileConfig("square2", "", "w_640,h_360")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: emptyAfter,
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, err := env.client.GetStreamingProfile(bg, "square2"); !client.IsNotFound(err) {
				return fmt.Errorf("profile still exists: %w", err)
			}
			return nil
		},
	})
}

// A built-in profile is taken over and updated in place, and reverted to
// Cloudinary's original settings on destroy.
func TestAccStreamingProfile_builtinUpdateAndRevert(t *testing.T) {
	env := newTestEnv(t)
	original, err := env.client.GetStreamingProfile(bg, "hd")
	must(t, err)
	addr := "cloudinary_streaming_profile.p"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           env.config(profileConfig("hd", "", "w_1280,h_720,c_limit,vc_h264:main:3.1,br_3000k", "w_640,h_360,c_limit,br_800k")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("predefined"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("display_name"), knownvalue.StringExact("HD (720p)")),
				},
				Check: func(*terraform.State) error {
					got, err := env.client.GetStreamingProfile(bg, "hd")
					if err != nil || !got.Predefined || len(got.Representations) != 2 {
						return fmt.Errorf("built-in after apply %+v %w", got, err)
					}
					return nil
				},
			},
			{
				// Reverted outside Terraform: the next apply modifies it again.
				PreConfig: func() { must(t, env.client.DeleteStreamingProfile(bg, "hd")) },
				Config:    env.config(profileConfig("hd", "", "w_1280,h_720,c_limit,vc_h264:main:3.1,br_3000k", "w_640,h_360,c_limit,br_800k")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			got, err := env.client.GetStreamingProfile(bg, "hd")
			if err != nil || fmt.Sprint(got.Representations) != fmt.Sprint(original.Representations) {
				return fmt.Errorf("hd was not reverted: %+v %w", got, err)
			}
			return nil
		},
	})
}

func TestAccStreamingProfile_badInput(t *testing.T) {
	env := newTestEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(profileConfig("bad name", "", "w_10")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Attribute name.*letters, digits`)},
			{Config: env.config(profileConfig("ok", "", "w_10,vq_1")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid transformation.*"vq_1"`)},
			{Config: env.config(profileConfig("ok", "")), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)representations.*at least 1`)},
			{Config: env.config(`resource "cloudinary_streaming_profile" "p" { name = "ok" }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing required argument`)},
		},
	})
}
