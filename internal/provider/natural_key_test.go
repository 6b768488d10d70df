package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// A delete by natural key treats Cloudinary's "not found" as success and
// forgets the object in the run's listing; another error fails the delete,
// names the kind of object, and keeps the listing as it was.
func TestUnitDeleteByKey(t *testing.T) {
	env := newTestEnv(t)
	env.requireEmulator(t)
	r := &uploadMappingResource{resourceBase{data: newProviderData(env.client, true)}}
	stateOf := func(folder string) tfsdk.State {
		plan := planOf(t, r, map[string]attr.Value{"folder": types.StringValue(folder)})
		return tfsdk.State(plan)
	}
	for _, m := range []client.UploadMapping{{Folder: "kept", Template: "https://a.example.com/"}, {Folder: "gone", Template: "https://b.example.com/"}} {
		must(t, env.client.CreateUploadMapping(bg, m))
	}
	listing := r.data.mappings
	if _, err := listing.snapshot(bg); err != nil {
		t.Fatal(err)
	}
	must(t, env.client.DeleteUploadMapping(bg, "gone")) // behind Terraform's back
	if err := env.client.DeleteUploadMapping(bg, "gone"); !client.IsNotFound(err) {
		t.Fatalf("deleting a missing mapping answered %v, want not found", err)
	}

	var resp resource.DeleteResponse
	deleteByKey(bg, resource.DeleteRequest{State: stateOf("gone")}, &resp, "folder", "upload mapping", env.client.DeleteUploadMapping, listing)
	if resp.Diagnostics.HasError() {
		t.Fatalf("deleting what is gone already: %v", resp.Diagnostics)
	}
	if _, found, _ := listing.get(bg, "gone"); found {
		t.Error("the listing still holds the deleted object")
	}

	failingDelete := func(context.Context, string) error { return errors.New("the API refused") }
	resp = resource.DeleteResponse{}
	deleteByKey(bg, resource.DeleteRequest{State: stateOf("kept")}, &resp, "folder", "upload mapping", failingDelete, listing)
	if !resp.Diagnostics.HasError() || resp.Diagnostics.Errors()[0].Summary() != "Cannot delete upload mapping" ||
		!strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "the API refused") {
		t.Fatalf("a refused delete: %v", resp.Diagnostics)
	}
	if _, found, _ := listing.get(bg, "kept"); !found {
		t.Error("a delete that failed made the listing forget the object")
	}
}
