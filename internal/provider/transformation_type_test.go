package provider

import (
	"strings"
	"testing"
)

// A preset's eager list and a profile's representations compare with one
// rule: the same transformations by meaning, in the same order.
func TestUnitSameTransformations(t *testing.T) {
	cases := []struct {
		a, b []string
		want bool
	}{
		{[]string{"c_fill,w_100", "w_50"}, []string{"w_100,c_fill", "w_50"}, true},
		{nil, []string{}, true},
		{[]string{"w_100", "w_50"}, []string{"w_50", "w_100"}, false},
		{[]string{"w_100"}, []string{"w_100", "w_50"}, false},
		{[]string{"w_100"}, []string{"w_101"}, false},
	}
	for _, c := range cases {
		if got := sameTransformations(c.a, c.b); got != c.want {
			t.Errorf("sameTransformations(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		eager := sameSetting("eager", strings.Join(c.a, "|"), strings.Join(c.b, "|"))
		if eager != c.want {
			t.Errorf("eager %q and %q are the same: %v, want %v", c.a, c.b, eager, c.want)
		}
	}
}
