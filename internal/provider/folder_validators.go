package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
)

// folderPath is a folder path as Cloudinary takes it: segments joined by
// single slashes, without the characters it refuses in folder names.
const folderPath = `[^/?&#\\%<>+]+(/[^/?&#\\%<>+]+)*`

const folderPathRule = "must be a folder path without a leading or trailing slash, empty segments, or any of ? & # \\ % < > +"

var (
	// folderValidator is for attributes that name a folder.
	folderValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^`+folderPath+`$`), folderPathRule)
	// folderOrNoneValidator is for settings where an empty string means no
	// folder (the root): OpenTofu's generated configuration writes "" for an
	// optional string that an object does not have, where Terraform's leaves
	// the attribute out, and such a configuration must plan clean.
	folderOrNoneValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^(`+folderPath+`)?$`),
		folderPathRule+", or be empty for no folder")
)
