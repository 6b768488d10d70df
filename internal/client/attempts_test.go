package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// An upload with no fixed public ID whose connection drops after Cloudinary
// stored it is not sent again: a second request would make a second asset.
func TestOneShotUploadIsNotRetriedOnceSent(t *testing.T) {
	c, emu := newEmulatedClient(t)
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", Times: 1, HangUp: true, AfterHandling: true})
	_, err := c.Upload(context.Background(), "raw", Source{ContentBase64: "aGk="}, UploadOptions{})
	if err == nil || !strings.Contains(err.Error(), "1 attempt") {
		t.Fatalf("err %v, want a failure after one attempt", err)
	}
	if n := emu.Counters().Route("POST /{resource_type}/upload"); n != 1 {
		t.Fatalf("%d upload requests, want 1", n)
	}
	assets, err := c.Search(context.Background(), SearchQuery{})
	if err != nil || len(assets) != 1 {
		t.Fatalf("%d assets (%v), want exactly the one the lost request made", len(assets), err)
	}
}

// The same failure with a fixed public ID is retried: the repeat finds the
// asset instead of making another.
func TestUploadWithPublicIDIsRetried(t *testing.T) {
	c, emu := newEmulatedClient(t)
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", Times: 1, HangUp: true, AfterHandling: true})
	r, err := c.Upload(context.Background(), "raw", Source{ContentBase64: "aGk="}, UploadOptions{PublicID: "x", Overwrite: ptr(false)})
	if err != nil || !r.Existing || r.PublicID != "x" {
		t.Fatalf("%+v %v, want the asset the first attempt stored", r, err)
	}
	if n := emu.Counters().Route("POST /{resource_type}/upload"); n != 2 {
		t.Fatalf("%d upload requests, want 2", n)
	}
}

// A rate limit refuses a request before Cloudinary handles it, so even a
// one-shot upload is retried.
func TestOneShotUploadRetriesRateLimits(t *testing.T) {
	c, emu := newEmulatedClient(t)
	emu.Faults().Add(emulator.Fault{Method: "POST", Path: "/raw/upload", Times: 1, Status: 420, ResetIn: 10 * time.Millisecond})
	if _, err := c.Upload(context.Background(), "raw", Source{ContentBase64: "aGk="}, UploadOptions{}); err != nil {
		t.Fatal(err)
	}
}

// A host that refuses connections fails after a few quick attempts, and the
// error says how long the client tried.
func TestRefusedConnectionsFailFast(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there now
	c, err := New(Config{CloudName: "demo", APIKey: "k", APISecret: "s", BaseURL: "http://" + addr + "/v1_1",
		MaxRetries: 5, MinRetryWait: 10 * time.Second, MaxRetryWait: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = c.Ping(context.Background())
	elapsed := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), "3 attempts over") {
		t.Fatalf("err %v, want connection refused after 3 attempts", err)
	}
	// Ordinary backoff would wait 10 s and more: the bound leaves a loaded
	// machine room while still telling the quick retries from it.
	if elapsed > 8*time.Second {
		t.Fatalf("took %s to give up on a refused connection", elapsed)
	}
}

// A certificate that cannot be verified is not retried.
func TestTLSErrorsAreNotRetried(t *testing.T) {
	var handshakes atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(ok))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			handshakes.Add(1)
		}
	}
	srv.StartTLS()
	defer srv.Close()
	c, err := New(Config{CloudName: "demo", APIKey: "k", APISecret: "s", BaseURL: srv.URL + "/v1_1",
		MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Ping(context.Background())
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err %v, want a certificate error", err)
	}
	if n := handshakes.Load(); n != 1 {
		t.Fatalf("%d connections, want 1 (no retries)", n)
	}
}

// A 404 that is not Cloudinary's (a proxy's page, a wrong endpoint) is an
// error, never "the object is gone".
func TestNotFoundNeedsCloudinarysAnswer(t *testing.T) {
	c, _ := retryServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<html><body>Not Found</body></html>"))
	})
	_, err := c.GetUploadPreset(context.Background(), "x")
	if err == nil || IsNotFound(err) {
		t.Fatalf("err %v: a 404 page was taken for Cloudinary's not found", err)
	}
	c, _ = retryServer(t, status(404))
	if _, err := c.GetUploadPreset(context.Background(), "x"); !IsNotFound(err) {
		t.Fatalf("err %v, want not found", err)
	}
}

// A create's refusal says whether an earlier attempt of the same call may have
// made the object: only an attempt whose answer was lost or was a server error
// can have; one refused for the rate limit was never handled, and a call's
// first answer follows no attempt at all.
func TestMayHaveTakenEffectFollowsTheAttempts(t *testing.T) {
	mapping := UploadMapping{Folder: "wiki", Template: "https://a.example.com/"}
	for _, tc := range []struct {
		name      string
		preexists bool
		fault     emulator.Fault
		want      bool
	}{
		{"answer lost after handling", false, emulator.Fault{Method: "POST", Times: 1, HangUp: true, AfterHandling: true}, true},
		{"server error after handling", false, emulator.Fault{Method: "POST", Times: 1, Status: 502, AfterHandling: true}, true},
		{"rate limited", true, emulator.Fault{Method: "POST", Times: 1, Status: 420, ResetIn: 10 * time.Millisecond}, false},
		{"no fault", true, emulator.Fault{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, emu := newEmulatedClient(t)
			if tc.preexists {
				if err := c.CreateUploadMapping(context.Background(), mapping); err != nil {
					t.Fatal(err)
				}
			}
			if tc.fault.Times > 0 {
				emu.Faults().Add(tc.fault)
			}
			err := c.CreateUploadMapping(context.Background(), mapping)
			if !IsAlreadyExists(err) || MayHaveTakenEffect(err) != tc.want {
				t.Fatalf("err %v: MayHaveTakenEffect %v, want %v", err, MayHaveTakenEffect(err), tc.want)
			}
		})
	}
}

// A write cancelled while in flight (Terraform interrupted) says that it may
// have taken effect; a cancelled read does not.
func TestCancelledWriteMayHaveTakenEffect(t *testing.T) {
	c, emu := newEmulatedClient(t)
	// A DELETE carries no body, so the emulator notices the cancellation
	// while it delays the answer.
	// Each call is cancelled once the emulator holds it, however long it took
	// to arrive: a fixed deadline could expire before a loaded machine sent it.
	emu.Faults().Add(emulator.Fault{Method: "DELETE", Times: 1, Delay: time.Hour})
	err := c.DeleteUploadMapping(cancelledOnArrival(t, emu, 1), "wiki")
	if !errors.Is(err, context.Canceled) || !MayHaveTakenEffect(err) || !strings.Contains(err.Error(), "may have taken effect") {
		t.Fatalf("err %v", err)
	}
	emu.Faults().Add(emulator.Fault{Method: "GET", Times: 1, Delay: time.Hour})
	_, err = c.ListUploadMappings(cancelledOnArrival(t, emu, 2))
	if !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "may have taken effect") {
		t.Fatalf("err %v", err)
	}
}

// cancelledOnArrival is a context cancelled once the emulator has faulted
// its injected-th request.
func cancelledOnArrival(t *testing.T, emu *emulator.Emulator, injected int) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		for ctx.Err() == nil && emu.Faults().Injected() < injected {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	return ctx
}
