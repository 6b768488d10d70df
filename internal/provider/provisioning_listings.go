package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// The Provisioning API lists an account's product environments in one call
// (it has no paging) and the access keys of one environment in one listing.
// A run reads every environment and every key from those listings, shared
// by all the resources and data sources that read them, as listCache does
// for the Admin API.

// provisioningListings holds the run's listings; its zero value is ready,
// and the listings load on first use with the account client.
type provisioningListings struct {
	mu           sync.Mutex
	environments *listCache[client.ProductEnvironment] // by ID
	keys         *scopedListCache[client.AccessKey]    // by environment ID, then API key
}

// accountAccess is what the provisioning resources work with: the account
// client and the run's listings.
type accountAccess struct {
	client       *client.AccountClient
	environments *listCache[client.ProductEnvironment]
	keys         *scopedListCache[client.AccessKey]
}

// provisioned returns the account client and the run's listings, or adds
// the error that account credentials are missing.
func (d *providerData) provisioned(diags *diag.Diagnostics) (*accountAccess, bool) {
	c, ok := d.account(diags)
	if !ok {
		return nil, false
	}
	return d.provisioning.of(c), true
}

func (l *provisioningListings) of(c *client.AccountClient) *accountAccess {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.environments == nil {
		l.environments = newListCache(func(ctx context.Context) (map[string]client.ProductEnvironment, error) {
			list, err := c.ListProductEnvironments(ctx, client.ProductEnvironmentFilter{})
			return indexBy(list, func(e client.ProductEnvironment) string { return e.ID }), err
		})
		l.keys = newScopedListCache(func(ctx context.Context, environmentID string) (map[string]client.AccessKey, error) {
			list, err := c.ListAccessKeys(ctx, environmentID)
			return indexBy(list, func(k client.AccessKey) string { return k.APIKey }), err
		})
	}
	return &accountAccess{client: c, environments: l.environments, keys: l.keys}
}

// environmentNamed finds the environment of a cloud name in the run's
// listing; found is false when the account has none by that name.
func (a *accountAccess) environmentNamed(ctx context.Context, cloudName string) (env client.ProductEnvironment, found bool, err error) {
	all, err := a.environments.snapshot(ctx)
	if err != nil {
		return env, false, fmt.Errorf("listing the account's product environments: %w", provisioningTrouble(err))
	}
	for _, e := range all {
		if e.CloudName == cloudName {
			return e, true, nil
		}
	}
	return env, false, nil
}

// existingEnvironment is the environment of a cloud name, or an error that
// says the account has none by that name.
func (a *accountAccess) existingEnvironment(ctx context.Context, cloudName string) (client.ProductEnvironment, error) {
	env, found, err := a.environmentNamed(ctx, cloudName)
	if err == nil && !found {
		err = fmt.Errorf("the account has no product environment with cloud name %q", cloudName)
	}
	return env, err
}

// environmentByIDOrName finds an environment by its ID or, failing that,
// by its cloud name, as imports and data sources name it.
func (a *accountAccess) environmentByIDOrName(ctx context.Context, idOrName string) (client.ProductEnvironment, bool, error) {
	env, found, err := a.environments.get(ctx, idOrName)
	if err != nil || found {
		return env, found, provisioningTrouble(err)
	}
	return a.environmentNamed(ctx, idOrName)
}

// keysOf lists the access keys of an environment by API key. An environment
// that the account no longer has has no keys (found is false); a keys
// listing that fails while the environment exists is an error, since the
// keys then cannot be told apart from an unserved path.
func (a *accountAccess) keysOf(ctx context.Context, environmentID string) (keys []client.AccessKey, found bool, err error) {
	if _, found, err = a.environments.get(ctx, environmentID); err != nil || !found {
		return nil, false, provisioningTrouble(err)
	}
	keys, err = a.keys.in(environmentID).snapshot(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("listing the access keys of product environment %s: %w", environmentID, provisioningTrouble(err))
	}
	return keys, true, nil
}

// provisioningTrouble adds advice to the errors that are about the account
// credentials rather than an object: Cloudinary's message stays first.
func provisioningTrouble(err error) error {
	switch {
	case err == nil:
		return nil
	case client.IsForbidden(err):
		return fmt.Errorf("%w.\n\nThe account API key is not allowed this Provisioning API call: the account may not "+
			"have provisioning access (an Enterprise plan feature), or the key may lack the permission for this product "+
			"environment. The Cloudinary console's Account settings, API Keys page, shows the account API keys", err)
	case client.IsUnauthorized(err):
		return fmt.Errorf("%w.\n\nCloudinary refused the account credentials: check account_id, account_api_key and "+
			"account_api_secret (or account_url / CLOUDINARY_ACCOUNT_URL)", err)
	}
	return err
}

// secretOrKept is the secret to record for a key: the listing's, unless it
// is empty or masked (Cloudinary may answer "*****" with the last
// characters), in which case the one recorded before stays.
func secretOrKept(listed, kept string) string {
	if listed == "" || strings.HasPrefix(listed, "*") {
		return kept
	}
	return listed
}

// dropListedGone removes from the state a resource whose object a listing
// of this run did not hold. A listing that answered proves that the account
// answers (drift.go's condition for dropping a resource); any error of the
// listing fails the read instead, so that a 401, 403 or 429 never drops
// anything.
func dropListedGone(ctx context.Context, resp *resource.ReadResponse) {
	resp.State.RemoveResource(ctx)
}
