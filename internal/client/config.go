// Package client is a typed client for Cloudinary's Admin API and Upload API.
// It knows nothing of Terraform: the provider builds one Client from its
// configuration and calls its methods.
package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultBaseURL is Cloudinary's API host for accounts in the US data centre.
const DefaultBaseURL = "https://api.cloudinary.com/v1_1"

// CloudinaryURL is what a CLOUDINARY_URL holds.
type CloudinaryURL struct {
	CloudName string
	APIKey    string
	APISecret string
	// BaseURL is set when the URL carries an upload_prefix (as the official
	// SDKs accept), for example a regional host or a local emulator.
	BaseURL string
}

// ParseCloudinaryURL reads "cloudinary://API_KEY:API_SECRET@CLOUD_NAME",
// optionally followed by "?upload_prefix=https://api-eu.cloudinary.com".
// Errors never repeat the secret.
func ParseCloudinaryURL(raw string) (CloudinaryURL, error) {
	parts, err := cloudinaryURLForm.parse(raw)
	if err != nil {
		return CloudinaryURL{}, err
	}
	return CloudinaryURL{CloudName: parts.scope, APIKey: parts.key, APISecret: parts.secret, BaseURL: parts.baseURL}, nil
}

// AccountURL is what a CLOUDINARY_ACCOUNT_URL holds: the account
// credentials of the Provisioning API.
type AccountURL struct {
	AccountID string
	APIKey    string
	APISecret string
	// BaseURL is set when the URL carries an upload_prefix, as for a
	// CloudinaryURL, normalised to end in /v1_1.
	BaseURL string
}

// ParseAccountURL reads "account://API_KEY:API_SECRET@ACCOUNT_ID" (the
// official SDKs' CLOUDINARY_ACCOUNT_URL), optionally followed by
// "?upload_prefix=...". The key and secret are URL-decoded. Errors never
// repeat the secret.
func ParseAccountURL(raw string) (AccountURL, error) {
	parts, err := accountURLForm.parse(raw)
	if err != nil {
		return AccountURL{}, err
	}
	return AccountURL{AccountID: parts.scope, APIKey: parts.key, APISecret: parts.secret, BaseURL: parts.baseURL}, nil
}

// credentialURLForm is one kind of credential URL, "SCHEME://KEY:SECRET@SCOPE",
// with the words its errors use.
type credentialURLForm struct {
	scheme, what, shape, keyName, secretName, scopeName string
}

var (
	cloudinaryURLForm = credentialURLForm{
		scheme: "cloudinary", what: "Cloudinary URL", shape: "cloudinary://API_KEY:API_SECRET@CLOUD_NAME",
		keyName: "API key", secretName: "API secret", scopeName: "cloud name",
	}
	accountURLForm = credentialURLForm{
		scheme: "account", what: "account URL", shape: "account://ACCOUNT_API_KEY:ACCOUNT_API_SECRET@ACCOUNT_ID",
		keyName: "account API key", secretName: "account API secret", scopeName: "account ID",
	}
)

// credentialURLParts are the parts of a credential URL.
type credentialURLParts struct{ key, secret, scope, baseURL string }

func (f credentialURLForm) parse(raw string) (credentialURLParts, error) {
	shape := fmt.Sprintf("expected the form %q", f.shape)
	raw = strings.TrimSpace(raw)
	if !strings.HasPrefix(raw, f.scheme+"://") {
		return credentialURLParts{}, fmt.Errorf("invalid %s: it must start with %q; %s", f.what, f.scheme+"://", shape)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse errors quote the input, which holds the secret.
		return credentialURLParts{}, fmt.Errorf("invalid %s: it cannot be parsed; %s", f.what, shape)
	}
	out := credentialURLParts{scope: u.Host}
	if u.User != nil {
		out.key = u.User.Username()
		out.secret, _ = u.User.Password()
	}
	if missing := emptyOnes(namedValue{f.keyName, out.key}, namedValue{f.secretName, out.secret}, namedValue{f.scopeName, out.scope}); len(missing) > 0 {
		return credentialURLParts{}, fmt.Errorf("invalid %s: missing %s; %s", f.what, strings.Join(missing, " and "), shape)
	}
	if u.Path != "" && u.Path != "/" {
		return credentialURLParts{}, fmt.Errorf("invalid %s: unexpected path after the %s; %s", f.what, f.scopeName, shape)
	}
	if prefix := u.Query().Get("upload_prefix"); prefix != "" {
		base, err := NormalizeBaseURL(prefix)
		if err != nil {
			return credentialURLParts{}, fmt.Errorf("invalid %s: upload_prefix: %w", f.what, err)
		}
		out.baseURL = base
	}
	return out, nil
}

// NormalizeBaseURL checks an API base URL and returns it ending in /v1_1.
// HTTPS is required except for loopback hosts (a local emulator).
func NormalizeBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%q is not an absolute URL such as %q", raw, DefaultBaseURL)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return "", fmt.Errorf("%q uses plain http, which is allowed only for loopback hosts (127.0.0.1, ::1, localhost); use https", raw)
		}
	default:
		return "", fmt.Errorf("%q must use https (or http for a loopback host)", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q must not carry credentials, a query or a fragment", raw)
	}
	path := strings.TrimRight(u.Path, "/")
	if path == "" {
		path = "/v1_1"
	}
	if !strings.HasSuffix(path, "/v1_1") {
		return "", fmt.Errorf("%q must end in /v1_1, as in %q", raw, DefaultBaseURL)
	}
	u.Path = path
	return u.String(), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validate checks that a Config can make calls.
func (c Config) validate() error {
	problems := emptyProblems(namedValue{"cloud name", c.CloudName}, namedValue{"API key", c.APIKey}, namedValue{"API secret", c.APISecret})
	if c.SignatureAlgorithm != "" && c.SignatureAlgorithm != SHA1 && c.SignatureAlgorithm != SHA256 {
		problems = append(problems, fmt.Errorf("signature algorithm %q is not %q or %q", c.SignatureAlgorithm, SHA1, SHA256))
	}
	return errors.Join(problems...)
}

// namedValue is a setting with the name that errors give it.
type namedValue struct{ name, value string }

// emptyOnes names the values that are empty.
func emptyOnes(values ...namedValue) []string {
	var names []string
	for _, v := range values {
		if v.value == "" {
			names = append(names, v.name)
		}
	}
	return names
}

// emptyProblems is an error for each empty value.
func emptyProblems(values ...namedValue) []error {
	var problems []error
	for _, name := range emptyOnes(values...) {
		problems = append(problems, errors.New(name+" is empty"))
	}
	return problems
}

// apiRoot is the API root a client calls: raw normalised, or
// DefaultBaseURL when raw is empty.
func apiRoot(raw string) (string, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	return NormalizeBaseURL(raw)
}
