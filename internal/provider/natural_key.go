package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// Most resource types name their object by one attribute, its natural key
// (a preset's name, a mapping's folder, a trigger's ID), which is also their
// identity and their import ID, and read it from the run's one listing of
// them. Their reads begin, and their deletes are, the same for all of them.

// readByKey begins such a read: it records the identity and finds the
// object that the state's attribute names in the run's listing. ok is false
// when the read is over: it failed, or the object is gone (lookUp).
func readByKey[T any](ctx context.Context, pd *providerData, req resource.ReadRequest, resp *resource.ReadResponse,
	attribute, kind string, listing *listCache[T]) (object T, ok bool) {
	var key string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(attribute), &key)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{attribute: key})...)
	if resp.Diagnostics.HasError() {
		return object, false
	}
	return lookUp(ctx, pd, resp, kind, key, listing.get)
}

// deleteByKey deletes the object that the state's attribute names. Delete
// treats Cloudinary's "not found" as success, since the object is gone
// either way, and the run's listing forgets it.
func deleteByKey[T any](ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse,
	attribute, kind string, del func(context.Context, string) error, listing *listCache[T]) {
	var key string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(attribute), &key)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := del(ctx, key); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete "+kind, err.Error())
		return
	}
	listing.forget(key)
}
