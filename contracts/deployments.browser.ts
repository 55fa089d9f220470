// The browser's side of `#deployment-files`: a page has no checkout to read Ignition's output
// from, so it must be handed a `Deployment` (the dApp gets one from its server's config).
export const defaultDeploymentsDir = "";

export function readDeploymentFile(deploymentsDir: string, deploymentId: string): { path: string; raw: undefined } {
  return {
    path: `${deploymentsDir}${deploymentId}/deployed_addresses.json (not readable in a browser: pass \`deployment\`)`,
    raw: undefined,
  };
}
