#!/usr/bin/env bash
# Runs the official Go SDK's own tests (github.com/cloudinary/cloudinary-go,
# the version in go.mod) against the emulator: its tests are written for a
# real account, so they check the emulator against what Cloudinary's own SDK
# expects, not against what this project believes. SDK_TESTS picks the tests.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tests=${SDK_TESTS:-'^Test(Folders|UploadPresets|UploadMappings|StreamingProfiles|Transformations)_'}
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/cloudinary-emulator" "$root/cmd/cloudinary-emulator"
"$work/cloudinary-emulator" -addr 127.0.0.1:0 -hourly-limit -1 >"$work/emulator.out" 2>&1 &
emulator_pid=$!
for _ in $(seq 50); do grep -q '^CLOUDINARY_URL=' "$work/emulator.out" && break; sleep 0.1; done
url=$(sed -n 's/^CLOUDINARY_URL=//p' "$work/emulator.out")
[ -n "$url" ] || { cat "$work/emulator.out"; echo "the emulator did not start" >&2; exit 1; }

cd "$root"
set +e
CLOUDINARY_URL="$url" go test github.com/cloudinary/cloudinary-go/v2/api/admin -run "$tests" -count=1 -v >"$work/sdk.out" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ]; then cat "$work/sdk.out"; exit "$status"; fi
grep -E '^(--- |ok)' "$work/sdk.out"
