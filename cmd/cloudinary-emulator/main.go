// Command cloudinary-emulator serves the in-memory Cloudinary Admin and
// Upload API emulator on a local address, for the demo and for testing
// Terraform configurations offline.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run serves the emulator until ctx ends (SIGINT or SIGTERM in main), then
// shuts down cleanly.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("cloudinary-emulator", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8089", "address to listen on")
	cloud := fs.String("cloud-name", "demo", "cloud name to answer for")
	key := fs.String("api-key", "123456789012345", "API key that requests must carry")
	secret := fs.String("api-secret", "emulator-secret", "API secret that requests must be signed with")
	limit := fs.Int("hourly-limit", 500, "Admin API calls allowed per hour (negative: unlimited)")
	backup := fs.Bool("automatic-backup", false, "back up every upload unless its backup parameter says false, "+
		"so that deleted assets leave placeholders that restore brings back")
	accountID := fs.String("account-id", "5f0c6a8e-3b2d-4c1e-9a7f-0d4e8b6c2a19", "ID of the account that holds the cloud")
	accountKey := fs.String("account-api-key", "987654321098765", "account API key that Provisioning API requests must carry")
	accountSecret := fs.String("account-api-secret", "emulator-account-secret", "account API secret that Provisioning API requests must carry")
	provisioningLimit := fs.Int("provisioning-hourly-limit", 500, "Provisioning API calls allowed per hour (negative: unlimited)")
	maxFileBytes := fs.Int64("max-file-bytes", 0, "largest file the account takes, images, videos and raw files alike, "+
		"as a paid plan allows (0: the free plan's 10 MB images and raw files, 100 MB videos)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the emulator to this file until it stops")
	var latency emulator.Latency
	fs.Func("latency", "`delay` of every API call (not of /_emulator/ ones), as a real account's round trip adds: "+
		"a duration such as 120ms, or a range such as 80ms-160ms drawn uniformly for each call; "+
		"PUT /_emulator/latency {\"latency\": \"...\"} changes it while running (default none)",
		func(s string) (err error) {
			latency, err = emulator.ParseLatency(s)
			return err
		})
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	emu := emulator.New(emulator.Options{CloudName: *cloud, APIKey: *key, APISecret: *secret, HourlyLimit: *limit, AutomaticBackup: *backup,
		AccountID: *accountID, AccountAPIKey: *accountKey, AccountAPISecret: *accountSecret, ProvisioningHourlyLimit: *provisioningLimit,
		Latency: latency, MediaLimits: emulator.MediaLimits{ImageBytes: *maxFileBytes, VideoBytes: *maxFileBytes, RawBytes: *maxFileBytes}})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "Cloudinary emulator listening on %s\n", base)
	fmt.Fprintf(out, "CLOUDINARY_URL=%s\n", emu.CloudinaryURL(base))
	fmt.Fprintf(out, "CLOUDINARY_ACCOUNT_URL=%s\n", emu.AccountURL(base))
	fmt.Fprintf(out, "Provider api_base_url: %s/v1_1\n", base)

	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(out, "Cloudinary emulator stopped")
	return nil
}
