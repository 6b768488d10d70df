package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docSubcategories are the groups of the Registry's navigation.
var docSubcategories = map[string]bool{"Configuration": true, "Assets": true, "Structured metadata": true,
	"Account provisioning": true, "Functions": true, "Actions": true}

// Every page of a resource, data source, list resource, ephemeral resource,
// function or action is in a subcategory and links to Cloudinary's documentation of
// what it configures (templates/resources.md.tmpl, functions.md.tmpl, actions.md.tmpl;
// make docs-check keeps docs/ generated).
func TestDocsGroupAndLinkEveryPage(t *testing.T) {
	pages, err := filepath.Glob("docs/*/*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages (%v)", err)
	}
	subcategory := regexp.MustCompile(`(?m)^subcategory: "([^"]*)"$`)
	link := regexp.MustCompile(`(?m)^Cloudinary's documentation: \[[^\]]+\]\(https://cloudinary\.com/documentation/[^)]+\)\.$`)
	for _, page := range pages {
		if strings.HasPrefix(page, filepath.Join("docs", "guides")) {
			continue
		}
		text := readText(t, page)
		if m := subcategory.FindStringSubmatch(text); m == nil || !docSubcategories[m[1]] {
			t.Errorf("%s: subcategory %v, want one of %v", page, m, docSubcategories)
		}
		if !link.MatchString(text) {
			t.Errorf("%s does not link to Cloudinary's documentation", page)
		}
	}
}

// The index names every resource, and its example names the provider's
// source with a version constraint (without it, Terraform would look for
// hashicorp/cloudinary).
func TestDocsIndexListsEveryResource(t *testing.T) {
	index := readText(t, "docs/index.md")
	resources, err := filepath.Glob("docs/resources/*.md")
	if err != nil || len(resources) == 0 {
		t.Fatalf("no resource pages (%v)", err)
	}
	for _, page := range resources {
		name := "cloudinary_" + strings.TrimSuffix(filepath.Base(page), ".md")
		if !strings.Contains(index, "`"+name+"`") {
			t.Errorf("the index does not name %s", name)
		}
	}
	if !regexp.MustCompile(`required_providers \{\s+cloudinary = \{\s+source\s+= "mediaops/cloudinary"\s+version\s+= "[^"]+"`).MatchString(index) {
		t.Error("the index's example has no required_providers block with the source and a version constraint")
	}
	for _, guide := range []string{"adopting-an-account", "product-environments", "migrating-from-another-provider", "planning-offline-in-ci"} {
		if _, err := os.Stat(filepath.Join("docs", "guides", guide+".md")); err != nil {
			t.Errorf("guide %s: %v", guide, err)
		}
		if !strings.Contains(index, "(guides/"+guide+")") {
			t.Errorf("the index does not link to the guide %s", guide)
		}
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
