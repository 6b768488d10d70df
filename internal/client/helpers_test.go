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
	emu := emulator.New(emulator.Options{HourlyLimit: -1, Seed: 3})
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
