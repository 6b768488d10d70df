package client

import (
	"encoding/json"
	"reflect"
	"testing"
)

// Booleans in every form the official SDKs send and read (pycloudinary
// sends "true"/"false", cloudinary_php 1/0, the others JSON booleans).
func TestLenientBool(t *testing.T) {
	for in, want := range map[string]bool{
		`true`: true, `"true"`: true, `"True"`: true, `1`: true, `"1"`: true,
		`false`: false, `"false"`: false, `0`: false, `"0"`: false, `""`: false, `null`: false,
	} {
		var got lenientBool
		if err := json.Unmarshal([]byte(in), &got); err != nil || bool(got) != want {
			t.Errorf("%s: %v, %v", in, got, err)
		}
	}
	for _, in := range []string{`"yes"`, `2`, `[]`} {
		var got lenientBool
		if err := json.Unmarshal([]byte(in), &got); err == nil {
			t.Errorf("%s was read as %v", in, got)
		}
	}
}

func TestLenientInt(t *testing.T) {
	for in, want := range map[string]int{`3`: 3, `"12"`: 12, `null`: 0} {
		var got lenientInt
		if err := json.Unmarshal([]byte(in), &got); err != nil || int(got) != want {
			t.Errorf("%s: %v, %v", in, got, err)
		}
	}
	var got lenientInt
	if err := json.Unmarshal([]byte(`"many"`), &got); err == nil {
		t.Errorf("a word was read as %d", got)
	}
}

// A masked secret, as a key's update answer may hold it, is no secret.
func TestSecretText(t *testing.T) {
	for in, want := range map[string]string{`"QcsQcs"`: "QcsQcs", `"*****Qcs"`: "", `""`: "", `null`: ""} {
		var got secretText
		if err := json.Unmarshal([]byte(in), &got); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v", in, got, err)
		}
	}
}

func TestStringMap(t *testing.T) {
	for in, want := range map[string]stringMap{
		`{"a":"1","b":2,"c":true}`: {"a": "1", "b": "2", "c": "true"},
		`{}`:                       nil,
		`null`:                     nil,
	} {
		var got stringMap
		if err := json.Unmarshal([]byte(in), &got); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, %v", in, got, err)
		}
	}
}
