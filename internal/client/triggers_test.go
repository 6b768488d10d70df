package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// A trigger's settings (cloudinary-go's CreateTriggerParams) go to
// Cloudinary and come back with the listing; an update changes them, and a
// filter it does not give stays.
func TestTriggerSettingsRoundTrip(t *testing.T) {
	c, _ := newEmulatedClient(t)
	ctx := context.Background()
	want := TriggerSettings{
		URI: "https://hooks.example.com/a", EventType: "upload", Additive: true,
		Filter: json.RawMessage(`{"==":[{"var":"resource_type"},"image"]}`), FilterLanguage: "jsonlogic",
		PayloadTemplate: json.RawMessage(`{"asset":"{{public_id}}"}`), AuthScheme: "eddsa_v2",
	}
	created, err := c.CreateTrigger(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if !sameTriggerSettings(created.TriggerSettings, want) || created.URIType != "webhook" || created.CreatedAt == "" || created.UpdatedAt == "" {
		t.Fatalf("created %+v", created)
	}
	update := want
	update.URI, update.Additive, update.AuthScheme, update.Filter = "https://hooks.example.com/b", false, "default", nil
	if err := c.UpdateTrigger(ctx, created.ID, update); err != nil {
		t.Fatal(err)
	}
	list, err := c.ListTriggers(ctx, "upload")
	if err != nil || len(list) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	update.Filter = want.Filter // an update without a filter keeps the trigger's
	if !sameTriggerSettings(list[0].TriggerSettings, update) {
		t.Fatalf("listed %+v, want %+v", list[0].TriggerSettings, update)
	}
}

func sameTriggerSettings(a, b TriggerSettings) bool {
	return a.URI == b.URI && a.EventType == b.EventType && a.Additive == b.Additive && a.FilterLanguage == b.FilterLanguage &&
		a.AuthScheme == b.AuthScheme && sameJSON(a.Filter, b.Filter) && sameJSON(a.PayloadTemplate, b.PayloadTemplate)
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	_ = json.Unmarshal(a, &x)
	_ = json.Unmarshal(b, &y)
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

// The new URI of an update goes as new_uri (the OpenAPI's
// update_trigger_request) and as uri (cloudinary-go's UpdateTriggerParams).
func TestUpdateTriggerSendsTheURIUnderBothNames(t *testing.T) {
	var sent map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &sent)
		_, _ = w.Write([]byte(`{"message":"ok"}`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{CloudName: "demo", APIKey: "k", APISecret: "s", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateTrigger(context.Background(), "abc", TriggerSettings{URI: "https://hooks.example.com/new", EventType: "upload"}); err != nil {
		t.Fatal(err)
	}
	if sent["new_uri"] != "https://hooks.example.com/new" || sent["uri"] != "https://hooks.example.com/new" {
		t.Fatalf("sent %v", sent)
	}
}
