package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// The helpers below convert between the models' framework values and the
// plain Go values and strings of the client.

// knownStrings are a set's strings in order; ok is false when the set is
// null or not known yet, which a write leaves out.
func knownStrings(ctx context.Context, s types.Set) ([]string, bool, diag.Diagnostics) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false, nil
	}
	var out []string
	diags := s.ElementsAs(ctx, &out, false)
	sort.Strings(out)
	return out, true, diags
}

// knownMap is a map's strings; ok is false when the map is null or not
// known yet.
func knownMap(ctx context.Context, m types.Map) (map[string]string, bool, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, false, nil
	}
	out := map[string]string{}
	diags := m.ElementsAs(ctx, &out, false)
	return out, true, diags
}

// nonNilStrings is s, or an empty list for nil: state records an empty list,
// never a null one, for what Cloudinary answered without.
func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// nonNilMap is m, or an empty map for nil.
func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// splitNonEmpty splits s at sep, trims each part, and leaves out the empty
// ones.
func splitNonEmpty(s, sep string) []string {
	out := []string{}
	for _, part := range strings.Split(s, sep) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// optionalString is null for "", which Cloudinary leaves out.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// boolPtr is a bool's value for the client, nil when null or unknown (left
// for Cloudinary to default).
func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

// stringPtr is a string's value for the client, nil when null or unknown.
func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// stringSet is a set of strings.
func stringSet(items []string) types.Set {
	values := make([]attr.Value, len(items))
	for i, it := range items {
		values[i] = types.StringValue(it)
	}
	return types.SetValueMust(types.StringType, values)
}

// stringMap is a map of strings, empty (never null) for nil.
func stringMap(m map[string]string) types.Map {
	values := make(map[string]attr.Value, len(m))
	for k, v := range m {
		values[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, values)
}

// optionalInt is null for a number Cloudinary left out.
func optionalInt(v *int64) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(*v)
}
