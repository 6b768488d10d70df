package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A release verifies: `make release-check` builds a snapshot release for
// this machine's platform with the pinned goreleaser (GORELEASER names it),
// signs it with a throwaway GPG key, and checks it as a user of the Registry
// would. goreleaser v2.15.0 and v2.15.1 fail this: they add the checksum
// file's signature to the checksum file after signing it (goreleaser issues
// 6508 and 6514).
func TestReleaseSnapshotVerifies(t *testing.T) {
	goreleaser := os.Getenv("GORELEASER")
	if goreleaser == "" {
		t.Skip("set GORELEASER to a goreleaser binary (make release-check does)")
	}
	gnupghome := throwawayKeyring(t)
	fingerprint := newSigningKey(t, gnupghome)
	work := t.TempDir()
	config := filepath.Join(work, "goreleaser.yml")
	dist := filepath.Join(work, "dist")
	writeSnapshotConfig(t, config, dist)

	cmd := exec.Command(goreleaser, "release", "--snapshot", "--clean", "--config", config)
	cmd.Env = append(os.Environ(), "GNUPGHOME="+gnupghome, "GPG_FINGERPRINT="+fingerprint)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goreleaser release --snapshot: %v\n%s", err, out)
	}
	verifyRelease(t, dist, gnupghome)
}

// The release workflow checks the release it built the same way, before it
// publishes it: RELEASE_DIST names goreleaser's output directory, and the
// signing key is in the default keyring (or GNUPGHOME's).
func TestReleaseDistVerifies(t *testing.T) {
	dist := os.Getenv("RELEASE_DIST")
	if dist == "" {
		t.Skip("set RELEASE_DIST to goreleaser's dist directory (the release workflow does)")
	}
	verifyRelease(t, dist, os.Getenv("GNUPGHOME"))
}

// throwawayKeyring is a new GNUPGHOME whose agent is stopped when the test
// ends. Its path is short: the agent's socket path must fit in 108 bytes.
func throwawayKeyring(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("gpg"); err != nil {
		t.Fatal("gpg is needed to sign the release (Debian package gnupg)")
	}
	home, err := os.MkdirTemp("", "gpg")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(home, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		kill := exec.Command("gpgconf", "--kill", "all")
		kill.Env = append(os.Environ(), "GNUPGHOME="+home)
		_ = kill.Run()
		_ = os.RemoveAll(home)
	})
	return home
}

// newSigningKey makes a passphrase-less signing key that expires in a day,
// and returns its fingerprint.
func newSigningKey(t *testing.T, gnupghome string) string {
	t.Helper()
	gpg(t, gnupghome, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
		"--quick-gen-key", "release check <release-check@example.invalid>", "ed25519", "sign", "1d")
	out := gpg(t, gnupghome, "--batch", "--with-colons", "--list-secret-keys")
	for _, line := range strings.Split(out, "\n") {
		if fields := strings.Split(line, ":"); fields[0] == "fpr" && len(fields) > 9 {
			return fields[9]
		}
	}
	t.Fatalf("no fingerprint in the keyring:\n%s", out)
	return ""
}

func gpg(t *testing.T, gnupghome string, args ...string) string {
	t.Helper()
	cmd := exec.Command("gpg", args...)
	if gnupghome != "" {
		cmd.Env = append(os.Environ(), "GNUPGHOME="+gnupghome)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gpg %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// writeSnapshotConfig writes .goreleaser.yml as it is, but for this
// machine's platform only, into dist, and without the before hooks (go mod
// tidy would rewrite the clone's go.mod).
func writeSnapshotConfig(t *testing.T, path, dist string) {
	t.Helper()
	raw, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	builds, ok := cfg["builds"].([]any)
	if !ok || len(builds) != 1 {
		t.Fatalf("want one build: %v", cfg["builds"])
	}
	build, ok := builds[0].(map[string]any)
	if !ok {
		t.Fatalf("build %v", builds[0])
	}
	build["goos"], build["goarch"] = []string{runtime.GOOS}, []string{runtime.GOARCH}
	delete(build, "ignore")
	delete(cfg, "before")
	cfg["dist"] = dist
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// verifyRelease checks a release directory as a user of the Registry would:
// the signature of the checksum file verifies, every file it lists has that
// checksum, it lists every archive and the manifest, and every archive
// carries the licence and the provider binary.
func verifyRelease(t *testing.T, dist, gnupghome string) {
	t.Helper()
	sums := onlyMatch(t, dist, "*_SHA256SUMS")
	gpg(t, gnupghome, "--batch", "--verify", onlyMatch(t, dist, "*_SHA256SUMS.sig"), sums)

	listed := checksumsOf(t, sums)
	archives, err := filepath.Glob(filepath.Join(dist, "*.zip"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives in %s (%v)", dist, err)
	}
	// The manifest is released from the repository (release.extra_files),
	// under the name NAME_VERSION_manifest.json.
	manifest := strings.TrimSuffix(filepath.Base(sums), "SHA256SUMS") + "manifest.json"
	wanted := []string{manifest}
	for _, archive := range archives {
		wanted = append(wanted, filepath.Base(archive))
	}
	for _, name := range wanted {
		if _, ok := listed[name]; !ok {
			t.Errorf("%s does not list %s", filepath.Base(sums), name)
		}
	}
	for name, sum := range listed {
		path := filepath.Join(dist, name)
		if name == manifest {
			path = "terraform-registry-manifest.json"
		}
		if got := sha256Of(t, path); got != sum {
			t.Errorf("%s: checksum %s, listed as %s", name, got, sum)
		}
	}
	licence, err := os.ReadFile("LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	for _, archive := range archives {
		checkArchive(t, archive, licence)
	}
}

// onlyMatch is the one file of dist that matches pattern.
func onlyMatch(t *testing.T, dist, pattern string) string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dist, pattern))
	if err != nil || len(matches) != 1 {
		t.Fatalf("want one %s in %s, found %v (%v)", pattern, dist, matches, err)
	}
	return matches[0]
}

// checksumsOf reads a SHA256SUMS file: file name to hex digest.
func checksumsOf(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		sum, name, ok := strings.Cut(lines.Text(), "  ")
		if !ok {
			t.Fatalf("%s: malformed line %q", path, lines.Text())
		}
		out[name] = sum
	}
	return out
}

func sha256Of(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkArchive checks that a release archive holds the licence as the
// repository has it, and the provider binary.
func checkArchive(t *testing.T, path string, licence []byte) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = z.Close() }() // only read
	var names []string
	hasBinary := false
	for _, f := range z.File {
		names = append(names, f.Name)
		hasBinary = hasBinary || strings.HasPrefix(f.Name, "terraform-provider-cloudinary_v")
		if f.Name != "LICENSE" {
			continue
		}
		got, err := readZipFile(f)
		if err != nil || !bytes.Equal(got, licence) {
			t.Errorf("%s: LICENSE differs from the repository's (%v)", filepath.Base(path), err)
		}
	}
	if !contains(names, "LICENSE") || !hasBinary {
		t.Errorf("%s holds %v: want LICENSE and the provider binary", filepath.Base(path), names)
	}
}

func readZipFile(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.Name, err)
	}
	defer r.Close()
	return io.ReadAll(r)
}
