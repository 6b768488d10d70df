package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// addAttributeError adds an error about the value at a path. Terraform
// quotes the configuration line of a top-level attribute but never shows the
// rest of a path, so an error about a nested value (a list element, a map
// value, an attribute of a nested object) names its whole path in the
// detail, as the framework's own validators do:
// "Attribute representations[1].transformation: ...".
func addAttributeError(diags *diag.Diagnostics, at path.Path, summary, detail string) {
	if len(at.Steps()) > 1 {
		detail = "Attribute " + at.String() + ": " + detail
	}
	diags.AddAttributeError(at, summary, detail)
}
