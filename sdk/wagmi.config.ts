// Generates sdk/src/generated/abis.ts (typed `as const` ABIs for viem and wagmi) from the
// Hardhat artifacts. TypeChain targets ethers only, so typed bindings come from wagmi's CLI.
// Run from the repository root: npm run generate
import { defineConfig } from "@wagmi/cli";
import { hardhat } from "@wagmi/cli/plugins";

export default defineConfig({
  out: "sdk/src/generated/abis.ts",
  plugins: [
    hardhat({
      project: ".",
      artifacts: "artifacts",
      include: ["contracts/**/*.json"],
      exclude: ["build-info/**", "*.dbg.json", "**/*.t.sol/**", "**/interfaces/**", "**/libraries/**", "**/test/**"],
      // `npm run generate` compiles first; compiling again here would only cost time.
      commands: { build: false, rebuild: false },
    }),
  ],
});
