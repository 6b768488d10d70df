package client

import (
	"context"
	"fmt"
	"testing"
)

// JSON settings and coordinates are read into the string forms that create
// and update take, from the details (parsed: the OpenAPI's
// upload_preset_parsed_settings) and from the listing (strings).
func TestPresetJSONAndCoordinateSettingsRead(t *testing.T) {
	c, _ := retryServer(t, answer(`{"presets":[
		{"name":"parsed","unsigned":false,"settings":{
			"access_control":[{"access_type": "token"}],"regions":{"logo":[[1,2],[3,4]]},
			"auto_transcription":{"translate":["fr-FR"]},"auto_video_details":{"fields":["title"]},
			"responsive_breakpoints":[{"create_derived":true,"max_width":800}],
			"face_coordinates":[[10,20,150,130],[213,345,82,61]],"custom_coordinates":[[85,120,220,310]]}},
		{"name":"strings","unsigned":false,"settings":{
			"access_control":"[{\"access_type\":\"token\"}]","auto_transcription":true,"face_coordinates":"10,20,150,130"}}]}`))
	list, err := c.ListUploadPresets(context.Background())
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v %v", list, err)
	}
	want := []map[string]string{{
		"access_control": `[{"access_type":"token"}]`, "regions": `{"logo":[[1,2],[3,4]]}`,
		"auto_transcription": `{"translate":["fr-FR"]}`, "auto_video_details": `{"fields":["title"]}`,
		"responsive_breakpoints": `[{"create_derived":true,"max_width":800}]`,
		"face_coordinates":       "10,20,150,130|213,345,82,61", "custom_coordinates": "85,120,220,310",
	}, {
		"access_control": `[{"access_type":"token"}]`, "auto_transcription": "true", "face_coordinates": "10,20,150,130",
	}}
	for i, p := range list {
		if fmt.Sprint(p.Settings) != fmt.Sprint(want[i]) || len(p.Verbatim) != 0 {
			t.Errorf("%s read as %v (verbatim %v)\nwant %v", p.Name, p.Settings, p.Verbatim, want[i])
		}
	}
}
