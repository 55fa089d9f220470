import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  // The sdk ships TypeScript sources (with .ts import specifiers) from the workspace.
  transpilePackages: ["@infergrid/sdk", "@infergrid/contracts"],
  // Hoisted dependencies live in the repository root's node_modules.
  turbopack: { root: fileURLToPath(new URL("..", import.meta.url)) },
  outputFileTracingRoot: fileURLToPath(new URL("..", import.meta.url)),
  // A second build folder lets one checkout build and serve two versions side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
