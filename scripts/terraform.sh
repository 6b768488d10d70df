#!/usr/bin/env bash
# Prints the path of a terraform binary new enough for list resources and
# `terraform query` (1.14 or later). When the terraform on the PATH is older,
# it builds Terraform from the Go module proxy once and caches the binary
# beside the Go build cache, so later runs (and CI on the same machine) reuse it.
#
# `go install github.com/hashicorp/terraform@v1.14.0` cannot build it: its
# go.mod replaces the remote-state backends and internal/legacy with nested
# modules that the proxy's zip leaves out. Those backends are dropped here
# (local, http, inmem and cloud/remote stay), which tests do not need.
#
# Usage: scripts/terraform.sh            -> prints the binary's path
#        TERRAFORM_QUERY_VERSION=v1.14.0 (default) picks the version to build.
set -euo pipefail

want=${TERRAFORM_QUERY_VERSION:-v1.14.0}
minor_needed=14

# installed_ok tells whether a terraform binary is 1.<minor_needed> or later.
installed_ok() {
  local version
  version=$("$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
  [ -n "$version" ] || return 1
  local major minor
  major=${version%%.*}
  minor=${version#*.}; minor=${minor%%.*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge "$minor_needed" ]; }
}

if command -v terraform >/dev/null 2>&1 && installed_ok "$(command -v terraform)"; then
  command -v terraform
  exit 0
fi

# shellcheck source=lib/proxy_build.sh
. "$(dirname "$0")/lib/proxy_build.sh"
binary="$tools_dir/terraform-$want"
if [ -x "$binary" ] && installed_ok "$binary"; then
  echo "$binary"
  exit 0
fi

echo "scripts/terraform.sh: building Terraform $want from the Go module proxy (about 5 minutes, once per machine)" >&2
mkdir -p "$tools_dir"
enter_module_copy github.com/hashicorp/terraform "$want"

# Drop the requirements and replacements of the nested modules.
sed -i -E '/internal\/backend\/remote-state\/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)|internal\/legacy/d' go.mod
# Drop the remote-state backends' imports and registrations.
sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3) /d; /"(azurerm|consul|cos|gcs|kubernetes|oss|pg|s3|oci)": +func/d' \
  internal/backend/init/init.go

go build -trimpath -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$binary.tmp" .
mv "$binary.tmp" "$binary"
installed_ok "$binary" || { echo "scripts/terraform.sh: the built binary does not report version $want" >&2; exit 1; }
echo "$binary"
