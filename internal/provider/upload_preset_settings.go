package provider

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// settingKind is how an upload parameter is typed in HCL and written in the
// string form the Admin API takes.
type settingKind int

const (
	kindString         settingKind = iota
	kindBool                       // "true"/"false"
	kindFloat                      // "0.5"
	kindNameSet                    // "a,b" ↔ set of strings
	kindContext                    // "k=v|k2=v2" ↔ map of strings (of values under a spelling, for metadata)
	kindTransformation             // "c_fill,w_100" compared semantically
	kindEager                      // "c_fill,w_100|w_50" ↔ list of transformations
	kindSpelled                    // a string compared under its spelling (lists, headers, JSON)
	kindCoordinates                // "x,y,w,h|x,y,w,h" ↔ list of [x, y, width, height] rectangles
)

// presetSetting describes one typed upload parameter of a preset.
type presetSetting struct {
	name        string
	kind        settingKind
	spelling    spelling // for kindSpelled, and kindContext's values
	description string
	validators  []validator.String // for kindString and kindSpelled
}

var (
	formatPattern     = regexp.MustCompile(`^[A-Za-z0-9]{1,10}$`)
	moderationKind    = `(manual|webpurify|aws_rek|aws_rek_video|google_video_moderation|perception_point|duplicate:(0(\.\d+)?|1(\.0+)?))`
	moderationPattern = regexp.MustCompile(`^\s*` + moderationKind + `(\s*\|\s*` + moderationKind + `)*\s*$`)
	// uploadParameters is where Cloudinary documents each upload parameter.
	uploadParameters = "[Upload API reference](https://cloudinary.com/documentation/image_upload_api_reference#upload_optional_parameters)"
)

