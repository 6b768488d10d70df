package emulator

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// routes registers the Admin and Upload API routes (cloud-relative) and the
// control API.
func (e *Emulator) routes() {
	admin := e.adminRoute
	admin("GET /ping", pathCall(e, e.ping))
	admin("GET /config", formCall(e, e.config))
	admin("GET /usage", pathCall(e, e.usage))
	admin("GET /usage/{date}", pathCall(e, e.usage))

	admin("GET /upload_presets", formCall(e, e.listPresets))
	admin("POST /upload_presets", formCall(e, e.createPreset))
	admin("GET /upload_presets/{name}", pathCall(e, e.getPreset))
	admin("PUT /upload_presets/{name}", formCall(e, e.updatePreset))
	admin("DELETE /upload_presets/{name}", pathCall(e, e.deletePreset))

	admin("GET /upload_mappings", formCall(e, e.listMappings))
	admin("POST /upload_mappings", formCall(e, e.createMapping))
	admin("PUT /upload_mappings", formCall(e, e.updateMapping))
	admin("DELETE /upload_mappings", formCall(e, e.deleteMapping))
	admin("GET /upload_mappings/{folder...}", pathCall(e, e.getMapping))
	admin("DELETE /upload_mappings/{folder...}", formCall(e, e.deleteMapping))

	admin("GET /transformations", formCall(e, e.listTransformations))
	admin("POST /transformations", formCall(e, e.createTransformation))
	admin("PUT /transformations", formCall(e, e.updateTransformation))
	admin("DELETE /transformations", formCall(e, e.deleteTransformation))
	admin("GET /transformations/{name...}", formCall(e, e.getTransformation))
	admin("POST /transformations/{name...}", formCall(e, e.createTransformation))
	admin("PUT /transformations/{name...}", formCall(e, e.updateTransformation))
	admin("DELETE /transformations/{name...}", formCall(e, e.deleteTransformation))

	admin("GET /streaming_profiles", pathCall(e, e.listProfiles))
	admin("POST /streaming_profiles", formCall(e, e.createProfile))
	admin("PUT /streaming_profiles", formCall(e, e.updateProfile))
	admin("DELETE /streaming_profiles", formCall(e, e.deleteProfile))
	admin("GET /streaming_profiles/{name}", pathCall(e, e.getProfile))
	admin("PUT /streaming_profiles/{name}", formCall(e, e.updateProfile))
	admin("DELETE /streaming_profiles/{name}", formCall(e, e.deleteProfile))

	admin("GET /folders", formCall(e, e.listFolders))
	admin("GET /folders/search", formCall(e, e.searchFolders))
	admin("POST /folders/search", formCall(e, e.searchFolders))
	admin("GET /folders/{path...}", formCall(e, e.listFolders))
	admin("POST /folders/{path...}", pathCall(e, e.createFolder))
	admin("PUT /folders/{path...}", formCall(e, e.renameFolder))
	admin("DELETE /folders/{path...}", pathCall(e, e.deleteFolder))

	admin("GET /tags/{resource_type}", formCall(e, scoped(e.listTags)))

	admin("GET /metadata_fields", jsonCall(e, e.listMetadataFields))
	admin("POST /metadata_fields", jsonCall(e, e.createMetadataField))
	admin("PUT /metadata_fields/order", jsonCall(e, e.orderMetadataFields))
	admin("GET /metadata_fields/{external_id}", jsonCall(e, e.getMetadataField))
	admin("PUT /metadata_fields/{external_id}", jsonCall(e, e.updateMetadataField))
	admin("DELETE /metadata_fields/{external_id}", jsonCall(e, e.deleteMetadataField))
	admin("PUT /metadata_fields/{external_id}/reorder", jsonCall(e, e.reorderMetadataField))
	admin("PUT /metadata_fields/{external_id}/datasource", jsonCall(e, e.updateDatasource))
	admin("DELETE /metadata_fields/{external_id}/datasource", jsonCall(e, e.setEntriesActive(false)))
	admin("POST /metadata_fields/{external_id}/datasource_restore", jsonCall(e, e.setEntriesActive(true)))
	admin("POST /metadata_fields/{external_id}/datasource/order", jsonCall(e, e.orderDatasource))
	admin("PUT /metadata_fields/{external_id}/datasource/order", jsonCall(e, e.orderDatasource))

	admin("GET /metadata_rules", jsonCall(e, e.listMetadataRules))
	admin("POST /metadata_rules", jsonCall(e, e.createMetadataRule))
	admin("PUT /metadata_rules/{external_id}", jsonCall(e, e.updateMetadataRule))
	admin("DELETE /metadata_rules/{external_id}", jsonCall(e, e.deleteMetadataRule))

	admin("GET /triggers", formCall(e, e.listTriggers))
	admin("POST /triggers", formCall(e, e.createTrigger))
	admin("PUT /triggers/{id}", formCall(e, e.updateTrigger))
	admin("DELETE /triggers/{id}", formCall(e, e.deleteTrigger))
	admin("POST /triggers/{id}/test", formCall(e, e.testTrigger))

	admin("GET /resources", pathCall(e, e.resourceTypesInUse))
	admin("GET /resources/search", formCall(e, e.search))
	admin("POST /resources/search", formCall(e, e.search))
	admin("GET /resources/by_asset_ids", formCall(e, e.listByAssetIDs))
	admin("GET /resources/by_asset_folder", formCall(e, e.listByAssetFolder))
	admin("GET /resources/{resource_type}", formCall(e, e.listOrGetByAssetID))
	admin("GET /resources/{resource_type}/{type}", formCall(e, e.listResources))
	admin("GET /resources/{resource_type}/tags/{tag}", formCall(e, scoped(e.listResourcesByTag)))
	admin("GET /resources/{resource_type}/context", formCall(e, scoped(e.listResourcesByContext)))
	admin("GET /resources/{resource_type}/moderations/{kind}/{status}", formCall(e, scoped(e.listResourcesByModeration)))
	admin("GET /resources/{resource_type}/{type}/{public_id...}", formCall(e, e.getResource))
	admin("POST /resources/{resource_type}/{type}/{public_id...}", formCall(e, e.updateResource))
	admin("DELETE /resources/{resource_type}/{type}", formCall(e, scoped(e.deleteResources)))
	admin("DELETE /resources/{resource_type}/tags/{tag}", formCall(e, scoped(e.deleteResourcesByTag)))
	admin("POST /resources/{resource_type}/{type}/restore", formCall(e, scoped(e.restoreResources)))
	admin("POST /resources/{resource_type}/upload/update_access_mode", formCall(e, scoped(e.updateAccessMode)))
	admin("DELETE /derived_resources", formCall(e, e.deleteDerivedResources))

	upload := e.upload.HandleFunc
	upload("POST /upload", e.uploadFile)
	upload("POST /{resource_type}/upload", e.uploadFile)
	upload("POST /{resource_type}/explicit", formCall(e, signed(e, e.explicit)))
	upload("POST /{resource_type}/rename", formCall(e, signed(e, e.rename)))
	upload("POST /{resource_type}/destroy", formCall(e, signed(e, e.destroy)))
	upload("POST /{resource_type}/tags", formCall(e, signed(e, e.tags)))
	upload("POST /{resource_type}/metadata", formCall(e, signed(e, e.updateMetadata)))
	upload("POST /{resource_type}/context", formCall(e, signed(e, e.contextCommand)))

	e.controlRoutes()
}

