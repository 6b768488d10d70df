package transformation

import (
	"errors"
	"strings"
	"testing"
)

// Values of parameters with a documented domain are checked, and the error
// names the step and the component.
func TestValuesOutsideTheirDomainAreRefused(t *testing.T) {
	cases := map[string]string{
		"c_fil,w_100":             `step 1, component "c_fil": crop mode "fil"`,
		"c_fill,w_abc":            `step 1, component "w_abc": "abc" is not a size`,
		"c_fill,w_zz":             `component "w_zz"`,
		"w_100/h_ten":             `step 2, component "h_ten"`,
		"g_nort":                  `component "g_nort": gravity "nort" is not one of`,
		"g_north_wst":             `gravity "north_wst"`,
		"g_Face":                  `gravity "Face" is not a gravity`,
		"q_best":                  `quality "best"`,
		"q_101":                   `quality "101"`,
		"f_jpeg2000x":             `format "jpeg2000x"`,
		"fl_progressiv":           `flag "progressiv" is not a documented flag`,
		"fl_attachment.bogus":     `flag "bogus"`,
		"x_ten":                   `component "x_ten"`,
		"dpr_retina":              `component "dpr_retina"`,
		"ar_wide":                 `component "ar_wide"`,
		"w_iw_times_2":            `component "w_iw_times_2"`,
		"c_scale,w_100/c_fillpad": `step 2, component "c_fillpad"`,
	}
	for in, want := range cases {
		_, err := Parse(in)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q): %v, want an error containing %q", in, err, want)
		}
	}
}

// Values of a plausible shape stay accepted: variables, expressions,
// automatic values, modifiers, and names that accounts or models define.
func TestPlausibleValuesAreAccepted(t *testing.T) {
	for _, in := range []string{
		"c_fill,g_auto,w_400,h_300", "c_fill_pad,g_auto:subject", "c_thumb,g_face:center", "g_custom:adv_faces",
		"c_crop,g_cat", "g_auto:dog_30", "g_north_west,x_-10,y_5", "w_0.5", "w_auto", "w_auto:100:400", "w_iw_div_2",
		"h_ih_mul_0.5", "$big_500,w_$big", "w_$big_mul_2", "c_$mode", "q_auto", "q_auto:good", "q_80", "q_80:420",
		"q_jpegmini:1", "f_auto", "f_webp", "f_auto:image", "fl_attachment:my_file.progressive", "fl_progressive:semi",
		"fl_layer_apply", "dpr_2.0", "dpr_auto", "ar_16:9", "ar_1.5", "if_w_gt_400,c_scale,w_400/if_end", "w_initial_width",
	} {
		if _, err := Parse(in); err != nil {
			t.Errorf("Parse(%q): %v", in, err)
		}
	}
}
