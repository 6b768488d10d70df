#!/usr/bin/env bash
# Performance figures of the provider against the local emulator, printed as
# a table (not asserted: timings depend on the machine). Every figure comes
# from this one run:
#   - plans of mixed resources (a quarter each of presets, mappings, named
#     transformations and assets; `terraform plan` with refresh, after apply),
#     timed against three providers, alternating, median of BENCH_RUNS runs:
#       this provider, with the Admin API calls and the provider's CPU of one
#       more (profiled) plan;
#       the floor provider: this provider's schemas, reads that return the
#       prior state and no API calls (built from
#       internal/provider/floor_test.go, never shipped), so the ratio is this
#       provider's own cost;
#       terraform_data resources of the same count, Terraform's own floor;
#   - apply economy: BENCH_APPLY_N objects of one kind applied at the default
#     parallelism, then one attribute of each changed and applied again: the
#     Admin API calls per object created and per object updated of the apply
#     of a saved plan (the refresh before it is the plan's), apart from the
#     ping that the apply's provider process makes when Terraform configures
#     it (shown on its own);
#   - the provider's CPU seconds per 1,000 resources of each type in a plan
#     (with refresh, after apply), summed over the CPU profiles of every
#     provider process of the plan (CLOUDINARY_PROVIDER_CPUPROFILE), median of
#     BENCH_CPU_RUNS plans, beyond the CPU of a plan with no resources (the
#     cost of the provider processes themselves, shown on its own); also the
#     whole CPU of a plan of 200 presets;
#   - realistic latency: the emulator's API calls delayed by BENCH_LATENCY,
#     an apply and then a plan of BENCH_LATENCY_SIZE mixed resources at each
#     -parallelism of BENCH_LATENCY_PARALLELISM, wall times (one run each)
#     and Admin API calls;
#   - the wall time of applying 100 upload presets, and the provider's peak
#     RSS while uploading a 1 GiB file.
#
# Environment, with defaults (the full run takes about 25 minutes on a
# 2-core machine):
#   BENCH_RUNS=3                      runs per timed mixed plan (median)
#   BENCH_CPU_RUNS=1                  profiled plans per CPU figure (median);
#                                     a 1,000-resource plan samples seconds
#                                     of CPU, which vary less than wall time
#   BENCH_SIZES="100 1000 5000"       sizes of the mixed plans
#   BENCH_APPLY_N=100                 objects of each kind in the apply economy
#   BENCH_CPU_N=500                   resources of each type in the CPU plans
#                                     (triggers at most 840: 30 URLs for each
#                                     of the 28 event types); the figure is
#                                     scaled to 1,000, the CPU grows linearly
#   BENCH_LATENCY=100ms-140ms         the emulator's -latency for the
#                                     realistic runs (120 ms on average)
#   BENCH_LATENCY_SIZE=1000           mixed resources at that latency (0: skip)
#   BENCH_LATENCY_PARALLELISM="10 30" Terraform -parallelism values at it
# Needs go, terraform, curl, jq and pgrep; no network.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
runs=${BENCH_RUNS:-3}
cpu_runs=${BENCH_CPU_RUNS:-1}
sizes=${BENCH_SIZES:-"100 1000 5000"}
apply_n=${BENCH_APPLY_N:-100}
cpu_n=${BENCH_CPU_N:-500}
latency=${BENCH_LATENCY:-100ms-140ms}
latency_n=${BENCH_LATENCY_SIZE:-1000}
latency_parallelism=${BENCH_LATENCY_PARALLELISM:-"10 30"}
# The emulator refuses more than 30 trigger URLs for one event type.
max_triggers=$((28 * 30))
# shellcheck source=lib/emulator.sh
. "$root/scripts/lib/emulator.sh"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/real/terraform-provider-cloudinary" "$root"
go test -c -o "$work/floor/terraform-provider-cloudinary" "$root/internal/provider"
start_emulator "$work" -hourly-limit -1 -max-file-bytes $((2 << 30))
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

# objects KIND N VERSION writes a configuration of N resources of one kind
# (see block).
objects() {
  printf '%s' "$header"
  block "$@"
}

# mixed N writes N resources, a quarter each of presets, mappings, named
# transformations and assets.
mixed() {
  local kind
  printf '%s' "$header"
  for kind in upload_preset upload_mapping named_transformation asset; do block "$kind" $(($1 / 4)) 0; done
}

# block KIND N VERSION writes N resources of one kind, named "bench";
# VERSION 1 changes one attribute of each from VERSION 0 (in place, no
# replacement). The metadata rules come with the two fields they refer to,
# whatever N.
block() {
  local kind=$1 n=$2 v=$3
  case $kind in
  upload_preset) cat <<HCL ;;
