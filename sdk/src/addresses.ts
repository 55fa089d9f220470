import { getAddress, type Address } from "viem";
import { defaultDeploymentsDir, readDeploymentFile } from "@infergrid/contracts/deployments";
import { InferGridError } from "./errors.ts";

/** The contracts that one InferGrid deployment consists of (Ignition future ids). */
export const contractNames = [
  "GridToken",
  "GridTimelock",
  "GridGovernor",
  "ProtocolConfig",
  "ModelRegistry",
  "WorkerRegistry",
  "JobMarket",
  "ValidatorRegistry",
  "BlockhashRandomness",
  "VerificationCourt",
] as const;

export type ContractName = (typeof contractNames)[number];
export type Deployment = { chainId: number } & Record<ContractName, Address>;

/** The Ignition module id the contracts are deployed under. */
export const IGNITION_MODULE = "InferGrid";

/** Where a checkout of this repository keeps Ignition's deployment output ("" in a browser). */
export { defaultDeploymentsDir };

export class DeploymentNotFoundError extends InferGridError {
  override name = "DeploymentNotFoundError";
  readonly code = "DEPLOYMENT_NOT_FOUND";
  readonly chainId: number;
  readonly path: string;
  constructor(chainId: number, path: string) {
    super(
      `No InferGrid deployment for chain ${chainId}: ${path} does not exist. ` +
        "Deploy with `make up` (local chain) or `npx hardhat ignition deploy ignition/modules/InferGrid.ts --network <name>`.",
    );
    this.chainId = chainId;
    this.path = path;
  }
}

export class IncompleteDeploymentError extends InferGridError {
  override name = "IncompleteDeploymentError";
  readonly code = "INCOMPLETE_DEPLOYMENT";
  readonly path: string;
  readonly missing: string[];
  constructor(path: string, missing: string[]) {
    super(`Deployment ${path} lacks ${missing.join(", ")}; the Ignition deployment did not finish. Run it again.`);
    this.path = path;
    this.missing = missing;
  }
}

/**
 * Reads one chain's addresses from Ignition's `deployed_addresses.json`.
 * @param deploymentId Ignition's deployment id; Ignition's default is `chain-<chainId>`.
 */
export function readDeployment(
  chainId: number,
  deploymentsDir: string = defaultDeploymentsDir,
  deploymentId = `chain-${chainId}`,
): Deployment {
  const { path, raw } = readDeploymentFile(deploymentsDir, deploymentId);
  if (raw === undefined) throw new DeploymentNotFoundError(chainId, path);
  return parseDeployment(chainId, raw, path);
}

/**
 * Checks and normalizes Ignition's `deployed_addresses.json` content (`"InferGrid#Name": address`);
 * `source` names where it came from in the error.
 */
export function parseDeployment(chainId: number, raw: Record<string, string>, source = "deployment"): Deployment {
  const missing = contractNames.filter((name) => !raw[`${IGNITION_MODULE}#${name}`]);
  if (missing.length > 0) throw new IncompleteDeploymentError(source, missing);
  const entries = contractNames.map((name) => [name, getAddress(raw[`${IGNITION_MODULE}#${name}`])] as const);
  return { chainId, ...Object.fromEntries(entries) } as Deployment;
}
