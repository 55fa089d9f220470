// The layers of the repository, checked on every `make test` (npm run check:deps):
//
//   contracts, circuits/lib           (the bottom: Solidity + generated ABIs; the zk circuit)
//   sdk                 <- contracts, circuits
//   engine              <- sdk
//   p2p                 <- sdk, engine (model files shared between workers)
//   worker              <- sdk, engine, p2p, circuits
//   indexer, subgraph   <- contracts (the subgraph's mapping tests run on the indexer's host)
//   devnet              <- contracts, sdk, indexer (starts worker and web as processes)
//   web                 <- sdk
//   e2e, bench          <- anything above, never another package's tests
//
// Across packages, imports go by package name (`@infergrid/sdk`), never by a relative path.
const PACKAGES = "(contracts|circuits|sdk|engine|p2p|worker|subgraph|indexer|devnet|web|e2e|bench|scripts)";

/** `from` may not import anything in the listed packages. */
const layer = (name, from, forbiddenPackages) => ({
  name,
  severity: "error",
  comment: `${from} may not depend on ${forbiddenPackages.join(", ")} (see the layer list at the top of .dependency-cruiser.cjs)`,
  from: { path: `^${from}/` },
  to: { path: `^(${forbiddenPackages.join("|")})/` },
});

module.exports = {
  forbidden: [
    {
      name: "no-relative-import-across-packages",
      severity: "error",
      comment: "import another package by its name (@infergrid/<package>), not by a relative path into its folder",
      from: { path: `^${PACKAGES}/` },
      to: { path: `^${PACKAGES}/`, pathNot: "^$1/", dependencyTypesNot: ["aliased-workspace", "undetermined"] },
    },
    {
      name: "no-import-of-another-packages-tests",
      severity: "error",
      comment: "tests are not an API: share fixtures through a package's exports (e2e, contracts/testing)",
      from: { path: `^${PACKAGES}/` },
      to: { path: `^${PACKAGES}/test/`, pathNot: "^$1/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    layer("contracts-is-the-bottom", "contracts/(?!test/)", ["circuits", "sdk", "engine", "p2p", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("contract-tests-use-only-the-circuits", "contracts/test", ["sdk", "engine", "p2p", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("circuits-lib-is-the-bottom", "circuits/lib", ["contracts", "sdk", "engine", "p2p", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("circuit-scripts-use-the-engine-manifest", "circuits/scripts", ["p2p", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("sdk-on-contracts-only", "sdk", ["engine", "p2p", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("engine-on-sdk-only", "engine", ["circuits", "p2p", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("p2p-on-sdk-and-engine", "p2p", ["circuits", "worker", "subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("worker-below-the-apps", "worker", ["subgraph", "indexer", "devnet", "web", "e2e", "bench"]),
    layer("indexer-on-contracts-only", "indexer", ["circuits", "sdk", "engine", "p2p", "worker", "devnet", "web", "e2e", "bench"]),
    layer("subgraph-on-contracts-and-indexer", "subgraph", ["circuits", "sdk", "engine", "p2p", "worker", "devnet", "web", "e2e", "bench"]),
    layer("devnet-does-not-import-apps", "devnet", ["engine", "p2p", "web", "e2e", "bench"]),
    layer("web-on-sdk-only", "web", ["contracts", "circuits", "engine", "p2p", "worker", "subgraph", "indexer", "devnet", "e2e", "bench"]),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|artifacts|cache|coverage|build|generated)/|\\.d\\.ts$" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
