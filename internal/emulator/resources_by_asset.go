package emulator

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
)

// The Admin API's ways to name assets other than by public ID: by their
// immutable asset IDs and by asset folder, and the resource types in use.

// assetIDPattern is what an asset ID looks like: 32 lower-case hex digits
// (the OpenAPI's asset_id examples, cloudinary-go's test asset IDs).
var assetIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// resourceTypesInUse serves GET /resources: the resource types of the assets
// in the account (the OpenAPI's listResourceTypes and resource_types_response;
// pycloudinary test01_resource_types, cloudinary-go TestAssets_AssetTypes).
func (e *Emulator) resourceTypesInUse(*http.Request) (any, *apiError) {
	seen := map[string]bool{}
	for _, a := range e.store.assets {
		seen[a.key.resourceType] = true
	}
	return map[string]any{"resource_types": nonNil(slices.Sorted(maps.Keys(seen)))}, nil
}

// listOrGetByAssetID serves GET /resources/{x}: a listing when x is a
// resource type, an asset's details when x is an asset ID (the OpenAPI's
// /resources/{asset_id}, pycloudinary resource_by_asset_id, cloudinary-go
// AssetByAssetID).
func (e *Emulator) listOrGetByAssetID(r *http.Request, p *params) (any, *apiError) {
	id := r.PathValue("resource_type")
	if slices.Contains(resourceTypes, id) || !assetIDPattern.MatchString(id) {
		return e.listResources(r, p)
	}
	limit, err := p.intParam("max_results", 10, 100)
	if err != nil {
		return nil, err
	}
	// Like the details by public ID, a deleted asset's placeholder answers.
	for _, set := range []map[assetKey]*asset{e.store.assets, e.store.placeholders} {
		for _, a := range set {
			if a.assetID == id {
				return e.assetDetails(a, p.get("derived_next_cursor"), limit), nil
			}
		}
	}
	return nil, errNotFound("Resource not found - " + id)
}

// listByAssetIDs serves GET /resources/by_asset_ids: up to 100 live assets
// by asset ID, of any resource type unless one is given (the OpenAPI's
// listResourcesByAssetIDs; pycloudinary resources_by_asset_ids, which
// says deleted assets are left out even if backed up).
func (e *Emulator) listByAssetIDs(_ *http.Request, p *params) (any, *apiError) {
	ids := p.rawList("asset_ids")
	switch {
	case len(ids) == 0:
		return nil, errBadRequest("Missing required parameter - asset_ids")
	case len(ids) > 100:
		return nil, errBadRequest("Too many asset_ids: at most 100")
	}
	f := listFilter{resourceType: p.get("resource_type"), match: func(a *asset) bool { return slices.Contains(ids, a.assetID) }}
	return e.assetList(p, f, len(ids))
}

// listByAssetFolder serves GET /resources/by_asset_folder: the live assets
// in one asset folder, not its sub-folders (the OpenAPI's
// listResourcesByAssetFolder, which answers 404 for a folder that does not
// exist; cloudinary-go TestAssets_AssetsByAssetFolder).
func (e *Emulator) listByAssetFolder(_ *http.Request, p *params) (any, *apiError) {
	folder := p.get("asset_folder")
	if !p.has("asset_folder") {
		return nil, errBadRequest("Missing required parameter - asset_folder")
	}
	if _, exists := e.store.folderPaths()[folder]; folder != "" && !exists {
		return nil, errNotFound("Can't find folder with path " + folder)
	}
	f := listFilter{resourceType: p.get("resource_type"), match: func(a *asset) bool { return a.assetFolder == folder }}
	return e.assetList(p, f, listingPageSize)
}
