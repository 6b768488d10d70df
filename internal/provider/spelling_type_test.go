package provider

import "testing"

func TestUnitSpellingEquivalence(t *testing.T) {
	cases := []struct {
		spelling spelling
		a, b     string
		equal    bool
	}{
		{commaSet, "imagga_tagging, google_tagging", "google_tagging,imagga_tagging", true},
		{commaSet, "a,b", "a", false},
		{pipeList, "aws_rek | manual", "aws_rek|manual", true},
		{pipeList, "manual|aws_rek", "aws_rek|manual", false},
		{headerSet, "X-Robots-Tag: noindex\nLink: <x>", "link: <x>\nx-robots-tag:noindex", true},
		{metadataValue, `["red","blue"]`, `[ "blue", "red", "red" ]`, true},
		{metadataValue, `["red"]`, `["blue"]`, false},
		{metadataValue, "[not json", "[not json", true},
		{metadataValue, "007", "7", false},
		{jsonDocument, `{"equals":"a","metadata_field_id":"f"}`, `{ "metadata_field_id": "f", "equals": "a" }`, true},
		{jsonDocument, `{"and":[{"a":1},{"b":2}]}`, `{"and":[{"b":2},{"a":1}]}`, false},
	}
	for _, c := range cases {
		if got := c.spelling.equal(c.a, c.b); got != c.equal {
			t.Errorf("spelling %d: %q and %q equal = %v, want %v", c.spelling, c.a, c.b, got, c.equal)
		}
	}
}
