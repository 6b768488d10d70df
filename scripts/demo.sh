#!/usr/bin/env bash
# Runs examples/demo against a local Cloudinary emulator: build the provider
# and the emulator, start the emulator, point Terraform at the local build
# with dev_overrides, apply, show the outputs, and check that a second plan
# is empty. Leaves nothing running. Needs only go and terraform.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { [ -n "${DEMO_QUIET:-}" ] || printf '\n==> %s\n' "$*"; }
run() { if [ -n "${DEMO_QUIET:-}" ]; then "$@" >>"$work/demo.log" 2>&1 || { cat "$work/demo.log"; return 1; }; else "$@"; fi; }

say "Building the provider and the emulator"
go build -o "$work/bin/terraform-provider-cloudinary" "$root"
go build -o "$work/bin/cloudinary-emulator" "$root/cmd/cloudinary-emulator"

say "Starting the emulator"
"$work/bin/cloudinary-emulator" -addr 127.0.0.1:0 -hourly-limit 500 >"$work/emulator.out" 2>&1 &
emulator_pid=$!
for _ in $(seq 50); do grep -q '^CLOUDINARY_URL=' "$work/emulator.out" && break; sleep 0.1; done
url=$(sed -n 's/^CLOUDINARY_URL=//p' "$work/emulator.out")
[ -n "$url" ] || { cat "$work/emulator.out"; echo "the emulator did not start" >&2; exit 1; }
[ -n "${DEMO_QUIET:-}" ] || cat "$work/emulator.out"

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "mediaops/cloudinary" = "$work/bin"
  }
  direct {}
}
RC
cp -r "$root/examples/demo" "$work/demo"
cp "$root/examples/demo/"*.png "$work/demo/" 2>/dev/null || true

export TF_CLI_CONFIG_FILE="$work/terraformrc" CLOUDINARY_URL="$url" TF_IN_AUTOMATION=1
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