// presetSettings are the upload parameters a preset has typed attributes
// for; anything else goes in extra_settings.
var presetSettings = []presetSetting{
	{name: "disallow_public_id", kind: kindBool, description: "Whether unsigned uploads through this preset may not set their own public ID (the preset's own `public_id` still applies)."},
	{name: "folder", kind: kindString, validators: []validator.String{folderOrNoneValidator}, description: "The folder that uploaded assets are placed in and whose path prefixes their public IDs (fixed folder mode; in dynamic folder mode prefer `asset_folder`)."},
	{name: "asset_folder", kind: kindString, validators: []validator.String{folderOrNoneValidator}, description: "The asset folder that uploaded assets are placed in (dynamic folder mode). It does not change their public IDs unless `use_asset_folder_as_public_id_prefix` is set."},
	{name: "use_asset_folder_as_public_id_prefix", kind: kindBool, description: "Whether to prefix public IDs with the asset folder."},
	{name: "public_id_prefix", kind: kindString, validators: []validator.String{folderOrNoneValidator}, description: "A path prepended to every public ID, followed by a slash."},
	{name: "display_name", kind: kindString, validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^/]*$`), "must not contain a slash")}, description: "The display name given to uploaded assets. It may not contain slashes."},
	{name: "use_filename", kind: kindBool, description: "Whether the uploaded file's name becomes the public ID (with random characters appended unless `unique_filename` is false)."},
	{name: "unique_filename", kind: kindBool, description: "Whether random characters are appended to a public ID taken from the file name. Cloudinary's default is true."},
	{name: "use_filename_as_display_name", kind: kindBool, description: "Whether the uploaded file's name becomes the display name."},
	{name: "overwrite", kind: kindBool, description: "Whether an upload replaces an existing asset with the same public ID. Unsigned uploads never overwrite."},
	{name: "resource_type", kind: kindString, validators: []validator.String{stringvalidator.OneOf("image", "raw", "video", "auto")}, description: "The resource type of uploaded assets: `image`, `raw`, `video` or `auto`. Cloudinary may not return this setting on read; the provider then keeps the configured value."},
	{name: "type", kind: kindString, validators: []validator.String{stringvalidator.OneOf("upload", "private", "authenticated")}, description: "The delivery type of uploaded assets: `upload`, `private` or `authenticated`."},
	{name: "access_mode", kind: kindString, validators: []validator.String{stringvalidator.OneOf("public", "authenticated")}, description: "The access mode of uploaded assets: `public` or `authenticated`."},
	{name: "tags", kind: kindNameSet, description: "Tags given to uploaded assets."},
	{name: "context", kind: kindContext, description: "Contextual metadata (key-value pairs) given to uploaded assets."},
	{name: "metadata", kind: kindContext, spelling: metadataValue, description: "Structured metadata values given to uploaded assets, by field external ID: " +
		"a set field's value is a JSON array of datasource entry IDs (`jsonencode([...])`), in any order."},
	{name: "allowed_formats", kind: kindNameSet, description: "The file formats (extensions such as `jpg`) that uploads may have; others are refused."},
	{name: "format", kind: kindString, validators: []validator.String{stringvalidator.RegexMatches(formatPattern, "must be a file format such as jpg or webp")}, description: "The format that uploaded images and videos are converted to, such as `jpg` or `webp`."},
	{name: "transformation", kind: kindTransformation, description: "An incoming transformation applied to uploads before they are stored, such as `c_limit,w_2000`. Compared semantically: Cloudinary may reorder components."},
	{name: "eager", kind: kindEager, description: "Transformations generated for each upload right away rather than on first request, in order. Each is compared semantically."},
	{name: "eager_async", kind: kindBool, description: "Whether eager transformations are generated in the background."},
	{name: "eager_notification_url", kind: kindString, validators: []validator.String{urlValidator}, description: "A webhook URL called when eager transformations are ready."},
	{name: "backup", kind: kindBool, description: "Whether uploaded assets are backed up."},
	{name: "invalidate", kind: kindBool, description: "Whether overwriting an asset invalidates its cached copies on the CDN."},
	{name: "moderation", kind: kindSpelled, spelling: pipeList, validators: []validator.String{stringvalidator.RegexMatches(moderationPattern, "must be moderation kinds separated by |, such as manual, webpurify, aws_rek, perception_point or duplicate:0.8")}, description: "How uploads are moderated, such as `manual` or `aws_rek|manual`."},
	{name: "notification_url", kind: kindString, validators: []validator.String{urlValidator}, description: "A webhook URL called when an upload completes."},
	{name: "return_delete_token", kind: kindBool, description: "Whether upload answers carry a token that can delete the asset within 10 minutes."},
	{name: "faces", kind: kindBool, description: "Whether to detect faces in uploaded images."},
	{name: "colors", kind: kindBool, description: "Whether to extract predominant colours of uploaded images."},
	{name: "media_metadata", kind: kindBool, description: "Whether to extract IPTC, XMP and Exif metadata."},
	{name: "phash", kind: kindBool, description: "Whether to compute the perceptual hash of uploaded images."},
	{name: "quality_analysis", kind: kindBool, description: "Whether to analyse the quality of uploaded images."},
	{name: "auto_tagging", kind: kindFloat, description: "The confidence (0.0 to 1.0) above which detected categories become tags. Needs `categorization` or `detection`."},
	{name: "categorization", kind: kindSpelled, spelling: commaSet, description: "The tagging add-ons to run, comma-separated, such as `google_tagging`."},
	{name: "detection", kind: kindSpelled, spelling: commaSet, description: "The object detection add-ons to run, such as `adv_face` or `coco`."},
	{name: "ocr", kind: kindSpelled, spelling: commaSet, description: "The OCR add-on to run, `adv_ocr`."},
	{name: "raw_convert", kind: kindSpelled, spelling: commaSet, description: "The conversion add-on to run on raw files, such as `aspose`, `google_speech` or `extract_text`."},
	{name: "background_removal", kind: kindSpelled, spelling: commaSet, description: "The background removal add-on to run, such as `cloudinary_ai` or `pixelz`."},
	{name: "eval", kind: kindString, description: "JavaScript evaluated on each upload to modify its parameters."},
	{name: "on_success", kind: kindString, description: "JavaScript evaluated after a successful upload to update the asset."},
	{name: "headers", kind: kindSpelled, spelling: headerSet, description: "HTTP headers returned when the assets are delivered, as `Name: value` lines (only `Link` and `X-Robots-Tag`)."},
	{name: "discard_original_filename", kind: kindBool, description: "Whether to forget the uploaded file's original name."},
	{name: "filename_override", kind: kindString, description: "The original file name recorded for uploads, instead of the real one."},
	{name: "callback", kind: kindString, validators: []validator.String{urlValidator}, description: "A URL the browser is redirected to after an upload from a web form."},
	{name: "proxy", kind: kindString, validators: []validator.String{urlValidator}, description: "A proxy through which Cloudinary fetches remote files given as URLs."},
	{name: "async", kind: kindBool, description: "Whether uploads are processed in the background."},
	{name: "live", kind: kindBool, description: "Whether the preset is a \"live broadcast\" preset, one that live streams can use. See the " +
		"[Admin API reference](https://cloudinary.com/documentation/admin_api#create_an_upload_preset)."},
	{name: "public_id", kind: kindString, validators: publicIDValidators, description: "The public ID given to uploads through the preset, so that each " +
		"upload replaces the previous one where uploads overwrite (see `overwrite`). An upload call's own `public_id` takes " +
		"precedence, unless `disallow_public_id` is set."},
	{name: "unique_display_name", kind: kindBool, description: "Whether the display name given to uploads must be unique."},
	{name: "image_metadata", kind: kindBool, description: "Whether upload answers carry the file's embedded metadata. Cloudinary deprecates it in favour of `media_metadata`."},
	{name: "exif", kind: kindBool, description: "Whether upload answers carry the photo's Exif metadata. Cloudinary deprecates it in favour of `media_metadata`."},
	{name: "accessibility_analysis", kind: kindBool, description: "Whether to analyse the accessibility of uploaded images (colour-blind accessibility scores, searchable), " +
		"a Cloudinary beta for paid plans. See the " + uploadParameters + "."},
	{name: "cinemagraph_analysis", kind: kindBool, description: "Whether to score animated images and videos between 0 (not a cinemagraph; a static image) and 1 (a cinemagraph)."},
	{name: "visual_search", kind: kindBool, description: "Whether to index uploaded images for visual search."},
	{name: "similarity_search", kind: kindString, description: "The `similarity_search` parameter that the Python, Node and Ruby SDKs send with uploads, " +
		"reserved by Cloudinary for similarity-search add-ons; it is passed on as written."},
	{name: "auto_chaptering", kind: kindBool, description: "Whether to generate chapters for uploaded videos, kept as a `.vtt` file whose public ID is the video's followed by `-chapters`."},
	{name: "auto_transcription", kind: kindSpelled, spelling: jsonDocument, validators: []validator.String{jsonOf("boolean", "object")},
		description: "Whether to transcribe uploaded videos, as JSON: `jsonencode(true)`, or an object that names languages to translate the " +
			"transcript into, such as `jsonencode({ translate = [\"fr-FR\"] })`. Compared as JSON. See the " + uploadParameters + "."},
	{name: "auto_video_details", kind: kindSpelled, spelling: jsonDocument, validators: []validator.String{jsonOf("object")},
		description: "The details to generate for uploaded videos, as a JSON object such as `jsonencode({ fields = [\"title\", \"description\"] })`. Compared as JSON."},
	{name: "quality_override", kind: kindString, description: "The quality (such as `80` or `auto:best`) that uploaded assets are encoded with " +
		"where delivery URLs ask for automatic quality (`q_auto`), instead of the one Cloudinary would choose."},
	{name: "clear_invalid", kind: kindBool, description: "Whether a structured metadata value that another value makes invalid (through metadata rules) " +
		"is cleared, rather than failing the upload."},
	{name: "access_control", kind: kindSpelled, spelling: jsonDocument, validators: []validator.String{jsonOf("array", "object")},
		description: "Who may access uploaded assets, as a JSON array of access types, each `{ access_type = \"token\" }` or " +
			"`{ access_type = \"anonymous\", start = \"2025-01-01T00:00Z\", end = \"2025-12-31T00:00Z\" }` (start and end optional): " +
			"an asset is restricted unless one of them holds. Compared as JSON. See the " + uploadParameters + "."},
	{name: "responsive_breakpoints", kind: kindSpelled, spelling: jsonDocument, validators: []validator.String{jsonOf("array", "object")},
		description: "Requests for responsive breakpoints of uploaded images, as a JSON array of objects with `create_derived` and optionally " +
			"`transformation`, `format`, `min_width`, `max_width`, `bytes_step` and `max_images`. Compared as JSON. See the " + uploadParameters + "."},
	{name: "regions", kind: kindSpelled, spelling: jsonDocument, validators: []validator.String{jsonOf("object")},
		description: "Named regions of uploaded images for region gravity, as a JSON object of names (letters, digits and hyphens) to at least " +
			"two `[x, y]` points, such as `jsonencode({ logo = [[10, 20], [110, 80]] })`. Compared as JSON."},
	{name: "face_coordinates", kind: kindCoordinates, description: "Faces in uploaded images, used instead of the detected ones, each as " +
		"`[x, y, width, height]` in pixels from the top left corner."},
	{name: "custom_coordinates", kind: kindCoordinates, description: "A region of uploaded images for custom gravity, as `[x, y, width, height]` " +
		"in pixels from the top left corner."},
}

// presetSettingsByName indexes presetSettings; its keys are the API names
// that have their own attribute.
var presetSettingsByName = func() map[string]presetSetting {
	m := map[string]presetSetting{}
	for _, s := range presetSettings {
		m[s.name] = s
	}
	return m
}()

func isTypedSetting(key string) bool {
	_, typed := presetSettingsByName[key]
	return typed
}

// writeOnlySettings are the settings that Cloudinary does not return when
// a preset is read, so that their absence is no drift and state keeps the
// configured value. Every other setting is written to state as read, so that
// a change or a removal made in the console shows in the next plan.
//   - resource_type: not an upload body parameter at all (it is a path
//     segment of the upload URL), so it is absent from the upload parameters
//     that Cloudinary's OpenAPI description lists for presets, both as input
//     (upload_preset_input) and as read back (upload_preset_parsed_settings);
//     another provider reports that it never comes back on read.
//
// Every other setting is one that Cloudinary documents as read back (the
// OpenAPI's upload_preset_parsed_settings), or one documented nowhere either
// way (live, image_metadata, exif, quality_override, similarity_search,
// auto_video_details). That schema also leaves out disallow_public_id, which
// Cloudinary does return (cloudinary_gem's live spec "should allow updating
// upload_presets" reads it in settings), so being left out of it is no
// evidence that a setting is not returned. Should Cloudinary not keep one of
// them, the apply says so (notKeptError) rather than planning forever.
var writeOnlySettings = map[string]bool{"resource_type": true}

// notPresetSettings are the upload parameters that the official SDKs send
// but that a preset cannot hold, each with the reason. A preset holds "any
// upload parameters to apply to assets uploaded with this preset" (the Admin
// API reference, create an upload preset); these belong to one call, or are
// not sent to Cloudinary at all. name and unsigned are the preset's own
// attributes.
var notPresetSettings = map[string]string{
	"file":          "it is the file that one upload sends, not a parameter applied to files",
	"timestamp":     "it authenticates one signed call, which Cloudinary refuses an hour later (Upload API reference, signature parameters)",
	"signature":     "it authenticates one signed call (Upload API reference, signature parameters)",
	"api_key":       "it names the key that signed one call (Upload API reference, signature parameters)",
	"cloud_name":    "it is the product environment that a call is made to, part of its URL",
	"upload_preset": "it names the preset that an upload uses, and a preset cannot name another one",
	"public_ids": "it names several existing assets for the calls that act on them (tags, context, archives); an upload " +
		"makes one asset, named by public_id (cloudinary-go carries it in UploadParams, but its upload never needs it)",
	"batch_id": "it names the batch of one call, whose notifications the caller then reads from a poll:// destination " +
		"(pycloudinary's upload documentation)",
	"chunk_size":       "it is how the Node SDK splits a large upload into parts, never sent as a parameter",
	"disable_promises": "it is a Node SDK option, never sent as a parameter",
	"oauth_token":      "it authenticates one call in place of a signature (sent as a header by the Node SDK)",
}

// tagElement and formatElement validate the members of the name sets.
var (
	tagElement    = stringvalidator.RegexMatches(regexp.MustCompile(`^[^,]+$`), "must not be empty or contain a comma")
	formatElement = stringvalidator.RegexMatches(formatPattern, "must be a file format such as jpg or png")
	autoTagging   = float64validator.Between(0, 1)
	nameSetValid  = map[string][]validator.Set{
		"tags":            {setvalidator.ValueStringsAre(tagElement)},
		"allowed_formats": {setvalidator.ValueStringsAre(formatElement)},
	}
	// rectangles validates coordinates: each rectangle four whole numbers
	// of pixels, none negative.
	rectangles = []validator.List{listvalidator.ValueListsAre(
		listvalidator.SizeBetween(4, 4), listvalidator.ValueInt64sAre(int64validator.AtLeast(0)))}
)

// settingValue converts a setting's API string to its attribute value.
func settingValue(ctx context.Context, setting presetSetting, s string) (attr.Value, diag.Diagnostics) {
	switch setting.kind {
	case kindSpelled:
		return spellingValue{StringValue: types.StringValue(s), spelling: setting.spelling}, nil
	case kindBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return types.BoolNull(), nil
		}
		return types.BoolValue(b), nil
	case kindFloat:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return types.Float64Null(), nil
		}
		return types.Float64Value(f), nil
	case kindNameSet:
		return types.SetValueFrom(ctx, types.StringType, splitNonEmpty(s, ","))
	case kindContext:
		return types.MapValueFrom(ctx, setting.mapElement(), client.DecodeContext(s))
	case kindTransformation:
		return newTransformationValue(s), nil
	case kindEager:
		items := splitNonEmpty(s, "|")
		values := make([]attr.Value, len(items))
		for i, it := range items {
			values[i] = newTransformationValue(it)
		}
		return types.ListValue(transformationType{}, values)
	case kindCoordinates:
		rects, ok := parseCoordinates(s)
		if !ok {
			return types.ListNull(rectangleType), nil
		}
		return types.ListValueFrom(ctx, rectangleType, rects)
	}
	return types.StringValue(s), nil
}

