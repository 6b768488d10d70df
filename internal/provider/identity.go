package provider

import (
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A resource identity (Terraform 1.12 and later) names an object the way
// Cloudinary does: import blocks may give it instead of an import ID, and
// list resources (Terraform 1.14) report it for each object they find. Every
// identity here is made of strings, all needed to import.

// identityAttribute is one part of an identity: its name and what it is.
type identityAttribute struct{ name, description string }

// identitySchema is an identity of string parts, all required to import.
func identitySchema(parts ...identityAttribute) identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(parts))
	for _, p := range parts {
		attrs[p.name] = identityschema.StringAttribute{RequiredForImport: true, Description: p.description}
	}
	return identityschema.Schema{Attributes: attrs}
}

// setIdentity records the parts of an identity; identity is nil when
// Terraform is older than identities, and then there is nothing to record.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, parts map[string]string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	var diags diag.Diagnostics
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		diags.Append(identity.SetAttribute(ctx, path.Root(name), parts[name])...)
	}
	return diags
}

// identityParts reads the parts of an identity that an import block gave.
func identityParts(ctx context.Context, identity *tfsdk.ResourceIdentity, names ...string) (map[string]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := make(map[string]string, len(names))
	for _, name := range names {
		var v types.String
		diags.Append(identity.GetAttribute(ctx, path.Root(name), &v)...)
		if v.ValueString() == "" && !diags.HasError() {
			diags.AddAttributeError(path.Root(name), "Incomplete identity", "The import identity must give "+name+".")
		}
		out[name] = v.ValueString()
	}
	return out, diags
}

// importByNaturalKey imports a resource whose import ID is its natural key
// and whose identity is that key alone: an import ID or an identity goes to
// id and to the key attribute, and to the identity.
func importByNaturalKey(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, key string) {
	id := req.ID
	if id == "" && req.Identity != nil {
		parts, diags := identityParts(ctx, req.Identity, key)
		resp.Diagnostics.Append(diags...)
		id = parts[key]
	}
	if id == "" {
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.AddError("Missing import ID", "The import ID is the object's "+key+".")
		}
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(key), id)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, map[string]string{key: id})...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte(`true`))...)
}
