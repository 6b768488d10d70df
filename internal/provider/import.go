package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// importedKey marks, in private state, a resource that was just imported:
// its first read then adopts settings that the configuration may name.
const importedKey = "imported"

// privateState is what ReadRequest.Private offers.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func wasImported(ctx context.Context, private privateState) (bool, diag.Diagnostics) {
	if private == nil {
		return false, nil
	}
	v, diags := private.GetKey(ctx, importedKey)
	return len(v) > 0, diags
}

// importByNaturalKey imports a resource whose ID is its natural key: the ID
// goes to both id and the key attribute.
func importByNaturalKey(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, key string) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Missing import ID", "The import ID is the object's "+key+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(key), req.ID)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte(`true`))...)
}