// rectangleType is the element type of a kindCoordinates list: x, y, width
// and height.
var rectangleType = types.ListType{ElemType: types.Int64Type}

// parseCoordinates reads rectangles in the string form the Upload API takes,
// "x,y,w,h|x,y,w,h"; ok is false for anything else.
func parseCoordinates(s string) ([][]int64, bool) {
	rects := [][]int64{}
	for _, rect := range splitNonEmpty(s, "|") {
		parts := strings.Split(rect, ",")
		if len(parts) != 4 {
			return nil, false
		}
		numbers := make([]int64, 4)
		for i, part := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
			if err != nil || f < 0 || f != float64(int64(f)) {
				return nil, false
			}
			numbers[i] = int64(f)
		}
		rects = append(rects, numbers)
	}
	return rects, true
}

// coordinatesString writes a list of rectangles as "x,y,w,h|x,y,w,h".
func coordinatesString(rects types.List) string {
	out := make([]string, 0, len(rects.Elements()))
	for _, el := range rects.Elements() {
		rect, _ := el.(types.List)
		numbers := make([]string, 0, 4)
		for _, n := range rect.Elements() {
			if v, ok := n.(types.Int64); ok {
				numbers = append(numbers, strconv.FormatInt(v.ValueInt64(), 10))
			}
		}
		out = append(out, strings.Join(numbers, ","))
	}
	return strings.Join(out, "|")
}

