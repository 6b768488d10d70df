package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// O-1: wrong credentials answer 401 "Invalid credentials" (pycloudinary
// test_wrong_api_credentials; cloudinary_npm "Accepts credentials as an
// argument"; cloudinary_gem "should accept credentials as an argument";
// cloudinary_java testPassingCredentialsThroughOptions).
func TestProvisioning_wrongCredentials(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, creds := range [][2]string{{"bad", te.AccountAPISecret()}, {te.AccountAPIKey(), "bad"}, {te.APIKey(), te.APISecret()}} {
		r := te.provAs(pyEncoding, creds[0], creds[1], http.MethodGet, "/sub_accounts", nil)
		expectStatus(t, r, http.StatusUnauthorized)
		if r.errorMessage() != "Invalid credentials" {
			t.Errorf("message %q", r.errorMessage())
		}
	}
	other := te.srv.URL + "/v1_1/provisioning/accounts/another-account/sub_accounts"
	req, _ := http.NewRequest(http.MethodGet, other, nil)
	req.SetBasicAuth(te.AccountAPIKey(), te.AccountAPISecret())
	expectStatus(t, te.do(req), http.StatusUnauthorized)
}

// O-2 and O-3: a created environment answers its id, name, cloud name,
// enabled, one enabled Root key with its secret, created_at and the custom
// attributes sent; without a cloud name, it is the name with "_" as "-"
// (PHP ProvisioningSubAccountTest testCreateSubAccount and
// testCreateSubAccountBasedOnExistingAccount; cloudinary_npm and
// cloudinary_gem before hooks; .NET CreateSubAccount).
func TestProvisioning_createEnvironment(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, enc := range []sdkEncoding{pyEncoding, npmEncoding, phpEncoding, rubyEncoding, javaEncoding, dotnetEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			name := "sub_" + strings.ReplaceAll(strings.ToLower(enc.name), " ", "_")
			r := te.prov(enc, http.MethodPost, "/sub_accounts", map[string]any{"name": name, "custom_attributes": map[string]string{"key_1": "v1", "key_2": "v2"}})
			expectStatus(t, r, http.StatusOK)
			env := r.body
			if env["name"] != name || env["cloud_name"] != strings.ReplaceAll(name, "_", "-") || env["enabled"] != true {
				t.Errorf("created %s", r.raw)
			}
			if id, _ := env["id"].(string); id == "" || env["created_at"] == "" || env["edge_key"] == "" {
				t.Errorf("id, created_at or edge_key missing: %s", r.raw)
			}
			keys := items(t, r, "api_access_keys")
			if len(keys) != 1 || keys[0]["key"] == "" || keys[0]["secret"] == "" || keys[0]["enabled"] != true {
				t.Errorf("api_access_keys %v", keys)
			}
			attrs, _ := env["custom_attributes"].(map[string]any)
			if attrs["key_1"] != "v1" || attrs["key_2"] != "v2" || len(attrs) != 2 {
				t.Errorf("custom_attributes %v", attrs)
			}
			got := te.prov(enc, http.MethodGet, "/sub_accounts/"+env["id"].(string), nil)
			if _, ok := got.body["edge_key"]; ok {
				t.Errorf("edge_key is in the create answer only: %s", got.raw)
			}
		})
	}
}

// O-3: an environment based on another gets a new ID and not its custom
// attributes (PHP testCreateSubAccountBasedOnExistingAccount,
// …WithCustomAttributes); O-4: an unknown base fails with "cannot find sub
// account" (cloudinary_java testCreateSubAccount).
func TestProvisioning_createFromBase(t *testing.T) {
	te := newTestEmulator(t, Options{})
	base := te.createEnvironment(map[string]any{"name": "base_env", "custom_attributes": map[string]string{"a": "b"}})
	copyOf := te.createEnvironment(map[string]any{"name": "copy_env", "base_sub_account_id": base["id"]})
	if copyOf["id"] == base["id"] || len(copyOf["custom_attributes"].(map[string]any)) != 0 {
		t.Errorf("copy %v of %v", copyOf, base)
	}
	r := te.prov(javaEncoding, http.MethodPost, "/sub_accounts", map[string]any{"name": "x", "base_sub_account_id": "nope"})
	if r.status < 400 || !strings.Contains(r.errorMessage(), "cannot find sub account") {
		t.Errorf("unknown base: %d %s", r.status, r.raw)
	}
}

