package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// jsonValidator checks that a string attribute holds JSON of one of the
// given kinds ("object", "array", "boolean", "string" or "number"), so that
// a typo is refused at plan time rather than by Cloudinary at apply.
type jsonValidator struct{ kinds []string }

func jsonOf(kinds ...string) jsonValidator { return jsonValidator{kinds: kinds} }

func (v jsonValidator) Description(context.Context) string {
	return "must be JSON: " + v.kindList() + " (write it with jsonencode)"
}

func (v jsonValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonValidator) kindList() string {
	names := make([]string, len(v.kinds))
	for i, k := range v.kinds {
		names[i] = "an " + k
		if !strings.ContainsAny(k[:1], "aeiou") {
			names[i] = "a " + k
		}
	}
	return strings.Join(names, " or ")
}

func (v jsonValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var doc any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &doc); err != nil {
		addAttributeError(&resp.Diagnostics, req.Path, "Invalid JSON",
			fmt.Sprintf("The value is not JSON (%v); write it with jsonencode(...).", err))
		return
	}
	if kind := jsonKind(doc); !slices.Contains(v.kinds, kind) {
		addAttributeError(&resp.Diagnostics, req.Path, "Invalid JSON",
			fmt.Sprintf("The value must be %s, not %s.", v.kindList(), jsonValidator{kinds: []string{kind}}.kindList()))
	}
}

// jsonKind names the kind of a decoded JSON value.
func jsonKind(doc any) string {
	switch doc.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case bool:
		return "boolean"
	case string:
		return "string"
	case nil:
		return "null"
	}
	return "number"
}

// jsonObjectValidator checks that a value is a JSON object.
type jsonObjectValidator struct{}

func (jsonObjectValidator) Description(context.Context) string { return "must be a JSON object" }

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &obj); err != nil || obj == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Not a JSON object",
			"The value must be a JSON object, such as jsonencode({ ... }).")
	}
}
