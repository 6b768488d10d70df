package provider

import (
	"errors"
	"strings"
	"testing"
)

func TestUnitResolveCredentials(t *testing.T) {
	const url = "cloudinary://111:urlsecret@urlcloud"
	cases := []struct {
		name    string
		in      credentialSources
		want    credentials
		summary string
	}{
		{name: "attributes", in: credentialSources{CloudName: "c", APIKey: "k", APISecret: "s", EnvURL: url},
			want: credentials{CloudName: "c", APIKey: "k", APISecret: "s", Source: "provider attributes"}},
		{name: "url attribute beats env", in: credentialSources{URL: url, EnvCloudName: "e", EnvAPIKey: "e", EnvAPISecret: "e"},
			want: credentials{CloudName: "urlcloud", APIKey: "111", APISecret: "urlsecret", Source: "the cloudinary_url attribute"}},
		{name: "env variables", in: credentialSources{EnvCloudName: "c", EnvAPIKey: "k", EnvAPISecret: "s"},
			want: credentials{CloudName: "c", APIKey: "k", APISecret: "s", Source: "CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET"}},
		{name: "env variables agreeing with env URL", in: credentialSources{EnvCloudName: "urlcloud", EnvAPIKey: "111", EnvAPISecret: "urlsecret", EnvURL: url + "?upload_prefix=http://127.0.0.1:9"},
			want: credentials{CloudName: "urlcloud", APIKey: "111", APISecret: "urlsecret", BaseURL: "http://127.0.0.1:9/v1_1", Source: "CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and CLOUDINARY_API_SECRET"}},
		{name: "env URL", in: credentialSources{EnvURL: url},
			want: credentials{CloudName: "urlcloud", APIKey: "111", APISecret: "urlsecret", Source: "CLOUDINARY_URL"}},
		{name: "nothing", in: credentialSources{}, summary: "Missing Cloudinary credentials"},
		{name: "partial attributes", in: credentialSources{CloudName: "c", EnvURL: url}, summary: "Incomplete Cloudinary credentials"},
		{name: "partial env", in: credentialSources{EnvAPIKey: "k"}, summary: "Incomplete Cloudinary credentials"},
		{name: "attribute conflict", in: credentialSources{CloudName: "c", APIKey: "k", APISecret: "s", URL: url}, summary: "Conflicting Cloudinary credentials"},
		{name: "env conflict", in: credentialSources{EnvCloudName: "c", EnvAPIKey: "k", EnvAPISecret: "s", EnvURL: url}, summary: "Conflicting Cloudinary credentials"},
		{name: "malformed url", in: credentialSources{URL: "cloudinary://nosecret@c"}, summary: "Invalid Cloudinary URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveCredentials(tc.in)
			if tc.summary == "" {
				if err != nil || got != tc.want {
					t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
				}
				return
			}
			var problem *credentialProblem
			if !errors.As(err, &problem) || problem.Summary != tc.summary {
				t.Fatalf("error %v, want %q", err, tc.summary)
			}
			for _, secret := range []string{"urlsecret", "\"s\""} {
				if strings.Contains(problem.Detail, secret) {
					t.Fatalf("the diagnostic reveals a secret: %s", problem.Detail)
				}
			}
		})
	}
}

func TestUnitIncompleteCredentialsNameBothForms(t *testing.T) {
	_, err := resolveCredentials(credentialSources{EnvCloudName: "c", EnvAPIKey: "k"})
	want := "CLOUDINARY_CLOUD_NAME and CLOUDINARY_API_KEY are set but CLOUDINARY_API_SECRET is not"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want it to contain %q", err, want)
	}
	_, err = resolveCredentials(credentialSources{APISecret: "s"})
	want = "api_secret is set but cloud_name and api_key are not"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want it to contain %q", err, want)
	}
}
