#!/usr/bin/env bash
# Adopts a whole account made outside Terraform, end to end, against the
# emulator: seed a messy account (the seed file that TestAccAdoptAccount
# uses: parameters in unusual order and spacing, unsigned presets with eager
# transformations, built-in streaming profiles, nested folders, triggers,
# assets with tags and context), run `terraform query
# -generate-config-out=adopted.tf`, check that the plan is imports only,
# apply it, and check that the next plan is empty. Needs Terraform 1.14
# (scripts/terraform.sh builds it when the installed one is older), go and
# curl. ADOPT_KEEP=1 keeps the working directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=$("$root/scripts/terraform.sh")
seed=internal/provider/testdata/messy-account.tsv # shared with TestAccAdoptAccount
work=$(mktemp -d)
# shellcheck source=lib/emulator.sh
. "$root/scripts/lib/emulator.sh"
cleanup() {
  stop_emulator
  if [ -z "${ADOPT_KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT
say() { printf '\n==> %s\n' "$*"; }

go build -o "$work/bin/terraform-provider-cloudinary" "$root"
start_emulator "$work" -hourly-limit -1
key=123456789012345 secret=emulator-secret api="$emulator_base/v1_1/demo"

admin() { # admin METHOD PATH [name=value...]: form-encoded in the order given; or METHOD PATH {JSON}
  local method=$1 path=$2
  shift 2
  local args=()
  if [ "$#" -eq 1 ] && [ "${1:0:1}" = "{" ]; then
    args=(-H 'Content-Type: application/json' --data-binary "$1")
  else
    for p in "$@"; do args+=(--data-urlencode "$p"); done
  fi
  curl -sf -u "$key:$secret" -X "$method" "$api$path" "${args[@]}" >/dev/null ||
    { echo "seeding failed: $method $path" >&2; exit 1; }
}
upload() { # upload RESOURCE_TYPE PUBLIC_ID CONTENT [name=value...]: a signed upload of text
  local resource_type=$1 id=$2 content=$3
  shift 3
  local params=("public_id=$id" "timestamp=$(date +%s)" "$@")
  local signature
  signature=$(printf '%s%s' "$(printf '%s\n' "${params[@]}" | sort | paste -sd '&')" "$secret" | sha1sum | cut -d' ' -f1)
  local args=()
  for p in "${params[@]}"; do args+=(--data-urlencode "$p"); done
  curl -sf "$api/$resource_type/upload" "${args[@]}" --data-urlencode "api_key=$key" --data-urlencode "signature=$signature" \
    --data-urlencode "file=data:text/plain;base64,$(printf '%s' "$content" | base64 -w0)" >/dev/null ||
    { echo "seeding failed: upload $id" >&2; exit 1; }
}

say "Seeding a messy account ($seed)"
while IFS=$'\t' read -r -a fields; do
  [ "${#fields[@]}" -gt 0 ] && [ "${fields[0]:0:1}" != "#" ] || continue
  if [ "${fields[0]}" = UPLOAD ]; then upload "${fields[@]:1}"; else admin "${fields[@]}"; fi
done <"$root/$seed"

write_dev_overrides "$work/terraformrc" "$work/bin"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CLOUDINARY_URL="$emulator_url" TF_IN_AUTOMATION=1
mkdir -p "$work/adopt" && cd "$work/adopt"
cp "$root/examples/adopt/main.tf" "$root/examples/adopt/adopt.tfquery.hcl" .

say "terraform query -generate-config-out=adopted.tf"
"$terraform" query -no-color -generate-config-out=adopted.tf
resources=$(grep -c '^resource ' adopted.tf)
echo "generated $resources resources"

say "terraform plan: imports only"
"$terraform" plan -no-color -input=false >plan.out || { cat plan.out; exit 1; }
grep -q "Plan: $resources to import, 0 to add, 0 to change, 0 to destroy." plan.out ||
  { cat plan.out; echo "adopt: the plan is not $resources pure imports" >&2; exit 1; }

say "terraform apply"
"$terraform" apply -no-color -input=false -auto-approve >apply.out || { cat apply.out; exit 1; }
grep 'Apply complete' apply.out

say "terraform plan again: nothing should change"
set +e
"$terraform" plan -no-color -input=false -detailed-exitcode >replan.out 2>&1
code=$?
set -e
if [ "$code" -ne 0 ]; then
  cat replan.out
  echo "adopt: the plan after adopting is not empty (exit code $code)" >&2
  exit 1
fi
echo "adopt: $resources objects adopted as pure imports; the next plan is empty"
