package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