resource "cloudinary_upload_preset" "bench" {
  count = $n
  name  = "bench_p\${count.index}"
  tags  = ["bench$v"]
}
HCL
  upload_mapping) cat <<HCL ;;
resource "cloudinary_upload_mapping" "bench" {
  count    = $n
  folder   = "bench/m\${count.index}"
  template = "https://cdn$v.example.com/\${count.index}/"
}
HCL
  named_transformation) cat <<HCL ;;
resource "cloudinary_named_transformation" "bench" {
  count          = $n
  name           = "bench_t\${count.index}"
  transformation = "c_fill,w_\${count.index + 1 + $v * 10000}"
}
HCL
  asset) cat <<HCL ;;
resource "cloudinary_asset" "bench" {
  count          = $n
  content_base64 = base64encode("asset \${count.index}")
  public_id      = "bench/a\${count.index}.txt"
  resource_type  = "raw"
}
HCL
  metadata_field) cat <<HCL ;;
resource "cloudinary_metadata_field" "bench" {
  count       = $n
  external_id = "bench_f\${count.index}"
  type        = "string"
  label       = "Bench \${count.index} v$v"
}
HCL
  metadata_rule) cat <<HCL ;;
resource "cloudinary_metadata_field" "category" {
  external_id = "category"
  type        = "enum"
  label       = "Category"
  datasource  = [{ external_id = "employee", value = "Employee" }, { external_id = "culture", value = "Culture" }]
}
resource "cloudinary_metadata_field" "team" {
  external_id      = "team"
  type             = "set"
  label            = "Team"
  datasource       = [{ external_id = "rnd", value = "R&D" }, { external_id = "hr", value = "HR" }]
  default_disabled = true
}
resource "cloudinary_metadata_rule" "bench" {
  count             = $n
  metadata_field_id = cloudinary_metadata_field.team.external_id
  name              = "Bench rule \${count.index} v$v"
  condition = jsonencode({
    metadata_field_id = cloudinary_metadata_field.category.external_id
    equals            = "employee"
  })
  result = { disable = false }
}
HCL
  trigger) cat <<HCL ;;
locals {
  events = ["all", "access_control_changed", "bulk_refresh_auto_fetch", "create_folder", "delete", "delete_by_token",
    "delete_folder", "eager", "error", "explode", "generate_archive", "info", "invalidate_custom_cdn",
    "moderation", "moderation_summary", "move", "move_or_rename_asset_folder", "multi", "publish", "rename",
    "report", "resource_context_changed", "resource_display_name_changed", "resource_metadata_changed",
    "resource_tags_changed", "restore_asset_version", "sprite", "upload"]
}
resource "cloudinary_trigger" "bench" {
  count      = $n
  uri        = "https://hooks.example.com/v$v/\${count.index}"
  event_type = local.events[count.index % length(local.events)]
}
HCL
  folder) cat <<HCL ;;
resource "cloudinary_folder" "bench" {
  count = $n
  path  = "bench/v$v/f\${count.index}"
}
HCL
  *)
    echo "block: unknown kind $kind" >&2
    return 1
    ;;
  esac
}

