package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestUnitNormalizeTransformation(t *testing.T) {
	for in, want := range map[string]string{
		"w_150,c_fill,h_100/q_auto":       "c_fill,h_100,w_150/q_auto",
		"c_fill,h_100,w_150/q_auto":       "c_fill,h_100,w_150/q_auto",
		"w_100,$big_200,c_scale/png":      "$big_200,c_scale,w_100/png",
		"fl_lossy,w_10,fl_attachment":     "fl_attachment.lossy,w_10",
		"if_w_gt_100,w_50,c_scale,if_end": "if_w_gt_100,w_50,c_scale,if_end",
		"t_thumb":                         "t_thumb",
	} {
		got, funcErr := callStringFunction(t, newNormalizeTransformationFunction(), types.StringValue(in))
		if funcErr != nil || got != want {
			t.Errorf("normalize_transformation(%q) = %q, %v; want %q", in, got, funcErr, want)
		}
		if !sameTransformations([]string{in}, []string{got}) {
			t.Errorf("%q and its normal form %q do not compare equal", in, got)
		}
	}
}

// Invalid input is an error on the argument that names the step and the
// component, as the plan-time validator's diagnostic does.
func TestUnitNormalizeTransformationRefusesWhatTheValidatorRefuses(t *testing.T) {
	for in, wants := range map[string][]string{
		"c_fill,w_100/zz_3": {"step 2", `"zz_3"`, `unknown parameter "zz"`},
		"w_100,,h_20":       {"step 1", "empty component"},
		"c_fill//w_10":      {"step 2", "empty step"},
		"":                  {"empty"},
	} {
		_, funcErr := callStringFunction(t, newNormalizeTransformationFunction(), types.StringValue(in))
		if funcErr == nil || funcErr.FunctionArgument == nil || *funcErr.FunctionArgument != 0 {
			t.Fatalf("normalize_transformation(%q) gave %v; want an error on its argument", in, funcErr)
		}
		for _, want := range wants {
			if !strings.Contains(funcErr.Text, want) {
				t.Errorf("error %q for %q does not say %q", funcErr.Text, in, want)
			}
		}
	}
}

func TestAccNormalizeTransformationFunction(t *testing.T) {
	testFunctions(t,
		resource.TestStep{
			Config: `
output "normal" {
  value = provider::cloudinary::normalize_transformation("w_150,c_fill,h_100/q_auto")
}
output "same" {
  value = provider::cloudinary::normalize_transformation("c_fill,w_150,h_100/q_auto") == provider::cloudinary::normalize_transformation("h_100,w_150,c_fill/q_auto")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("normal", knownvalue.StringExact("c_fill,h_100,w_150/q_auto")),
				statecheck.ExpectKnownOutputValue("same", knownvalue.Bool(true)),
			},
		},
		resource.TestStep{
			Config:      `output "bad" { value = provider::cloudinary::normalize_transformation("c_fill,zz_3") }`,
			ExpectError: regexp.MustCompile(spaced(`step 1, component "zz_3": unknown parameter "zz"`)),
		},
	)
}
