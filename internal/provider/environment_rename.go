package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A product environment's cloud name can change in place
// (cloudinary_product_environment renames it), and the objects inside it
// name it by that cloud name. Replacing them when it changes would delete
// each object from an environment that no longer answers to the old name and
// then fail to create it where it still is. So the objects remember their
// environment's ID, which a rename keeps, in private state: a change of
// product_environment between two cloud names is planned in place when that
// ID is known, and the update goes through only if the new name is the same
// environment.

// environmentIDKey holds, in an object's private state, the ID of the
// product environment its product_environment named when it was last read
// or written.
const environmentIDKey = "product_environment_id"

// privateStateWriter is what the responses' Private offers.
type privateStateWriter interface {
	privateState
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// productEnvironmentPlanModifier replaces an object whose product
// environment changes, unless the change may be a rename (replaceUnlessRenamed).
func productEnvironmentPlanModifier() planmodifier.String {
	const description = "Changing it replaces the object, unless the object's product environment was renamed " +
		"(the same environment under another cloud name)."
	return stringplanmodifier.RequiresReplaceIf(replaceUnlessRenamed, description, description)
}

// replaceUnlessRenamed leaves the replacement out when the object moves
// between two named environments and the old one's ID is recorded: the
// plan cannot tell a rename in this apply from a move to an environment
// that this apply creates (neither new name exists yet), so Update tells
// them apart and refuses a move (sameEnvironmentAfterRename).
func replaceUnlessRenamed(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = req.StateValue.IsNull() || req.PlanValue.IsNull() || recordedEnvironmentID(ctx, req.Private) == ""
}

// recordedEnvironmentID is the environment ID that private state holds, or
// "" when it holds none.
func recordedEnvironmentID(ctx context.Context, private privateState) string {
	if private == nil {
		return ""
	}
	raw, diags := private.GetKey(ctx, environmentIDKey)
	var id string
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &id) != nil {
		return ""
	}
	return id
}

// recordEnvironmentID keeps in private state the ID of the object's named
// product environment; an object of the provider's own environment records
// none.
func (s *environmentScope) recordEnvironmentID(ctx context.Context, private privateStateWriter, env types.String, diags *diag.Diagnostics) {
	if private == nil || diags.HasError() {
		return
	}
	id := ""
	if known(env) && env.ValueString() != "" {
		var err error
		if id, err = s.root.environmentID(ctx, env.ValueString()); err != nil {
			return // the next read records it
		}
	}
	raw, _ := json.Marshal(id)
	diags.Append(private.SetKey(ctx, environmentIDKey, raw)...)
}

// sameEnvironmentAfterRename refuses an update that would move an object to
// another product environment: only a rename of its own environment is
// planned in place.
func (s *environmentScope) sameEnvironmentAfterRename(ctx context.Context, private privateState, before, after types.String, diags *diag.Diagnostics) bool {
	if before.Equal(after) {
		return true
	}
	recorded := recordedEnvironmentID(ctx, private)
	id, err := s.root.environmentID(ctx, after.ValueString())
	if err != nil {
		addEnvironmentError(diags, err)
		return false
	}
	if id == recorded {
		return true
	}
	diags.AddAttributeError(path.Root(productEnvironmentAttribute), "An object cannot move to another product environment",
		fmt.Sprintf("product_environment changes from %q to %q, which is another product environment, not a new name of "+
			"the same one. Objects cannot move between environments in place: replace it instead (terraform apply "+
			"-replace=ADDRESS), which deletes it from %q and creates it in %q.",
			before.ValueString(), after.ValueString(), before.ValueString(), after.ValueString()))
	return false
}

// environmentID is the ID of the account's product environment of that
// cloud name.
func (d *providerData) environmentID(ctx context.Context, cloudName string) (string, error) {
	if d.environments == nil {
		return "", noAccountCredentials()
	}
	return d.environments.id(ctx, cloudName)
}
