package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The acceptance tests run on Terraform and on OpenTofu (make testacc-tofu
// points TF_ACC_TERRAFORM_PATH at tofu). Both speak the same plugin protocol
// and report versions from the same line, 1.x, but some features exist only in
// Terraform: list resources and `terraform query` (1.14), and actions. Tests
// of those skip on OpenTofu, whatever its version, saying why.

// cliBinary is the binary that terraform-plugin-testing runs:
// TF_ACC_TERRAFORM_PATH, else the terraform on the PATH.
func cliBinary() (string, error) {
	if path := os.Getenv("TF_ACC_TERRAFORM_PATH"); path != "" {
		return path, nil
	}
	return exec.LookPath("terraform")
}

var cliTool = sync.OnceValues(func() (string, error) {
	binary, err := cliBinary()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(binary, "version").Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", binary, err)
	}
	// Warnings about the CLI configuration may come first.
	for _, line := range strings.Split(string(out), "\n") {
		if name, version, ok := strings.Cut(line, " v"); ok && version != "" && !strings.Contains(name, " ") {
			return name, nil
		}
	}
	return "", fmt.Errorf("%s version printed no version: %q", binary, out)
})

// isOpenTofu tells whether the acceptance tests run on OpenTofu (its version
// command says "OpenTofu v1.12.6" where Terraform's says "Terraform v1.14.0").
func isOpenTofu() bool {
	name, err := cliTool()
	return err == nil && name == "OpenTofu"
}

// terraformOnly is a version check for a feature that only Terraform has,
// from version since on: the test is skipped on OpenTofu and on an older
// Terraform.
type terraformOnly struct {
	feature string
	since   *version.Version
}

func (c terraformOnly) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if isOpenTofu() {
		resp.Skip = fmt.Sprintf("OpenTofu %s has no %s: a Terraform feature", req.TerraformVersion, c.feature)
		return
	}
	tfversion.SkipBelow(c.since).CheckTerraformVersion(ctx, req, resp)
}

// skipOnOpenTofu skips a test that drives the CLI itself for a feature that
// only Terraform has.
func skipOnOpenTofu(t *testing.T, feature string) {
	t.Helper()
	if isOpenTofu() {
		t.Skipf("OpenTofu has no %s: a Terraform feature", feature)
	}
}

// cliVersion is the version of the binary that terraform-plugin-testing
// runs, Terraform's or OpenTofu's.
var cliVersion = sync.OnceValues(func() (*version.Version, error) {
	binary, err := cliBinary()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(binary, "version", "-json").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version -json: %w", binary, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("%s version -json: %w", binary, err)
	}
	return version.NewVersion(v.Version)
})

// sinceVersions is a feature that Terraform and OpenTofu added in different
// versions; as a version check, it skips a test on an older CLI.
type sinceVersions struct {
	terraform, openTofu *version.Version
}

func (c sinceVersions) since() *version.Version {
	if isOpenTofu() {
		return c.openTofu
	}
	return c.terraform
}

func (c sinceVersions) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	tfversion.SkipBelow(c.since()).CheckTerraformVersion(ctx, req, resp)
}

// met tells whether the CLI of the tests has the feature, for tests that
// leave out only the parts that need it.
func (c sinceVersions) met(t *testing.T) bool {
	t.Helper()
	v, err := cliVersion()
	must(t, err)
	return !v.LessThan(c.since())
}

var (
	// functionsSince: provider-defined functions.
	functionsSince = sinceVersions{terraform: tfversion.Version1_8_0, openTofu: tfversion.Version1_7_0}
	// writeOnlySince: write-only attributes.
	writeOnlySince = sinceVersions{terraform: tfversion.Version1_11_0, openTofu: tfversion.Version1_11_0}

	functionsCheck = []tfversion.TerraformVersionCheck{functionsSince}
	writeOnlyCheck = []tfversion.TerraformVersionCheck{writeOnlySince}
)
