# The two commands of the README: `make up` and `make test`. Both bootstrap Node >= 22.13
# (into .tools/ when the system node is older), install dependencies when node_modules is
# missing or older than the manifests, build, then run.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
NODE_BIN := $(shell scripts/bootstrap.sh)
export PATH := $(NODE_BIN):$(PATH)
MANIFESTS := package.json package-lock.json $(wildcard */package.json) .npmrc
STAMP := node_modules/.infergrid-installed

.PHONY: up test install build clean help

help:
	@echo "make up     the whole local network: chain on 127.0.0.1:8545 (INFERGRID_CHAIN_PORT moves it), contracts,"
	@echo "            the test model, worker and validator daemons, the indexer and the web app (node devnet/src/up.ts --help)"
	@echo "make test   every test: static checks, contracts (fuzz, coverage and size gates), sdk, engine, worker,"
	@echo "            indexer, subgraph, e2e, web; ends with 'N passed, N failed'"
	@echo "make build  compile the contracts and regenerate their ABIs, build the subgraph and the web app"
	@echo "make clean  remove build outputs and .infergrid/ (logs, daemon state)"

install: $(STAMP)

$(STAMP): $(MANIFESTS)
	@echo "npm install (node $$(node -v)) ..."
	npm install --no-audit --no-fund
	@touch $@

# Always run: Hardhat's compile cache makes a no-change build cheap, and file times on a fresh
# clone say nothing about whether the committed ABIs match the sources.
build: $(STAMP)
	npm run build --silent -w contracts
	npm run build --silent -w subgraph
	NEXT_TELEMETRY_DISABLED=1 npm run build --silent -w web

test: build
	scripts/test-all.sh

up: build
	node devnet/src/up.ts

clean:
	rm -rf contracts/artifacts contracts/cache contracts/coverage contracts/types .infergrid
