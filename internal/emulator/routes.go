package emulator

import (
	"fmt"
	"html"
	"net/http"
)

// routes registers the Admin and Upload API routes (cloud-relative) and the
// control API.
func (e *Emulator) routes() {
	a := e.admin
	a.HandleFunc("GET /ping", pathCall(e, e.ping))
	a.HandleFunc("GET /config", formCall(e, e.config))
	a.HandleFunc("GET /usage", pathCall(e, e.usage))
	a.HandleFunc("GET /usage/{date}", pathCall(e, e.usage))

	a.HandleFunc("GET /upload_presets", formCall(e, e.listPresets))
	a.HandleFunc("POST /upload_presets", formCall(e, e.createPreset))
	a.HandleFunc("GET /upload_presets/{name}", pathCall(e, e.getPreset))
	a.HandleFunc("PUT /upload_presets/{name}", formCall(e, e.updatePreset))
	a.HandleFunc("DELETE /upload_presets/{name}", pathCall(e, e.deletePreset))

	a.HandleFunc("GET /upload_mappings", formCall(e, e.listMappings))
	a.HandleFunc("POST /upload_mappings", formCall(e, e.createMapping))
	a.HandleFunc("PUT /upload_mappings", formCall(e, e.updateMapping))
	a.HandleFunc("DELETE /upload_mappings", formCall(e, e.deleteMapping))
	a.HandleFunc("GET /upload_mappings/{folder...}", pathCall(e, e.getMapping))
	a.HandleFunc("DELETE /upload_mappings/{folder...}", formCall(e, e.deleteMapping))

	a.HandleFunc("GET /transformations", formCall(e, e.listTransformations))
	a.HandleFunc("POST /transformations", formCall(e, e.createTransformation))
	a.HandleFunc("PUT /transformations", formCall(e, e.updateTransformation))
	a.HandleFunc("DELETE /transformations", formCall(e, e.deleteTransformation))
	a.HandleFunc("GET /transformations/{name...}", formCall(e, e.getTransformation))
	a.HandleFunc("POST /transformations/{name...}", formCall(e, e.createTransformation))
	a.HandleFunc("PUT /transformations/{name...}", formCall(e, e.updateTransformation))
	a.HandleFunc("DELETE /transformations/{name...}", formCall(e, e.deleteTransformation))

	a.HandleFunc("GET /streaming_profiles", pathCall(e, e.listProfiles))
	a.HandleFunc("POST /streaming_profiles", formCall(e, e.createProfile))
	a.HandleFunc("PUT /streaming_profiles", formCall(e, e.updateProfile))
	a.HandleFunc("DELETE /streaming_profiles", formCall(e, e.deleteProfile))
	a.HandleFunc("GET /streaming_profiles/{name}", pathCall(e, e.getProfile))
	a.HandleFunc("PUT /streaming_profiles/{name}", formCall(e, e.updateProfile))
	a.HandleFunc("DELETE /streaming_profiles/{name}", formCall(e, e.deleteProfile))

	a.HandleFunc("GET /folders", formCall(e, e.listFolders))
	a.HandleFunc("GET /folders/search", formCall(e, e.searchFolders))
	a.HandleFunc("POST /folders/search", formCall(e, e.searchFolders))
	a.HandleFunc("GET /folders/{path...}", formCall(e, e.listFolders))
	a.HandleFunc("POST /folders/{path...}", pathCall(e, e.createFolder))
	a.HandleFunc("PUT /folders/{path...}", formCall(e, e.renameFolder))
	a.HandleFunc("DELETE /folders/{path...}", pathCall(e, e.deleteFolder))

	a.HandleFunc("GET /tags/{resource_type}", formCall(e, scoped(e.listTags)))

	a.HandleFunc("GET /metadata_fields", jsonCall(e, e.listMetadataFields))
	a.HandleFunc("POST /metadata_fields", jsonCall(e, e.createMetadataField))
	a.HandleFunc("PUT /metadata_fields/order", jsonCall(e, e.orderMetadataFields))
	a.HandleFunc("GET /metadata_fields/{external_id}", jsonCall(e, e.getMetadataField))
	a.HandleFunc("PUT /metadata_fields/{external_id}", jsonCall(e, e.updateMetadataField))
	a.HandleFunc("DELETE /metadata_fields/{external_id}", jsonCall(e, e.deleteMetadataField))
	a.HandleFunc("PUT /metadata_fields/{external_id}/reorder", jsonCall(e, e.reorderMetadataField))
	a.HandleFunc("PUT /metadata_fields/{external_id}/datasource", jsonCall(e, e.updateDatasource))
	a.HandleFunc("DELETE /metadata_fields/{external_id}/datasource", jsonCall(e, e.setEntriesActive(false)))
	a.HandleFunc("POST /metadata_fields/{external_id}/datasource_restore", jsonCall(e, e.setEntriesActive(true)))
	a.HandleFunc("POST /metadata_fields/{external_id}/datasource/order", jsonCall(e, e.orderDatasource))
	a.HandleFunc("PUT /metadata_fields/{external_id}/datasource/order", jsonCall(e, e.orderDatasource))

	a.HandleFunc("GET /metadata_rules", jsonCall(e, e.listMetadataRules))
	a.HandleFunc("POST /metadata_rules", jsonCall(e, e.createMetadataRule))
	a.HandleFunc("PUT /metadata_rules/{external_id}", jsonCall(e, e.updateMetadataRule))
	a.HandleFunc("DELETE /metadata_rules/{external_id}", jsonCall(e, e.deleteMetadataRule))

	a.HandleFunc("GET /triggers", formCall(e, e.listTriggers))
	a.HandleFunc("POST /triggers", formCall(e, e.createTrigger))
	a.HandleFunc("PUT /triggers/{id}", formCall(e, e.updateTrigger))
	a.HandleFunc("DELETE /triggers/{id}", formCall(e, e.deleteTrigger))
	a.HandleFunc("POST /triggers/{id}/test", formCall(e, e.testTrigger))

	a.HandleFunc("GET /resources", pathCall(e, e.resourceTypesInUse))
	a.HandleFunc("GET /resources/search", formCall(e, e.search))
	a.HandleFunc("POST /resources/search", formCall(e, e.search))
	a.HandleFunc("GET /resources/by_asset_ids", formCall(e, e.listByAssetIDs))
	a.HandleFunc("GET /resources/by_asset_folder", formCall(e, e.listByAssetFolder))
	a.HandleFunc("GET /resources/{resource_type}", formCall(e, e.listOrGetByAssetID))
	a.HandleFunc("GET /resources/{resource_type}/{type}", formCall(e, e.listResources))
	a.HandleFunc("GET /resources/{resource_type}/tags/{tag}", formCall(e, scoped(e.listResourcesByTag)))
	a.HandleFunc("GET /resources/{resource_type}/context", formCall(e, scoped(e.listResourcesByContext)))
	a.HandleFunc("GET /resources/{resource_type}/moderations/{kind}/{status}", formCall(e, scoped(e.listResourcesByModeration)))
	a.HandleFunc("GET /resources/{resource_type}/{type}/{public_id...}", formCall(e, e.getResource))
	a.HandleFunc("POST /resources/{resource_type}/{type}/{public_id...}", formCall(e, e.updateResource))
	a.HandleFunc("DELETE /resources/{resource_type}/{type}", formCall(e, scoped(e.deleteResources)))
	a.HandleFunc("DELETE /resources/{resource_type}/tags/{tag}", formCall(e, scoped(e.deleteResourcesByTag)))
	a.HandleFunc("POST /resources/{resource_type}/{type}/restore", formCall(e, scoped(e.restoreResources)))
	a.HandleFunc("POST /resources/{resource_type}/upload/update_access_mode", formCall(e, scoped(e.updateAccessMode)))
	a.HandleFunc("DELETE /derived_resources", formCall(e, e.deleteDerivedResources))

	u := e.upload
	u.HandleFunc("POST /upload", e.uploadFile)
	u.HandleFunc("POST /{resource_type}/upload", e.uploadFile)
	u.HandleFunc("POST /{resource_type}/explicit", formCall(e, signed(e, e.explicit)))
	u.HandleFunc("POST /{resource_type}/rename", formCall(e, signed(e, e.rename)))
	u.HandleFunc("POST /{resource_type}/destroy", formCall(e, signed(e, e.destroy)))
	u.HandleFunc("POST /{resource_type}/tags", formCall(e, signed(e, e.tags)))
	u.HandleFunc("POST /{resource_type}/metadata", formCall(e, signed(e, e.updateMetadata)))
	u.HandleFunc("POST /{resource_type}/context", formCall(e, signed(e, e.contextCommand)))

	e.controlRoutes()
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
	c.HandleFunc("PUT /_emulator/usage", e.setUsage)
	c.HandleFunc("POST /_emulator/reset", func(w http.ResponseWriter, _ *http.Request) {
		e.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
}
