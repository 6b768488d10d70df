package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A created environment is a cloud: its root key and any enabled key
// authenticate the Admin API (Basic auth) and the Upload API (signatures)
// under its cloud name, apart from the emulator's own cloud; a disabled or
// deleted key stops at once, and so does the cloud with its environment.
func TestLinkedClouds_keysAuthenticateTheirCloud(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "Linked", "cloud_name": "linked-cloud"})
	root := env["api_access_keys"].([]any)[0].(map[string]any)
	rootKey, rootSecret := root["key"].(string), root["secret"].(string)
	keysPath := "/sub_accounts/" + env["id"].(string) + "/access_keys"
	extra := te.prov(npmEncoding, http.MethodPost, keysPath, map[string]any{"name": "ci"}).body
	key, secret := extra["api_key"].(string), extra["api_secret"].(string)

	for _, k := range [][2]string{{rootKey, rootSecret}, {key, secret}} {
		expectStatus(t, te.cloudAdmin("linked-cloud", k[0], k[1], "/ping"), http.StatusOK)
	}
	preset := url.Values{"name": {"web"}}
	req, _ := http.NewRequest(http.MethodPost, te.srv.URL+"/v1_1/linked-cloud/upload_presets", strings.NewReader(preset.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(key, secret)
	expectStatus(t, te.do(req), http.StatusOK)
	if r := te.cloudAdmin("linked-cloud", key, secret, "/upload_presets/web"); r.status != http.StatusOK {
		t.Errorf("the preset is in the linked cloud: %d %s", r.status, r.raw)
	}
	expectStatus(t, te.admin(http.MethodGet, "/upload_presets/web", nil), http.StatusNotFound) // not in the emulator's own cloud
	up := te.cloudUpload("linked-cloud", key, secret, "/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "public_id": {"in-linked"}})
	expectStatus(t, up, http.StatusOK)
	if u, _ := up.body["secure_url"].(string); !strings.Contains(u, "/linked-cloud/") || up.body["api_key"] != key {
		t.Errorf("upload answered %s", up.raw)
	}
	// The answer is signed with the secret of the key that signed the call.
	toSign := url.Values{"public_id": {"in-linked"}, "version": {fmt.Sprint(int64(up.body["version"].(float64)))}}
	if want := sign(toSign, secret); up.body["signature"] != want {
		t.Errorf("answer signature %v, want %s", up.body["signature"], want)
	}
	// The keys of one cloud do not open another.
	expectStatus(t, te.cloudAdmin(te.CloudName(), key, secret, "/ping"), http.StatusUnauthorized)
	expectStatus(t, te.cloudAdmin("linked-cloud", te.APIKey(), te.APISecret(), "/ping"), http.StatusUnauthorized)

	expectStatus(t, te.prov(npmEncoding, http.MethodPut, keysPath+"/"+key, map[string]any{"enabled": false}), http.StatusOK)
	expectStatus(t, te.cloudAdmin("linked-cloud", key, secret, "/ping"), http.StatusUnauthorized)
	expectStatus(t, te.cloudUpload("linked-cloud", key, secret, "/image/destroy", url.Values{"public_id": {"in-linked"}}), http.StatusUnauthorized)
	expectStatus(t, te.prov(npmEncoding, http.MethodPut, keysPath+"/"+key, map[string]any{"enabled": true}), http.StatusOK)
	expectStatus(t, te.cloudAdmin("linked-cloud", key, secret, "/ping"), http.StatusOK)
	expectStatus(t, te.prov(npmEncoding, http.MethodDelete, keysPath+"/"+key, nil), http.StatusOK)
	expectStatus(t, te.cloudAdmin("linked-cloud", key, secret, "/ping"), http.StatusUnauthorized)

	expectStatus(t, te.prov(npmEncoding, http.MethodDelete, "/sub_accounts/"+env["id"].(string), nil), http.StatusOK)
	gone := te.cloudAdmin("linked-cloud", rootKey, rootSecret, "/ping")
	if gone.status != http.StatusUnauthorized || gone.errorMessage() != "Invalid cloud_name linked-cloud" {
		t.Errorf("after deletion: %d %s", gone.status, gone.raw)
	}
}

// Renaming an environment moves its cloud, with its assets and settings, to
// the new name; the old name answers as an unknown cloud.
func TestLinkedClouds_renameMovesTheCloud(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "Mover", "cloud_name": "old-name"})
	root := env["api_access_keys"].([]any)[0].(map[string]any)
	key, secret := root["key"].(string), root["secret"].(string)
	expectStatus(t, te.cloudUpload("old-name", key, secret, "/image/upload", url.Values{"file": {pngDataURI(t, 2, 2)}, "public_id": {"kept"}}), http.StatusOK)
	expectStatus(t, te.prov(rubyEncoding, http.MethodPut, "/sub_accounts/"+env["id"].(string), map[string]any{"cloud_name": "new-name"}), http.StatusOK)
	moved := te.cloudAdmin("new-name", key, secret, "/resources/image/upload/kept")
	if u, _ := moved.body["secure_url"].(string); moved.status != http.StatusOK || !strings.Contains(u, "/new-name/") {
		t.Errorf("asset after the move: %d %s", moved.status, moved.raw)
	}
	expectStatus(t, te.cloudAdmin("old-name", key, secret, "/ping"), http.StatusUnauthorized)
	if c := te.cloudAdmin("new-name", key, secret, "/config"); c.body["cloud_name"] != "new-name" {
		t.Errorf("config of the moved cloud: %s", c.raw)
	}
}

