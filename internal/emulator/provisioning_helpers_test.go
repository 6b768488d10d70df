package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// sdkEncoding is how one official SDK sends a Provisioning API call's
// parameters (PROVISIONING.md §1.2), so that each test re-encoding an SDK's
// test sends what that SDK sends.
type sdkEncoding struct {
	name string
	// getInBody sends GET parameters as a JSON body (Ruby's Faraday).
	getInBody bool
	// arrays is how a list goes into a query or form: "brackets"
	// (ids[]=a&ids[]=b), "repeat" (ids=a&ids=b) or "comma" (ids=a,b).
	arrays string
	// boolDigits writes query booleans as 1/0 (PHP's http_build_query).
	boolDigits bool
	// boolStrings writes booleans as "true"/"false" inside JSON too
	// (Python's normalize_params, .NET).
	boolStrings bool
	// formBody sends the body of other methods form-encoded, not as JSON
	// (npm's update_user_group, add_user_to_group and delete-by-name;
	// PHP's delete; Java's user group and access key calls).
	formBody bool
}

var (
	pyEncoding       = sdkEncoding{name: "pycloudinary", arrays: "brackets", boolStrings: true}
	pyUsersEncoding  = sdkEncoding{name: "pycloudinary users", arrays: "comma", boolStrings: true}
	npmEncoding      = sdkEncoding{name: "cloudinary_npm", arrays: "repeat"}
	npmFormEncoding  = sdkEncoding{name: "cloudinary_npm form", arrays: "repeat", formBody: true}
	phpEncoding      = sdkEncoding{name: "cloudinary_php", arrays: "comma", boolDigits: true}
	phpFormEncoding  = sdkEncoding{name: "cloudinary_php delete", arrays: "comma", boolDigits: true, formBody: true}
	rubyEncoding     = sdkEncoding{name: "cloudinary_gem", getInBody: true}
	javaEncoding     = sdkEncoding{name: "cloudinary_java", arrays: "repeat"}
	javaFormEncoding = sdkEncoding{name: "cloudinary_java form", arrays: "repeat", formBody: true}
	dotnetEncoding   = sdkEncoding{name: "CloudinaryDotNet", arrays: "repeat", boolStrings: true}
)

// provisioningURL is the address of a call under the emulator's account.
func (te *testEmulator) provisioningURL(path string) string {
	return te.srv.URL + "/v1_1/provisioning/accounts/" + te.AccountID() + path
}

// prov sends a Provisioning API call with the account's credentials,
// encoded as enc's SDK would.
func (te *testEmulator) prov(enc sdkEncoding, method, path string, params map[string]any) response {
	te.t.Helper()
	return te.provAs(enc, te.AccountAPIKey(), te.AccountAPISecret(), method, path, params)
}

func (te *testEmulator) provAs(enc sdkEncoding, key, secret, method, path string, params map[string]any) response {
	te.t.Helper()
	target := te.provisioningURL(path)
	var body io.Reader
	contentType := ""
	switch {
	case len(params) == 0:
	case method == http.MethodGet && !enc.getInBody:
		target += "?" + enc.form(params, enc.boolDigits).Encode()
	case enc.formBody:
		body, contentType = strings.NewReader(enc.form(params, false).Encode()), "application/x-www-form-urlencoded"
	default:
		data, err := json.Marshal(enc.jsonValues(params))
		if err != nil {
			te.t.Fatal(err)
		}
		body, contentType = bytes.NewReader(data), "application/json"
	}
	req, _ := http.NewRequest(method, target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.SetBasicAuth(key, secret)
	return te.do(req)
}

// form encodes parameters as a query or form body.
func (enc sdkEncoding) form(params map[string]any, boolDigits bool) url.Values {
	out := url.Values{}
	for k, v := range params {
		switch t := v.(type) {
		case []string:
			enc.addList(out, k, t)
		case bool:
			out.Set(k, fmt.Sprint(t))
			if boolDigits {
				out.Set(k, map[bool]string{true: "1", false: "0"}[t])
			}
		case map[string]string:
			data, _ := json.Marshal(t)
			out.Set(k, string(data))
		default:
			out.Set(k, fmt.Sprint(t))
		}
	}
	return out
}

func (enc sdkEncoding) addList(out url.Values, key string, items []string) {
	switch enc.arrays {
	case "brackets":
		for _, item := range items {
			out.Add(key+"[]", item)
		}
	case "comma":
		out.Set(key, strings.Join(items, ","))
	default:
		if len(items) == 0 {
			out.Set(key, "") // npm sends an empty array as ids=
		}
		for _, item := range items {
			out.Add(key, item)
		}
	}
}

// jsonValues are the parameters of a JSON body, booleans as strings for the
// SDKs that send them so.
func (enc sdkEncoding) jsonValues(params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		if b, ok := v.(bool); ok && enc.boolStrings {
			out[k] = fmt.Sprint(b)
			continue
		}
		out[k] = v
	}
	return out
}

// items reads a list of objects from an answer.
func items(t *testing.T, r response, key string) []map[string]any {
	t.Helper()
	raw, ok := r.body[key].([]any)
	if !ok {
		t.Fatalf("answer has no list %q: %s", key, r.raw)
	}
	out := make([]map[string]any, 0, len(raw))
	for _, item := range raw {
		out = append(out, item.(map[string]any))
	}
	return out
}

// ids are the "id" (or other key) values of a list of objects.
func ids(list []map[string]any, key string) []string {
	out := []string{}
	for _, item := range list {
		out = append(out, fmt.Sprint(item[key]))
	}
	sort.Strings(out)
	return out
}

// createEnvironment creates a product environment and returns its answer.
func (te *testEmulator) createEnvironment(params map[string]any) map[string]any {
	te.t.Helper()
	r := te.prov(npmEncoding, http.MethodPost, "/sub_accounts", params)
	expectStatus(te.t, r, http.StatusOK)
	return r.body
}

// createUser creates a user and returns its answer.
func (te *testEmulator) createUser(params map[string]any) map[string]any {
	te.t.Helper()
	r := te.prov(npmEncoding, http.MethodPost, "/users", params)
	expectStatus(te.t, r, http.StatusOK)
	return r.body
}

// createGroup creates a user group and returns its ID.
func (te *testEmulator) createGroup(name string) string {
	te.t.Helper()
	r := te.prov(npmEncoding, http.MethodPost, "/user_groups", map[string]any{"name": name})
	expectStatus(te.t, r, http.StatusOK)
	return r.body["id"].(string)
}

// cloudAdmin sends an Admin API GET to a cloud of the account with the
// given key.
func (te *testEmulator) cloudAdmin(cloud, key, secret, path string) response {
	te.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, te.srv.URL+"/v1_1/"+cloud+path, nil)
	req.SetBasicAuth(key, secret)
	return te.do(req)
}

// cloudUpload sends a signed Upload API call to another cloud of the
// account, signed with the given key.
func (te *testEmulator) cloudUpload(cloud, key, secret, path string, form url.Values) response {
	te.t.Helper()
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	out.Set("timestamp", fmt.Sprint(te.opts.Now().Unix()))
	out.Set("signature", sign(out, secret))
	out.Set("api_key", key)
	req, _ := http.NewRequest(http.MethodPost, te.srv.URL+"/v1_1/"+cloud+path, strings.NewReader(out.Encode()))
	return te.do(req)
}
