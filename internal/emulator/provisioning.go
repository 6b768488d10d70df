package emulator

import (
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// The Provisioning API (Cloudinary's "Account Provisioning API"):
// product environments (sub_accounts), their access keys, users and user
// groups of the account that holds the emulator's cloud, under
// /v1_1/provisioning/accounts/<account_id>/ with the account's own
// credentials. Every product environment is a cloud the emulator serves:
// its enabled access keys authenticate the Admin and Upload APIs under
// /v1_1/<its cloud_name>/.

// provisioningPrefix starts every Provisioning API path.
const provisioningPrefix = "/v1_1/provisioning/"

// account is the emulated account. Its fields are guarded by mu; a cloud's
// store is locked only after mu (never the other way round).
type account struct {
	root *Emulator // the emulator New returned, whose cloud is the primary environment
	mux  *http.ServeMux

	limiter *rateLimiter

	mu        sync.Mutex
	envs      map[string]*environment // by ID
	clouds    map[string]*environment // by cloud name
	usedNames map[string]bool         // every cloud name ever used: never given again
	apiKeys   map[string]bool         // every API key ever generated
	users     map[string]*user
	groups    map[string]*userGroup
	seq       int // orders objects created in the same second
	noAccess  bool
	maxUsers  int
	quirks    ProvisioningQuirks
}

func newAccount(root *Emulator) *account {
	o := root.opts
	a := &account{
		root:    root,
		mux:     http.NewServeMux(),
		limiter: newRateLimiter(o.ProvisioningHourlyLimit, o.BudgetWindow, o.RateLimitCooldown, o.Now),
	}
	a.routes()
	a.reset()
	return a
}

// reset empties the account but for its primary environment, the cloud of
// the emulator New returned, with its root key enabled again.
func (a *account) reset() {
	o := a.root.opts
	a.limiter.Reset()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.envs, a.clouds = map[string]*environment{}, map[string]*environment{}
	a.usedNames, a.apiKeys = map[string]bool{}, map[string]bool{}
	a.users, a.groups = map[string]*user{}, map[string]*userGroup{}
	a.noAccess, a.maxUsers, a.quirks = o.NoProvisioningAccess, o.MaxUsers, o.ProvisioningQuirks
	now := a.now()
	primary := &environment{
		id: primaryEnvironmentID(o.AccountID), name: o.CloudName, cloudName: o.CloudName, enabled: true,
		customAttributes: map[string]string{}, created: a.root.created.UTC().Truncate(time.Second), updated: now,
		seq: a.next(), usedKeyNames: map[string]bool{}, cloud: a.root, primary: true,
	}
	primary.addKey(&accessKey{name: rootKeyName, apiKey: o.APIKey, apiSecret: o.APISecret, enabled: true, root: true,
		created: primary.created, updated: primary.created, seq: a.next()})
	a.root.keys.publish(primary.enabledSecrets())
	a.adopt(primary)
}

// primaryEnvironmentID is the ID of the emulator's own cloud as a product
// environment: fixed for an account, so that it survives Reset.
func primaryEnvironmentID(accountID string) string {
	id := strings.ReplaceAll(accountID, "-", "")
	return (id + "00000000000000000000000000000000")[:32]
}

// adopt records an environment and its cloud name.
func (a *account) adopt(env *environment) {
	a.envs[env.id] = env
	a.clouds[env.cloudName] = env
	a.usedNames[env.cloudName] = true
	for _, k := range env.keys {
		a.apiKeys[k.apiKey] = true
	}
}

func (a *account) now() time.Time { return a.root.opts.Now().UTC().Truncate(time.Second) }

func (a *account) next() int {
	a.seq++
	return a.seq
}

// linkedCloud is the emulator of the cloud a path names, when it is one of
// the account's product environments other than the primary.
func (a *account) linkedCloud(urlPath string) *Emulator {
	name, ok := cloudNameOf(urlPath)
	if !ok || name == a.root.opts.CloudName {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if env := a.clouds[name]; env != nil {
		return env.cloud
	}
	return nil
}

// serve answers a Provisioning API request; rest is its path after
// /v1_1/provisioning/. Like the Admin API's, it goes through fault
// injection and is counted, under its route pattern.
func (a *account) serve(w http.ResponseWriter, r *http.Request, rest string) {
	inner := r.Clone(r.Context())
	inner.URL.Path = strings.TrimSuffix("/provisioning/"+rest, "/")
	inner.URL.RawPath = ""
	if path.Clean(inner.URL.Path) != inner.URL.Path {
		writeError(w, http.StatusBadRequest, "Invalid path "+r.URL.Path)
		return
	}
	inner.Body = http.MaxBytesReader(w, r.Body, a.root.opts.MaxRequestBytes)
	a.root.serveWithFaults(w, inner, a.mux, a.serveAuthorized)
}

// serveAuthorized applies what every provisioning call goes through: Basic
// auth with the account's key and secret, the account's access to the API,
// and the provisioning budget.
func (a *account) serveAuthorized(w http.ResponseWriter, r *http.Request) {
	o := a.root.opts
	key, secret, ok := r.BasicAuth()
	// A wrong key or secret answers 401 "Invalid credentials" (the OpenAPI's
	// 401 example; cloudinary_java AbstractAccountApiTest
	// testPassingCredentialsThroughOptions, pycloudinary
	// test_wrong_api_credentials). So does another account's ID: assumed,
	// as the credentials are not that account's.
	if !ok || key != o.AccountAPIKey || secret != o.AccountAPISecret || accountIDOf(r.URL.Path) != o.AccountID {
		writeError(w, http.StatusUnauthorized, "Invalid credentials")
		return
	}
	a.mu.Lock()
	noAccess := a.noAccess
	a.mu.Unlock()
	if noAccess {
		// 403 is the OpenAPI's NotAllowed; the message is assumed.
		writeError(w, http.StatusForbidden, "Provisioning API access is not enabled for this account")
		return
	}
	state := a.limiter.Take()
	state.writeHeaders(w.Header())
	if !state.allowed {
		a.root.counters.addProvisioningRateLimited()
		writeError(w, 420, "Rate Limit Exceeded")
		return
	}
	serveRoute(a.mux, w, r)
}

// accountIDOf is the account ID of a path /provisioning/accounts/<id>/...
func accountIDOf(p string) string {
	rest, _ := strings.CutPrefix(p, "/provisioning/accounts/")
	id, _, _ := strings.Cut(rest, "/")
	return id
}

// call serves a provisioning endpoint: its parameters parsed as every SDK
// may send them (parseProvisioningParams), the account locked while it runs.
func (a *account) call(handle formHandler) http.HandlerFunc {
	return serve(&a.mu, parseProvisioningParams, handle)
}

func (a *account) routes() {
	route := func(pattern string, handle formHandler) {
		method, rest, _ := strings.Cut(pattern, " ")
		a.mux.HandleFunc(method+" /provisioning/accounts/{account_id}"+rest, a.call(handle))
	}
	route("GET /sub_accounts", a.listEnvironments)
	route("POST /sub_accounts", a.createEnvironment)
	route("GET /sub_accounts/{sub_account_id}", a.getEnvironment)
	route("PUT /sub_accounts/{sub_account_id}", a.updateEnvironment)
	route("DELETE /sub_accounts/{sub_account_id}", a.deleteEnvironment)

	route("GET /sub_accounts/{sub_account_id}/access_keys", a.listAccessKeys)
	route("POST /sub_accounts/{sub_account_id}/access_keys", a.generateAccessKey)
	route("DELETE /sub_accounts/{sub_account_id}/access_keys", a.deleteAccessKeyByName)
	route("GET /sub_accounts/{sub_account_id}/access_keys/{key}", a.getAccessKey)
	route("PUT /sub_accounts/{sub_account_id}/access_keys/{key}", a.updateAccessKey)
	route("DELETE /sub_accounts/{sub_account_id}/access_keys/{key}", a.deleteAccessKey)

	a.userRoutes(route)
	a.mux.HandleFunc("/", pageNotFound)
}

// AccountID is the ID of the account that holds the emulator's cloud.
func (e *Emulator) AccountID() string { return e.opts.AccountID }

// AccountAPIKey is the key that Provisioning API calls carry.
func (e *Emulator) AccountAPIKey() string { return e.opts.AccountAPIKey }

// AccountAPISecret is the secret that Provisioning API calls carry.
func (e *Emulator) AccountAPISecret() string { return e.opts.AccountAPISecret }

// AccountURL is the CLOUDINARY_ACCOUNT_URL for an emulator served at
// baseURL, in the form the official SDKs read
// (account://KEY:SECRET@ACCOUNT_ID), with the emulator as upload_prefix.
func (e *Emulator) AccountURL(baseURL string) string {
	return "account://" + e.opts.AccountAPIKey + ":" + e.opts.AccountAPISecret + "@" + e.opts.AccountID +
		"?upload_prefix=" + strings.TrimRight(baseURL, "/")
}

// SetProvisioningAccess gives the account access to the Provisioning API,
// or takes it away (calls then answer 403).
func (e *Emulator) SetProvisioningAccess(allowed bool) {
	e.account.mu.Lock()
	defer e.account.mu.Unlock()
	e.account.noAccess = !allowed
}

// SetMaxUsers changes how many users the account may hold (zero: no limit).
func (e *Emulator) SetMaxUsers(n int) {
	e.account.mu.Lock()
	defer e.account.mu.Unlock()
	e.account.maxUsers = n
}

// SetProvisioningQuirks turns the Provisioning API's uncertain behaviours
// on or off.
func (e *Emulator) SetProvisioningQuirks(q ProvisioningQuirks) {
	e.account.changeQuirks(func(old *ProvisioningQuirks) { *old = q })
}

func (a *account) changeQuirks(change func(*ProvisioningQuirks)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	change(&a.quirks)
}

// SetProvisioningHourlyLimit changes the Provisioning API's hourly budget.
func (e *Emulator) SetProvisioningHourlyLimit(limit int) { e.account.limiter.SetLimit(limit) }
