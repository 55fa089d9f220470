import type { Address, Hex } from "viem";
import type { InferGridContractConfigs } from "@infergrid/sdk";
import type { Logger } from "pino";
import type { Chainlink } from "./chain.ts";
import type { WorkerConfig } from "./config.ts";
import type { ServedModels } from "./models.ts";

/**
 * Brings the chain in line with the config on every start: stake up to the target (the config's
 * stake, at least the protocol's minimum), register the profile (or update it when the endpoint,
 * key, capacity, minimum job duration or region changed), resume a paused worker, and set each
 * served model's prices. A second start with the same config sends nothing.
 */

type Contracts = InferGridContractConfigs<"GridToken" | "WorkerRegistry" | "ProtocolConfig" | "ValidatorRegistry">;

/** Stakes in `registry` until `address` holds `target` (approve, then stake the difference). */
export async function stakeUpTo(p: {
  chain: Chainlink;
  contracts: Contracts;
  registry: "WorkerRegistry" | "ValidatorRegistry";
  address: Address;
  target: bigint;
  log: Logger;
}): Promise<void> {
  const { publicClient, send } = p.chain;
  const c = p.contracts;
  const current =
    p.registry === "WorkerRegistry"
      ? (await publicClient.readContract({ ...c.WorkerRegistry, functionName: "worker", args: [p.address] })).stake
      : (await publicClient.readContract({ ...c.ValidatorRegistry, functionName: "validator", args: [p.address] }))
          .stake;
  if (current >= p.target) return;
  const amount = p.target - current;
  const role = p.registry === "WorkerRegistry" ? "" : " as a validator";
  p.log.info({ amount: amount.toString() }, `staking ${amount} GRID wei${role} (target ${p.target})`);
  const label = p.registry === "WorkerRegistry" ? "stake" : "validator stake";
  await send({ ...c.GridToken, functionName: "approve", args: [c[p.registry].address, amount] }, `approve ${label}`);
  if (p.registry === "WorkerRegistry")
    await send({ ...c.WorkerRegistry, functionName: "stake", args: [amount] }, label);
  else await send({ ...c.ValidatorRegistry, functionName: "stake", args: [amount] }, label);
}

/** Registers, stakes and prices on first start; afterwards only brings the chain in line with the config. */
export async function ensureRegistered(p: {
  chain: Chainlink;
  contracts: Contracts;
  config: Pick<WorkerConfig, "stake" | "endpoint" | "region" | "capacity" | "minJobDuration">;
  address: Address;
  encryptionKey: Hex;
  served: ServedModels;
  log: Logger;
}): Promise<void> {
  const { publicClient, send } = p.chain;
  const c = p.contracts;
  const [w, params] = await Promise.all([
    publicClient.readContract({ ...c.WorkerRegistry, functionName: "worker", args: [p.address] }),
    publicClient.readContract({ ...c.ProtocolConfig, functionName: "params" }),
  ]);
  const minStake = params.minWorkerStake;
  await stakeUpTo({
    ...p,
    registry: "WorkerRegistry",
    target: p.config.stake > minStake ? p.config.stake : minStake,
  });
  const profile = {
    endpoint: p.config.endpoint,
    encryptionKey: p.encryptionKey,
    region: p.config.region,
    capacity: p.config.capacity,
    minJobDuration: p.config.minJobDuration,
  };
  if (!w.registered) {
    p.log.info(profile, "registering as a worker");
    await send({ ...c.WorkerRegistry, functionName: "register", args: [profile] }, "register");
  } else {
    const current = await publicClient.readContract({
      ...c.WorkerRegistry,
      functionName: "profile",
      args: [p.address],
    });
    if (
      current.endpoint !== profile.endpoint ||
      current.encryptionKey.toLowerCase() !== profile.encryptionKey.toLowerCase() ||
      current.capacity !== profile.capacity ||
      current.minJobDuration !== profile.minJobDuration ||
      current.region !== profile.region
    ) {
      p.log.info(profile, "updating the on-chain profile to match the config");
      await send({ ...c.WorkerRegistry, functionName: "updateProfile", args: [profile] }, "updateProfile");
    }
    if (w.paused) {
      p.log.info("resuming: the worker was paused");
      await send({ ...c.WorkerRegistry, functionName: "setPaused", args: [false] }, "setPaused");
    }
  }
  for (const m of [...p.served.engine.values(), ...p.served.zk.values()]) {
    const price = await publicClient.readContract({
      ...c.WorkerRegistry,
      functionName: "modelPrice",
      args: [p.address, m.modelId],
    });
    if (
      !price.served ||
      price.pricePerInputToken !== m.pricePerInputToken ||
      price.pricePerOutputToken !== m.pricePerOutputToken
    ) {
      p.log.info(
        { modelId: m.modelId.toString(), in: m.pricePerInputToken.toString(), out: m.pricePerOutputToken.toString() },
        "setting prices",
      );
      await send(
        {
          ...c.WorkerRegistry,
          functionName: "setModelPrice",
          args: [m.modelId, m.pricePerInputToken, m.pricePerOutputToken],
        },
        "setModelPrice",
      );
    }
  }
}
