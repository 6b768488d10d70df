package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Nested attributes are types.Object (or types.List of objects) in the
// models, never Go structs or slices: a configuration may set them from a
// module variable or another resource's attribute, and such a value is
// unknown while Terraform validates and plans, which a struct cannot hold.
// These helpers read such an object into its struct once it is known, and
// write a struct back as an object.

// objectAs reads an object into a new T, whose fields are framework types
// tagged with the attribute names. It is nil when the object is null or not
// known yet, and when it cannot be read (diags then says why).
func objectAs[T any](ctx context.Context, o types.Object, diags *diag.Diagnostics) *T {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var out T
	d := o.As(ctx, &out, basetypes.ObjectAsOptions{})
	diags.Append(d...)
	if d.HasError() {
		return nil
	}
	return &out
}

// objectFrom is the object of type t that v describes, null when v is nil.
func objectFrom[T any](ctx context.Context, t types.ObjectType, v *T, diags *diag.Diagnostics) types.Object {
	if v == nil {
		return types.ObjectNull(t.AttrTypes)
	}
	o, d := types.ObjectValueFrom(ctx, t.AttrTypes, v)
	diags.Append(d...)
	return o
}

// known tells whether a value is set and known: neither null nor unknown.
func known(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}
