package emulator_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/cloudinary/cloudinary-go/v2/api/admin"
)

// cloudinary-go's trigger calls, with every setting its CreateTriggerParams
// and UpdateTriggerParams carry, read back through its Trigger.
func TestSDKTriggers(t *testing.T) {
	cld, _ := newSDK(t)
	ctx := context.Background()
	filter := map[string]any{"==": []any{map[string]any{"var": "resource_type"}, "image"}}
	created, err := cld.Admin.CreateTrigger(ctx, admin.CreateTriggerParams{
		URI: "https://hooks.example.com/sdk", EventType: "upload", Additive: true, Filter: filter,
		FilterLanguage: "jsonlogic", PayloadTemplate: map[string]any{"asset": "{{public_id}}"}, AuthScheme: "eddsa_v2",
	})
	must(t, err, created.Error, "create trigger")
	if created.ID == "" || !created.Additive || !reflect.DeepEqual(created.Filter, filter) || created.AuthScheme != "eddsa_v2" ||
		created.URIType != "webhook" || created.CreatedAt == "" || created.UpdatedAt == "" {
		t.Fatalf("created %+v", created.Trigger)
	}
	additive := false
	updated, err := cld.Admin.UpdateTrigger(ctx, admin.UpdateTriggerParams{
		TriggerID: created.ID, URI: "https://hooks.example.com/sdk2", EventType: "upload", Additive: &additive, AuthScheme: "default",
	})
	must(t, err, updated.Error, "update trigger")
	listed, err := cld.Admin.ListTriggers(ctx, admin.ListTriggersParams{})
	must(t, err, listed.Error, "list triggers")
	if len(listed.Triggers) != 1 {
		t.Fatalf("listed %+v", listed.Triggers)
	}
	got := listed.Triggers[0]
	if got.URI != "https://hooks.example.com/sdk2" || got.Additive || got.AuthScheme != "default" || got.FilterLanguage != "jsonlogic" ||
		got.PayloadTemplate["asset"] != "{{public_id}}" || !reflect.DeepEqual(got.Filter, filter) {
		t.Fatalf("after the update: %+v", got)
	}
	deleted, err := cld.Admin.DeleteTrigger(ctx, admin.DeleteTriggerParams{TriggerID: created.ID})
	must(t, err, deleted.Error, "delete trigger")
}
