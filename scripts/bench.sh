#!/usr/bin/env bash
# Performance figures of the provider against the local emulator, printed as
# a table (not asserted: timings depend on the machine):
#   - Admin API calls and wall time of `terraform plan` for 100 and 1,000
#     mixed resources (presets, mappings, named transformations, assets);
#   - wall time of `terraform apply` of 100 upload presets;
#   - peak RSS of the provider process while uploading a 1 GiB file.
# Needs go, terraform, curl and pgrep.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/bin/terraform-provider-cloudinary" "$root"
go build -o "$work/bin/cloudinary-emulator" "$root/cmd/cloudinary-emulator"
"$work/bin/cloudinary-emulator" -addr 127.0.0.1:0 -hourly-limit -1 >"$work/emulator.out" 2>&1 &
emulator_pid=$!
for _ in $(seq 50); do grep -q '^CLOUDINARY_URL=' "$work/emulator.out" && break; sleep 0.1; done
url=$(sed -n 's/^CLOUDINARY_URL=//p' "$work/emulator.out")
base=$(sed -n 's/^Cloudinary emulator listening on //p' "$work/emulator.out")
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "mediaops/cloudinary" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CLOUDINARY_URL="$url" TF_IN_AUTOMATION=1

header='terraform {
  required_providers {
    cloudinary = { source = "mediaops/cloudinary" }
  }
}
provider "cloudinary" {}
'

# mixed N writes N resources, a quarter of each kind.
mixed() {
  local q=$(($1 / 4))
  printf '%s' "$header"
  cat <<HCL
resource "cloudinary_upload_preset" "p" {
  count = $q
  name  = "bench_p\${count.index}"
  tags  = ["bench"]
}
resource "cloudinary_upload_mapping" "m" {
  count    = $q
  folder   = "bench/m\${count.index}"
  template = "https://cdn.example.com/\${count.index}/"
}
resource "cloudinary_named_transformation" "t" {
  count          = $q
  name           = "bench_t\${count.index}"
  transformation = "c_fill,w_\${count.index + 1}"
}
resource "cloudinary_asset" "a" {
  count          = $q
  content_base64 = base64encode("asset \${count.index}")
  public_id      = "bench/a\${count.index}.txt"
  resource_type  = "raw"
}
HCL
}

seconds() { awk "BEGIN { printf \"%.1f\", ($2 - $1) / 1e9 }"; }
admin_calls() { curl -s "$base/_emulator/counters" | sed -n 's/.*"admin":\([0-9]*\).*/\1/p'; }
reset() { curl -s -X POST "$base/_emulator/reset" >/dev/null; }

rows=()
for n in 100 1000; do
  reset
  dir="$work/mixed$n"; mkdir -p "$dir"; mixed "$n" >"$dir/main.tf"
  (cd "$dir" && terraform apply -auto-approve -input=false -no-color >/dev/null)
  curl -s -X DELETE "$base/_emulator/counters" >/dev/null
  start=$(date +%s%N)
  (cd "$dir" && terraform plan -input=false -no-color -detailed-exitcode >/dev/null)
  end=$(date +%s%N)
  rows+=("plan of $n mixed resources|$(seconds "$start" "$end") s|$(admin_calls) Admin API calls")
done

reset
dir="$work/presets"; mkdir -p "$dir"
{ printf '%s' "$header"; printf 'resource "cloudinary_upload_preset" "p" {\n  count = 100\n  name  = "p${count.index}"\n  tags  = ["bench"]\n}\n'; } >"$dir/main.tf"
start=$(date +%s%N)
(cd "$dir" && terraform apply -auto-approve -input=false -no-color >/dev/null)
end=$(date +%s%N)
rows+=("apply of 100 upload presets|$(seconds "$start" "$end") s|$(admin_calls) Admin API calls")

reset
dir="$work/big"; mkdir -p "$dir"
truncate -s 1G "$dir/big.bin"
{ printf '%s' "$header"; printf 'resource "cloudinary_asset" "big" {\n  file          = "${path.module}/big.bin"\n  public_id     = "big.bin"\n  resource_type = "raw"\n}\n'; } >"$dir/main.tf"
# The provider's own peak RSS (VmHWM), sampled while it runs.
(cd "$dir" && terraform apply -auto-approve -input=false -no-color >/dev/null) &
apply_pid=$!
provider_peak=0
while kill -0 "$apply_pid" 2>/dev/null; do
  for pid in $(pgrep -f "$work/bin/terraform-provider-cloudinary" || true); do
    hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$hwm" ] && [ "$hwm" -gt "$provider_peak" ]; then provider_peak=$hwm; fi
  done
  sleep 0.05
done
wait "$apply_pid"
rows+=("apply of a 1 GiB asset|peak RSS $((provider_peak / 1024)) MiB|the provider process (VmHWM)")

printf '\n%-32s | %-20s | %s\n' "measurement" "result" "note"
printf '%s\n' "---------------------------------+----------------------+-------------------------------"
for r in "${rows[@]}"; do
  IFS='|' read -r what result note <<<"$r"
  printf '%-32s | %-20s | %s\n' "$what" "$result" "$note"
done
