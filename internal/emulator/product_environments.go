package emulator

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// environment is a product environment (a "sub account") of the account:
// a cloud the emulator serves.
type environment struct {
	id, name, cloudName string
	enabled             bool
	customAttributes    map[string]string
	created, updated    time.Time
	seq                 int

	keys         []*accessKey    // in creation order
	usedKeyNames map[string]bool // every key name ever used in it: never given again
	cloud        *Emulator       // the emulator that serves its cloud
	primary      bool            // the emulator's own cloud (Options.CloudName)
}

// environmentJSON is a ProductEnvironment (OpenAPI ProductEnvironment, with
// custom_attributes, which the schema omits but PHP
// ProvisioningSubAccountTest testCreateSubAccount asserts, and edge_key, in
// the create answer only, which the Go fork's live test c_create asserts).
type environmentJSON struct {
	CloudName        string            `json:"cloud_name"`
	Name             string            `json:"name"`
	Enabled          bool              `json:"enabled"`
	ID               string            `json:"id"`
	APIAccessKeys    []apiAccessKey    `json:"api_access_keys"`
	CreatedAt        string            `json:"created_at"`
	UpdatedAt        string            `json:"updated_at"`
	CustomAttributes map[string]string `json:"custom_attributes"`
	EdgeKey          string            `json:"edge_key,omitempty"`
}

// apiAccessKey is an environment's key as its api_access_keys list it
// (OpenAPI ApiAccessKey; the secret as in the OpenAPI's examples).
type apiAccessKey struct {
	Key     string `json:"key"`
	Secret  string `json:"secret"`
	Enabled bool   `json:"enabled"`
}

// json is the environment's answer; mask hides its keys' secrets
// (ProvisioningQuirks.MaskSecretsOnRead).
func (env *environment) json(mask bool) environmentJSON {
	keys := make([]apiAccessKey, 0, len(env.keys))
	for _, k := range env.keys {
		keys = append(keys, apiAccessKey{Key: k.apiKey, Secret: k.secret(mask), Enabled: k.enabled})
	}
	return environmentJSON{
		CloudName: env.cloudName, Name: env.name, Enabled: env.enabled, ID: env.id, APIAccessKeys: keys,
		CreatedAt: timestamp(env.created), UpdatedAt: timestamp(env.updated), CustomAttributes: maps.Clone(env.customAttributes),
	}
}

// timestamp is the Provisioning API's form of a time: RFC 3339 in UTC.
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// environment finds the environment a path's {sub_account_id} names.
func (a *account) environment(r *http.Request) (*environment, *apiError) {
	return a.environmentByID(r.PathValue("sub_account_id"))
}

// environmentToChange finds the environment a path names, and reads the
// enabled parameter of a call that changes it (or one of its keys).
func (a *account) environmentToChange(r *http.Request, p *params) (*environment, *bool, *apiError) {
	env, err := a.environment(r)
	if err != nil {
		return nil, nil, err
	}
	enabled, err := p.optionalBool("enabled")
	return env, enabled, err
}

func (a *account) environmentByID(id string) (*environment, *apiError) {
	if env := a.envs[id]; env != nil {
		return env, nil
	}
	// "not found" is the OpenAPI's 404 example.
	return nil, errNotFound("Cannot find sub account with id " + id)
}

// sortedEnvironments lists the environments oldest first.
func (a *account) sortedEnvironments() []*environment {
	out := slices.Collect(maps.Values(a.envs))
	slices.SortFunc(out, func(x, y *environment) int { return x.seq - y.seq })
	return out
}