now() { date +%s%N; }
seconds() { awk "BEGIN { printf \"%.2f\", $1 / 1e9 }"; }
# ratio A B [DECIMALS] prints A / B, where A and B may be expressions.
ratio() { awk "BEGIN { printf \"%.${3:-2}f\", ($1) / ($2) }"; }
counters() { curl -sSf "$base/_emulator/counters"; }
admin_calls() { counters | jq .admin; }
# api_calls says how many Admin and Upload API calls were made.
api_calls() { counters | jq -r '"\(.admin) Admin and \(.upload) Upload API calls"'; }
clear_counters() { curl -sSf -X DELETE "$base/_emulator/counters" >/dev/null; }
reset() { curl -sSf -X POST "$base/_emulator/reset" >/dev/null; }
set_latency() { curl -sSf -X PUT -d "{\"latency\": \"$1\"}" "$base/_emulator/latency" >/dev/null; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# call_split prints the Admin API calls since the counters were cleared as
# "TOTAL PINGS READS WRITES": the pings (one per provider process that
# Terraform configures), the other GETs, and the rest. Only for
# configurations without assets or product environments, whose Upload and
# Provisioning API calls are not Admin calls.
call_split() {
  counters | jq -r '(.routes["GET /ping"] // 0) as $pings
    | ([.routes | to_entries[] | select(.key | startswith("GET ")) | .value] | add // 0) as $gets
    | "\(.admin) \($pings) \($gets - $pings) \(.admin - $gets)"'
}

# terraform_in DIR ARGS... runs Terraform quietly in DIR.
terraform_in() {
  local dir=$1
  shift
  (cd "$dir" && terraform "$@" -input=false -no-color >/dev/null)
}

# apply_ns DIR [ARGS...] times one apply.
apply_ns() {
  local dir=$1 start end
  shift
  start=$(now)
  terraform_in "$dir" apply -auto-approve "$@"
  end=$(now)
  echo $((end - start))
}

# plan_ns DIR [ENV...] times one refreshing plan that must find no change.
plan_ns() {
  local dir=$1 start end
  shift
  start=$(now)
  (cd "$dir" && env "$@" terraform plan -input=false -no-color -detailed-exitcode >/dev/null)
  end=$(now)
  echo $((end - start))
}

# provider_cpu DIR runs one refreshing plan that must find no change, with
# the provider's CPU profile on, and prints the CPU seconds sampled in all
# its provider processes.
provider_cpu() {
  local dir=$1 profile="$1/cpu" total
  rm -f "$profile".*
  plan_ns "$dir" CLOUDINARY_PROVIDER_CPUPROFILE="$profile" >/dev/null
  total=$(go tool pprof -top "$work/real/terraform-provider-cloudinary" "$profile".* 2>/dev/null |
    sed -n 's/.*Total samples = \([0-9.]*\)\([a-zµ]*\).*/\1 \2/p')
  # pprof writes the total as 980ms, 1.85s or 1.20mins.
  awk -v t="${total:-0 s}" 'BEGIN { split(t, p, " "); f = 1
    if (p[2] == "ms") f = 1e-3; else if (p[2] == "us" || p[2] == "µs") f = 1e-6
    else if (p[2] == "mins") f = 60; else if (p[2] == "hrs") f = 3600
    printf "%.3f", p[1] * f }'
}

# median_cpu DIR prints the median of BENCH_CPU_RUNS provider_cpu runs.
median_cpu() {
  local cpus=()
  for _ in $(seq "$cpu_runs"); do cpus+=("$(provider_cpu "$1")"); done
  printf '%s\n' "${cpus[@]}" | median
}

# fresh_dir NAME makes an empty working directory.
fresh_dir() {
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1"
  echo "$work/$1"
}

rows=()
bench_start=$(now)
# phase NAME says on stderr what runs, and how long the bench has taken.
phase() { echo "bench: $1 ($(( ($(now) - bench_start) / 1000000000 )) s in)" >&2; }

# --- Plans of mixed resources against the floors.
for n in $sizes; do
  phase "plans of $n mixed resources"
  reset
  dir=$(fresh_dir "mixed$n")
  mixed "$n" >"$dir/main.tf"
  terraform_in "$dir" apply -auto-approve -parallelism=10
  floor_dir=$(fresh_dir "data$n")
  printf 'resource "terraform_data" "d" {\n  count = %d\n  input = "d${count.index}"\n}\n' "$n" >"$floor_dir/main.tf"
  terraform_in "$floor_dir" apply -auto-approve

  clear_counters
  cpu=$(provider_cpu "$dir")
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
  rows+=("plan of $n mixed resources|$(seconds "$r") s|$(ratio "$r" "$f")x the floor provider ($(seconds "$f") s), $(ratio "$r" "$d" 1)x terraform_data ($(seconds "$d") s); $calls Admin API calls; provider CPU $cpu s in one more, profiled, plan")
done

# --- Apply economy: Admin API calls per object created and updated.
# economy KIND NOUN
economy() {
  local kind=$1 noun=$2 dir split version what
  reset
  dir=$(fresh_dir "economy-$kind")
  if [ "$kind" = metadata_rule ]; then
    # The fields the rules refer to are made first, and not counted.
    objects "$kind" 0 0 >"$dir/main.tf"
    terraform_in "$dir" apply -auto-approve
  fi
  for version in 0 1; do
    objects "$kind" "$apply_n" "$version" >"$dir/main.tf"
    # The apply of a saved plan: its calls are the writes' own, not the
    # refresh that the plan made before it.
    terraform_in "$dir" plan -out=economy.tfplan
    clear_counters
    (cd "$dir" && terraform apply -input=false -no-color economy.tfplan >/dev/null)
    read -r total pings reads writes <<<"$(call_split)"
    what="create $apply_n $noun"
    [ "$version" = 1 ] && what="update $apply_n $noun"
    rows+=("$what|$(ratio "$total - $pings" "$apply_n") calls/object|$total Admin API calls: $writes writes and $reads reads for the objects, and $pings ping (the apply's provider process)")
  done
}
phase "apply economy"
economy upload_preset "upload presets"
economy upload_mapping "upload mappings"
economy metadata_field "metadata fields"
economy metadata_rule "metadata rules"
economy trigger "triggers"
economy folder "folders"
economy named_transformation "named transformations"

# --- Provider CPU per 1,000 resources of each type in a plan.
# plan_cpu KIND N prints the provider's CPU seconds (median) in a plan of N
# resources of KIND.
plan_cpu() {
  local dir
  reset
  dir=$(fresh_dir "cpu-$1-$2")
  objects "$1" "$2" 0 >"$dir/main.tf"
  terraform_in "$dir" apply -auto-approve
  median_cpu "$dir"
}
# cpu_row KIND NOUN N adds the row of the provider's CPU per 1,000 resources,
# beyond that of a plan of none.
cpu_row() {
  local cpu
  cpu=$(plan_cpu "$1" "$3")
  rows+=("plan of $3 $2|$(ratio "($cpu - $empty_cpu) * 1000" "$3") s CPU per 1,000|provider CPU $cpu s for $3, less $empty_cpu s for none; median of $cpu_runs profiled plans")
}
phase "provider CPU in plans"
empty_cpu=$(plan_cpu upload_preset 0)
rows+=("plan of no resources|$empty_cpu s CPU|the provider processes' own cost (start, schemas, configure), median of $cpu_runs")
cpu=$(plan_cpu upload_preset 200)
rows+=("plan of 200 upload presets|$cpu s CPU|the provider's, median of $cpu_runs profiled plans")
cpu_row upload_preset "upload presets" "$cpu_n"
cpu_row upload_mapping "upload mappings" "$cpu_n"
cpu_row named_transformation "named transformations" "$cpu_n"
cpu_row asset "assets" "$cpu_n"
cpu_row metadata_field "metadata fields" "$cpu_n"
cpu_row trigger "triggers" "$((cpu_n < max_triggers ? cpu_n : max_triggers))"
cpu_row folder "folders" "$cpu_n"

# --- Realistic latency: every API call delayed as across a continent.
if [ "$latency_n" -gt 0 ]; then
  phase "$latency_n mixed resources at a latency of $latency"
  set_latency "$latency"
  dir=$(fresh_dir latency)
  mixed "$latency_n" >"$dir/main.tf"
  first_apply="" first_plan=""
  for p in $latency_parallelism; do
    reset
    rm -f "$dir"/terraform.tfstate*
    a=$(apply_ns "$dir" -parallelism="$p")
    apply_calls=$(api_calls)
    clear_counters
    pl=$(plan_ns "$dir" TF_CLI_ARGS_plan="-parallelism=$p")
    plan_calls=$(api_calls)
    apply_note="" plan_note=""
    if [ -n "$first_apply" ]; then
      apply_note=", $(ratio "$a" "$first_apply")x the time at -parallelism ${latency_parallelism%% *}"
      plan_note=", $(ratio "$pl" "$first_plan")x the time at -parallelism ${latency_parallelism%% *}"
    else
      first_apply=$a first_plan=$pl
    fi
    what="$latency_n mixed resources, latency $latency, -parallelism $p"
    rows+=("apply of $what|$(seconds "$a") s|$apply_calls, one run$apply_note")
    rows+=("plan of $what|$(seconds "$pl") s|$plan_calls, one run$plan_note")
  done
  set_latency 0
fi

phase "apply of 100 presets, and of a 1 GiB asset"
reset
dir=$(fresh_dir presets)
objects upload_preset 100 0 >"$dir/main.tf"
a=$(apply_ns "$dir")
rows+=("apply of 100 upload presets|$(seconds "$a") s|$(admin_calls) Admin API calls")

reset
dir=$(fresh_dir big)
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

phase "done"
printf '\n'
printf '%s\n' "${rows[@]}" | awk -F'|' '
  { what[NR] = $1; result[NR] = $2; note[NR] = $3
    if (length($1) > w1) w1 = length($1); if (length($2) > w2) w2 = length($2) }
  END {
    format = "%-" w1 "s | %-" w2 "s | %s\n"
    printf format, "measurement", "result", "note"
    line = ""; for (i = 0; i < w1 + 1; i++) line = line "-"; line = line "+"
    for (i = 0; i < w2 + 2; i++) line = line "-"; print line "+-------------------------------"
    for (i = 1; i <= NR; i++) printf format, what[i], result[i], note[i]
  }'
