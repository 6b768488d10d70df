package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// accountCheck confirms, at most once per run, that the configured cloud
// name and API base URL reach an account that answers. A read takes
// Cloudinary's "not found" to mean that an object is gone only after that:
// otherwise, with the credentials check skipped, a mistyped cloud name or a
// wrong path could make every object look deleted, and the plan would
// re-create them all. Any call of this run that succeeded already proves it
// at no cost (the ping when the provider was configured, a listing that a
// read used); else one ping decides, and its answer serves the whole run.
type accountCheck struct {
	client *client.Client

	mu     sync.Mutex
	pinged bool
	err    error // the ping's error, when it failed
}

// confirm returns nil when the account answers, or the error that shows it
// does not. Safe for concurrent use: concurrent reads wait for one ping.
func (a *accountCheck) confirm(ctx context.Context) error {
	if a.client.Answered() {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.pinged {
		err := a.client.Ping(ctx)
		if ctx.Err() != nil {
			return err // a cancelled ping proves nothing: a later read may ask again
		}
		a.pinged, a.err = true, err
	}
	return a.err
}

// lookUp finds the object of a resource's read with get. An error fails the
// read (readFailed), and an object not found leaves the state (dropGone):
// ok is then false, and the read is over.
func lookUp[T any](ctx context.Context, pd *providerData, resp *resource.ReadResponse, kind, key string,
	get func(context.Context, string) (T, bool, error)) (object T, ok bool) {
	object, found, err := get(ctx, key)
	switch {
	case err != nil:
		pd.readFailed(ctx, resp, kind, key, err)
	case !found:
		pd.dropGone(ctx, resp, kind, key)
	}
	return object, err == nil && found
}

// readFailed handles the error of a resource's read. Cloudinary's "not
// found" for the object goes to dropGone; any other error fails the read,
// with advice when it shows that the cloud name, the credentials or the API
// base URL are wrong.
func (pd *providerData) readFailed(ctx context.Context, resp *resource.ReadResponse, kind, name string, err error) {
	if client.IsNotFound(err) {
		pd.dropGone(ctx, resp, kind, name)
		return
	}
	detail := err.Error()
	if _, advice, ok := accountTrouble(pd.client.BaseURL(), err); ok {
		detail += "\n\n" + advice
	}
	resp.Diagnostics.AddError("Cannot read "+kind, detail)
}

// dropGone removes from the state a resource whose object Cloudinary
// reports absent (a 404 for it, or a listing of this run without it), once
// the account is known to answer. Otherwise the read fails with the likely
// cause, and the resource stays in the state.
func (pd *providerData) dropGone(ctx context.Context, resp *resource.ReadResponse, kind, name string) {
	err := pd.reachability.confirm(ctx)
	if err == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	_, advice, _ := accountTrouble(pd.client.BaseURL(), err)
	resp.Diagnostics.AddError("Cannot tell whether the "+kind+" still exists",
		strings.TrimSpace(fmt.Sprintf("Reading %s %q, Cloudinary's API answered \"not found\", but the account itself "+
			"does not answer: %s. So the answer may be about the cloud name or the API's address rather than the %s, and "+
			"the resource stays in the state. %s", kind, name, err, kind, advice)))
}

// dropGoneFromAccount removes from the state a resource of the account
// (a user, a group, a membership) that a listing of this run lacks. That the
// listing answered shows that the account credentials and the API's address
// are right, so the object is gone.
func dropGoneFromAccount(ctx context.Context, resp *resource.ReadResponse) {
	resp.State.RemoveResource(ctx)
}

// accountTrouble recognises an error that is about the provider's
// configuration rather than an object, and says what to check: an unknown
// cloud name, refused credentials, or no API at the base URL. err comes from
// a ping (which always exists, so any 404 means a wrong path) or from a read
// whose "not found" was handled before.
func accountTrouble(baseURL string, err error) (summary, advice string, ok bool) {
	switch {
	case client.IsUnknownCloud(err):
		return "Cloudinary does not know the cloud name",
			"Check cloud_name (or the cloud name after the @ in CLOUDINARY_URL): it is the product environment's name, " +
				"shown on the Cloudinary console's dashboard.", true
	case client.IsUnauthorized(err):
		return "Cloudinary refused the credentials",
			"Check cloud_name, api_key and api_secret (or CLOUDINARY_URL); the console's API Keys page shows them.", true
	case client.IsUnservedPath(err) || client.IsNotFound(err):
		return "No Cloudinary API at the API base URL",
			fmt.Sprintf("%s does not serve Cloudinary's API. Check api_base_url (or the upload_prefix of CLOUDINARY_URL): "+
				"it is the API root, such as %s.", baseURL, client.DefaultBaseURL), true
	}
	return "", "", false
}
