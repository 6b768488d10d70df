package provider

import (
	"fmt"
	"strings"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// credentialSources are the places credentials can come from, as the
// provider found them: attributes first, then the environment.
type credentialSources struct {
	CloudName, APIKey, APISecret, URL             string // provider attributes
	EnvCloudName, EnvAPIKey, EnvAPISecret, EnvURL string // CLOUDINARY_* variables
}

// credentials are what the client is built with.
type credentials struct {
	CloudName, APIKey, APISecret string
	// BaseURL comes from a Cloudinary URL's upload_prefix, if it had one.
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

// resolveCredentials picks credentials by precedence, most specific first:
// the three attributes, the cloudinary_url attribute, the three
// environment variables, CLOUDINARY_URL. Each level must be complete; two
// different answers at one level are a conflict, never silently resolved.
func resolveCredentials(s credentialSources) (credentials, error) {
	attrs := [3]string{s.CloudName, s.APIKey, s.APISecret}
	env := [3]string{s.EnvCloudName, s.EnvAPIKey, s.EnvAPISecret}
	switch {
	case anySet(attrs) && s.URL != "":
		return credentials{}, &credentialProblem{"Conflicting Cloudinary credentials",
			"Both cloudinary_url and cloud_name/api_key/api_secret are set in the provider configuration. Set one or the other."}
	case anySet(attrs):
		if err := complete(attrs, attributeNames); err != nil {
			return credentials{}, err
		}
		return credentials{CloudName: s.CloudName, APIKey: s.APIKey, APISecret: s.APISecret, Source: "provider attributes"}, nil
	case s.URL != "":
		return fromURL(s.URL, "the cloudinary_url attribute")
	case anySet(env):
		if err := complete(env, envNames); err != nil {
			return credentials{}, err
		}
		creds := credentials{CloudName: s.EnvCloudName, APIKey: s.EnvAPIKey, APISecret: s.EnvAPISecret, Source: "CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET"}
		if s.EnvURL != "" {
			fromEnvURL, err := fromURL(s.EnvURL, "CLOUDINARY_URL")
			if err != nil {
				return credentials{}, err
			}
			if fromEnvURL.CloudName != creds.CloudName || fromEnvURL.APIKey != creds.APIKey || fromEnvURL.APISecret != creds.APISecret {
				return credentials{}, &credentialProblem{"Conflicting Cloudinary credentials",
					"CLOUDINARY_URL and CLOUDINARY_CLOUD_NAME/CLOUDINARY_API_KEY/CLOUDINARY_API_SECRET are all set in the environment but name different credentials. Unset one of them."}
			}
			creds.BaseURL = fromEnvURL.BaseURL
		}
		return creds, nil
	case s.EnvURL != "":
		return fromURL(s.EnvURL, "CLOUDINARY_URL")
	}
	return credentials{}, &credentialProblem{"Missing Cloudinary credentials",
		"The provider needs a cloud name, API key and API secret. Set the cloud_name, api_key and api_secret attributes " +
			"(or the CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET environment variables), " +
			"or one Cloudinary URL in the cloudinary_url attribute (or the CLOUDINARY_URL environment variable), " +
			"in the form cloudinary://API_KEY:API_SECRET@CLOUD_NAME."}
}

var (
	attributeNames = [3]string{"cloud_name", "api_key", "api_secret"}
	envNames       = [3]string{"CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET"}
)

func anySet(v [3]string) bool { return v[0] != "" || v[1] != "" || v[2] != "" }

// complete names what is missing from a partly given set of three.
func complete(values, names [3]string) error {
	var set, missing []string
	for i, v := range values {
		if v == "" {
			missing = append(missing, names[i])
		} else {
			set = append(set, names[i])
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &credentialProblem{"Incomplete Cloudinary credentials", fmt.Sprintf(
		"%s %s set but %s %s not. Set all three (%s), or use a Cloudinary URL instead.",
		strings.Join(set, " and "), isAre(set), strings.Join(missing, " and "), isAre(missing), strings.Join(names[:], ", "))}
}

func isAre(items []string) string {
	if len(items) == 1 {
		return "is"
	}
	return "are"
}

func fromURL(raw, where string) (credentials, error) {
	u, err := client.ParseCloudinaryURL(raw)
	if err != nil {
		return credentials{}, &credentialProblem{"Invalid Cloudinary URL", fmt.Sprintf("The value of %s is not valid: %s", where, err)}
	}
	return credentials{CloudName: u.CloudName, APIKey: u.APIKey, APISecret: u.APISecret, BaseURL: u.BaseURL, Source: where}, nil
}
