#!/usr/bin/env bash
# Runs every test suite, each to its own log, then prints one closing line for CI:
# "N passed, N failed". Exits non-zero when any suite fails or the coverage gate is missed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs=.infergrid/logs
mkdir -p "$logs"
COVERAGE_MIN=${COVERAGE_MIN:-95}

passed=0
failed=0
status=0

# Adds the counts a suite printed (Hardhat's "N passing/failing", node's "ℹ pass/fail N").
count() {
  local log=$1 p f
  p=$(grep -aoE '^\s*[0-9]+ passing|^ℹ pass [0-9]+|^[0-9]+ passed, [0-9]+ failed' "$log" | grep -oE '^[^0-9]*[0-9]+' | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  f=$(grep -aoE '^\s*[0-9]+ failing|^ℹ fail [0-9]+|^[0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/^[0-9]+ passed, //' | grep -oE '[0-9]+' | head -n 100 | awk '{s+=$1} END {print s+0}')
  echo "${p:-0} ${f:-0}"
}

suite() {
  local name=$1
  shift
  local log="$logs/test-$name.log"
  echo "=== $name: $*"
  local start=$SECONDS
  "$@" 2>&1 | grep -av '^npm warn Unknown' | tee "$log"
  local rc=${PIPESTATUS[0]}
  read -r p f < <(count "$log")
  if ((rc != 0 && f == 0)); then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  ((rc == 0)) || status=1
  echo "=== $name: $p passed, $f failed, exit $rc, $((SECONDS - start)) s"
}

# Static checks: Biome (format + lint), tsc, the package layers, solhint.
suite checks scripts/checks.sh

# Every deployable contract fits the EIP-170 code size limit (from the build's artifacts).
if ! node contracts/scripts/code-size-gate.ts; then
  failed=$((failed + 1))
  status=1
fi

# The contract reference (docs/contracts.md) against the NatSpec of the build: a warning for now.
# TODO(lead): once the interfaces carry full NatSpec, make this fail the run like the gates above,
# with --strict so that anything undocumented fails too:
#   node contracts/scripts/gen-docs.ts --check --strict || { failed=$((failed + 1)); status=1; }
if ! node contracts/scripts/gen-docs.ts --check; then
  echo "warning: the contract reference check failed (not failing make test yet); \`npm run docs\` regenerates docs/contracts.md"
fi

# Contracts: Solidity fuzz/invariant tests and node:test + viem tests, with line coverage.
suite contracts npm test --silent -w contracts
cov=$(node contracts/scripts/coverage-gate.ts "$logs/test-contracts.log" 2>&1)
cov_rc=$?
echo "$cov"
if ((cov_rc != 0)); then
  failed=$((failed + 1))
  status=1
fi

for ws in sdk engine; do
  suite "$ws" npm test --silent -w "$ws"
done
suite p2p npm test --silent -w p2p
for ws in worker indexer subgraph; do
  suite "$ws" npm test --silent -w "$ws"
done

# Across the packages: real chain, real daemons, real clients.
suite e2e npm test --silent -w e2e

# The dApp end to end: a real network per file, Debian Chromium through playwright-core.
if [[ -d web/test ]]; then
  suite web npm test --silent -w web
fi

echo
echo "$passed passed, $failed failed"
exit $status