// The keys of the emulator's own cloud are those of the primary environment:
// a key generated there authenticates it, and disabling the root key stops
// the Options' credentials. Reset brings the account back as New made it.
func TestLinkedClouds_primaryKeysAndReset(t *testing.T) {
	te := newTestEmulator(t, Options{})
	primary := items(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), "sub_accounts")[0]["id"].(string)
	keysPath := "/sub_accounts/" + primary + "/access_keys"
	extra := te.prov(npmEncoding, http.MethodPost, keysPath, map[string]any{"name": "second"}).body
	expectStatus(t, te.cloudAdmin(te.CloudName(), extra["api_key"].(string), extra["api_secret"].(string), "/ping"), http.StatusOK)
	expectStatus(t, te.prov(npmEncoding, http.MethodPut, keysPath+"/"+te.APIKey(), map[string]any{"enabled": false}), http.StatusOK)
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusUnauthorized)
	te.createEnvironment(map[string]any{"name": "Doomed", "cloud_name": "doomed"})
	te.createUser(map[string]any{"name": "U", "email": "u@example.com", "role": "admin"})

	te.Reset()
	expectStatus(t, te.admin(http.MethodGet, "/ping", nil), http.StatusOK)
	if envs := items(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), "sub_accounts"); len(envs) != 1 || envs[0]["id"] != primary {
		t.Errorf("environments after Reset: %v", envs)
	}
	if users := items(t, te.prov(npmEncoding, http.MethodGet, "/users", nil), "users"); len(users) != 0 {
		t.Errorf("users after Reset: %v", users)
	}
	expectStatus(t, te.cloudAdmin(te.CloudName(), extra["api_key"].(string), extra["api_secret"].(string), "/ping"), http.StatusUnauthorized)
	te.createEnvironment(map[string]any{"name": "Doomed", "cloud_name": "doomed"}) // Reset forgets the names used
}

// Calls to a linked cloud may run while the account changes its keys and
// moves it: nothing deadlocks, and (under -race) nothing races.
func TestLinkedClouds_concurrentChanges(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "Busy", "cloud_name": "busy-0"})
	id := env["id"].(string)
	root := env["api_access_keys"].([]any)[0].(map[string]any)
	key, secret := root["key"].(string), root["secret"].(string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20 {
			cloud := fmt.Sprintf("busy-%d", i%3)
			req, _ := http.NewRequest(http.MethodGet, te.srv.URL+"/v1_1/"+cloud+"/upload_presets", nil)
			req.SetBasicAuth(key, secret)
			resp, err := te.srv.Client().Do(req)
			if err == nil {
				resp.Body.Close()
			}
		}
	}()
	for i := 1; i <= 5; i++ {
		te.prov(npmEncoding, http.MethodPost, "/sub_accounts/"+id+"/access_keys", map[string]any{"name": fmt.Sprint("k", i)})
		te.prov(npmEncoding, http.MethodPut, "/sub_accounts/"+id, map[string]any{"cloud_name": fmt.Sprintf("busy-%d", i)})
	}
	<-done
	expectStatus(t, te.cloudAdmin("busy-5", key, secret, "/ping"), http.StatusOK)
}
