#!/usr/bin/env bash
# Performance figures of the provider against the local emulator, printed as
# a table (not asserted: timings depend on the machine). For 100, 1,000 and
# 5,000 mixed resources (a quarter each of presets, mappings, named
# transformations and assets), `terraform plan` (with refresh, after apply)
# is timed against three providers, alternating, median of BENCH_RUNS runs:
#   - this provider, with the Admin API calls one plan makes;
#   - the floor provider: this provider's schemas, reads that return the
#     prior state and no API calls (built from internal/provider/floor_test.go,
#     never shipped), so the ratio is this provider's own cost;
#   - terraform_data resources of the same count, Terraform's own floor.
# Then the wall time of applying 100 upload presets and the provider's peak
# RSS while uploading a 1 GiB file. BENCH_SIZES overrides the sizes.
# Needs go, terraform, curl and pgrep.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
runs=${BENCH_RUNS:-3}
sizes=${BENCH_SIZES:-"100 1000 5000"}
# shellcheck source=lib/emulator.sh
. "$root/scripts/lib/emulator.sh"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/real/terraform-provider-cloudinary" "$root"
go test -c -o "$work/floor/terraform-provider-cloudinary" "$root/internal/provider"
start_emulator "$work" -hourly-limit -1
base=$emulator_base
for kind in real floor; do write_dev_overrides "$work/$kind.tfrc" "$work/$kind"; done
export TF_CLI_CONFIG_FILE="$work/real.tfrc" CLOUDINARY_URL="$emulator_url" TF_IN_AUTOMATION=1

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

now() { date +%s%N; }
seconds() { awk "BEGIN { printf \"%.2f\", $1 / 1e9 }"; }
admin_calls() { curl -s "$base/_emulator/counters" | sed -n 's/.*"admin":\([0-9]*\).*/\1/p'; }
reset() { curl -s -X POST "$base/_emulator/reset" >/dev/null; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# plan_ns DIR [ENV...] times one refreshing plan that must find no change.
plan_ns() {
  local dir=$1 start end
  shift
  start=$(now)
  (cd "$dir" && env "$@" terraform plan -input=false -no-color -detailed-exitcode >/dev/null)
  end=$(now)
  echo $((end - start))
}

rows=()
for n in $sizes; do
  reset
  dir="$work/mixed$n"; mkdir -p "$dir"; mixed "$n" >"$dir/main.tf"
  (cd "$dir" && terraform apply -auto-approve -input=false -no-color -parallelism=10 >/dev/null)
  floor_dir="$work/data$n"; mkdir -p "$floor_dir"
  printf 'resource "terraform_data" "d" {\n  count = %d\n  input = "d${count.index}"\n}\n' "$n" >"$floor_dir/main.tf"
  (cd "$floor_dir" && terraform apply -auto-approve -input=false -no-color >/dev/null)

  curl -s -X DELETE "$base/_emulator/counters" >/dev/null
  plan_ns "$dir" >/dev/null
  calls=$(admin_calls)
  real=() floor=() data=()
  for _ in $(seq "$runs"); do
    real+=("$(plan_ns "$dir")")
    floor+=("$(plan_ns "$dir" TF_CLI_CONFIG_FILE="$work/floor.tfrc" CLOUDINARY_FLOOR_PROVIDER=1)")
    data+=("$(plan_ns "$floor_dir")")
  done
  r=$(printf '%s\n' "${real[@]}" | median)
  f=$(printf '%s\n' "${floor[@]}" | median)
  d=$(printf '%s\n' "${data[@]}" | median)
  rows+=("plan of $n mixed resources|$(seconds "$r") s|$(awk "BEGIN { printf \"%.2f\", $r / $f }")x the floor provider ($(seconds "$f") s), $(awk "BEGIN { printf \"%.1f\", $r / $d }")x terraform_data ($(seconds "$d") s); $calls Admin API calls")
done

reset
dir="$work/presets"; mkdir -p "$dir"
{ printf '%s' "$header"; printf 'resource "cloudinary_upload_preset" "p" {\n  count = 100\n  name  = "p${count.index}"\n  tags  = ["bench"]\n}\n'; } >"$dir/main.tf"
start=$(now)
(cd "$dir" && terraform apply -auto-approve -input=false -no-color >/dev/null)
end=$(now)
rows+=("apply of 100 upload presets|$(seconds $((end - start))) s|$(admin_calls) Admin API calls")

reset
dir="$work/big"; mkdir -p "$dir"
truncate -s 1G "$dir/big.bin"
{ printf '%s' "$header"; printf 'resource "cloudinary_asset" "big" {\n  file          = "${path.module}/big.bin"\n  public_id     = "big.bin"\n  resource_type = "raw"\n}\n'; } >"$dir/main.tf"
# The provider's own peak RSS (VmHWM), sampled while it runs.
(cd "$dir" && terraform apply -auto-approve -input=false -no-color >/dev/null) &
apply_pid=$!
provider_peak=0
while kill -0 "$apply_pid" 2>/dev/null; do
  for pid in $(pgrep -f "$work/real/terraform-provider-cloudinary" || true); do
    hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$hwm" ] && [ "$hwm" -gt "$provider_peak" ]; then provider_peak=$hwm; fi
  done
  sleep 0.05
done
wait "$apply_pid"
rows+=("apply of a 1 GiB asset|peak RSS $((provider_peak / 1024)) MiB|the provider process (VmHWM), 54 parts of 20 MB")

printf '\n%-32s | %-10s | %s\n' "measurement" "result" "note"
printf '%s\n' "---------------------------------+------------+-------------------------------"
for r in "${rows[@]}"; do
  IFS='|' read -r what result note <<<"$r"
  printf '%-32s | %-10s | %s\n' "$what" "$result" "$note"
done
