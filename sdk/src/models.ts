import { isHex, size, type Address, type Hex, type PublicClient } from "viem";
import type { Deployment } from "./addresses.ts";
import { InactiveModelError, UnknownModelError } from "./errors.ts";
import { getContractConfigs } from "./contracts.ts";

/** A registered model with its metadata. `manifestHash` is what workers load and commit to. */
export type ModelInfo = {
  readonly id: bigint;
  readonly name: string;
  readonly manifestHash: Hex;
  readonly uri: string;
  readonly format: string;
  readonly creator: Address;
  readonly active: boolean;
  readonly registeredAt: bigint;
};

/** A model id (bigint, or a decimal string), a 32-byte manifest hash, or a registered name. */
export type ModelRef = bigint | number | string;

type Reader = { publicClient: PublicClient; deployment: Pick<Deployment, "ModelRegistry"> };

/** Reads one model; undefined when no model has the id. */
export async function getModel({ publicClient, deployment }: Reader, id: bigint): Promise<ModelInfo | undefined> {
  const { ModelRegistry } = getContractConfigs(deployment);
  const count = await publicClient.readContract({ ...ModelRegistry, functionName: "modelCount" });
  if (id < 1n || id > count) return undefined;
  const [model, [name, uri, format]] = await Promise.all([
    publicClient.readContract({ ...ModelRegistry, functionName: "model", args: [id] }),
    publicClient.readContract({ ...ModelRegistry, functionName: "metadata", args: [id] }),
  ]);
  return {
    id,
    name,
    uri,
    format,
    manifestHash: model.manifestHash,
    creator: model.creator,
    active: model.active,
    registeredAt: model.registeredAt,
  };
}

/** Every registered model, ids 1..modelCount, read in parallel. */
export async function listModels(reader: Reader): Promise<ModelInfo[]> {
  const { ModelRegistry } = getContractConfigs(reader.deployment);
  const count = await reader.publicClient.readContract({ ...ModelRegistry, functionName: "modelCount" });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const models = await Promise.all(ids.map((id) => getModel(reader, id)));
  return models.filter((m): m is ModelInfo => m !== undefined);
}

/**
 * Finds a model by id, by manifest hash, or by name (case-insensitive, exact). A decimal
 * string is read as an id first, so a model literally named "7" is reachable by its hash.
 * @param options.requireActive throw `InactiveModelError` for a deactivated model (default true),
 * since the market refuses jobs for it.
 */
export async function resolveModel(
  reader: Reader,
  ref: ModelRef,
  options: { requireActive?: boolean } = {},
): Promise<ModelInfo> {
  const requireActive = options.requireActive ?? true;
  const found = await findModel(reader, ref);
  if (!found) {
    const names = (await listModels(reader)).map((m) => `${m.name} (#${m.id})`);
    throw new UnknownModelError(String(ref), names);
  }
  if (requireActive && !found.active) throw new InactiveModelError(found.id, found.name);
  return found;
}

async function findModel(reader: Reader, ref: ModelRef): Promise<ModelInfo | undefined> {
  if (typeof ref === "bigint" || typeof ref === "number") {
    return Number.isSafeInteger(ref) || typeof ref === "bigint" ? getModel(reader, BigInt(ref)) : undefined;
  }
  const text = ref.trim();
  if (/^[0-9]+$/.test(text)) {
    const byId = await getModel(reader, BigInt(text));
    if (byId) return byId;
  }
  if (isHex(text) && size(text) === 32) {
    const id = await reader.publicClient.readContract({
      ...getContractConfigs(reader.deployment).ModelRegistry,
      functionName: "modelIdByManifest",
      args: [text],
    });
    if (id !== 0n) return getModel(reader, id);
  }
  const wanted = text.toLowerCase();
  // Names are not unique on chain: the earliest active registration wins, as it is the one
  // people know and the only kind the market accepts; a deactivated one only if none is active.
  const named = (await listModels(reader)).filter((m) => m.name.toLowerCase() === wanted);
  return named.find((m) => m.active) ?? named[0];
}
