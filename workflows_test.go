package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is what these tests read of a GitHub Actions workflow.
type workflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]struct {
		Steps []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readYAML(t *testing.T, path string, into any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// makeCall finds the make targets of a shell line such as "make unit race".
var makeCall = regexp.MustCompile(`(?m)^\s*make((?:\s+[\w-]+)+)\s*$`)

func makeTargets(script string) []string {
	var targets []string
	for _, m := range makeCall.FindAllStringSubmatch(script, -1) {
		targets = append(targets, strings.Fields(m[1])...)
	}
	return targets
}

// makePrerequisites reads a target's prerequisites from the GNUmakefile.
func makePrerequisites(t *testing.T, target string) []string {
	t.Helper()
	raw, err := os.ReadFile("GNUmakefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(target) + `:(.*)$`).FindStringSubmatch(string(raw))
	if m == nil {
		t.Fatalf("GNUmakefile has no target %s", target)
	}
	return strings.Fields(m[1])
}

// makeVariable reads a simple variable of the GNUmakefile.
func makeVariable(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile("GNUmakefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\s*:?=\s*(\S+)\s*$`).FindStringSubmatch(string(raw))
	if m == nil {
		t.Fatalf("GNUmakefile sets no %s", name)
	}
	return m[1]
}

func sorted(list []string) string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return fmt.Sprint(out)
}

// The test workflow's jobs run, between them, exactly the targets that
// `make test` runs, which is what .ci/run runs: no check runs in one place
// and not the other.
func TestWorkflowsRunWhatCIRuns(t *testing.T) {
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if got := makeTargets(string(ci)); sorted(got) != "[test]" {
		t.Fatalf(".ci/run runs make %v, want make test", got)
	}
	want := makePrerequisites(t, "test")

	var tests workflow
	readYAML(t, ".github/workflows/test.yml", &tests)
	if _, ok := tests.On["pull_request"]; !ok {
		t.Error("the test workflow does not run on pull requests")
	}
	var got []string
	for _, job := range tests.Jobs {
		for _, step := range job.Steps {
			got = append(got, makeTargets(step.Run)...)
		}
	}
	if sorted(got) != sorted(want) {
		t.Errorf("the test workflow runs make %v; make test runs %v", sorted(got), sorted(want))
	}
}

// The release workflow runs on v* tags, imports the signing key, releases with
// the goreleaser that the GNUmakefile pins, and verifies the release with the
// checks of make release-check before publishing it.
func TestReleaseWorkflow(t *testing.T) {
	var release workflow
	readYAML(t, ".github/workflows/release.yml", &release)
	push, _ := release.On["push"].(map[string]any)
	tags, _ := push["tags"].([]any)
	if len(tags) != 1 || tags[0] != "v*" {
		t.Errorf("the release workflow runs on %v, want tags v*", release.On)
	}
	var steps []string
	goreleaser := ""
	for _, job := range release.Jobs {
		for _, step := range job.Steps {
			switch {
			case strings.HasPrefix(step.Uses, "goreleaser/goreleaser-action@"):
				goreleaser = step.With["version"]
				steps = append(steps, "goreleaser "+step.With["args"])
			case strings.HasPrefix(step.Uses, "crazy-max/ghaction-import-gpg@"):
				steps = append(steps, "import key")
			case strings.Contains(step.Run, "TestReleaseDistVerifies"):
				steps = append(steps, "verify")
			case strings.Contains(step.Run, "gh release edit") && strings.Contains(step.Run, "--draft=false"):
				steps = append(steps, "publish")
			}
		}
	}
	if want := makeVariable(t, "GORELEASER_VERSION"); goreleaser != want {
		t.Errorf("the release workflow uses goreleaser %q; the GNUmakefile pins %s", goreleaser, want)
	}
	if fmt.Sprint(steps) != "[import key goreleaser release --clean --draft verify publish]" {
		t.Errorf("the release workflow's steps are %v: want the key imported, a draft release, its verification, then publication", steps)
	}
}

// Dependabot updates Go modules, with the terraform-plugin-* modules in one
// group, and the workflows' actions; the issue templates parse.
func TestRepositoryConfigurationParses(t *testing.T) {
	var dependabot struct {
		Version int `yaml:"version"`
		Updates []struct {
			Ecosystem string `yaml:"package-ecosystem"`
			Groups    map[string]struct {
				Patterns []string `yaml:"patterns"`
			} `yaml:"groups"`
		} `yaml:"updates"`
	}
	readYAML(t, ".github/dependabot.yml", &dependabot)
	ecosystems := map[string]bool{}
	for _, u := range dependabot.Updates {
		ecosystems[u.Ecosystem] = true
		if u.Ecosystem != "gomod" {
			continue
		}
		grouped := false
		for _, g := range u.Groups {
			grouped = grouped || contains(g.Patterns, "github.com/hashicorp/terraform-plugin-*")
		}
		if !grouped {
			t.Error("dependabot does not group the terraform-plugin-* modules")
		}
	}
	if dependabot.Version != 2 || !ecosystems["gomod"] || !ecosystems["github-actions"] {
		t.Errorf("dependabot updates %v, want gomod and github-actions", ecosystems)
	}

	templates, err := filepath.Glob(".github/ISSUE_TEMPLATE/*.yml")
	if err != nil || len(templates) == 0 {
		t.Fatalf("no issue templates (%v)", err)
	}
	for _, path := range templates {
		var form map[string]any
		readYAML(t, path, &form)
	}
}
