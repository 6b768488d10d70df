package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Validators of values that several resources, data sources and list
// resources take: folder paths, URLs, names and public IDs.

var (
	absoluteURL  = regexp.MustCompile(`^https?://[^\s/]+(/\S*)?$`)
	urlValidator = stringvalidator.RegexMatches(absoluteURL, "must be an absolute http:// or https:// URL")
)

// folderPathPattern matches a folder path as Cloudinary takes it: segments
// joined by single slashes, without the characters it refuses in folder
// names.
const folderPathPattern = `[^/?&#\\%<>+]+(/[^/?&#\\%<>+]+)*`

const folderPathRule = "must be a folder path without a leading or trailing slash, empty segments, or any of ? & # \\ % < > +"

var (
	// folderValidator is for attributes that name a folder.
	folderValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^`+folderPathPattern+`$`), folderPathRule)
	// folderOrNoneValidator is for settings where an empty string means no
	// folder (the root): OpenTofu's generated configuration writes "" for an
	// optional string that an object does not have, where Terraform's leaves
	// the attribute out, and such a configuration must plan clean.
	folderOrNoneValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^(`+folderPathPattern+`)?$`),
		folderPathRule+", or be empty for no folder")
)

// namePattern is what the names of upload presets, named transformations
// and streaming profiles may hold.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9_\-]+$`)

// nameValidators check such a name: 1 to 255 letters, digits, _ and -, and
// whatever else the resource type asks.
func nameValidators(more ...validator.String) []validator.String {
	return append([]validator.String{
		stringvalidator.LengthBetween(1, 255),
		stringvalidator.RegexMatches(namePattern, "must contain only letters, digits, _ and -"),
	}, more...)
}

// publicIDPattern holds what the Upload API reference allows in a public ID;
// publicIDSegments what a path can address: no empty, "." or ".." segments
// (a URL path collapses them) and no control characters.
var (
	publicIDPattern  = regexp.MustCompile(`^[^/\s?&#\\%<>+](?:[^?&#\\%<>+]*[^/\s?&#\\%<>+])?$`)
	publicIDSegments = regexp.MustCompile(`^` + segmentPattern + `(?:/` + segmentPattern + `)*$`)
	segmentPattern   = `(?:[^/.\x00-\x1f\x7f][^/\x00-\x1f\x7f]*|\.[^/.\x00-\x1f\x7f][^/\x00-\x1f\x7f]*|\.\.[^/\x00-\x1f\x7f]+)`
)

// publicIDValidators check a public ID, of an asset or of a preset's
// uploads, against those rules.
var publicIDValidators = []validator.String{
	stringvalidator.LengthBetween(1, 255),
	stringvalidator.RegexMatches(publicIDPattern, "must not begin or end with a slash or a space, nor contain any of ? & # \\ % < > +"),
	stringvalidator.RegexMatches(publicIDSegments, `must not have empty, "." or ".." path segments, nor control characters`),
}