// O-5: an update of name, cloud_name, custom_attributes (replaced whole)
// and enabled=false shows in its answer and in GET (pycloudinary
// test_update_sub_account; cloudinary_npm "Updates a sub_account";
// cloudinary_gem; PHP testUpdateSubAccount; .NET and Java
// testUpdateSubAccount).
func TestProvisioning_updateEnvironment(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, enc := range []sdkEncoding{pyEncoding, npmEncoding, phpEncoding, rubyEncoding, javaEncoding, dotnetEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			env := te.createEnvironment(map[string]any{"name": "upd_" + strings.Fields(enc.name)[0], "custom_attributes": map[string]string{"key_1": "a", "key_2": "b"}})
			id := env["id"].(string)
			newCloud := "renamed-" + strings.ToLower(strings.Fields(enc.name)[0])
			update := map[string]any{"name": "new name", "cloud_name": newCloud, "enabled": false, "custom_attributes": map[string]string{"key_3": "c"}}
			for _, r := range []response{te.prov(enc, http.MethodPut, "/sub_accounts/"+id, update), te.prov(enc, http.MethodGet, "/sub_accounts/"+id, nil)} {
				expectStatus(t, r, http.StatusOK)
				attrs, _ := r.body["custom_attributes"].(map[string]any)
				if r.body["name"] != "new name" || r.body["cloud_name"] != newCloud || r.body["enabled"] != false || len(attrs) != 1 || attrs["key_3"] != "c" {
					t.Errorf("after update: %s", r.raw)
				}
			}
		})
	}
}

// O-6: listing finds the created environment with enabled=true, by ids (one
// or two), and by prefix (exactly one) (pycloudinary
// test_get_all_sub_accounts; cloudinary_npm "Get all/specific/by prefix";
// PHP testGetSubAccountsWithoutParameters/ByIDs/ByPrefix; .NET
// TestGetAllSubAccounts; Java testGetSubAccounts; cloudinary_gem).
func TestProvisioning_listEnvironments(t *testing.T) {
	te := newTestEmulator(t, Options{})
	one := te.createEnvironment(map[string]any{"name": "alpha_unique"})["id"].(string)
	two := te.createEnvironment(map[string]any{"name": "beta_env"})["id"].(string)
	for _, enc := range []sdkEncoding{pyEncoding, npmEncoding, phpEncoding, rubyEncoding, javaEncoding, dotnetEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			all := items(t, te.prov(enc, http.MethodGet, "/sub_accounts", map[string]any{"enabled": true}), "sub_accounts")
			if got := ids(all, "id"); !slices.Contains(got, one) || !slices.Contains(got, two) || len(got) != 3 {
				t.Errorf("enabled=true lists %v", got)
			}
			byID := items(t, te.prov(enc, http.MethodGet, "/sub_accounts", map[string]any{"ids": []string{one}}), "sub_accounts")
			if got := ids(byID, "id"); !slices.Equal(got, []string{one}) {
				t.Errorf("ids=[one] lists %v", got)
			}
			both := items(t, te.prov(enc, http.MethodGet, "/sub_accounts", map[string]any{"ids": []string{one, two}}), "sub_accounts")
			if len(both) != 2 {
				t.Errorf("ids=[one,two] lists %v", ids(both, "id"))
			}
			byPrefix := items(t, te.prov(enc, http.MethodGet, "/sub_accounts", map[string]any{"prefix": "ALPHA_u"}), "sub_accounts")
			if got := ids(byPrefix, "id"); !slices.Equal(got, []string{one}) {
				t.Errorf("prefix lists %v", got)
			}
			byCloud := items(t, te.prov(enc, http.MethodGet, "/sub_accounts", map[string]any{"cloud_names": []string{"beta-env"}}), "sub_accounts")
			if got := ids(byCloud, "id"); !slices.Equal(got, []string{two}) {
				t.Errorf("cloud_names lists %v", got)
			}
		})
	}
}

