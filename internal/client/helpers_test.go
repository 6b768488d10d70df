package client

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// newEmulatedClient returns a client talking to a fresh in-process emulator.
func newEmulatedClient(t *testing.T) (*Client, *emulator.Emulator) {
	t.Helper()
	return newEmulatedClientWith(t, emulator.Options{HourlyLimit: -1, Seed: 3})
}

// newEmulatedClientWith is newEmulatedClient with an emulator of the given
// options.
func newEmulatedClientWith(t *testing.T, opts emulator.Options) (*Client, *emulator.Emulator) {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := New(Config{
		CloudName: emu.CloudName(), APIKey: emu.APIKey(), APISecret: emu.APISecret(),
		BaseURL: srv.URL + "/v1_1", MinRetryWait: time.Millisecond, MaxRetryWait: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, emu
}
