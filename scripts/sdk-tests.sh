#!/usr/bin/env bash
# Runs the official Go SDK's own tests (github.com/cloudinary/cloudinary-go,
# the version in go.mod) against the emulator: its tests are written for a
# real account, so they check the emulator against what Cloudinary's own SDK
# expects, not against what this project believes. SDK_TESTS picks the tests.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# The metadata tests run in the SDK's own order: they create, change, reorder
# and delete one field after another.
metadata='Admin_(AddMetadataField|UpdateMetadataField|ListMetadataFields|MetadataFieldByFieldID|UpdateMetadataFieldDataSource|DeleteDataSourceEntries|RestoreMetadataFieldDataSource|ReorderMetadataFieldsDatasource|ReorderMetadataFields|DeleteMetadataField|AddMetadataFields|MetadataFieldsCleanup)$'
# The trigger tests create, list, update (with uri, as the SDK sends it) and
# delete one trigger, in that order.
triggers='Triggers_(CreateTrigger|ListTriggers|UpdateTrigger|DeleteTrigger)$'
tests=${SDK_TESTS:-"^Test((Folders|UploadPresets|UploadMappings|StreamingProfiles|Transformations)_|Admin_GetConfig$|$metadata|$triggers)"}
work=$(mktemp -d)
# shellcheck source=lib/emulator.sh
. "$root/scripts/lib/emulator.sh"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

start_emulator "$work" -hourly-limit -1

cd "$root"

# run_sdk_tests PACKAGE REGEX: runs the SDK package's tests that REGEX picks
# against the emulator; prints their results, or all their output and exits
# on a failure.
run_sdk_tests() {
  local out
  out="$work/$(basename "$1").out"
  set +e
  CLOUDINARY_URL="$emulator_url" go test "github.com/cloudinary/cloudinary-go/v2/api/$1" -run "$2" -count=1 -v >"$out" 2>&1
  local status=$?
  set -e
  if [ "$status" -ne 0 ]; then cat "$out"; exit "$status"; fi
  grep -E '^(--- |ok)' "$out"
}

run_sdk_tests admin "$tests"

# The uploader's tests that need no network: uploads of local files, readers
# and data URIs (among them the 1400x1400 BMP sent in chunks), the timeout,
# the response and notification signature checks and the URL builders. The
# others upload from cloudinary.com. SDK_UPLOADER_TESTS picks the tests.
uploader_tests=${SDK_UPLOADER_TESTS:-'^TestUploader_(Upload(LocalPath|IOReader|Base64Image|Authenticated|LargeFile)|Timeout|Verify\w+|DownloadBackedUpAsset|PrivateDownloadURL\w*|ExpiresAtIsUnixTimestamp)$|^TestUploadAPI_Acceptance$'}
run_sdk_tests uploader "$uploader_tests"