// The emulator's own cloud is the account's first product environment,
// listed with its key; it can be neither deleted nor renamed (an emulator
// choice: every client holds its CLOUDINARY_URL).
func TestProvisioning_primaryEnvironment(t *testing.T) {
	te := newTestEmulator(t, Options{CloudName: "main-cloud"})
	list := items(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), "sub_accounts")
	if len(list) != 1 || list[0]["cloud_name"] != "main-cloud" {
		t.Fatalf("sub_accounts %v", list)
	}
	keys := list[0]["api_access_keys"].([]any)
	if k := keys[0].(map[string]any); len(keys) != 1 || k["key"] != te.APIKey() || k["secret"] != te.APISecret() {
		t.Errorf("primary keys %v", keys)
	}
	id := list[0]["id"].(string)
	expectStatus(t, te.prov(npmEncoding, http.MethodDelete, "/sub_accounts/"+id, nil), http.StatusBadRequest)
	expectStatus(t, te.prov(npmEncoding, http.MethodPut, "/sub_accounts/"+id, map[string]any{"cloud_name": "other"}), http.StatusBadRequest)
	expectStatus(t, te.prov(npmEncoding, http.MethodPut, "/sub_accounts/"+id, map[string]any{"name": "Main"}), http.StatusOK)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
}

// O-7: GET by id answers the same id and name (pycloudinary
// test_get_specific_sub_account; PHP testGetSubAccountById; .NET
// TestGetSpecificSubAccount; Java testGetSubAccount). O-8: delete answers
// {"message":"ok"}, then GET answers 404 (PHP testDeleteSubAccount; Java
// testDeleteSubAccount).
func TestProvisioning_getAndDeleteEnvironment(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for _, enc := range []sdkEncoding{pyEncoding, phpFormEncoding, rubyEncoding, javaEncoding, dotnetEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			env := te.createEnvironment(map[string]any{"name": "gd_" + strings.Fields(enc.name)[0]})
			id := env["id"].(string)
			got := te.prov(enc, http.MethodGet, "/sub_accounts/"+id, nil)
			if got.body["id"] != id || got.body["name"] != env["name"] {
				t.Errorf("get %s", got.raw)
			}
			del := te.prov(enc, http.MethodDelete, "/sub_accounts/"+id, nil)
			expectStatus(t, del, http.StatusOK)
			if del.raw != "{\"message\":\"ok\"}\n" {
				t.Errorf("delete answered %s", del.raw)
			}
			expectStatus(t, te.prov(enc, http.MethodGet, "/sub_accounts/"+id, nil), http.StatusNotFound)
			expectStatus(t, te.prov(enc, http.MethodDelete, "/sub_accounts/"+id, nil), http.StatusNotFound)
		})
	}
}

// A cloud name is never given twice, even after its environment is deleted
// ("Customers is invalid": the Go fork's live product environment test
// notes that cloud names stay locked after deletion); renaming locks the
// old name too.
func TestProvisioning_cloudNameTombstones(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "Locked", "cloud_name": "locked-name"})
	r := te.prov(pyEncoding, http.MethodPost, "/sub_accounts", map[string]any{"name": "again", "cloud_name": "locked-name"})
	if r.status != http.StatusConflict || r.errorMessage() != "Customers is invalid" {
		t.Errorf("live duplicate: %d %s", r.status, r.raw)
	}
	expectStatus(t, te.prov(pyEncoding, http.MethodDelete, "/sub_accounts/"+env["id"].(string), nil), http.StatusOK)
	r = te.prov(pyEncoding, http.MethodPost, "/sub_accounts", map[string]any{"name": "again", "cloud_name": "locked-name"})
	if r.status != http.StatusConflict || r.errorMessage() != "Customers is invalid" {
		t.Errorf("deleted name reused: %d %s", r.status, r.raw)
	}
	moved := te.createEnvironment(map[string]any{"name": "Mover", "cloud_name": "first-name"})
	expectStatus(t, te.prov(pyEncoding, http.MethodPut, "/sub_accounts/"+moved["id"].(string), map[string]any{"cloud_name": "second-name"}), http.StatusOK)
	r = te.prov(pyEncoding, http.MethodPost, "/sub_accounts", map[string]any{"name": "x", "cloud_name": "first-name"})
	expectStatus(t, r, http.StatusConflict)
	r = te.prov(pyEncoding, http.MethodPost, "/sub_accounts", map[string]any{"name": "x", "cloud_name": te.CloudName()})
	expectStatus(t, r, http.StatusConflict)
}

