"use client";
// Which workers are online right now: the registry on chain says who is registered, paused and
// serving which model at what price; each worker's own /health endpoint says whether it answers.
// The subgraph is not used here, so the answer does not lag behind the indexer.
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { Address, PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { getContractConfigs, listWorkers, probeHealth, type Deployment } from "@infergrid/sdk";
import { NotDeployedError, useAppConfig } from "./useAppConfig";

/** How long a worker's /health may take before it counts as unreachable (the router's default). */
export const HEALTH_TIMEOUT_MS = 1_500;
/** How often the directory is refreshed (chain reads plus one health request per worker). */
export const DIRECTORY_REFRESH_MS = 10_000;

export type ServedModel = {
  readonly modelId: bigint;
  readonly pricePerInputToken: bigint;
  readonly pricePerOutputToken: bigint;
};

export type Health = { readonly ok: true; readonly rttMs: number } | { readonly ok: false; readonly reason: string };

export type DirectoryWorker = {
  readonly address: Address;
  readonly endpoint: string;
  readonly region: number;
  readonly registered: boolean;
  readonly paused: boolean;
  readonly stake: bigint;
  readonly elo: number;
  readonly capacity: number;
  readonly activeJobs: number;
  readonly models: readonly ServedModel[];
  /** Null for a paused worker: it is not asked. */
  readonly health: Health | null;
  /** Registered, not paused, and its endpoint answered "ok" for this address and chain. */
  readonly online: boolean;
};

export type WorkerDirectory = { readonly workers: readonly DirectoryWorker[]; readonly checkedAt: number };

async function readDirectory(
  publicClient: PublicClient,
  deployment: Deployment,
  chainId: number,
): Promise<WorkerDirectory> {
  const registry = getContractConfigs(deployment).WorkerRegistry;
  const addresses = await listWorkers({ publicClient, deployment });
  const workers = await Promise.all(
    addresses.map(async (address): Promise<DirectoryWorker> => {
      const [w, profile, modelIds] = await Promise.all([
        publicClient.readContract({ ...registry, functionName: "worker", args: [address] }),
        publicClient.readContract({ ...registry, functionName: "profile", args: [address] }),
        publicClient.readContract({ ...registry, functionName: "modelsOf", args: [address] }),
      ]);
      const prices = await Promise.all(
        modelIds.map(async (modelId) => ({
          modelId,
          price: await publicClient.readContract({ ...registry, functionName: "modelPrice", args: [address, modelId] }),
        })),
      );
      const models = prices
        .filter((p) => p.price.served)
        .map((p) => ({
          modelId: p.modelId,
          pricePerInputToken: p.price.pricePerInputToken,
          pricePerOutputToken: p.price.pricePerOutputToken,
        }));
      const asked = w.registered && !w.paused;
      const health = asked
        ? await probeHealth(profile.endpoint, { address, chainId }, { timeoutMs: HEALTH_TIMEOUT_MS })
        : null;
      return {
        address,
        endpoint: profile.endpoint,
        region: profile.region,
        registered: w.registered,
        paused: w.paused,
        stake: w.stake,
        elo: w.elo,
        capacity: w.capacity,
        activeJobs: w.activeJobs,
        models,
        health,
        online: asked && health !== null && health.ok,
      };
    }),
  );
  return { workers: workers.filter((w) => w.registered), checkedAt: Date.now() };
}

/** Every registered worker with its on-chain state, served models and a fresh health check. */
export function useWorkerDirectory(): UseQueryResult<WorkerDirectory, Error> {
  const { chainId, deployment, deploymentError } = useAppConfig();
  const publicClient = usePublicClient({ chainId });
  return useQuery({
    queryKey: ["worker-directory", chainId, deployment?.WorkerRegistry],
    queryFn: () => {
      if (!deployment) throw new NotDeployedError(deploymentError ?? `No InferGrid deployment on chain ${chainId}`);
      // wagmi's client is a viem public client for this chain; its type only carries more detail.
      return readDirectory(publicClient as PublicClient, deployment, chainId);
    },
    enabled: publicClient !== undefined,
    refetchInterval: DIRECTORY_REFRESH_MS,
  });
}

/** One worker's health, asked from the browser. */
export function useWorkerHealth(
  address: Address,
  endpoint: string | undefined,
  enabled: boolean,
): UseQueryResult<Health, Error> {
  const { chainId } = useAppConfig();
  return useQuery({
    queryKey: ["worker-health", chainId, address, endpoint],
    queryFn: () => probeHealth(endpoint!, { address, chainId }, { timeoutMs: HEALTH_TIMEOUT_MS }),
    enabled: enabled && endpoint !== undefined && endpoint !== "",
    refetchInterval: DIRECTORY_REFRESH_MS,
  });
}
