import type { Address, Hex } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import { workerFee } from "../protocol/fees.ts";
import { jobStatusName, workStatusName, type JobStatusName, type WorkStatusName } from "../protocol/status.ts";

export type GetJobStateParams = { readonly jobId: bigint };

export type JobState = {
  readonly jobId: bigint;
  readonly status: JobStatusName | "none";
  readonly poster: Address;
  readonly modelId: bigint;
  readonly deadline: number;
  readonly challengeEndsAt: number;
  readonly escrow: bigint;
  /** Sum over delivering workers of their tokens at their snapshotted prices, GRID wei. */
  readonly cost: bigint;
  readonly workers: readonly {
    readonly address: Address;
    readonly status: WorkStatusName;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly pricePerInputToken: bigint;
    readonly pricePerOutputToken: bigint;
    readonly commitment: Hex;
  }[];
};
export type GetJobStateReturnType = JobState;

/**
 * A job as the market holds it now: status, escrow, deadline and each named worker's state.
 * @example
 * const s = await getJobState(client, { jobId });
 * if (s.status === "challenge") console.log("final after", new Date(s.challengeEndsAt * 1000));
 */
export async function getJobState(client: InferGridBaseClient, params: GetJobStateParams): Promise<JobState> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const [job, list] = await Promise.all([
    client.publicClient.readContract({ ...JobMarket, functionName: "job", args: [params.jobId] }),
    client.publicClient.readContract({ ...JobMarket, functionName: "assignments", args: [params.jobId] }),
  ]);
  const workers = list.map((a) => ({
    address: a.worker,
    status: workStatusName(a.status),
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    pricePerInputToken: a.pricePerInputToken,
    pricePerOutputToken: a.pricePerOutputToken,
    commitment: a.commitment,
  }));
  const cost = workers.filter((w) => w.status === "delivered").reduce((sum, w) => sum + workerFee(w), 0n);
  return {
    jobId: params.jobId,
    status: jobStatusName(job.status),
    poster: job.poster,
    modelId: BigInt(job.modelId),
    deadline: job.deadline,
    challengeEndsAt: job.challengeEndsAt,
    escrow: job.escrow,
    cost,
    workers,
  };
}