// listEnvironments serves GET /sub_accounts: filters enabled, ids,
// cloud_names and prefix (of the name, case-insensitive). The OpenAPI says
// that with ids the other parameters are ignored; enabled is still applied
// (PROVISIONING.md §4.3: no SDK test tells, and the npm SDK's test lists by
// ids with enabled=true).
func (a *account) listEnvironments(_ *http.Request, p *params) (any, *apiError) {
	enabled, err := p.optionalBool("enabled")
	if err != nil {
		return nil, err
	}
	ids, cloudNames := p.list("ids"), p.list("cloud_names")
	prefix := strings.ToLower(p.get("prefix"))
	out := []environmentJSON{}
	for _, env := range a.sortedEnvironments() {
		switch {
		case enabled != nil && env.enabled != *enabled:
		case len(ids) > 0 && !slices.Contains(ids, env.id):
		case len(ids) == 0 && len(cloudNames) > 0 && !slices.Contains(cloudNames, env.cloudName):
		case len(ids) == 0 && !strings.HasPrefix(strings.ToLower(env.name), prefix):
		default:
			out = append(out, env.json(a.quirks.MaskSecretsOnRead))
		}
	}
	return map[string]any{"sub_accounts": out}, nil
}

func (a *account) getEnvironment(r *http.Request, _ *params) (any, *apiError) {
	env, err := a.environment(r)
	if err != nil {
		return nil, err
	}
	return env.json(a.quirks.MaskSecretsOnRead), nil
}

