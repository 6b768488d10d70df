package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The command starts, prints the CLOUDINARY_URL to use, answers ping with
// the configured credentials, and stops cleanly when its context ends.
func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-api-key", "k1", "-api-secret", "s1", "-cloud-name", "c1"}, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var base, cloudinaryURL string
	for lines.Scan() && (base == "" || cloudinaryURL == "") {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "Cloudinary emulator listening on "); ok {
			base = rest
		}
		if rest, ok := strings.CutPrefix(line, "CLOUDINARY_URL="); ok {
			cloudinaryURL = rest
		}
	}
	if cloudinaryURL != "cloudinary://k1:s1@c1?upload_prefix="+base {
		t.Fatalf("printed CLOUDINARY_URL %q for %q", cloudinaryURL, base)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	req, _ := http.NewRequest(http.MethodGet, base+"/v1_1/c1/ping", nil)
	req.SetBasicAuth("k1", "s1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ping: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the emulator did not stop")
	}
}
