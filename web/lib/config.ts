// The app's configuration, parsed once on the server from the environment and handed to the
// browser as plain data: the chain, its RPC, the subgraph and the contract addresses.
import "server-only";
import { resolve } from "node:path";
import { z } from "zod";
import { parseDeployment, readDeployment, type Deployment } from "@infergrid/sdk/addresses";

const envSchema = z.object({
  INFERGRID_CHAIN_ID: z.coerce.number().int().positive().default(31337),
  INFERGRID_CHAIN_NAME: z.string().min(1).default("InferGrid local"),
  INFERGRID_RPC_URL: z.url().default("http://127.0.0.1:8545"),
  INFERGRID_SUBGRAPH_URL: z.url().default("http://127.0.0.1:8000/subgraphs/name/infergrid"),
  /** Where Ignition's output lives; the app runs from web/, so the checkout's is one level up. */
  INFERGRID_DEPLOYMENTS_DIR: z
    .string()
    .min(1)
    .default(resolve(process.cwd(), "..", "contracts", "ignition", "deployments")),
  /** Ignition's deployment id in contracts/ignition/deployments (`make up` on a non-default port uses local-<port>). */
  INFERGRID_DEPLOYMENT_ID: z.string().min(1).optional(),
  /** Or the addresses themselves, as Ignition's deployed_addresses.json content (production). */
  INFERGRID_DEPLOYMENT_JSON: z.string().min(2).optional(),
  INFERGRID_BLOCK_EXPLORER_URL: z.url().optional(),
  /** WalletConnect is offered only when a project id is configured. */
  INFERGRID_WALLETCONNECT_PROJECT_ID: z.string().min(1).optional(),
});

export type PublicConfig = {
  readonly chainId: number;
  readonly chainName: string;
  readonly rpcUrl: string;
  readonly subgraphUrl: string;
  readonly blockExplorerUrl: string | null;
  readonly walletConnectProjectId: string | null;
  /** Null when nothing is deployed on the configured chain yet (the pages say so). */
  readonly deployment: Deployment | null;
  readonly deploymentError: string | null;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PublicConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `Bad web app configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const e = parsed.data;
  let deployment: Deployment | null = null;
  let deploymentError: string | null = null;
  try {
    deployment = e.INFERGRID_DEPLOYMENT_JSON
      ? parseDeployment(
          e.INFERGRID_CHAIN_ID,
          JSON.parse(e.INFERGRID_DEPLOYMENT_JSON) as Record<string, string>,
          "INFERGRID_DEPLOYMENT_JSON",
        )
      : readDeployment(
          e.INFERGRID_CHAIN_ID,
          e.INFERGRID_DEPLOYMENTS_DIR,
          e.INFERGRID_DEPLOYMENT_ID ?? `chain-${e.INFERGRID_CHAIN_ID}`,
        );
  } catch (err) {
    deploymentError = (err as Error).message;
  }
  return {
    chainId: e.INFERGRID_CHAIN_ID,
    chainName: e.INFERGRID_CHAIN_NAME,
    rpcUrl: e.INFERGRID_RPC_URL,
    subgraphUrl: e.INFERGRID_SUBGRAPH_URL,
    blockExplorerUrl: e.INFERGRID_BLOCK_EXPLORER_URL ?? null,
    walletConnectProjectId: e.INFERGRID_WALLETCONNECT_PROJECT_ID ?? null,
    deployment,
    deploymentError,
  };
}
