// Package emulator is an in-memory emulator of Cloudinary's Admin and Upload
// APIs. Acceptance tests, the demo and users who want to try a configuration
// offline point the provider (or any official Cloudinary SDK) at it.
//
// It is an independent implementation of the documented API: it shares no code
// with internal/client, so that a misreading in one is caught by the other.
package emulator

import (
	"cmp"
	"context"
	cryptorand "crypto/rand"
	"encoding/hex"
	"math/rand"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// Options configure an Emulator. The zero value is usable apart from the
// credentials, which default to the ones below.
type Options struct {
	// CloudName is the product environment the emulator answers for
	// (default "demo"); requests for any other cloud get 401, as Cloudinary
	// answers an unknown cloud name.
	CloudName string
	// APIKey and APISecret are the credentials every Admin API call must
	// present with HTTP Basic auth, and every signed Upload API call must be
	// signed with (defaults "123456789012345" and "emulator-secret").
	APIKey    string
	APISecret string
	// HourlyLimit is the Admin API budget per clock hour, reported in the
	// X-FeatureRateLimit-* headers; past it the Admin API answers 420.
	// Zero means 500, the free plan's budget; a negative value means unlimited
	// (the headers then report 1,000,000,000).
	HourlyLimit int
	// BudgetWindow is the length of the rate-limit window (default one clock
	// hour). Tests shorten it to see a client wait for a reset.
	BudgetWindow time.Duration
	// RateLimitCooldown, when set, replaces the clock window: the budget is
	// spent call by call, and the first call past it starts a cooldown of this
	// length (to the next whole second: the reset header has whole seconds),
	// after which the whole budget is back. A test then sees the budget run
	// out however slowly its machine makes the calls, where a short clock
	// window runs out only above a call rate.
	RateLimitCooldown time.Duration
	// Plan names the account plan reported by the usage endpoint (default "Free").
	Plan string
	// Credits are the plan's monthly credits, in which a plan with credits
	// measures transformations, storage and bandwidth: the usage report then
	// has credits (cloudinary-go UsageResult). Zero takes the free plan's 25;
	// a negative value is a plan without credits (with separate quotas only),
	// whose report has none.
	Credits float64
	// Now is the emulator's clock (default time.Now); tests inject their own.
	Now func() time.Time
	// Seed seeds the random choices of fault injection and of generated IDs,
	// so that a test run can be repeated (default: time-based).
	Seed int64
	// BaseDeliveryURL is the host used in the url/secure_url of assets
	// (default "res.cloudinary.com").
	BaseDeliveryURL string
	// HTTPClient fetches remote files for uploads from a URL (default: a
	// client with a 30 s timeout).
	HTTPClient *http.Client
	// MaxRequestBytes bounds the body of any one request (default 100 MB,
	// Cloudinary's limit for a single upload request; larger files must be
	// uploaded in chunks). Past it the emulator answers 413.
	MaxRequestBytes int64
	// MinChunkBytes is the smallest part of a chunked upload other than the
	// last (default 5 MiB, as Cloudinary requires; negative: no minimum).
	MinChunkBytes int64
	// MediaLimits are the largest files the account accepts, per resource
	// type: the usage report advertises them and uploads over them are
	// refused. Zero fields take the free plan's limits.
	MediaLimits MediaLimits
	// AutomaticBackup is the account-wide backup setting: every upload is
	// backed up unless its backup parameter (or its preset's) says false.
	// Deleting a backed-up asset leaves a placeholder that restore brings
	// back. Default: off, Cloudinary's default, so that only uploads with
	// backup=true are backed up.
	AutomaticBackup bool

	// AccountID, AccountAPIKey and AccountAPISecret are the account that
	// holds the emulator's cloud, and the credentials that the Provisioning
	// API under /v1_1/provisioning/accounts/<AccountID>/ takes with HTTP
	// Basic auth (defaults: a fixed UUID, "987654321098765" and
	// "emulator-account-secret").
	AccountID        string
	AccountAPIKey    string
	AccountAPISecret string
	// ProvisioningHourlyLimit is the Provisioning API's own budget per
	// clock hour (Cloudinary publishes none; zero means 500, like the
	// Admin API's free plan), past which it answers 420. A negative value
	// means unlimited.
	ProvisioningHourlyLimit int
	// NoProvisioningAccess makes the account one without the Provisioning
	// API: every provisioning call with good credentials answers 403.
	NoProvisioningAccess bool
	// MaxUsers is how many users the account may hold (zero: no limit);
	// creating one more fails with a message that names max_users.
	MaxUsers int
	// ProvisioningQuirks turn on behaviours of the live Provisioning API that
	// only some observers report, so that clients can be tested against them.
	ProvisioningQuirks ProvisioningQuirks

	// Latency delays every emulated API call (Admin, Upload and
	// Provisioning, on every cloud of the account) but not the control API,
	// as a distant API host would; SetLatency changes it later. Zero: none.
	Latency Latency
	// Sleep waits out one call's latency, or less if the context ends first
	// (default: a timer); tests inject their own.
	Sleep func(context.Context, time.Duration)
}

// ProvisioningQuirks are uncertain behaviours of the Provisioning API
// (PROVISIONING.md §7.1, §4.6), off by default.
type ProvisioningQuirks struct {
	// MaskSecretsOnRead masks the secrets of api_access_keys in product
	// environment reads (GET, list, update) and of the access key update
	// answer as "*****" and the secret's last 4 characters: scayle's
	// provider says reads omit the root secret; the Go fork's mocks show an
	// update answer with "*****secret". The keys list and the create and
	// generate answers keep the full secrets.
	MaskSecretsOnRead bool
	// IgnoreKeyDisable makes PUT access_keys/{key} with enabled=false leave
	// the key enabled, as the Go fork's live access key test observed ("only
	// enabled: true is honored on update").
	IgnoreKeyDisable bool
}

// MediaLimits are an account's largest uploads in bytes, per resource type,
// and its largest images in pixels: the usage report's media_limits (OpenAPI
// usage_response). Uploads are held to the byte limits; the pixel limits are
// reported only.
type MediaLimits struct {
	ImageBytes, VideoBytes, RawBytes int64
	// ImagePixels bounds one image (image_max_px); AssetTotalPixels bounds
	// all the frames of an asset together (asset_max_total_px).
	ImagePixels, AssetTotalPixels int64
}

// freePlanMediaLimits are the free plan's: 10 MB images and raw files, 100 MB
// videos ("File size too large. Got 11926513. Maximum is 10485760." for an
// image, as quoted in public issue threads), 25 megapixels per image and 50
// in all the frames of an asset (Cloudinary's published free plan limits).
var freePlanMediaLimits = MediaLimits{ImageBytes: 10 << 20, VideoBytes: 100 << 20, RawBytes: 10 << 20,
	ImagePixels: 25_000_000, AssetTotalPixels: 50_000_000}

// freePlanCredits are the free plan's monthly credits.
const freePlanCredits = 25

const (
	defaultCloudName = "demo"
	defaultAPIKey    = "123456789012345"
	defaultSecret    = "emulator-secret"
	// The account's defaults: an ID in the UUID form Cloudinary's account
	// IDs have (the Provisioning API reference's example
	// 16a8ff3b-736b-49a6-85c0-03b69d5a357b), a key and a secret.
	defaultAccountID     = "5f0c6a8e-3b2d-4c1e-9a7f-0d4e8b6c2a19"
	defaultAccountKey    = "987654321098765"
	defaultAccountSecret = "emulator-account-secret"
	freePlanLimit        = 500
	unlimitedBudget      = 1_000_000_000
	// DefaultMaxRequestBytes is Cloudinary's limit on one upload request.
	DefaultMaxRequestBytes = 100 << 20
	// DefaultMinChunkBytes is Cloudinary's smallest part of a chunked upload.
	DefaultMinChunkBytes = 5 << 20
)

// Emulator is the http.Handler that serves the emulated APIs under
// /v1_1/<cloud_name>/ (for its own cloud and the account's other product
// environments), the Provisioning API under /v1_1/provisioning/, and its own
// control API under /_emulator/.
type Emulator struct {
	opts    Options
	created time.Time // when the account came to be, for GET /config

	mu    sync.Mutex // guards the store below
	store *store

	admin   *http.ServeMux
	upload  *http.ServeMux
	control *http.ServeMux
	// adminRoots are the first path segments of the Admin API's routes, as
	// adminRoute registers them; read-only once New returns.
	adminRoots map[string]bool

	limiter  *rateLimiter
	faults   *faultTable
	counters *counterTable
	// latency holds the API calls that reach ServeHTTP, this cloud's and
	// the account's other clouds' alike (they are served through it).
	latency *latencyGate

	// keys are the access keys that authenticate calls to this cloud: the
	// enabled keys of its product environment.
	keys *keyRing
	// account is the account that holds this cloud and the others, on the
	// emulator New returned; nil on the clouds the account serves besides.
	account *account

	rngMu sync.Mutex
	rng   *rand.Rand

	sigMu      sync.Mutex
	signatures []string

	usageReport usageReport // guarded by mu
}

// New returns an emulator with an empty account: no assets, presets, mappings
// or transformations, and the seven built-in streaming profiles. The account
// has one product environment, the emulator's own cloud; the Provisioning
// API adds more.
func New(opts Options) *Emulator {
	opts = withDefaults(opts)
	e := newCloud(opts)
	e.account = newAccount(e)
	return e
}

// newCloud returns the emulator of one cloud, authenticated by its options'
// key alone until an account gives it its environment's keys.
func newCloud(opts Options) *Emulator {
	e := &Emulator{
		opts:       opts,
		created:    opts.Now(),
		store:      newStore(),
		admin:      http.NewServeMux(),
		upload:     http.NewServeMux(),
		control:    http.NewServeMux(),
		adminRoots: map[string]bool{},
		limiter:    newRateLimiter(opts.HourlyLimit, opts.BudgetWindow, opts.RateLimitCooldown, opts.Now),
		rng:        rand.New(rand.NewSource(opts.Seed)),
		latency:    newLatencyGate(opts.Latency, opts.Seed, opts.Sleep),
	}
	e.counters = newCounterTable(e.isAdminPath)
	e.faults = newFaultTable(e.randFloat)
	e.keys = newKeyRing(map[string]string{opts.APIKey: opts.APISecret})
	e.routes()
	return e
}

// newLinkedCloud returns the emulator of another cloud of e's account: it
// has e's options but its cloud name and root key, its own store and Admin
// API budget, and e's fault table, counters and latency, so that a test's
// faults, counts and delays cover every cloud.
func (e *Emulator) newLinkedCloud(cloudName, apiKey, apiSecret string, keys *keyRing) *Emulator {
	opts := e.opts
	opts.CloudName, opts.APIKey, opts.APISecret = cloudName, apiKey, apiSecret
	opts.Seed = e.opts.Seed ^ int64(e.randFloat()*(1<<62))
	c := newCloud(opts)
	c.faults, c.counters, c.keys, c.latency = e.faults, e.counters, keys, e.latency
	return c
}

func withDefaults(o Options) Options {
	if o.CloudName == "" {
		o.CloudName = defaultCloudName
	}
	if o.APIKey == "" {
		o.APIKey = defaultAPIKey
	}
	if o.APISecret == "" {
		o.APISecret = defaultSecret
	}
	o.AccountID = cmp.Or(o.AccountID, defaultAccountID)
	o.AccountAPIKey = cmp.Or(o.AccountAPIKey, defaultAccountKey)
	o.AccountAPISecret = cmp.Or(o.AccountAPISecret, defaultAccountSecret)
	switch {
	case o.ProvisioningHourlyLimit == 0:
		o.ProvisioningHourlyLimit = freePlanLimit
	case o.ProvisioningHourlyLimit < 0:
		o.ProvisioningHourlyLimit = unlimitedBudget
	}
	switch {
	case o.HourlyLimit == 0:
		o.HourlyLimit = freePlanLimit
	case o.HourlyLimit < 0:
		o.HourlyLimit = unlimitedBudget
	}
	if o.BudgetWindow <= 0 {
		o.BudgetWindow = time.Hour
	}
	if o.Plan == "" {
		o.Plan = "Free"
	}
	if o.Credits == 0 {
		o.Credits = freePlanCredits
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Seed == 0 {
		o.Seed = time.Now().UnixNano()
	}
	if o.BaseDeliveryURL == "" {
		o.BaseDeliveryURL = "res.cloudinary.com"
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.MaxRequestBytes <= 0 {
		o.MaxRequestBytes = DefaultMaxRequestBytes
	}
	o.MediaLimits = o.MediaLimits.withDefaults()
	switch {
	case o.MinChunkBytes == 0:
		o.MinChunkBytes = DefaultMinChunkBytes
	case o.MinChunkBytes < 0:
		o.MinChunkBytes = 0
	}
	return o
}

// CloudName, APIKey and APISecret report the account the emulator serves.
func (e *Emulator) CloudName() string { return e.opts.CloudName }

// APIKey is the key that Basic auth and signatures must carry.
func (e *Emulator) APIKey() string { return e.opts.APIKey }

// APISecret is the secret that Basic auth and signatures must carry.
func (e *Emulator) APISecret() string { return e.opts.APISecret }

// CloudinaryURL is the CLOUDINARY_URL for an emulator served at baseURL
// (for example "http://127.0.0.1:8089"), in the form the official SDKs read.
func (e *Emulator) CloudinaryURL(baseURL string) string {
	return "cloudinary://" + e.opts.APIKey + ":" + e.opts.APISecret + "@" + e.opts.CloudName +
		"?upload_prefix=" + strings.TrimRight(baseURL, "/")
}

// Faults is the fault-injection table: rules added to it make matching
// requests fail, hang up or wait.
func (e *Emulator) Faults() *faultTable { return e.faults }

// Counters reports how many requests each route has served.
func (e *Emulator) Counters() *counterTable { return e.counters }

// SetLatency changes the delay of the API calls that arrive from now on.
func (e *Emulator) SetLatency(l Latency) { e.latency.Set(l) }

// Latency is the delay of API calls in force.
func (e *Emulator) Latency() Latency { return e.latency.Get() }

// Reset empties the account (back to the state New returned: its other
// product environments, users and groups gone), the counters, the faults and
// the rate-limit budgets.
func (e *Emulator) Reset() {
	e.mu.Lock()
	e.store = newStore()
	e.usageReport = usageReport{}
	e.mu.Unlock()
	e.counters.Reset()
	e.faults.Clear()
	e.limiter.Reset()
	if e.account != nil {
		e.account.reset()
	}
}

func (e *Emulator) randFloat() float64 {
	e.rngMu.Lock()
	defer e.rngMu.Unlock()
	return e.rng.Float64()
}

// randUUID returns a random identifier in the 8-4-4-4-12 form Cloudinary
// uses for external IDs.
func (e *Emulator) randUUID() string {
	h := e.randHex(32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func (e *Emulator) randHex(n int) string { return e.randFrom("0123456789abcdef", n) }

// randDigits returns n random decimal digits, the first not 0.
func (e *Emulator) randDigits(n int) string {
	return e.randFrom("123456789", 1) + e.randFrom("0123456789", n-1)
}

// randAlphanumeric returns n random letters and digits.
func (e *Emulator) randAlphanumeric(n int) string {
	return e.randFrom("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n)
}

// randFrom returns n random characters of digits.
func (e *Emulator) randFrom(digits string, n int) string {
	e.rngMu.Lock()
	defer e.rngMu.Unlock()
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[e.rng.Intn(len(digits))]
	}
	return string(b)
}

// ServeHTTP routes a request to the control API, or, after the latency in
// force, to the emulated APIs (serveAPI).
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Request-Id", newRequestID())
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.control.ServeHTTP(w, r)
		return
	}
	e.latency.wait(r.Context())
	if r.Context().Err() != nil {
		return // the client gave up while the call was on its way
	}
	e.serveAPI(w, r)
}

// serveAPI routes an API call to the Provisioning API, the cloud of another
// product environment of the account, or this cloud's Admin or Upload API.
// Every emulated request first passes through fault injection.
func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request) {
	if e.account != nil {
		if rest, ok := strings.CutPrefix(r.URL.Path, provisioningPrefix); ok {
			e.account.serve(w, r, rest)
			return
		}
		if other := e.account.linkedCloud(r.URL.Path); other != nil {
			other.serveAPI(w, r)
			return
		}
	}
	rest, ok := e.cloudRelativePath(r.URL.Path)
	if !ok {
		refuseOutsideCloud(w, r)
		return
	}
	rest = strings.TrimSuffix(rest, "/")
	if path.Clean(rest) != rest {
		// ServeMux would answer a redirect to the cleaned path, which loses
		// the cloud prefix; Cloudinary refuses such paths.
		writeError(w, http.StatusBadRequest, "Invalid path "+r.URL.Path)
		return
	}
	if r.ContentLength > e.opts.MaxRequestBytes {
		writeError(w, http.StatusRequestEntityTooLarge, errTooLarge(e.opts.MaxRequestBytes).message)
		return
	}
	inner := r.Clone(r.Context())
	inner.URL.Path = rest
	inner.URL.RawPath = ""
	inner.Body = http.MaxBytesReader(w, r.Body, e.opts.MaxRequestBytes)
	if e.isAdminPath(rest) {
		e.serveWithFaults(w, inner, e.admin, e.serveAdmin)
		return
	}
	e.serveWithFaults(w, inner, e.upload, func(w http.ResponseWriter, r *http.Request) { serveRoute(e.upload, w, r) })
}

// newRequestID is the identifier of one answer, in its X-Request-Id header:
// 32 hex digits, like the one Cloudinary's answers carry (pycloudinary
// test_response_metadata expects a request_id on every Admin API answer
// and test_upload on the Upload API's; its MOCK_REQUEST_ID has that form).
// It does not draw on the seeded generator, so that the IDs of assets stay
// the same for a seed however many requests came before.
func newRequestID() string {
	var b [16]byte
	_, _ = cryptorand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// cloudRelativePath strips "/v1_1/<cloud>" from an escaped or plain path.
func (e *Emulator) cloudRelativePath(path string) (string, bool) {
	prefix := "/v1_1/" + e.opts.CloudName + "/"
	if !strings.HasPrefix(path, prefix) {
		return "", false
	}
	return "/" + strings.TrimPrefix(path, prefix), true
}

// refuseOutsideCloud answers a request that is not under this cloud's
// /v1_1/<cloud_name>/ as Cloudinary does. Another cloud name is refused with
// 401 "Invalid cloud_name <name>", on the Admin and the Upload API alike,
// whatever the credentials (public reports of the answer: an upload to
// /v1_1/undefined/auto/upload in jerocosio/autoform-cloudinary#20, the Node
// SDK's { message: 'Invalid cloud_name Mac', http_code: 401 } in
// urre/kap-cloudinary#5). Any other path is one the API host does not serve.
func refuseOutsideCloud(w http.ResponseWriter, r *http.Request) {
	if cloud, ok := cloudNameOf(r.URL.Path); ok {
		writeError(w, http.StatusUnauthorized, "Invalid cloud_name "+cloud)
		return
	}
	pageNotFound(w, r)
}

// cloudNameOf is the cloud name of a path under /v1_1/<cloud_name>/.
func cloudNameOf(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/v1_1/")
	if !ok {
		return "", false
	}
	cloud, _, ok := strings.Cut(rest, "/")
	return cloud, ok && cloud != ""
}

// isAdminPath tells whether a cloud-relative path is under one of the Admin
// API's roots; everything else under the cloud is the Upload API
// (/<resource_type>/<action>).
func (e *Emulator) isAdminPath(rest string) bool {
	return e.adminRoots[rootOf(rest)]
}

// rootOf is the first segment of a cloud-relative path.
func rootOf(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return first
}

// serveAdmin applies what every Admin API call goes through: Basic auth, the
// hourly budget and its headers.
func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	key, secret, ok := r.BasicAuth()
	want, known := e.keys.secretOf(key)
	switch {
	case !ok:
		writeError(w, http.StatusUnauthorized, "Must supply api_key")
		return
	case !known:
		writeError(w, http.StatusUnauthorized, "Unknown API key "+key)
		return
	case secret != want:
		writeError(w, http.StatusUnauthorized, "Invalid Signature or API Secret")
		return
	}
	state := e.limiter.Take()
	state.writeHeaders(w.Header())
	if !state.allowed {
		e.counters.addRateLimited()
		writeError(w, 420, "Rate Limit Exceeded")
		return
	}
	serveRoute(e.admin, w, r)
}

func (l MediaLimits) withDefaults() MediaLimits {
	free := freePlanMediaLimits
	return MediaLimits{
		ImageBytes: cmp.Or(max(l.ImageBytes, 0), free.ImageBytes),
		VideoBytes: cmp.Or(max(l.VideoBytes, 0), free.VideoBytes),
		RawBytes:   cmp.Or(max(l.RawBytes, 0), free.RawBytes),

		ImagePixels:      cmp.Or(max(l.ImagePixels, 0), free.ImagePixels),
		AssetTotalPixels: cmp.Or(max(l.AssetTotalPixels, 0), free.AssetTotalPixels),
	}
}

// report is the usage report's media_limits.
func (l MediaLimits) report() map[string]any {
	return map[string]any{"image_max_size_bytes": l.ImageBytes, "video_max_size_bytes": l.VideoBytes, "raw_max_size_bytes": l.RawBytes,
		"image_max_px": l.ImagePixels, "asset_max_total_px": l.AssetTotalPixels}
}

// of is the limit of a resource type (image, video or raw).
func (l MediaLimits) of(resourceType string) int64 {
	switch resourceType {
	case "video":
		return l.VideoBytes
	case "raw":
		return l.RawBytes
	}
	return l.ImageBytes
}
