#!/usr/bin/env bash
# The static checks of `make test`, each named, then one closing line "N passed, N failed":
# formatting and lint (Biome), types (tsc), the package layers (dependency-cruiser, rules in
# .dependency-cruiser.cjs), Solidity lint (solhint, rules in contracts/.solhint.json) and the
# generated benchmark tables (docs/benchmarks.md) against bench/results.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
check() {
  local name=$1
  shift
  echo "--- $name: $*"
  if "$@"; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
  fi
}
check biome npx biome check --reporter=summary .
check types npx tsc -p tsconfig.json
check types-engine npx tsc -p engine/tsconfig.json
check layers npx depcruise --config .dependency-cruiser.cjs --output-type err \
  contracts circuits sdk engine p2p worker subgraph/scripts indexer devnet web/app web/components web/hooks web/lib web/test e2e bench scripts
check solhint npx solhint --config contracts/.solhint.json --ignore-path contracts/.solhintignore --disc --noPoster -f compact --max-warnings "${SOLHINT_MAX_WARNINGS:-1000}" 'contracts/src/**/*.sol'
check bench-docs node bench/gen-docs.ts --check
echo "$passed passed, $failed failed"
((failed == 0))