// cloudNamePattern is what the emulator accepts as a cloud name: lower-case
// letters, digits, "-" and "_" (the names the SDK tests use; assumed).
var cloudNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,127}$`)

// reservedCloudNames are path segments under /v1_1/ that are not clouds.
var reservedCloudNames = map[string]bool{"provisioning": true}

// checkCloudName refuses a cloud name that is malformed, or that any
// environment, live or deleted, has had: cloud names are unique across the
// service and stay locked after deletion ("Customers is invalid", the Go
// fork's live product environment test). The status is not documented:
// 409, the OpenAPI's AlreadyExists, is assumed.
func (a *account) checkCloudName(name string) *apiError {
	if !cloudNamePattern.MatchString(name) {
		return errBadRequest("Invalid cloud_name " + name)
	}
	if a.usedNames[name] || reservedCloudNames[name] {
		return errConflict("Customers is invalid")
	}
	return nil
}

// cloudNameFrom derives a cloud name from an environment's name: "_"
// becomes "-" (PHP ProvisioningSubAccountTest
// testCreateSubAccountBasedOnExistingAccount); lower-casing the rest and
// turning other characters into "-" is assumed.
func cloudNameFrom(name string) string {
	lowered := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	return strings.Trim(notInCloudName.ReplaceAllString(lowered, "-"), "-")
}

var notInCloudName = regexp.MustCompile(`[^a-z0-9-]+`)

// createEnvironment serves POST /sub_accounts: a new cloud with one enabled
// key named Root (PROVISIONING.md §3.1, §4.2).
func (a *account) createEnvironment(_ *http.Request, p *params) (any, *apiError) {
	name := p.get("name")
	if name == "" {
		return nil, errBadRequest("Missing required parameter - name") // message assumed
	}
	enabled, err := p.optionalBool("enabled")
	if err != nil {
		return nil, err
	}
	if base := p.get("base_sub_account_id"); base != "" && a.envs[base] == nil {
		// cloudinary_java AbstractAccountApiTest testCreateSubAccount:
		// the message contains "cannot find sub account"; 404 assumed.
		return nil, errNotFound("cannot find sub account with id " + base)
	}
	cloudName := p.get("cloud_name")
	if cloudName == "" {
		cloudName = cloudNameFrom(name)
	}
	if err := a.checkCloudName(cloudName); err != nil {
		return nil, err
	}
	attrs, _ := p.stringMap("custom_attributes") // not copied from a base (PHP test skipped for it)
	now := a.now()
	env := &environment{
		id: a.root.randHex(32), name: name, cloudName: cloudName, enabled: enabled == nil || *enabled,
		customAttributes: nonNilMap(attrs), created: now, updated: now, seq: a.next(), usedKeyNames: map[string]bool{},
	}
	root := a.newKey(env, rootKeyName, true)
	root.root = true
	env.cloud = a.root.newLinkedCloud(cloudName, root.apiKey, root.apiSecret, newKeyRing(env.enabledSecrets()))
	a.adopt(env)
	out := env.json(false)
	out.EdgeKey = a.root.randHex(32)
	return out, nil
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// updateEnvironment serves PUT /sub_accounts/{id}: a partial update of
// name, cloud_name, enabled and custom_attributes (which replaces the
// whole map: PHP ProvisioningSubAccountTest testUpdateSubAccount).
func (a *account) updateEnvironment(r *http.Request, p *params) (any, *apiError) {
	env, enabled, err := a.environmentToChange(r, p)
	if err != nil {
		return nil, err
	}
	if name := p.get("cloud_name"); name != "" && name != env.cloudName {
		if err := a.renameCloud(env, name); err != nil {
			return nil, err
		}
	}
	if name := p.get("name"); name != "" {
		env.name = name
	}
	if enabled != nil {
		env.enabled = *enabled
	}
	if attrs, ok := p.stringMap("custom_attributes"); ok {
		env.customAttributes = nonNilMap(attrs)
	}
	env.updated = a.now()
	return env.json(a.quirks.MaskSecretsOnRead), nil
}

// maxAssetsToChange is how many assets an environment may hold and still be
// renamed or deleted: "fewer than 1000" (npm account.js and the Ruby SDK's
// account_api.rb doc comments; the OpenAPI's "fewer than 1000 images").
const maxAssetsToChange = 1000

// renameCloud moves an environment's cloud to a new name, with its assets
// and settings; the old name stays locked. The primary environment keeps
// its name: it is the cloud the emulator was started for, whose
// CLOUDINARY_URL every client holds (an emulator choice).
func (a *account) renameCloud(env *environment, name string) *apiError {
	if env.primary {
		return errBadRequest("The cloud_name of the emulator's primary product environment cannot change")
	}
	if err := a.checkCloudName(name); err != nil {
		return err
	}
	if err := env.cloud.refuseLargeChange("rename"); err != nil {
		return err
	}
	old := env.cloud
	moved := a.root.newLinkedCloud(name, old.opts.APIKey, old.opts.APISecret, old.keys)
	old.mu.Lock()
	moved.store, old.store = old.store, newStore()
	moved.created = old.created
	old.mu.Unlock()
	delete(a.clouds, env.cloudName)
	env.cloudName, env.cloud = name, moved
	a.clouds[name] = env
	a.usedNames[name] = true
	return nil
}

// refuseLargeChange refuses to rename or delete a cloud with 1000 assets or
// more (status and message assumed).
func (e *Emulator) refuseLargeChange(what string) *apiError {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.store.assets) >= maxAssetsToChange {
		return errBadRequest("Cannot " + what + " a product environment with 1000 or more assets")
	}
	return nil
}

// deleteEnvironment serves DELETE /sub_accounts/{id}: the cloud goes away
// with its keys and assets (PHP testDeleteSubAccount: {"message":"ok"},
// then 404), its cloud name stays locked, and users lose access to it.
func (a *account) deleteEnvironment(r *http.Request, _ *params) (any, *apiError) {
	env, err := a.environment(r)
	if err != nil {
		return nil, err
	}
	if env.primary {
		// The emulator's own cloud serves every client started with its
		// CLOUDINARY_URL: it stays (an emulator choice; Cloudinary's
		// behaviour for an account's last environment is undocumented).
		return nil, errBadRequest("The emulator's primary product environment cannot be deleted")
	}
	if err := env.cloud.refuseLargeChange("delete"); err != nil {
		return nil, err
	}
	env.cloud.keys.publish(nil)
	delete(a.envs, env.id)
	delete(a.clouds, env.cloudName)
	for _, u := range a.users {
		u.subAccountIDs = slices.DeleteFunc(u.subAccountIDs, func(id string) bool { return id == env.id })
	}
	return message{Message: "ok"}, nil
}
