package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

// rootKeyName is the name of the key an environment is created with, which
// the API marks root:true (scayle's provider looks it up by this name).
const rootKeyName = "Root"

// accessKey is an API key and secret of a product environment.
type accessKey struct {
	name, apiKey, apiSecret string
	enabled, root           bool
	dedicatedFor            []string
	created, updated        time.Time
	seq                     int
}

// accessKeyJSON is an AccessKey, its fields in the order the npm SDK's
// access_keys_spec asserts (name, api_key, api_secret, created_at,
// updated_at, enabled, dedicated_for when set, root), dedicated_for an array
// (pycloudinary test_update_access_key; the OpenAPI's enum describes the
// request's single value).
type accessKeyJSON struct {
	Name         string   `json:"name"`
	APIKey       string   `json:"api_key"`
	APISecret    string   `json:"api_secret"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
	Enabled      bool     `json:"enabled"`
	DedicatedFor []string `json:"dedicated_for,omitempty"`
	Root         bool     `json:"root"`
}

// json is the key's answer; mask hides its secret
// (ProvisioningQuirks.MaskSecretsOnRead).
func (k *accessKey) json(mask bool) accessKeyJSON {
	return accessKeyJSON{Name: k.name, APIKey: k.apiKey, APISecret: k.secret(mask), CreatedAt: timestamp(k.created),
		UpdatedAt: timestamp(k.updated), Enabled: k.enabled, DedicatedFor: slices.Clone(k.dedicatedFor), Root: k.root}
}

// secret is the key's secret, or with mask "*****" and its last 4
// characters.
func (k *accessKey) secret(mask bool) string {
	if !mask {
		return k.apiSecret
	}
	return "*****" + k.apiSecret[max(len(k.apiSecret)-4, 0):]
}

func (env *environment) addKey(k *accessKey) {
	env.keys = append(env.keys, k)
	env.usedKeyNames[k.name] = true
}

// enabledSecrets are the keys that authenticate calls to the environment's
// cloud: its enabled ones.
func (env *environment) enabledSecrets() map[string]string {
	out := map[string]string{}
	for _, k := range env.keys {
		if k.enabled {
			out[k.apiKey] = k.apiSecret
		}
	}
	return out
}

// publishKeys lets the environment's cloud know its keys after a change.
func (env *environment) publishKeys() { env.cloud.keys.publish(env.enabledSecrets()) }

func (env *environment) key(apiKey string) (*accessKey, *apiError) {
	for _, k := range env.keys {
		if k.apiKey == apiKey {
			return k, nil
		}
	}
	return nil, errNotFound("Cannot find access key " + apiKey) // message assumed
}

// newKey generates a key in an environment: 15 digits, like the OpenAPI's
// examples, and a secret of 27 letters and digits.
func (a *account) newKey(env *environment, name string, enabled bool) *accessKey {
	apiKey := a.root.randDigits(15)
	for a.apiKeys[apiKey] {
		apiKey = a.root.randDigits(15)
	}
	a.apiKeys[apiKey] = true
	now := a.now()
	k := &accessKey{name: cmp.Or(name, apiKey), apiKey: apiKey, apiSecret: a.root.randAlphanumeric(27), enabled: enabled,
		created: now, updated: now, seq: a.next()}
	env.addKey(k)
	return k
}

// checkKeyName refuses a name that a key of the environment has, or had:
// Cloudinary keeps the names of deleted keys ("Name exists", the Go fork's
// live access key test). 409 is assumed.
func (env *environment) checkKeyName(name string) *apiError {
	if env.usedKeyNames[name] {
		return errConflict("Name exists")
	}
	return nil
}

// accessKeySorts are the orders GET access_keys takes in sort_by.
var accessKeySorts = map[string]func(x, y *accessKey) int{
	"api_key":    func(x, y *accessKey) int { return strings.Compare(x.apiKey, y.apiKey) },
	"created_at": func(x, y *accessKey) int { return cmp.Or(x.created.Compare(y.created), x.seq-y.seq) },
	"name":       func(x, y *accessKey) int { return strings.Compare(x.name, y.name) },
	"enabled":    func(x, y *accessKey) int { return cmp.Compare(boolRank(x.enabled), boolRank(y.enabled)) },
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// listAccessKeys serves GET access_keys: every key, or with page the page
// of page_size keys (OpenAPI getAccessKeys: without page, all pages), in
// sort_by order, desc by default; created_at when sort_by is absent is
// assumed. total counts every key, active the enabled ones (the Go fork
// reads it).
func (a *account) listAccessKeys(r *http.Request, p *params) (any, *apiError) {
	env, err := a.environment(r)
	if err != nil {
		return nil, err
	}
	order, ok := accessKeySorts[cmp.Or(p.get("sort_by"), "created_at")]
	if !ok {
		return nil, errBadRequest("sort_by must be one of api_key, created_at, name, enabled")
	}
	desc := true
	switch p.get("sort_order") {
	case "", "desc":
	case "asc":
		desc = false
	default:
		return nil, errBadRequest("sort_order must be asc or desc")
	}
	keys := slices.Clone(env.keys)
	slices.SortStableFunc(keys, func(x, y *accessKey) int {
		c := cmp.Or(order(x, y), x.seq-y.seq)
		if desc {
			return -c
		}
		return c
	})
	active := 0
	for _, k := range keys {
		active += boolRank(k.enabled)
	}
	page, err := pageOf(p, keys)
	if err != nil {
		return nil, err
	}
	out := make([]accessKeyJSON, 0, len(page))
	for _, k := range page {
		out = append(out, k.json(false))
	}
	return map[string]any{"access_keys": out, "total": len(keys), "active": active}, nil
}

// pageOf is the page of items that page (1-based) and page_size select;
// without page, every item.
func pageOf[T any](p *params, items []T) ([]T, *apiError) {
	if !p.has("page") {
		return items, nil
	}
	page, err := p.intParam("page", 1, 1<<30)
	if err != nil {
		return nil, err
	}
	size, err := p.intParam("page_size", 10, 100)
	if err != nil {
		return nil, err
	}
	start := min((page-1)*size, len(items))
	return items[start:min(start+size, len(items))], nil
}

// generateAccessKey serves POST access_keys: name optional (the key's API
// key when absent: assumed), enabled by default (OpenAPI AccessKeyRequest;
// pycloudinary test_generate_access_key creates one disabled).
func (a *account) generateAccessKey(r *http.Request, p *params) (any, *apiError) {
	env, enabled, err := a.environmentToChange(r, p)
	if err != nil {
		return nil, err
	}
	name := p.get("name")
	if name != "" {
		if err := env.checkKeyName(name); err != nil {
			return nil, err
		}
	}
	k := a.newKey(env, name, enabled == nil || *enabled)
	env.publishKeys()
	return k.json(false), nil
}

// getAccessKey serves GET access_keys/{key}, which the OpenAPI does not
// describe but the Go fork's GetAccessKey calls on the live API.
func (a *account) getAccessKey(r *http.Request, _ *params) (any, *apiError) {
	_, k, err := a.accessKey(r)
	if err != nil {
		return nil, err
	}
	return k.json(false), nil
}

// accessKey finds the key a path's {key} names in the environment its
// {sub_account_id} names.
func (a *account) accessKey(r *http.Request) (*environment, *accessKey, *apiError) {
	env, err := a.environment(r)
	if err != nil {
		return nil, nil, err
	}
	k, err := env.key(r.PathValue("key"))
	return env, k, err
}

// updateAccessKey serves PUT access_keys/{key}: name, enabled and
// dedicated_for, which moves the purpose from any other key of the
// environment (OpenAPI AccessKeyUpdateRequest: "replaces any previously
// assigned key").
func (a *account) updateAccessKey(r *http.Request, p *params) (any, *apiError) {
	env, k, err := a.accessKey(r)
	if err != nil {
		return nil, err
	}
	enabled, err := p.optionalBool("enabled")
	if err != nil {
		return nil, err
	}
	purposes := p.list("dedicated_for")
	for _, purpose := range purposes {
		if purpose != "webhooks" {
			return nil, errBadRequest("dedicated_for must be webhooks")
		}
	}
	if name := p.get("name"); name != "" && name != k.name {
		if err := env.checkKeyName(name); err != nil {
			return nil, err
		}
		k.name = name
		env.usedKeyNames[name] = true
	}
	if enabled != nil && (*enabled || !a.quirks.IgnoreKeyDisable) {
		k.enabled = *enabled
	}
	if len(purposes) > 0 {
		for _, other := range env.keys {
			other.dedicatedFor = slices.DeleteFunc(other.dedicatedFor, func(s string) bool { return slices.Contains(purposes, s) })
		}
		k.dedicatedFor = slices.Compact(slices.Sorted(slices.Values(purposes)))
	}
	k.updated = a.now()
	env.publishKeys()
	return k.json(a.quirks.MaskSecretsOnRead), nil
}

// deleteAccessKey serves DELETE access_keys/{key}.
func (a *account) deleteAccessKey(r *http.Request, _ *params) (any, *apiError) {
	env, k, err := a.accessKey(r)
	if err != nil {
		return nil, err
	}
	return env.removeKey(k), nil
}

// deleteAccessKeyByName serves DELETE access_keys with a name, which the
// OpenAPI puts in the query, the Python, Ruby and .NET SDKs in a JSON body
// and the npm SDK in a form body. An unknown name answers 404 (assumed;
// npm's types also allow {"message":"not_found"}).
func (a *account) deleteAccessKeyByName(r *http.Request, p *params) (any, *apiError) {
	env, err := a.environment(r)
	if err != nil {
		return nil, err
	}
	name := p.get("name")
	if name == "" {
		return nil, errBadRequest("Missing required parameter - name")
	}
	for _, k := range env.keys {
		if k.name == name {
			return env.removeKey(k), nil
		}
	}
	return nil, errNotFound("Cannot find access key named " + name)
}

// removeKey deletes a key: it stops authenticating at once; its name stays
// taken.
func (env *environment) removeKey(k *accessKey) message {
	env.keys = slices.DeleteFunc(env.keys, func(x *accessKey) bool { return x == k })
	env.publishKeys()
	return message{Message: "ok"}
}
