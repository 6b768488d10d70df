package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The Terraform Registry accepts a release only with zip archives named
// NAME_VERSION_OS_ARCH, a NAME_VERSION_SHA256SUMS file and its detached GPG
// signature, and a NAME_VERSION_manifest.json naming the protocol version.
// goreleaser itself is not installed here, so these are checked by reading
// the configuration.
func TestReleaseConfigurationMeetsRegistryRequirements(t *testing.T) {
	raw, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Env     []string `yaml:"env"`
			Ldflags []string `yaml:"ldflags"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
			Binary  string   `yaml:"binary"`
		} `yaml:"builds"`
		Archives []struct {
			Formats      []string `yaml:"formats"`
			NameTemplate string   `yaml:"name_template"`
			Files        []string `yaml:"files"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string `yaml:"algorithm"`
			ExtraFiles   []struct {
				Glob         string `yaml:"glob"`
				NameTemplate string `yaml:"name_template"`
			} `yaml:"extra_files"`
		} `yaml:"checksum"`
		Signs []struct {
			Artifacts string   `yaml:"artifacts"`
			Args      []string `yaml:"args"`
		} `yaml:"signs"`
		Release struct {
			ExtraFiles []struct {
				Glob         string `yaml:"glob"`
				NameTemplate string `yaml:"name_template"`
			} `yaml:"extra_files"`
		} `yaml:"release"`
	}
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		t.Fatalf(".goreleaser.yml: %v", err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 || len(cfg.Signs) != 1 {
		t.Fatalf("want version 2 with one build, archive and sign: %+v", cfg)
	}
	b := cfg.Builds[0]
	for _, os := range []string{"linux", "darwin", "windows", "freebsd"} {
		if !contains(b.Goos, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !contains(b.Goarch, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	if !contains(b.Env, "CGO_ENABLED=0") || !strings.Contains(strings.Join(b.Ldflags, " "), "-X main.version={{ .Version }}") {
		t.Errorf("builds must be static and stamp the version: %+v", b)
	}
	if b.Binary != "{{ .ProjectName }}_v{{ .Version }}" {
		t.Errorf("binary %q", b.Binary)
	}
	a := cfg.Archives[0]
	if !contains(a.Formats, "zip") || a.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" {
		t.Errorf("archives %+v", a)
	}
	if !contains(a.Files, "LICENSE") {
		t.Errorf("the archives must carry the licence: files %v", a.Files)
	}
	if cfg.Checksum.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS" || cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v", cfg.Checksum)
	}
	s := cfg.Signs[0]
	if s.Artifacts != "checksum" || !contains(s.Args, "--detach-sign") {
		t.Errorf("signs %+v", s)
	}
	manifest := "{{ .ProjectName }}_{{ .Version }}_manifest.json"
	if len(cfg.Release.ExtraFiles) != 1 || cfg.Release.ExtraFiles[0].NameTemplate != manifest || len(cfg.Checksum.ExtraFiles) != 1 || cfg.Checksum.ExtraFiles[0].NameTemplate != manifest {
		t.Errorf("the manifest must be released and checksummed as %s", manifest)
	}

	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	data, err := os.ReadFile(cfg.Release.ExtraFiles[0].Glob)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Version != 1 || len(m.Metadata.ProtocolVersions) != 1 || m.Metadata.ProtocolVersions[0] != "6.0" {
		t.Fatalf("registry manifest %+v %v", m, err)
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
