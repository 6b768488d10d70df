package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// AccountConfig configures an AccountClient: the account credentials of
// Cloudinary's Provisioning API (CLOUDINARY_ACCOUNT_URL) and the same
// transport settings as Config's.
type AccountConfig struct {
	AccountID string
	APIKey    string
	APISecret string
	// BaseURL is the API root ending in /v1_1 (default DefaultBaseURL), as
	// Config.BaseURL.
	BaseURL string
	// UserAgent names the caller, as Config.UserAgent.
	UserAgent string
	// MaxRetries, MaxRateLimitWait, MinRetryWait and MaxRetryWait are
	// Config's, with the same defaults.
	MaxRetries       int
	MaxRateLimitWait time.Duration
	MinRetryWait     time.Duration
	MaxRetryWait     time.Duration
	// Logger, if set, hears about every attempt (never about secrets).
	Logger Logger
	// HTTPClient sends the requests (default as Config.HTTPClient).
	HTTPClient *http.Client
}

// AccountClient calls Cloudinary's Provisioning API: the product
// environments, their access keys, the users and the user groups of one
// account.
type AccountClient struct {
	*transport
	cfg  AccountConfig
	base string // BaseURL + "/provisioning/accounts/" + account ID
	auth basicAuth
}

// NewAccountClient returns a client for cfg.
func NewAccountClient(cfg AccountConfig) (*AccountClient, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("configuring the Cloudinary account client: %w", err)
	}
	base, err := apiRoot(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("configuring the Cloudinary account client: API base URL %w", err)
	}
	cfg.BaseURL = base
	return &AccountClient{
		transport: newTransport(transportSettings{
			userAgent: cfg.UserAgent, maxRetries: cfg.MaxRetries, minRetryWait: cfg.MinRetryWait, maxRetryWait: cfg.MaxRetryWait,
			maxRateLimitWait: cfg.MaxRateLimitWait, httpClient: cfg.HTTPClient, logger: cfg.Logger, api: provisioningAPI,
			// pycloudinary's execute_request raises on any answer with an
			// "error" key, whatever its status.
			errorKeyFails: true,
		}),
		cfg:  cfg,
		base: base + "/provisioning/accounts/" + url.PathEscape(cfg.AccountID),
		auth: basicAuth{cfg.APIKey, cfg.APISecret},
	}, nil
}

func (c AccountConfig) validate() error {
	return errors.Join(emptyProblems(namedValue{"account ID", c.AccountID}, namedValue{"account API key", c.APIKey}, namedValue{"account API secret", c.APISecret})...)
}

// AccountID is the account the client works on.
func (c *AccountClient) AccountID() string { return c.cfg.AccountID }

// BaseURL is the API root the client calls, ending in /v1_1.
func (c *AccountClient) BaseURL() string { return c.cfg.BaseURL }

// call sends one Provisioning API request: path is relative to the
// account ("/sub_accounts"), query holds list filters (arrays as repeated
// keys, the OpenAPI's explode form), payload is sent as JSON (nil: no
// body), as the SDK generated from Cloudinary's OpenAPI sends it.
func (c *AccountClient) call(ctx context.Context, method, path string, query url.Values, payload any, out any) error {
	return c.callWith(ctx, method, path, query, payload, callOptions{}, out)
}

// create is call for a POST that a retry could duplicate: an object
// without a unique name, which a second attempt would make twice.
func (c *AccountClient) create(ctx context.Context, path string, payload any, unique bool, out any) error {
	return c.callWith(ctx, http.MethodPost, path, nil, payload, callOptions{oneShot: !unique}, out)
}

func (c *AccountClient) callWith(ctx context.Context, method, path string, query url.Values, payload any, opts callOptions, out any) error {
	target := c.base + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	return c.sendJSON(ctx, method, target, c.auth, payload, opts, out)
}

// required checks that a caller gave an identifier.
func required(what, value string) error {
	if value == "" {
		return fmt.Errorf("%s %w", what, errEmpty)
	}
	return nil
}

// listQuery builds the query of a list call: each array as repeated keys
// (the OpenAPI's form/explode style), and only the filters that are set.
type listQuery url.Values

func (q listQuery) strings(key string, values []string) {
	for _, v := range values {
		url.Values(q).Add(key, v)
	}
}

func (q listQuery) text(key, value string) {
	if value != "" {
		url.Values(q).Set(key, value)
	}
}

func (q listQuery) flag(key string, value *bool) {
	if value != nil {
		url.Values(q).Set(key, strconv.FormatBool(*value))
	}
}
