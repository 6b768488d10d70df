# Sourced by the scripts that run Terraform against a local emulator (demo,
# adopt, bench); they set root to the repository and call stop_emulator on
# exit.

emulator_pid=""

# start_emulator DIR [FLAG...]: builds the emulator into DIR and starts it on
# a free port with the flags, its output in DIR/emulator.out. Sets
# emulator_url (its CLOUDINARY_URL) and emulator_base (http://HOST:PORT).
start_emulator() {
  local dir=$1
  shift
  go build -o "$dir/cloudinary-emulator" "$root/cmd/cloudinary-emulator"
  "$dir/cloudinary-emulator" -addr 127.0.0.1:0 "$@" >"$dir/emulator.out" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 50); do grep -q '^CLOUDINARY_URL=' "$dir/emulator.out" && break; sleep 0.1; done
  emulator_url=$(sed -n 's/^CLOUDINARY_URL=//p' "$dir/emulator.out")
  emulator_base=$(sed -n 's/^Cloudinary emulator listening on //p' "$dir/emulator.out")
  [ -n "$emulator_url" ] || { cat "$dir/emulator.out"; echo "the emulator did not start" >&2; return 1; }
}

stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}

# write_dev_overrides FILE DIR: a Terraform CLI configuration that takes
# mediaops/cloudinary from the provider binary in DIR (no terraform init).
write_dev_overrides() {
  cat >"$1" <<RC
provider_installation {
  dev_overrides {
    "mediaops/cloudinary" = "$2"
  }
  direct {}
}
RC
}
