package client

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/mediaops/terraform-provider-cloudinary/internal/transformation"
)

// Delivery URLs are built as the official SDKs' URL builders build them
// (cloudinary-go's asset package with analytics off, pycloudinary's
// cloudinary_url), so that a URL made here is the one the SDKs would give:
//
//	https://res.cloudinary.com/<cloud>/<resource_type>/<type>/[s--SIG--/][<transformation>/][v<version>/]<public_id>[.<format>]

// sharedHost is the shared delivery host: accounts without a private CDN
// name their cloud in the path.
const sharedHost = "res.cloudinary.com"

// DeliveryURLOptions describe one delivery URL. Empty ResourceType and Type
// mean image and upload. Secure and ForceVersion are false in the zero
// value, where the SDKs default both to true: callers set them.
type DeliveryURLOptions struct {
	CloudName      string
	PublicID       string
	ResourceType   string // image (default), video or raw
	Type           string // upload (default), private, authenticated, fetch...
	Transformation string // written into the URL as it is
	Format         string // the extension, without the dot
	Version        int64  // 0 for none
	// Secure builds an https URL on SecureDistribution (default the shared
	// host); otherwise an http URL on the shared host, as the SDKs do.
	Secure             bool
	SecureDistribution string
	// SignURL adds the signature of the transformation and public ID, made
	// with APISecret.
	SignURL   bool
	APISecret string
	// ForceVersion adds v1 to a public ID in a folder that has no version:
	// without it, Cloudinary would read the folder as a transformation.
	ForceVersion bool
}

// DeliveryURL builds the URL that delivers an asset.
func DeliveryURL(o DeliveryURLOptions) (string, error) {
	if err := o.check(); err != nil {
		return "", err
	}
	publicID := collapseSlashes(o.PublicID)
	if o.Format != "" {
		publicID += "." + o.Format
	}
	trans := collapseSlashes(o.Transformation)
	parts := []string{o.host(), or(o.ResourceType, "image"), or(o.Type, "upload")}
	if o.SignURL {
		parts = append(parts, urlSignature(joinNonEmpty(trans, publicID), o.APISecret))
	}
	parts = append(parts, trans, o.versionSegment(publicID), escapedSource(publicID))
	return joinNonEmpty(parts...), nil
}

func (o DeliveryURLOptions) check() error {
	switch {
	case strings.TrimSpace(o.CloudName) == "" || strings.Contains(o.CloudName, "/"):
		return fmt.Errorf("the cloud name %q must be non-empty and hold no slash", o.CloudName)
	case strings.TrimSpace(o.PublicID) == "":
		return errors.New("the public ID must not be empty")
	case o.Version < 0:
		return fmt.Errorf("the version must be positive, not %d", o.Version)
	case o.SignURL && o.APISecret == "":
		// The secret itself is never part of an error.
		return errors.New("a signed URL needs the API secret")
	case strings.Contains(o.SecureDistribution, "/"):
		return fmt.Errorf("the secure distribution %q must be a host name, without a scheme or a path", o.SecureDistribution)
	}
	return nil
}

// host is the scheme, host and, on the shared domain, the cloud name. A
// custom secure distribution is taken as a CNAME of the shared domain (the
// SDKs' reading without private_cdn): the cloud name stays in the path. The
// SDKs use it only for https.
func (o DeliveryURLOptions) host() string {
	if !o.Secure {
		return "http://" + sharedHost + "/" + o.CloudName
	}
	return "https://" + or(o.SecureDistribution, sharedHost) + "/" + o.CloudName
}

var leadingVersion = regexp.MustCompile(`^v\d+`)

// versionSegment is "v<version>", or "v1" where the SDKs force one: a
// public ID in a folder, unless it is a remote URL or already starts with a
// version.
func (o DeliveryURLOptions) versionSegment(publicID string) string {
	switch {
	case o.Version > 0:
		return "v" + strconv.FormatInt(o.Version, 10)
	case o.ForceVersion && path.Dir(publicID) != "." && !isRemoteURL(publicID) && !leadingVersion.MatchString(publicID):
		return "v1"
	}
	return ""
}

// urlSignature signs the transformation and the public ID as they stand
// before escaping: the first 8 characters of the URL-safe base64 SHA-1 of the
// text with the API secret appended, between "s--" and "--" (Cloudinary's
// "Generating delivery URL signatures"; cloudinary-go's asset signature).
func urlSignature(signed, secret string) string {
	sum := base64.RawURLEncoding.EncodeToString(digest(signed, secret, SHA1))
	return "s--" + sum[:8] + "--"
}

// escapedSource percent-encodes the public ID for a URL path, keeping its
// extension as it is. A public ID that is already percent-encoded is decoded
// first, so that it is not encoded twice (a lone "%" stays a literal).
func escapedSource(publicID string) string {
	ext := path.Ext(publicID)
	name := strings.TrimSuffix(publicID, ext)
	if !isRemoteURL(name) {
		if decoded, err := url.PathUnescape(name); err == nil {
			name = decoded
		}
	}
	return escapePath(name) + ext
}

