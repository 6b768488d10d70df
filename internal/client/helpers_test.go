package client

import (
	"cmp"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// newEmulatedClient returns a client talking to a fresh in-process emulator.
func newEmulatedClient(t *testing.T) (*Client, *emulator.Emulator) {
	t.Helper()
	return newEmulatedClientWith(t, emulator.Options{})
}

// newEmulatedClientWith is newEmulatedClient with emulator options.
func newEmulatedClientWith(t *testing.T, opts emulator.Options) (*Client, *emulator.Emulator) {
	t.Helper()
	return clientAt(t, opts, "", "/v1_1", "")
}

// clientAt returns a client of a fresh in-process emulator's account, with
// the cloud name, the API root's path and the secret changed where given.
func clientAt(t *testing.T, opts emulator.Options, cloudName, rootPath, secret string) (*Client, *emulator.Emulator) {
	t.Helper()
	opts.HourlyLimit, opts.Seed = -1, 3
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := New(Config{
		CloudName: cmp.Or(cloudName, emu.CloudName()), APIKey: emu.APIKey(), APISecret: cmp.Or(secret, emu.APISecret()),
		BaseURL: srv.URL + rootPath, MinRetryWait: time.Millisecond, MaxRetryWait: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, emu
}

// ptr is a pointer to v, for the optional fields of options.
func ptr[T any](v T) *T { return &v }

// newEmulatedAccountClient returns an account client of a fresh in-process
// emulator's account, without a provisioning rate limit, and a client of
// its primary product environment.
func newEmulatedAccountClient(t *testing.T) (*AccountClient, *Client, *emulator.Emulator) {
	t.Helper()
	cl, emu := newEmulatedClientWith(t, emulator.Options{ProvisioningHourlyLimit: -1})
	ac, err := NewAccountClient(AccountConfig{
		AccountID: emu.AccountID(), APIKey: emu.AccountAPIKey(), APISecret: emu.AccountAPISecret(),
		BaseURL: cl.BaseURL(), MinRetryWait: time.Millisecond, MaxRetryWait: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return ac, cl, emu
}
