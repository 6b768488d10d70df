package provider

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// sourceURLValidator accepts a url source written as Cloudinary writes
// delivery URLs, percent-encoded (a space as %20, an accented letter as its
// UTF-8 bytes, such as %C3%A9), so that an adopted asset's own secure_url,
// which generated configuration gives as its source, is valid. A literal
// space is refused with the fix.
var sourceURLValidator = stringvalidator.RegexMatches(absoluteURL,
	"must be an absolute http:// or https:// URL, percent-encoded (write a space as %20)")

// sourceDigest is what the provider knows of an asset's source at plan time:
// the SHA-256 of the content (of a file or base64 content) or of the URL
// string (for a URL, whose content the provider does not fetch), and the MD5
// of the content, which Cloudinary reports as the asset's etag, and its size.
type sourceDigest struct {
	sha256 string
	md5    string // empty for URL sources, whose content is not fetched
	size   int64  // bytes of content; 0 for URL sources
}

// digestSource reads a file or decodes base64 content as a stream, never
// holding it whole in memory.
func digestSource(file, url, contentBase64 string) (sourceDigest, error) {
	var r io.Reader
	switch {
	case file != "":
		f, err := os.Open(file)
		if err != nil {
			return sourceDigest{}, err
		}
		defer f.Close()
		r = f
	case contentBase64 != "":
		r = base64.NewDecoder(base64.StdEncoding, strings.NewReader(contentBase64))
	default:
		sum := sha256.Sum256([]byte(url))
		return sourceDigest{sha256: hex.EncodeToString(sum[:])}, nil
	}
	s, m := sha256.New(), md5.New()
	size, err := io.Copy(io.MultiWriter(s, m), r)
	if err != nil {
		return sourceDigest{}, fmt.Errorf("reading the source: %w", err)
	}
	return sourceDigest{sha256: hex.EncodeToString(s.Sum(nil)), md5: hex.EncodeToString(m.Sum(nil)), size: size}, nil
}

// parseAssetID splits an import ID "resource_type/type/public_id"; the
// public ID may itself hold slashes.
func parseAssetID(id string) (resourceType, typ, publicID string, err error) {
	parts := strings.SplitN(id, "/", 3)
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", "", fmt.Errorf("expected an ID of the form resource_type/type/public_id, such as image/upload/folder/photo; got %q", id)
	}
	switch parts[0] {
	case "image", "raw", "video":
	default:
		return "", "", "", fmt.Errorf("resource type %q in %q must be image, raw or video", parts[0], id)
	}
	switch parts[1] {
	case "upload", "private", "authenticated":
	default:
		return "", "", "", fmt.Errorf("type %q in %q must be upload, private or authenticated", parts[1], id)
	}
	return parts[0], parts[1], parts[2], nil
}

func assetID(resourceType, typ, publicID string) string {
	return resourceType + "/" + typ + "/" + publicID
}

// content is the base64 content, from content_base64 or, once
// readWriteOnlyContent has read it, content_base64_wo.
func (m assetModel) content() string {
	if !m.ContentBase64.IsNull() {
		return m.ContentBase64.ValueString()
	}
	return m.ContentBase64WO.ValueString()
}

// writesOnly tells whether the content is write-only: content_version
// comes with content_base64_wo, and unlike it is kept in plans and states.
func (m assetModel) writesOnly() bool { return !m.ContentVersion.IsNull() }

// uploadsOver tells whether applying m over state uploads the content
// again: its hash (of sources that have one) or a version changed.
func (m assetModel) uploadsOver(state assetModel) bool {
	return !m.SourceHash.Equal(state.SourceHash) || !m.SourceVersion.Equal(state.SourceVersion) || !m.ContentVersion.Equal(state.ContentVersion)
}

// readWriteOnlyContent puts content_base64_wo, which plans and states hold
// as null, into m from the configuration.
func readWriteOnlyContent(ctx context.Context, config tfsdk.Config, m *assetModel) diag.Diagnostics {
	return config.GetAttribute(ctx, path.Root("content_base64_wo"), &m.ContentBase64WO)
}