// E-1: parameters merge from the query and a JSON or form body on every
// method; an empty value is one not sent; booleans come in every form.
func TestProvisioning_parametersFromEverywhere(t *testing.T) {
	te := newTestEmulator(t, Options{})
	off := te.createEnvironment(map[string]any{"name": "off_env", "enabled": "false"})
	if off["enabled"] != false {
		t.Errorf(`enabled "false" in JSON: %v`, off)
	}
	on := te.createEnvironment(map[string]any{"name": "on_env"})
	for _, tc := range []struct {
		enc    sdkEncoding
		params map[string]any
		want   []string
	}{
		{phpEncoding, map[string]any{"enabled": false}, []string{off["id"].(string)}},                       // enabled=0
		{rubyEncoding, map[string]any{"enabled": false}, []string{off["id"].(string)}},                      // JSON body on GET
		{pyEncoding, map[string]any{"enabled": false}, []string{off["id"].(string)}},                        // "false" in the query
		{npmEncoding, map[string]any{"ids": []string{}, "prefix": "on_"}, []string{on["id"].(string)}},      // ids= is absent
		{rubyEncoding, map[string]any{"ids": []string{}, "prefix": ""}, nil},                                // [] and "" are absent
		{dotnetEncoding, map[string]any{"ids": []string{on["id"].(string)}}, []string{on["id"].(string)}},   // repeated key
		{phpEncoding, map[string]any{"ids": []string{on["id"].(string), "x"}}, []string{on["id"].(string)}}, // comma string
	} {
		list := items(t, te.prov(tc.enc, http.MethodGet, "/sub_accounts", tc.params), "sub_accounts")
		got := ids(list, "id")
		if tc.want == nil && len(got) != 3 || tc.want != nil && !slices.Equal(got, tc.want) {
			t.Errorf("%s %v lists %v, want %v", tc.enc.name, tc.params, got, tc.want)
		}
	}
	// A form body on PUT, with 0 for false; an empty name is no name.
	r := te.prov(npmFormEncoding, http.MethodPut, "/sub_accounts/"+on["id"].(string), map[string]any{"enabled": "0", "name": ""})
	if r.body["enabled"] != false || r.body["name"] != "on_env" {
		t.Errorf("form update: %s", r.raw)
	}
}

// An environment with 1000 assets or more can be neither renamed nor
// deleted ("fewer than 1000" assets: the npm and Ruby SDKs' doc comments,
// the OpenAPI's "fewer than 1000 images"); status and message are assumed.
func TestProvisioning_largeEnvironmentStays(t *testing.T) {
	te := newTestEmulator(t, Options{})
	id := te.createEnvironment(map[string]any{"name": "Large", "cloud_name": "large"})["id"].(string)
	te.account.mu.Lock()
	cloud := te.account.envs[id].cloud
	te.account.mu.Unlock()
	cloud.mu.Lock()
	for i := range maxAssetsToChange {
		key := assetKey{"image", "upload", fmt.Sprint("a", i)}
		cloud.store.assets[key] = &asset{key: key}
	}
	cloud.mu.Unlock()
	for _, r := range []response{
		te.prov(npmEncoding, http.MethodPut, "/sub_accounts/"+id, map[string]any{"cloud_name": "larger"}),
		te.prov(npmEncoding, http.MethodDelete, "/sub_accounts/"+id, nil),
	} {
		if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "1000 or more assets") {
			t.Errorf("%d %s", r.status, r.raw)
		}
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts/"+id, nil), http.StatusOK)
}

// The .NET SDK sends custom_attributes as "k1=v1|k2=v2"
// (CloudinaryDotNet BaseSubAccountParams), never seen against the live
// API: the emulator reads it as the map it stands for.
func TestProvisioning_customAttributesAsPairs(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "Pairs", "custom_attributes": "k1=v1|k2=v2"})
	if attrs := env["custom_attributes"].(map[string]any); len(attrs) != 2 || attrs["k1"] != "v1" || attrs["k2"] != "v2" {
		t.Errorf("custom_attributes %v", attrs)
	}
}