// mapElement is the element type of a kindContext setting's map: plain
// strings, or strings compared under the setting's spelling.
func (s presetSetting) mapElement() attr.Type {
	if s.spelling != 0 {
		return spellingType{spelling: s.spelling}
	}
	return types.StringType
}

// settingString converts an attribute value to its API string; ok is false
// for null and unknown values, which are not sent.
func settingString(ctx context.Context, v attr.Value) (string, bool, diag.Diagnostics) {
	if v == nil || v.IsNull() || v.IsUnknown() {
		return "", false, nil
	}
	var diags diag.Diagnostics
	switch t := v.(type) {
	case types.Bool:
		return strconv.FormatBool(t.ValueBool()), true, nil
	case types.Float64:
		return strconv.FormatFloat(t.ValueFloat64(), 'f', -1, 64), true, nil
	case types.Set:
		items, _, diags := knownStrings(ctx, t)
		return strings.Join(items, ","), true, diags
	case types.Map:
		// A preset's settings are strings in the forms that create takes, by
		// the client's contract (client.UploadPreset); the client's own
		// encoder writes context and metadata in that form.
		m := map[string]string{}
		diags = t.ElementsAs(ctx, &m, false)
		return client.EncodeContext(m), true, diags
	case types.List:
		if t.ElementType(ctx).Equal(rectangleType) {
			return coordinatesString(t), true, nil
		}
		items := make([]string, 0, len(t.Elements()))
		for _, el := range t.Elements() {
			if tv, ok := el.(transformationValue); ok {
				items = append(items, tv.ValueString())
			}
		}
		return strings.Join(items, "|"), true, nil
	case transformationValue:
		return t.ValueString(), true, nil
	case spellingValue:
		return t.ValueString(), true, nil
	case types.String:
		return t.ValueString(), true, nil
	}
	return "", false, nil
}
