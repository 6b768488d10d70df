# Sourced by the scripts that build a tool from the Go module proxy once per
# machine (terraform.sh, tofu.sh).

# tools_dir is where such tools are kept: beside the Go build cache, as the
# GNUmakefile's TOOLS, so that every clone on the machine shares them.
tools_dir="$(dirname "$(go env GOCACHE)")/terraform-provider-cloudinary-tools"

# enter_module_copy MODULE VERSION: downloads the module from the proxy and
# changes into a writable copy of it (the module cache is read-only), in a
# temporary directory removed when the script exits.
enter_module_copy() {
  local module=$1 version=$2 src
  src=$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "could not download $module@$version" >&2; return 1; }
  module_copy_dir=$(mktemp -d)
  trap 'chmod -R u+w "$module_copy_dir" 2>/dev/null; rm -rf "$module_copy_dir"' EXIT
  cp -r "$src" "$module_copy_dir/module"
  chmod -R u+w "$module_copy_dir/module"
  cd "$module_copy_dir/module"
}
