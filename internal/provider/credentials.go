package provider

import (
	"fmt"
	"strings"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The provider takes two kinds of credentials by the same rules: a product
// environment's (cloud name, API key and secret, for the Admin and Upload
// APIs) and an account's (account ID, account API key and secret, for the
// Provisioning API). Each comes from three attributes, one URL attribute,
// three environment variables or one URL variable.

// credentialKind names the places one kind of credentials can come from.
type credentialKind struct {
	noun string // "Cloudinary credentials"
	// attributes are the three parts' attribute names: who (the cloud name
	// or account ID), the key and the secret.
	attributes   [3]string
	urlAttribute string
	// variables are each part's environment variables, the preferred name
	// first and the older names after it.
	variables   [3][]string
	urlVariable string
	urlForm     string // the URL's shape, for messages
	urlName     string // what the URL is called, for messages
	parseURL    func(raw string) (credentials, error)
}

var environmentCredentials = credentialKind{
	noun:         "Cloudinary credentials",
	attributes:   [3]string{"cloud_name", "api_key", "api_secret"},
	urlAttribute: "cloudinary_url",
	variables:    [3][]string{{"CLOUDINARY_CLOUD_NAME"}, {"CLOUDINARY_API_KEY"}, {"CLOUDINARY_API_SECRET"}},
	urlVariable:  "CLOUDINARY_URL",
	urlForm:      "cloudinary://API_KEY:API_SECRET@CLOUD_NAME",
	urlName:      "Cloudinary URL",
	parseURL: func(raw string) (credentials, error) {
		u, err := client.ParseCloudinaryURL(raw)
		return credentials{Owner: u.CloudName, APIKey: u.APIKey, APISecret: u.APISecret, BaseURL: u.BaseURL}, err
	},
}

// accountCredentials' older variable names are those of the official
// Provisioning SDKs generated from Cloudinary's OpenAPI description
// (CLOUDINARY_PROVISIONING_API_KEY/_SECRET), from before Cloudinary renamed
// "provisioning API keys" to "account API keys".
var accountCredentials = credentialKind{
	noun:         "Cloudinary account credentials",
	attributes:   [3]string{"account_id", "account_api_key", "account_api_secret"},
	urlAttribute: "account_url",
	variables: [3][]string{{"CLOUDINARY_ACCOUNT_ID"}, {"CLOUDINARY_ACCOUNT_API_KEY", "CLOUDINARY_PROVISIONING_API_KEY"},
		{"CLOUDINARY_ACCOUNT_API_SECRET", "CLOUDINARY_PROVISIONING_API_SECRET"}},
	urlVariable: "CLOUDINARY_ACCOUNT_URL",
	urlForm:     "account://ACCOUNT_API_KEY:ACCOUNT_API_SECRET@ACCOUNT_ID",
	urlName:     "Cloudinary account URL",
	parseURL: func(raw string) (credentials, error) {
		u, err := client.ParseAccountURL(raw)
		return credentials{Owner: u.AccountID, APIKey: u.APIKey, APISecret: u.APISecret, BaseURL: u.BaseURL}, err
	},
}

// credentialSources are the places credentials of one kind can come from,
// as the provider found them: attributes first, then the environment.
type credentialSources struct {
	Attributes [3]string // who, key, secret
	URL        string
	Env        [3]string
	EnvURL     string
	// EnvNames are the variables Env came from (the preferred names when
	// empty), for messages.
	EnvNames [3]string
}

// credentials are what a client is built with.
type credentials struct {
	// Owner is the cloud name, or the account ID.
	Owner, APIKey, APISecret string
	// BaseURL comes from a URL's upload_prefix, if it had one.
	BaseURL string
	// Source says where they came from, for the logs.
	Source string
}

// credentialProblem is a configuration error with the summary and detail a
// diagnostic shows.
type credentialProblem struct {
	Summary, Detail string
}

func (p *credentialProblem) Error() string { return p.Summary + ": " + p.Detail }

// sources gathers the credentials of this kind from the attributes and from
// the environment (getenv). Two names of one variable that disagree are a
// conflict.
func (k credentialKind) sources(attributes [3]string, url string, getenv func(string) string) (credentialSources, error) {
	s := credentialSources{Attributes: attributes, URL: url, EnvURL: getenv(k.urlVariable)}
	for i, names := range k.variables {
		for _, name := range names {
			v := getenv(name)
			switch {
			case v == "":
			case s.Env[i] == "":
				s.Env[i], s.EnvNames[i] = v, name
			case s.Env[i] != v:
				return s, &credentialProblem{"Conflicting " + k.noun, fmt.Sprintf(
					"%s and %s are both set in the environment but differ. Unset one of them.", s.EnvNames[i], name)}
			}
		}
	}
	return s, nil
}

// resolve picks credentials by precedence, most specific first: the three
// attributes, the URL attribute, the three environment variables, the URL
// variable. Each level must be complete; two different answers at one level
// are a conflict, never silently resolved. found is false when none is set.
func (k credentialKind) resolve(s credentialSources) (creds credentials, found bool, err error) {
	switch {
	case anySet(s.Attributes) && s.URL != "":
		return credentials{}, true, &credentialProblem{"Conflicting " + k.noun, fmt.Sprintf(
			"Both %s and %s are set in the provider configuration. Set one or the other.", k.urlAttribute, strings.Join(k.attributes[:], "/"))}
	case anySet(s.Attributes):
		creds, err = k.fromParts(s.Attributes, k.attributes, "provider attributes")
	case s.URL != "":
		creds, err = k.fromURL(s.URL, "the "+k.urlAttribute+" attribute")
	case anySet(s.Env):
		creds, err = k.fromEnvironment(s)
	case s.EnvURL != "":
		creds, err = k.fromURL(s.EnvURL, k.urlVariable)
	default:
		return credentials{}, false, nil
	}
	return creds, true, err
}

// fromEnvironment takes the three variables, which a URL variable set
// beside them must agree with (its upload_prefix then applies).
func (k credentialKind) fromEnvironment(s credentialSources) (credentials, error) {
	names := s.EnvNames
	for i := range names {
		if names[i] == "" {
			names[i] = k.variables[i][0]
		}
	}
	creds, err := k.fromParts(s.Env, names, strings.Join(names[:], ", "))
	if err != nil || s.EnvURL == "" {
		return creds, err
	}
	fromEnvURL, err := k.fromURL(s.EnvURL, k.urlVariable)
	if err != nil {
		return credentials{}, err
	}
	if fromEnvURL.Owner != creds.Owner || fromEnvURL.APIKey != creds.APIKey || fromEnvURL.APISecret != creds.APISecret {
		return credentials{}, &credentialProblem{"Conflicting " + k.noun, fmt.Sprintf(
			"%s and %s are all set in the environment but name different credentials. Unset one of them.", k.urlVariable, strings.Join(names[:], "/"))}
	}
	creds.BaseURL = fromEnvURL.BaseURL
	return creds, nil
}

// fromParts takes three parts, all of which must be set.
func (k credentialKind) fromParts(values, names [3]string, source string) (credentials, error) {
	var set, missing []string
	for i, v := range values {
		if v == "" {
			missing = append(missing, names[i])
		} else {
			set = append(set, names[i])
		}
	}
	if len(missing) > 0 {
		return credentials{}, &credentialProblem{"Incomplete " + k.noun, fmt.Sprintf(
			"%s %s set but %s %s not. Set all three (%s), or use a URL (%s) instead.",
			strings.Join(set, " and "), isAre(set), strings.Join(missing, " and "), isAre(missing), strings.Join(names[:], ", "), k.urlForm)}
	}
	return credentials{Owner: values[0], APIKey: values[1], APISecret: values[2], Source: source}, nil
}

func (k credentialKind) fromURL(raw, where string) (credentials, error) {
	creds, err := k.parseURL(raw)
	if err != nil {
		return credentials{}, &credentialProblem{"Invalid " + k.urlName,
			fmt.Sprintf("The value of %s is not valid: %s", where, err)}
	}
	creds.Source = where
	return creds, nil
}

// missingCredentials is the error of a provider given neither kind.
var missingCredentials = &credentialProblem{"Missing Cloudinary credentials",
	"The provider needs a product environment's credentials (a cloud name, API key and API secret), an account's " +
		"credentials (account ID, account API key and secret), or both. Set the cloud_name, api_key and api_secret " +
		"attributes (or the CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET environment variables), " +
		"or one Cloudinary URL in the cloudinary_url attribute (or the CLOUDINARY_URL environment variable), in the form " +
		environmentCredentials.urlForm + "; for the account, the account_id, account_api_key and account_api_secret " +
		"attributes, or account_url (or CLOUDINARY_ACCOUNT_URL), in the form " + accountCredentials.urlForm + "."}

func anySet(v [3]string) bool { return v[0] != "" || v[1] != "" || v[2] != "" }

func isAre(items []string) string {
	if len(items) == 1 {
		return "is"
	}
	return "are"
}
