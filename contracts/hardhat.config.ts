import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// Compiler downloads are impossible on our machines: every profile uses the solc-js build
// that the pinned `solc` npm package ships, so Hardhat never tries to fetch a compiler.
const solc = { version: "0.8.28", path: require.resolve("solc/soljson.js") } as const;
const settings = (runs: number) => ({ optimizer: { enabled: true, runs }, evmVersion: "cancun" });
// JobMarket optimizes for size: with runs this high it would pass the 24 KiB code limit (EIP-170).
const profile = {
  compilers: [{ ...solc, settings: settings(10_000) }],
  overrides: { "src/market/JobMarket.sol": { ...solc, settings: settings(200) } },
};

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 2_000);

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  solidity: {
    profiles: {
      default: profile,
      production: profile,
    },
  },
  paths: {
    sources: "src",
    tests: {
      solidity: "test/solidity",
      nodejs: "test/node",
    },
  },
  test: {
    solidity: {
      fuzz: { runs: fuzzRuns },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
    },
  },
  networks: {
    // `make up`'s chain: automine plus a block every second, as a live chain keeps producing
    // blocks, so randomness requested for "the next block" becomes readable without traffic.
    localnode: {
      type: "edr-simulated",
      chainType: "l1",
      mining: { auto: true, interval: 1_000 },
    },
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.RPC_URL ?? `http://127.0.0.1:${process.env.INFERGRID_CHAIN_PORT ?? 8545}`,
    },
  },
});
