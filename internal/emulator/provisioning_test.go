package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// The Provisioning API has its own hourly budget, reported in the same
// X-FeatureRateLimit-* headers as the Admin API's and answered with 420
// past it (the OpenAPI's 420 on every operation; pycloudinary and the Ruby
// SDK read the headers on every answer); the Admin API's budget is apart.
func TestProvisioning_hourlyBudget(t *testing.T) {
	te := newTestEmulator(t, Options{ProvisioningHourlyLimit: 2, HourlyLimit: 5})
	for i := range 2 {
		r := te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil)
		expectStatus(t, r, http.StatusOK)
		if r.header.Get("X-FeatureRateLimit-Limit") != "2" || r.header.Get("X-FeatureRateLimit-Remaining") != []string{"1", "0"}[i] ||
			r.header.Get("X-FeatureRateLimit-Reset") == "" {
			t.Errorf("headers %v", r.header)
		}
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), 420)
	if r := te.admin(http.MethodGet, "/ping", nil); r.status != http.StatusOK || r.header.Get("X-FeatureRateLimit-Limit") != "5" {
		t.Errorf("the Admin API's budget: %d %v", r.status, r.header)
	}
	if te.Counters().ProvisioningRateLimited() != 1 || te.Counters().RateLimited() != 0 {
		t.Errorf("rate limited: provisioning %d, admin %d", te.Counters().ProvisioningRateLimited(), te.Counters().RateLimited())
	}
	te.SetProvisioningHourlyLimit(10)
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), http.StatusOK)
	// An injected 420 reports the Provisioning API's budget too.
	te.Faults().Add(Fault{Path: "/provisioning/", Status: 420, Times: 1})
	if r := te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil); r.status != 420 || r.header.Get("X-FeatureRateLimit-Limit") != "10" {
		t.Errorf("injected 420: %d %v", r.status, r.header)
	}
}

// An account without provisioning access answers 403 with a message saying
// so, set by Options or the control API; bad credentials still answer 401.
func TestProvisioning_noAccess(t *testing.T) {
	te := newTestEmulator(t, Options{NoProvisioningAccess: true})
	r := te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil)
	if r.status != http.StatusForbidden || !strings.Contains(r.errorMessage(), "Provisioning API access is not enabled") {
		t.Errorf("without access: %d %s", r.status, r.raw)
	}
	expectStatus(t, te.provAs(npmEncoding, "bad", "bad", http.MethodGet, "/sub_accounts", nil), http.StatusUnauthorized)
	req, _ := http.NewRequest(http.MethodPut, te.srv.URL+"/_emulator/provisioning", strings.NewReader(`{"access": true}`))
	expectStatus(t, te.do(req), http.StatusNoContent)
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), http.StatusOK)
	te.SetProvisioningAccess(false)
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/sub_accounts", nil), http.StatusForbidden)
}

// Provisioning calls are counted apart from Admin and Upload calls, under
// their route patterns, and the fault table applies to them (and to the
// linked clouds) like to any other call.
func TestProvisioning_countersAndFaults(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "Counted", "cloud_name": "counted"})
	te.prov(npmEncoding, http.MethodGet, "/sub_accounts/"+env["id"].(string), nil)
	te.admin(http.MethodGet, "/ping", nil)
	c := te.Counters()
	if c.Provisioning() != 2 || c.Admin() != 1 || c.Upload() != 0 {
		t.Errorf("provisioning %d, admin %d, upload %d: %v", c.Provisioning(), c.Admin(), c.Upload(), c.Snapshot())
	}
	if n := c.Route("GET /provisioning/accounts/{account_id}/sub_accounts/{sub_account_id}"); n != 1 {
		t.Errorf("route count %d: %v", n, c.Routes())
	}
	te.Faults().Add(Fault{Path: "/provisioning/accounts/" + te.AccountID() + "/users", Status: 503, Times: 1})
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/users", nil), 503)
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/users", nil), http.StatusOK)
	root := env["api_access_keys"].([]any)[0].(map[string]any)
	te.Faults().Add(Fault{Path: "/ping", Status: 500, Times: 1})
	expectStatus(t, te.cloudAdmin("counted", root["key"].(string), root["secret"].(string), "/ping"), 500)
	if c.Admin() != 2 {
		t.Errorf("a linked cloud's calls count with the others: admin %d", c.Admin())
	}
}

