package provider

import (
	"errors"
	"strings"
	"testing"
)

func TestUnitResolveCredentials(t *testing.T) {
	const url = "cloudinary://111:urlsecret@urlcloud"
	attrs := func(a, b, c string) [3]string { return [3]string{a, b, c} }
	cases := []struct {
		name    string
		in      credentialSources
		want    credentials
		summary string
	}{
		{name: "attributes", in: credentialSources{Attributes: attrs("c", "k", "s"), EnvURL: url},
			want: credentials{Owner: "c", APIKey: "k", APISecret: "s", Source: "provider attributes"}},
		{name: "url attribute beats env", in: credentialSources{URL: url, Env: attrs("e", "e", "e")},
			want: credentials{Owner: "urlcloud", APIKey: "111", APISecret: "urlsecret", Source: "the cloudinary_url attribute"}},
		{name: "env variables", in: credentialSources{Env: attrs("c", "k", "s")},
			want: credentials{Owner: "c", APIKey: "k", APISecret: "s", Source: "CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY, CLOUDINARY_API_SECRET"}},
		{name: "env variables agreeing with env URL", in: credentialSources{Env: attrs("urlcloud", "111", "urlsecret"), EnvURL: url + "?upload_prefix=http://127.0.0.1:9"},
			want: credentials{Owner: "urlcloud", APIKey: "111", APISecret: "urlsecret", BaseURL: "http://127.0.0.1:9/v1_1", Source: "CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY, CLOUDINARY_API_SECRET"}},
		{name: "env URL", in: credentialSources{EnvURL: url},
			want: credentials{Owner: "urlcloud", APIKey: "111", APISecret: "urlsecret", Source: "CLOUDINARY_URL"}},
		{name: "partial attributes", in: credentialSources{Attributes: attrs("c", "", ""), EnvURL: url}, summary: "Incomplete Cloudinary credentials"},
		{name: "partial env", in: credentialSources{Env: attrs("", "k", "")}, summary: "Incomplete Cloudinary credentials"},
		{name: "attribute conflict", in: credentialSources{Attributes: attrs("c", "k", "s"), URL: url}, summary: "Conflicting Cloudinary credentials"},
		{name: "env conflict", in: credentialSources{Env: attrs("c", "k", "s"), EnvURL: url}, summary: "Conflicting Cloudinary credentials"},
		{name: "malformed url", in: credentialSources{URL: "cloudinary://nosecret@c"}, summary: "Invalid Cloudinary URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, found, err := environmentCredentials.resolve(tc.in)
			checkResolved(t, got, found, err, tc.want, tc.summary, "urlsecret")
		})
	}
	t.Run("nothing", func(t *testing.T) {
		if _, found, err := environmentCredentials.resolve(credentialSources{}); found || err != nil {
			t.Fatalf("found %v, %v; want nothing", found, err)
		}
	})
}

