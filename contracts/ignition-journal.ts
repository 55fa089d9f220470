// Reads Ignition deployments: addresses from deployed_addresses.json, start blocks from the
// receipts in journal.jsonl (the block that created each contract), chain id from the journal.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const DEPLOYMENTS_DIR = fileURLToPath(new URL("./ignition/deployments/", import.meta.url));
const MODULE = "InferGrid";

export type ContractInfo = { address: `0x${string}`; startBlock: number };
export type IgnitionDeployment = {
  id: string;
  chainId: number;
  contracts: Record<string, ContractInfo>;
};

export class DeploymentReadError extends Error {
  override name = "DeploymentReadError";
  readonly path: string;
  constructor(path: string, why: string) {
    super(`Cannot read the Ignition deployment at ${path}: ${why}`);
    this.path = path;
  }
}

const addressesSchema = z.record(z.string(), z.string().regex(/^0x[0-9a-fA-F]{40}$/));
const journalLine = z.looseObject({
  type: z.string(),
  futureId: z.string().optional(),
  chainId: z.number().optional(),
  receipt: z.looseObject({ blockNumber: z.number(), contractAddress: z.string().optional() }).optional(),
});

export function listDeploymentIds(dir: string = DEPLOYMENTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((id) => existsSync(join(dir, id, "deployed_addresses.json")));
}

export function readIgnitionDeployment(id: string, dir: string = DEPLOYMENTS_DIR): IgnitionDeployment {
  const base = join(dir, id);
  const addrPath = join(base, "deployed_addresses.json");
  if (!existsSync(addrPath)) throw new DeploymentReadError(addrPath, "the file does not exist (deploy first)");
  const parsed = addressesSchema.safeParse(JSON.parse(readFileSync(addrPath, "utf8")));
  if (!parsed.success) throw new DeploymentReadError(addrPath, parsed.error.message);
  const journalPath = join(base, "journal.jsonl");
  if (!existsSync(journalPath)) throw new DeploymentReadError(journalPath, "no journal, so no start blocks");
  const blocks = new Map<string, number>();
  let chainId: number | undefined;
  for (const raw of readFileSync(journalPath, "utf8").split("\n")) {
    if (!raw.trim()) continue;
    const line = journalLine.safeParse(JSON.parse(raw));
    if (!line.success) continue;
    const { type, futureId, receipt } = line.data;
    if (type === "DEPLOYMENT_INITIALIZE" && line.data.chainId !== undefined) chainId = line.data.chainId;
    if (type === "TRANSACTION_CONFIRM" && futureId && receipt?.contractAddress)
      blocks.set(futureId, receipt.blockNumber);
  }
  if (chainId === undefined)
    throw new DeploymentReadError(journalPath, "no DEPLOYMENT_INITIALIZE entry with a chain id");
  const contracts: Record<string, ContractInfo> = {};
  for (const [futureId, address] of Object.entries(parsed.data)) {
    if (!futureId.startsWith(`${MODULE}#`)) continue;
    const name = futureId.slice(MODULE.length + 1);
    const startBlock = blocks.get(futureId);
    if (startBlock === undefined) throw new DeploymentReadError(journalPath, `no creation receipt for ${futureId}`);
    contracts[name] = { address: address as `0x${string}`, startBlock };
  }
  return { id, chainId, contracts };
}

/** The lowest start block of a deployment: where an indexer begins. */
export function deploymentStartBlock(d: IgnitionDeployment): number {
  return Math.min(...Object.values(d.contracts).map((c) => c.startBlock));
}