// AccountURL is the CLOUDINARY_ACCOUNT_URL the SDKs read, with the
// emulator as upload_prefix; the defaults give an account ID in UUID form.
func TestProvisioning_accountURL(t *testing.T) {
	e := New(Options{})
	if got := e.AccountURL("http://127.0.0.1:1/"); got != "account://987654321098765:emulator-account-secret@"+e.AccountID()+"?upload_prefix=http://127.0.0.1:1" {
		t.Errorf("AccountURL %s", got)
	}
	if id := e.AccountID(); len(id) != 36 || strings.Count(id, "-") != 4 {
		t.Errorf("account ID %q", id)
	}
	custom := New(Options{AccountID: "acc", AccountAPIKey: "k", AccountAPISecret: "s"})
	if custom.AccountURL("http://h") != "account://k:s@acc?upload_prefix=http://h" {
		t.Errorf("custom %s", custom.AccountURL("http://h"))
	}
}

// Unknown paths under the account answer the HTML 404 of a page the API
// does not serve.
func TestProvisioning_unknownPath(t *testing.T) {
	te := newTestEmulator(t, Options{})
	r := te.prov(npmEncoding, http.MethodGet, "/nothing_here", nil)
	if r.status != http.StatusNotFound || !strings.HasPrefix(r.raw, "<!DOCTYPE html>") {
		t.Errorf("%d %s", r.status, r.raw)
	}
}

// The quirks some observers report of the live API, off by default: masked
// secrets on environment reads and key updates (scayle's provider; the Go
// fork's mocks), and a key disable that does nothing (the Go fork's live
// test). The keys list keeps full secrets either way.
func TestProvisioning_quirks(t *testing.T) {
	te := newTestEmulator(t, Options{ProvisioningQuirks: ProvisioningQuirks{MaskSecretsOnRead: true, IgnoreKeyDisable: true}})
	created := te.createEnvironment(map[string]any{"name": "Quirky"})
	id := created["id"].(string)
	secret := created["api_access_keys"].([]any)[0].(map[string]any)["secret"].(string)
	if strings.HasPrefix(secret, "*") {
		t.Errorf("the create answer masks the secret: %v", created)
	}
	got := te.prov(npmEncoding, http.MethodGet, "/sub_accounts/"+id, nil)
	if s := got.body["api_access_keys"].([]any)[0].(map[string]any)["secret"]; s != "*****"+secret[len(secret)-4:] {
		t.Errorf("GET secret %v", s)
	}
	keysPath := "/sub_accounts/" + id + "/access_keys"
	if listed := items(t, te.prov(npmEncoding, http.MethodGet, keysPath, nil), "access_keys"); listed[0]["api_secret"] != secret {
		t.Errorf("list secret %v", listed[0]["api_secret"])
	}
	key := created["api_access_keys"].([]any)[0].(map[string]any)["key"].(string)
	r := te.prov(npmEncoding, http.MethodPut, keysPath+"/"+key, map[string]any{"enabled": false})
	if r.body["enabled"] != true || !strings.HasPrefix(r.body["api_secret"].(string), "*****") {
		t.Errorf("update with the quirks: %s", r.raw)
	}
	req, _ := http.NewRequest(http.MethodPut, te.srv.URL+"/_emulator/provisioning", strings.NewReader(`{"ignore_key_disable": false, "mask_secrets_on_read": false}`))
	expectStatus(t, te.do(req), http.StatusNoContent)
	r = te.prov(npmEncoding, http.MethodPut, keysPath+"/"+key, map[string]any{"enabled": false})
	if r.body["enabled"] != false || r.body["api_secret"] != secret {
		t.Errorf("update without the quirks: %s", r.raw)
	}
}
