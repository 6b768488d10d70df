#!/usr/bin/env bash
# Runs examples/demo against a local Cloudinary emulator: build the provider
# and the emulator, start the emulator, point Terraform at the local build
# with dev_overrides, apply, show the outputs, and check that a second plan
# is empty. Leaves nothing running. Needs only go and terraform.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# shellcheck source=lib/emulator.sh
. "$root/scripts/lib/emulator.sh"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

say() { [ -n "${DEMO_QUIET:-}" ] || printf '\n==> %s\n' "$*"; }
run() { if [ -n "${DEMO_QUIET:-}" ]; then "$@" >>"$work/demo.log" 2>&1 || { cat "$work/demo.log"; return 1; }; else "$@"; fi; }

say "Building the provider and the emulator"
go build -o "$work/bin/terraform-provider-cloudinary" "$root"

say "Starting the emulator"
start_emulator "$work" -hourly-limit 500
[ -n "${DEMO_QUIET:-}" ] || cat "$work/emulator.out"

write_dev_overrides "$work/terraformrc" "$work/bin"
cp -r "$root/examples/demo" "$work/demo"
cp "$root/examples/demo/"*.png "$work/demo/" 2>/dev/null || true

export TF_CLI_CONFIG_FILE="$work/terraformrc" CLOUDINARY_URL="$emulator_url" TF_IN_AUTOMATION=1
cd "$work/demo"

say "terraform plan"
run terraform plan -input=false -no-color
say "terraform apply"
run terraform apply -input=false -auto-approve -no-color
say "Outputs"
run terraform output -no-color
say "terraform plan again: nothing should change"
set +e
terraform plan -input=false -no-color -detailed-exitcode >"$work/replan.out" 2>&1
code=$?
set -e
[ -n "${DEMO_QUIET:-}" ] || cat "$work/replan.out"
if [ "$code" -ne 0 ]; then
  cat "$work/replan.out"
  echo "demo: the second plan was not empty (exit code $code)" >&2
  exit 1
fi
say "Destroying"
run terraform destroy -input=false -auto-approve -no-color
[ -n "${DEMO_QUIET:-}" ] && echo "demo: apply succeeded and the second plan was empty"
exit 0
