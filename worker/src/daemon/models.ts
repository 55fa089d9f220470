import type { Hex } from "viem";
import { getContractConfigs, type Deployment } from "@infergrid/sdk";
import { loadModel, type Model } from "@infergrid/engine";
import type { Logger } from "pino";
import { isZkModelDir, loadZkModel, type ZkModel } from "../zk/model.ts";
import type { Chainlink } from "./chain.ts";
import type { WorkerConfig } from "./config.ts";

/** A model this worker serves with the engine, at its configured prices. */
export type ServedModel = {
  modelId: bigint;
  model: Model;
  name: string;
  pricePerInputToken: bigint;
  pricePerOutputToken: bigint;
};

/** A zero-knowledge model (worker/src/zk/model.ts): its jobs are proven and finalize at once. */
export type ServedZkModel = {
  modelId: bigint;
  model: ZkModel;
  name: string;
  pricePerInputToken: bigint;
  pricePerOutputToken: bigint;
};

/** The models a worker serves, by on-chain model id (decimal string). */
export type ServedModels = { engine: Map<string, ServedModel>; zk: Map<string, ServedZkModel> };

/** The registered id of a model's manifest hash; throws naming the folder when it is not registered. */
export async function registeredModelId(
  chain: Chainlink,
  deployment: Pick<Deployment, "ModelRegistry">,
  model: { dir: string; modelHash: Hex; kind?: string },
): Promise<bigint> {
  const id = await chain.publicClient.readContract({
    ...getContractConfigs(deployment).ModelRegistry,
    functionName: "modelIdByManifest",
    args: [model.modelHash],
  });
  if (id === 0n) {
    throw new Error(
      `${model.kind ?? "model"} ${model.dir} (manifest hash ${model.modelHash}) is not registered on chain ${chain.chain.id}; ` +
        `register it first: infergrid model register ${model.dir}`,
    );
  }
  return id;
}

/** Loads every configured model (engine or zk, by the folder's contents) and finds its on-chain id. */
export async function loadServedModels(p: {
  config: Pick<WorkerConfig, "models" | "provider" | "threads" | "testing">;
  chain: Chainlink;
  deployment: Pick<Deployment, "ModelRegistry">;
  log: Logger;
}): Promise<ServedModels> {
  const served: ServedModels = { engine: new Map(), zk: new Map() };
  for (const entry of p.config.models) {
    const prices = { pricePerInputToken: entry.pricePerInputToken, pricePerOutputToken: entry.pricePerOutputToken };
    if (await isZkModelDir(entry.dir)) {
      const model = await loadZkModel(entry.dir);
      const modelId = await registeredModelId(p.chain, p.deployment, { ...model, dir: entry.dir, kind: "zk model" });
      served.zk.set(modelId.toString(), { modelId, model, name: model.manifest.name, ...prices });
      p.log.info({ modelId: modelId.toString(), name: model.manifest.name, hash: model.modelHash }, "zk model loaded");
      continue;
    }
    if (p.config.testing.nullEngine) p.log.warn("testing.nullEngine is set: outputs are fixed, not inferred");
    const model = await loadModel(entry.dir, { provider: p.config.provider, intraOpNumThreads: p.config.threads });
    const modelId = await registeredModelId(p.chain, p.deployment, { dir: entry.dir, modelHash: model.modelHash });
    served.engine.set(modelId.toString(), { modelId, model, name: model.manifest.name, ...prices });
    p.log.info({ modelId: modelId.toString(), name: model.manifest.name, hash: model.modelHash }, "model loaded");
  }
  return served;
}
