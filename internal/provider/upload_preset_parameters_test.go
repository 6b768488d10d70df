package provider

import "testing"

// sdkUploadParameters are the upload parameters that Cloudinary's official
// SDKs send, as the names each SDK's source lists (data copied from the
// SDKs, not their code). A preset takes upload parameters, so each is a
// typed setting, one of the preset's own attributes, or a parameter that a
// preset cannot hold (notPresetSettings, with the reason).
var sdkUploadParameters = map[string][]string{
	// cloudinary-go: the JSON names of api/uploader UploadParams, which
	// api/admin CreateUploadPresetParams embeds beside name, unsigned,
	// disallow_public_id and live.
	"cloudinary-go": {
		"public_id", "public_id_prefix", "public_ids", "use_filename", "unique_filename", "use_filename_as_display_name",
		"filename_override", "display_name", "unique_display_name", "folder", "asset_folder",
		"use_asset_folder_as_public_id_prefix", "overwrite", "resource_type", "type", "tags", "context", "metadata",
		"transformation", "format", "allowed_formats", "eager", "responsive_breakpoints", "access_control", "eval",
		"on_success", "async", "eager_async", "unsigned", "proxy", "headers", "callback", "notification_url",
		"eager_notification_url", "faces", "image_metadata", "media_metadata", "exif", "colors", "phash",
		"face_coordinates", "custom_coordinates", "backup", "return_delete_token", "invalidate", "discard_original_filename",
		"moderation", "upload_preset", "raw_convert", "categorization", "visual_search", "auto_tagging",
		"background_removal", "detection", "ocr", "timestamp", "quality_analysis", "accessibility_analysis",
		"cinemagraph_analysis", "auto_chaptering", "auto_transcription", "auto_video_details",
		"name", "disallow_public_id", "live",
	},
	// pycloudinary: cloudinary/utils.py __SIMPLE_UPLOAD_PARAMS and
	// __SERIALIZED_UPLOAD_PARAMS (what build_upload_params sends), and the
	// parameters of cloudinary/api.py create_upload_preset beyond them.
	"pycloudinary": {
		"public_id", "public_id_prefix", "callback", "format", "type", "backup", "faces", "image_metadata", "media_metadata",
		"exif", "colors", "use_filename", "unique_filename", "display_name", "use_filename_as_display_name",
		"discard_original_filename", "filename_override", "invalidate", "notification_url", "eager_notification_url",
		"eager_async", "eval", "on_success", "proxy", "folder", "asset_folder", "use_asset_folder_as_public_id_prefix",
		"unique_display_name", "overwrite", "moderation", "raw_convert", "quality_override", "quality_analysis", "ocr",
		"categorization", "detection", "similarity_search", "visual_search", "background_removal", "upload_preset", "phash",
		"return_delete_token", "auto_tagging", "async", "cinemagraph_analysis", "accessibility_analysis", "auto_chaptering",
		"batch_id",
		"timestamp", "transformation", "headers", "eager", "tags", "allowed_formats", "face_coordinates",
		"custom_coordinates", "regions", "context", "responsive_breakpoints", "access_control", "metadata",
		"auto_transcription",
		"unsigned", "disallow_public_id", "name", "live",
	},
	// cloudinary_npm: lib/utils/index.js build_upload_params and the
	// updateable_resource_params it adds, the parameters of lib/api.js
	// create_upload_preset beyond them, and types/index.d.ts
	// UploadApiOptions.
	"cloudinary_npm": {
		"access_mode", "allowed_formats", "asset_folder", "async", "backup", "callback", "cinemagraph_analysis", "colors",
		"display_name", "discard_original_filename", "eager", "eager_async", "eager_notification_url", "eval", "exif",
		"faces", "folder", "format", "filename_override", "image_metadata", "media_metadata", "invalidate",
		"clear_invalid", "moderation", "notification_url", "overwrite", "phash", "proxy", "public_id", "public_id_prefix",
		"quality_analysis", "responsive_breakpoints", "return_delete_token", "timestamp", "transformation", "type",
		"unique_filename", "upload_preset", "use_filename", "use_filename_as_display_name", "quality_override",
		"accessibility_analysis", "use_asset_folder_as_public_id_prefix", "visual_search", "on_success",
		"auto_transcription", "auto_chaptering",
		"access_control", "auto_tagging", "background_removal", "categorization", "context", "metadata",
		"custom_coordinates", "detection", "face_coordinates", "headers", "ocr", "raw_convert", "similarity_search",
		"tags", "unique_display_name", "regions",
		"name", "unsigned", "disallow_public_id", "live",
		"resource_type", "chunk_size", "disable_promises", "oauth_token",
	},
}

// presetAttributes are the preset's own attributes that are not settings.
var presetAttributes = map[string]bool{"name": true, "unsigned": true}

func TestUnitPresetHoldsEveryParameterTheSDKsSend(t *testing.T) {
	for sdk, parameters := range sdkUploadParameters {
		for _, p := range parameters {
			if !isTypedSetting(p) && !presetAttributes[p] && notPresetSettings[p] == "" {
				t.Errorf("%s sends %q: it is neither a typed preset setting nor in notPresetSettings (with the reason a preset cannot hold it)", sdk, p)
			}
		}
	}
	for p := range notPresetSettings {
		if isTypedSetting(p) || presetAttributes[p] {
			t.Errorf("%q is a preset setting and also in notPresetSettings", p)
		}
	}
}