// escapePath encodes every byte but ASCII letters, digits, "-_.~" and the
// path characters ":" and "/", as the SDKs' smart escaping does: a space is
// %20, "é" is %C3%A9.
func escapePath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || c == ':' || c == '/' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0
}

var remoteURL = regexp.MustCompile(`^https?://`)

func isRemoteURL(s string) bool { return remoteURL.MatchString(s) }

// repeatedSlashes are runs of slashes not part of "://".
var repeatedSlashes = regexp.MustCompile(`([^:])//+`)

// collapseSlashes writes each run of slashes as one, keeping "://".
func collapseSlashes(s string) string { return repeatedSlashes.ReplaceAllString(s, "$1/") }

// joinNonEmpty joins with "/" the parts that are not blank.
func joinNonEmpty(parts ...string) string {
	kept := make([]string, 0, len(parts))
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "/")
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// ParsedDeliveryURL is what a delivery URL says; empty strings and a zero
// version are parts it does not have.
type ParsedDeliveryURL struct {
	CloudName      string
	ResourceType   string
	Type           string
	Signature      string // "s--...--"
	Version        int64
	Transformation string
	PublicID       string
	Format         string // the extension of an image or a video; raw files keep theirs in the public ID
}

var (
	privateCDNHost = regexp.MustCompile(`^(.+)-res(?:-\d+)?\.cloudinary\.com$`)
	deliveryType   = regexp.MustCompile(`^[a-z][a-z_]*$`)
	urlSignatureRe = regexp.MustCompile(`^s--[A-Za-z0-9_-]{8,32}--$`)
	versionRe      = regexp.MustCompile(`^v(\d+)$`)
)

// ParseDeliveryURL reads a delivery URL back into its parts. Segments
// between the type and the version (or the public ID) are the
// transformation when each reads as a transformation step; so a URL with no
// version whose public ID's folder looks like a transformation is
// ambiguous, which is why the SDKs add v1 to public IDs in folders.
func ParseDeliveryURL(raw string) (ParsedDeliveryURL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ParsedDeliveryURL{}, fmt.Errorf("%q is not a delivery URL: expected an absolute http or https URL", raw)
	}
	segments := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	var p ParsedDeliveryURL
	if m := privateCDNHost.FindStringSubmatch(u.Hostname()); m != nil {
		p.CloudName = m[1]
	} else if len(segments) > 0 {
		p.CloudName, segments = segments[0], segments[1:]
	}
	if len(segments) < 3 {
		return ParsedDeliveryURL{}, fmt.Errorf("%q is not a delivery URL: expected /<cloud name>/<resource type>/<type>/.../<public ID>", raw)
	}
	p.ResourceType, p.Type, segments = segments[0], segments[1], segments[2:]
	switch {
	case p.CloudName == "":
		return ParsedDeliveryURL{}, fmt.Errorf("%q is not a delivery URL: it names no cloud", raw)
	case p.ResourceType != "image" && p.ResourceType != "video" && p.ResourceType != "raw":
		return ParsedDeliveryURL{}, fmt.Errorf("%q is not a delivery URL: the resource type %q is not image, video or raw", raw, p.ResourceType)
	case !deliveryType.MatchString(p.Type):
		return ParsedDeliveryURL{}, fmt.Errorf("%q is not a delivery URL: %q is not a delivery type such as upload", raw, p.Type)
	}
	if err := p.readPath(segments); err != nil {
		return ParsedDeliveryURL{}, fmt.Errorf("%q is not a delivery URL: %w", raw, err)
	}
	return p, nil
}

// readPath reads the segments after the type: the signature, the
// transformation steps, the version and the public ID, which is never
// empty.
func (p *ParsedDeliveryURL) readPath(segments []string) error {
	decoded := make([]string, len(segments))
	for i, s := range segments {
		d, err := url.PathUnescape(s)
		if err != nil {
			return fmt.Errorf("segment %q is not valid percent-encoding", s)
		}
		decoded[i] = d
	}
	i := 0
	if i < len(decoded)-1 && urlSignatureRe.MatchString(decoded[i]) {
		p.Signature = decoded[i]
		i++
	}
	var steps []string
	for ; i < len(decoded)-1 && !versionRe.MatchString(decoded[i]) && isTransformationStep(decoded[i]); i++ {
		steps = append(steps, decoded[i])
	}
	p.Transformation = strings.Join(steps, "/")
	if m := versionRe.FindStringSubmatch(decoded[i]); m != nil && i < len(decoded)-1 {
		version, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			return fmt.Errorf("version %q is out of range", decoded[i])
		}
		p.Version = version
		i++
	}
	publicID := strings.Join(decoded[i:], "/")
	if ext := path.Ext(publicID); ext != "" && p.ResourceType != "raw" && !isRemoteURL(publicID) {
		publicID, p.Format = strings.TrimSuffix(publicID, ext), ext[1:]
	}
	if publicID == "" {
		return errors.New("it names no public ID")
	}
	p.PublicID = publicID
	return nil
}

// isTransformationStep tells whether a path segment is one transformation
// step, as the provider's validator reads transformations.
func isTransformationStep(segment string) bool {
	chain, err := transformation.Parse(segment)
	return err == nil && len(chain) == 1 && chain[0].Format == ""
}
