package emulator

import "slices"

// The fields parameter of search and of the listings names the asset
// attributes an answer keeps (the OpenAPI's fields parameter and
// search_parameters.fields; cloudinary-go TestSearch_SearchQuery and
// TestAssets_AssetsFields ask for tags and secure_url and find no url).

var (
	// listingFieldsAlways are kept in a listing whatever fields says (the
	// OpenAPI's fields parameter: "public_id and asset_id are always
	// included").
	listingFieldsAlways = []string{"public_id", "asset_id"}
	// searchFieldsAlways are kept in search results whatever fields says
	// (the OpenAPI's search_parameters.fields).
	searchFieldsAlways = []string{"public_id", "asset_id", "asset_folder", "created_at", "status", "type", "resource_type"}
)

// withFields adds to a view the optional parts that fields names, which
// fields asks for without their own flags ("it takes precedence over
// with_field").
func (v assetView) withFields(fields []string) assetView {
	v.tags = v.tags || slices.Contains(fields, "tags")
	v.context = v.context || slices.Contains(fields, "context")
	v.metadata = v.metadata || slices.Contains(fields, "metadata")
	return v
}

// onlyFields keeps of an asset's JSON the fields asked for and those always
// kept; without fields it keeps everything.
func onlyFields(item map[string]any, fields, always []string) map[string]any {
	if len(fields) == 0 {
		return item
	}
	for k := range item {
		if !slices.Contains(fields, k) && !slices.Contains(always, k) {
			delete(item, k)
		}
	}
	return item
}
