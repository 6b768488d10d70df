package main

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startCommand runs the command with args until the test ends and returns
// the base URL and the CLOUDINARY_URL it printed.
func startCommand(t *testing.T, args ...string) (base, cloudinaryURL string) {
	t.Helper()
	base, printed := startCommandPrinting(t, args...)
	return base, printed["CLOUDINARY_URL"]
}

// startCommandPrinting runs the command with args until the test ends and
// returns the base URL and the variables it printed (NAME=value lines).
func startCommandPrinting(t *testing.T, args ...string) (base string, printed map[string]string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), pw)
		pw.Close()
	}()
	printed = map[string]string{}
	lines := bufio.NewScanner(pr)
	for lines.Scan() && (base == "" || printed["CLOUDINARY_URL"] == "" || printed["CLOUDINARY_ACCOUNT_URL"] == "") {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "Cloudinary emulator listening on "); ok {
			base = rest
		}
		if name, value, ok := strings.Cut(line, "="); ok && strings.HasPrefix(name, "CLOUDINARY_") {
			printed[name] = value
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("the emulator did not stop")
		}
	})
	return base, printed
}

// The command prints the CLOUDINARY_ACCOUNT_URL of the account that holds
// its cloud, with the account credentials and provisioning budget its flags
// give; the Provisioning API answers with them.
func TestRunServesTheAccount(t *testing.T) {
	base, printed := startCommandPrinting(t, "-account-id", "acc-1", "-account-api-key", "ak", "-account-api-secret", "as",
		"-provisioning-hourly-limit", "1")
	if got := printed["CLOUDINARY_ACCOUNT_URL"]; got != "account://ak:as@acc-1?upload_prefix="+base {
		t.Fatalf("printed CLOUDINARY_ACCOUNT_URL %q for %q", got, base)
	}
	list := base + "/v1_1/provisioning/accounts/acc-1/sub_accounts"
	if status, body := call(t, http.MethodGet, list, nil, "ak", "as"); status != http.StatusOK || !strings.Contains(body, `"cloud_name":"demo"`) {
		t.Fatalf("sub_accounts: %d %s", status, body)
	}
	if status, body := call(t, http.MethodGet, list, nil, "ak", "as"); status != 420 {
		t.Fatalf("past the provisioning budget: %d %s", status, body)
	}
}

// The command starts, prints the CLOUDINARY_URL to use, answers ping with
// the configured credentials, and stops cleanly when its context ends.
func TestRunServesAndStops(t *testing.T) {
	base, cloudinaryURL := startCommand(t, "-api-key", "k1", "-api-secret", "s1", "-cloud-name", "c1")
	if cloudinaryURL != "cloudinary://k1:s1@c1?upload_prefix="+base {
		t.Fatalf("printed CLOUDINARY_URL %q for %q", cloudinaryURL, base)
	}
	if status, body := call(t, http.MethodGet, base+"/v1_1/c1/ping", nil, "k1", "s1"); status != http.StatusOK {
		t.Fatalf("ping: %d %s", status, body)
	}
}

// With -automatic-backup every upload is backed up: a deleted asset leaves
// a placeholder.
func TestRunAutomaticBackup(t *testing.T) {
	base, _ := startCommand(t, "-api-key", "k1", "-api-secret", "s1", "-cloud-name", "c1", "-automatic-backup")
	timestamp := strconv.FormatInt(time.Now().Unix(), 10)
	sum := sha1.Sum([]byte("public_id=kept&timestamp=" + timestamp + "s1"))
	upload := url.Values{"file": {"data:text/plain;base64,aGk="}, "public_id": {"kept"}, "timestamp": {timestamp},
		"api_key": {"k1"}, "signature": {hex.EncodeToString(sum[:])}}
	if status, body := call(t, http.MethodPost, base+"/v1_1/c1/raw/upload", upload, "", ""); status != http.StatusOK {
		t.Fatalf("upload: %d %s", status, body)
	}
	if status, body := call(t, http.MethodDelete, base+"/v1_1/c1/resources/raw/upload", url.Values{"public_ids[]": {"kept"}}, "k1", "s1"); status != http.StatusOK {
		t.Fatalf("delete: %d %s", status, body)
	}
	status, body := call(t, http.MethodGet, base+"/v1_1/c1/resources/raw/upload/kept", nil, "k1", "s1")
	var details struct {
		Placeholder bool `json:"placeholder"`
	}
	if err := json.Unmarshal([]byte(body), &details); status != http.StatusOK || err != nil || !details.Placeholder {
		t.Fatalf("details after the deletion: %d %s, want a placeholder", status, body)
	}
}

// call sends a form (with Basic auth when a key is given) and returns the
// status and body.
func call(t *testing.T, method, target string, form url.Values, key, secret string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if key != "" {
		req.SetBasicAuth(key, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// -latency takes a duration or a range of durations, which the running
// emulator reports on its control API; anything else is refused before the
// emulator starts, with the syntax it wants.
func TestRunLatencyFlag(t *testing.T) {
	for flagValue, reported := range map[string]string{"120ms": "120ms", "80ms-160ms": "80ms-160ms", "0": "0s"} {
		base, _ := startCommand(t, "-latency", flagValue)
		if status, body := call(t, http.MethodGet, base+"/_emulator/latency", nil, "", ""); status != http.StatusOK ||
			!strings.Contains(body, `"latency":"`+reported+`"`) {
			t.Errorf("-latency %s: GET /_emulator/latency answered %d %s", flagValue, status, body)
		}
	}
	for _, bad := range []string{"120", "fast", "-5ms", "160ms-80ms", "80ms~160ms", "2m", ""} {
		err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-latency", bad}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "-latency") || !strings.Contains(err.Error(), "invalid latency") {
			t.Errorf("-latency %q: %v", bad, err)
		}
	}
}

// -max-file-bytes raises the largest upload the account takes, which its
// usage report advertises (the provider checks files against it at plan time).
func TestRunMaxFileBytes(t *testing.T) {
	base, _ := startCommand(t, "-api-key", "k1", "-api-secret", "s1", "-cloud-name", "c1", "-max-file-bytes", "2147483648")
	status, body := call(t, http.MethodGet, base+"/v1_1/c1/usage", nil, "k1", "s1")
	for _, want := range []string{`"raw_max_size_bytes":2147483648`, `"image_max_size_bytes":2147483648`, `"video_max_size_bytes":2147483648`} {
		if status != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("usage: %d %s, want %s", status, body, want)
		}
	}
}