// adminRoute registers an Admin API route, and the first segment of its path
// as an Admin API root: ServeHTTP sends every request under a root through
// Basic auth and the rate limit to the Admin routes, and any other to the
// Upload API's.
func (e *Emulator) adminRoute(pattern string, handler http.HandlerFunc) {
	e.admin.HandleFunc(pattern, handler)
	_, path, _ := strings.Cut(pattern, " ")
	e.adminRoots[rootOf(path)] = true
}

// pageNotFound answers a path that the API does not serve as Cloudinary's
// API host does: 404 with an HTML page, not the JSON error body that says an
// object does not exist, and never a redirect. Users of three SDKs met it on
// clouds that do not serve resources/by_asset_folder (pycloudinary#386: a
// 404 whose body starts "<!DOCTYPE html>"; cloudinary_npm#667: "page not
// found"; CloudinaryDotNet#327: JSON parse error at "<"). So a client that
// calls a wrong path can tell it from an object that is gone.
func pageNotFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang='en'><head><title>Page not found</title></head>"+
		"<body><h1>404</h1><p>No page at %s.</p></body></html>\n", html.EscapeString(r.URL.Path))
}

// serveRoute dispatches a cloud-relative request to a mux, except one that
// the mux would answer with a redirect: ServeMux sends a path such as
// POST /folders, which only a pattern with a trailing wildcard matches, to
// /folders/, a URL without the cloud prefix. Cloudinary never redirects an
// API call; such a path is one it does not serve.
func serveRoute(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	// Every route, the catch-all included, is registered with HandleFunc:
	// any other handler is one the mux made itself, for a redirect.
	if h, _ := mux.Handler(r); !isRegistered(h) {
		pageNotFound(w, r)
		return
	}
	mux.ServeHTTP(w, r)
}

func isRegistered(h http.Handler) bool {
	_, ok := h.(http.HandlerFunc)
	return ok
}

func (e *Emulator) controlRoutes() {
	e.admin.HandleFunc("/", pageNotFound)
	e.upload.HandleFunc("/", pageNotFound)
	c := e.control
	c.HandleFunc("GET /_emulator/counters", e.getCounters)
	c.HandleFunc("DELETE /_emulator/counters", func(w http.ResponseWriter, _ *http.Request) {
		e.counters.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	c.HandleFunc("POST /_emulator/faults", e.addFault)
	c.HandleFunc("DELETE /_emulator/faults", func(w http.ResponseWriter, _ *http.Request) {
		e.faults.Clear()
		w.WriteHeader(http.StatusNoContent)
	})
	c.HandleFunc("PUT /_emulator/rate_limit", e.setRateLimit)
	c.HandleFunc("GET /_emulator/latency", e.getLatency)
	c.HandleFunc("PUT /_emulator/latency", e.setLatency)
	c.HandleFunc("PUT /_emulator/usage", e.setUsage)
	c.HandleFunc("PUT /_emulator/provisioning", e.setProvisioning)
	c.HandleFunc("POST /_emulator/provisioning/users/{id}/login", e.markLoggedIn)
	c.HandleFunc("POST /_emulator/reset", func(w http.ResponseWriter, _ *http.Request) {
		e.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
}