// The account's credentials follow the environment's rules, with the
// provisioning SDKs' older variable names beside the current ones.
func TestUnitResolveAccountCredentials(t *testing.T) {
	const url = "account://acckey:accsecret@0f5d5b2c-1e2a-4d1b-9c3e-7a6b5c4d3e2f"
	cases := []struct {
		name    string
		attrs   [3]string
		urlAttr string
		env     map[string]string
		want    credentials
		summary string
	}{
		{name: "attributes beat the environment", attrs: [3]string{"acct", "k", "s"}, env: map[string]string{"CLOUDINARY_ACCOUNT_URL": url},
			want: credentials{Owner: "acct", APIKey: "k", APISecret: "s", Source: "provider attributes"}},
		{name: "url attribute with upload_prefix", urlAttr: url + "?upload_prefix=http://127.0.0.1:9",
			want: credentials{Owner: "0f5d5b2c-1e2a-4d1b-9c3e-7a6b5c4d3e2f", APIKey: "acckey", APISecret: "accsecret",
				BaseURL: "http://127.0.0.1:9/v1_1", Source: "the account_url attribute"}},
		{name: "current variables", env: map[string]string{"CLOUDINARY_ACCOUNT_ID": "a", "CLOUDINARY_ACCOUNT_API_KEY": "k", "CLOUDINARY_ACCOUNT_API_SECRET": "s"},
			want: credentials{Owner: "a", APIKey: "k", APISecret: "s", Source: "CLOUDINARY_ACCOUNT_ID, CLOUDINARY_ACCOUNT_API_KEY, CLOUDINARY_ACCOUNT_API_SECRET"}},
		{name: "older variables", env: map[string]string{"CLOUDINARY_ACCOUNT_ID": "a", "CLOUDINARY_PROVISIONING_API_KEY": "k", "CLOUDINARY_PROVISIONING_API_SECRET": "s"},
			want: credentials{Owner: "a", APIKey: "k", APISecret: "s", Source: "CLOUDINARY_ACCOUNT_ID, CLOUDINARY_PROVISIONING_API_KEY, CLOUDINARY_PROVISIONING_API_SECRET"}},
		{name: "both names agreeing", env: map[string]string{"CLOUDINARY_ACCOUNT_ID": "a", "CLOUDINARY_ACCOUNT_API_KEY": "k",
			"CLOUDINARY_PROVISIONING_API_KEY": "k", "CLOUDINARY_ACCOUNT_API_SECRET": "s"},
			want: credentials{Owner: "a", APIKey: "k", APISecret: "s", Source: "CLOUDINARY_ACCOUNT_ID, CLOUDINARY_ACCOUNT_API_KEY, CLOUDINARY_ACCOUNT_API_SECRET"}},
		{name: "env URL", env: map[string]string{"CLOUDINARY_ACCOUNT_URL": url},
			want: credentials{Owner: "0f5d5b2c-1e2a-4d1b-9c3e-7a6b5c4d3e2f", APIKey: "acckey", APISecret: "accsecret", Source: "CLOUDINARY_ACCOUNT_URL"}},
		{name: "both names disagreeing", env: map[string]string{"CLOUDINARY_ACCOUNT_API_SECRET": "accsecret", "CLOUDINARY_PROVISIONING_API_SECRET": "other"},
			summary: "Conflicting Cloudinary account credentials"},
		{name: "partial attributes", attrs: [3]string{"acct", "", ""}, summary: "Incomplete Cloudinary account credentials"},
		{name: "partial env", env: map[string]string{"CLOUDINARY_ACCOUNT_ID": "a"}, summary: "Incomplete Cloudinary account credentials"},
		{name: "attribute conflict", attrs: [3]string{"a", "k", "s"}, urlAttr: url, summary: "Conflicting Cloudinary account credentials"},
		{name: "env conflict", env: map[string]string{"CLOUDINARY_ACCOUNT_ID": "a", "CLOUDINARY_ACCOUNT_API_KEY": "k",
			"CLOUDINARY_ACCOUNT_API_SECRET": "s", "CLOUDINARY_ACCOUNT_URL": url}, summary: "Conflicting Cloudinary account credentials"},
		{name: "wrong scheme", urlAttr: "cloudinary://acckey:accsecret@cloud", summary: "Invalid Cloudinary account URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sources, err := accountCredentials.sources(tc.attrs, tc.urlAttr, func(name string) string { return tc.env[name] })
			var got credentials
			found := true
			if err == nil {
				got, found, err = accountCredentials.resolve(sources)
			}
			checkResolved(t, got, found, err, tc.want, tc.summary, "accsecret")
		})
	}
}

func checkResolved(t *testing.T, got credentials, found bool, err error, want credentials, summary, secret string) {
	t.Helper()
	if summary == "" {
		if err != nil || !found || got != want {
			t.Fatalf("got %+v, %v, %v; want %+v", got, found, err, want)
		}
		return
	}
	var problem *credentialProblem
	if !errors.As(err, &problem) || problem.Summary != summary {
		t.Fatalf("error %v, want %q", err, summary)
	}
	for _, s := range []string{secret, "\"s\""} {
		if strings.Contains(problem.Detail, s) {
			t.Fatalf("the diagnostic reveals a secret: %s", problem.Detail)
		}
	}
}

func TestUnitIncompleteCredentialsNameBothForms(t *testing.T) {
	_, _, err := environmentCredentials.resolve(credentialSources{Env: [3]string{"c", "k", ""}})
	want := "CLOUDINARY_CLOUD_NAME and CLOUDINARY_API_KEY are set but CLOUDINARY_API_SECRET is not"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want it to contain %q", err, want)
	}
	_, _, err = environmentCredentials.resolve(credentialSources{Attributes: [3]string{"", "", "s"}})
	want = "api_secret is set but cloud_name and api_key are not"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want it to contain %q", err, want)
	}
	sources, err := accountCredentials.sources([3]string{}, "", func(name string) string {
		return map[string]string{"CLOUDINARY_ACCOUNT_ID": "a", "CLOUDINARY_PROVISIONING_API_KEY": "k"}[name]
	})
	must(t, err)
	_, _, err = accountCredentials.resolve(sources)
	want = "CLOUDINARY_ACCOUNT_ID and CLOUDINARY_PROVISIONING_API_KEY are set but CLOUDINARY_ACCOUNT_API_SECRET is not"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want it to contain %q", err, want)
	}
}
