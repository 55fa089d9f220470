// Generates generated/abis.ts (typed `as const` ABIs for viem and wagmi) from the Hardhat
// artifacts. TypeChain targets ethers only, so typed bindings come from wagmi's CLI.
// Run in this package: npm run build -w contracts
import { defineConfig } from "@wagmi/cli";
import { hardhat } from "@wagmi/cli/plugins";

export default defineConfig({
  out: "generated/abis.ts",
  plugins: [
    hardhat({
      project: ".",
      artifacts: "artifacts",
      include: ["src/**/*.json"],
      exclude: ["build-info/**", "*.dbg.json", "**/*.t.sol/**", "**/interfaces/**", "**/libraries/**", "**/test/**"],
      // `npm run build` compiles first; compiling again here would only cost time.
      commands: { build: false, rebuild: false },
    }),
  ],
});
