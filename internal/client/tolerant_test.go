package client

import (
	"context"
	"net/http"
	"testing"
)

func answer(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}
}

// A preset holding what this client cannot convert (a transformation
// parameter it does not know) is read with that setting verbatim, and the
// others read as usual.
func TestOddPresetNeverBreaksTheListing(t *testing.T) {
	c, _ := retryServer(t, answer(`{"presets":[
		{"name":"odd","unsigned":false,"settings":{"transformation":[{"brand_new_parameter":"x","width":10}],"tags":"a,b"}},
		{"name":"plain","unsigned":true,"settings":{"transformation":[{"flags":["progressive","attachment"],"width":10}],"tags":["x"]}}]}`))
	list, err := c.ListUploadPresets(context.Background())
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v %v", list, err)
	}
	odd, plain := list[0], list[1]
	if len(odd.Verbatim) != 1 || odd.Verbatim[0] != "transformation" || odd.Settings["transformation"] != `[{"brand_new_parameter":"x","width":10}]` || odd.Settings["tags"] != "a,b" {
		t.Fatalf("odd preset %+v", odd)
	}
	if len(plain.Verbatim) != 0 || plain.Settings["transformation"] != "fl_attachment.progressive,w_10" || plain.Settings["tags"] != "x" {
		t.Fatalf("plain preset %+v", plain)
	}
}

func TestOddTransformationAndProfileAreReadVerbatim(t *testing.T) {
	c, _ := retryServer(t, answer(`{"name":"t_odd","named":true,"info":[{"width":10},{"overlay":{"public_id":"logo"}}]}`))
	tr, err := c.GetNamedTransformation(context.Background(), "odd")
	if err != nil || !tr.Verbatim || tr.Definition != `[{"width":10},{"overlay":{"public_id":"logo"}}]` {
		t.Fatalf("%+v %v", tr, err)
	}
	c, _ = retryServer(t, answer(`{"data":[{"name":"a","representations":[{"transformation":[{"width":10}]},{"transformation":[{"brand_new_parameter":1}]}]},
		{"name":"b","representations":[{"transformation":[{"height":5}]}]}]}`))
	profiles, err := c.ListStreamingProfiles(context.Background())
	if err != nil || len(profiles) != 2 || len(profiles[0].Verbatim) != 1 || profiles[0].Verbatim[0] != 2 || profiles[1].Representations[0] != "h_5" {
		t.Fatalf("%+v %v", profiles, err)
	}
}
