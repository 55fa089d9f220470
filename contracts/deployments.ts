// Ignition's deployment output, read from this package's `ignition/deployments/` (Node only; a
// browser gets `deployments.browser.ts` through the package's `browser` export condition).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Not `new URL(rel, import.meta.url)`: bundlers (the dApp's server) take that for an asset to copy.
export const defaultDeploymentsDir = join(dirname(fileURLToPath(import.meta.url)), "ignition", "deployments");

/** `raw` is undefined when the file does not exist. */
export function readDeploymentFile(
  deploymentsDir: string,
  deploymentId: string,
): { path: string; raw: Record<string, string> | undefined } {
  const path = join(deploymentsDir, deploymentId, "deployed_addresses.json");
  if (!existsSync(path)) return { path, raw: undefined };
  return { path, raw: JSON.parse(readFileSync(path, "utf8")) as Record<string, string> };
}
