#!/usr/bin/env bash
# Prints the path of an OpenTofu binary for the acceptance tests' OpenTofu
# pass. When no `tofu` of the wanted minor version is on the PATH, it builds
# OpenTofu from the Go module proxy once and caches the binary beside the Go
# build cache (as scripts/terraform.sh does for Terraform), so later runs (and
# CI on the same machine) reuse it.
#
# `go install github.com/opentofu/opentofu/cmd/tofu@VERSION` refuses to build
# it: OpenTofu's go.mod has a replace directive (its fork of HCL), which go
# install ignores only for the main module. So the downloaded module is
# copied into a writable directory and ./cmd/tofu is built there, as the main
# module, with its replacements (about 7 minutes on a 2-core machine).
#
# Usage: scripts/tofu.sh            -> prints the binary's path
#        TOFU_VERSION=v1.12.6 (default) picks the version to build; the
#        module proxy also serves v1.11.6.
set -euo pipefail

want=${TOFU_VERSION:-v1.12.6}

# version_of prints the version a tofu binary reports, such as 1.12.6.
version_of() {
  "$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p'
}

# same_minor tells whether a tofu binary is of the wanted major.minor.
same_minor() {
  local version
  version=$(version_of "$1")
  [ -n "$version" ] && [ "${version%.*}" = "$(echo "${want#v}" | cut -d. -f1,2)" ]
}

if command -v tofu >/dev/null 2>&1 && same_minor "$(command -v tofu)"; then
  command -v tofu
  exit 0
fi

# shellcheck source=lib/proxy_build.sh
. "$(dirname "$0")/lib/proxy_build.sh"
binary="$tools_dir/tofu-$want"
if [ -x "$binary" ] && [ "$(version_of "$binary")" = "${want#v}" ]; then
  echo "$binary"
  exit 0
fi

echo "scripts/tofu.sh: building OpenTofu $want from the Go module proxy (about 7 minutes, once per machine)" >&2
mkdir -p "$tools_dir"
enter_module_copy github.com/opentofu/opentofu "$want"

go build -trimpath -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$binary.tmp" ./cmd/tofu
mv "$binary.tmp" "$binary"
[ "$(version_of "$binary")" = "${want#v}" ] || { echo "scripts/tofu.sh: the built binary does not report version $want" >&2; exit 1; }
echo "$binary"
