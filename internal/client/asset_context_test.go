package client

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// Search answers carry context flat (the OpenAPI's context_response; both
// SDKs' search tests read result["context"]["key"]); the Admin API's
// details and listings group it under "custom".
func TestSearchReadsFlatContext(t *testing.T) {
	c, _ := retryServer(t, answer(`{"total_count":1,"resources":[
		{"public_id":"a","resource_type":"image","type":"upload","status":"active","context":{"stage":"new","custom":"not a group"}}]}`))
	list, err := c.Search(context.Background(), SearchQuery{Expression: "public_id=a", WithDetails: true})
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v %v", list, err)
	}
	if got := fmt.Sprint(list[0].Context); got != "map[custom:not a group stage:new]" {
		t.Fatalf("context read from a search answer: %s", got)
	}
}

func TestListingReadsGroupedContext(t *testing.T) {
	c, _ := retryServer(t, answer(`{"resources":[
		{"public_id":"a","resource_type":"image","type":"upload","context":{"custom":{"stage":"new"}}},
		{"public_id":"b","resource_type":"image","type":"upload"}]}`))
	list, err := c.ListResources(context.Background(), ResourceQuery{WithContext: true})
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v %v", list, err)
	}
	if list[0].Context["stage"] != "new" || len(list[1].Context) != 0 {
		t.Fatalf("contexts read from a listing: %v, %v", list[0].Context, list[1].Context)
	}
}

func TestAssetContextRefusesOtherShapes(t *testing.T) {
	for _, body := range []string{`["a"]`, `{"k":1}`, `{"custom":{"k":1}}`} {
		var c AssetContext
		if err := json.Unmarshal([]byte(body), &c); err == nil {
			t.Errorf("%s read as %v", body, c)
		}
	}
}
