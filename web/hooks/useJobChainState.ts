"use client";
import { useReadContracts } from "wagmi";
import type { Address, Hex } from "viem";
import { jobStatusName, workStatusName, type WorkStatusName } from "@infergrid/sdk/protocol";
import type { StatusKey } from "@/lib/jobStatus";
import { isSettled } from "@/lib/jobStatus";
import { useContracts } from "./useContracts";

const ZERO = `0x${"0".repeat(64)}`;

export type ChainJobState = {
  readonly status: StatusKey;
  readonly poster: Address;
  readonly deadline: number;
  /** Chain time (unix s) the challenge window closes; 0 until every result is in. */
  readonly challengeEndsAt: number;
  readonly escrow: bigint;
  /** Sum of the delivering workers' tokens at their snapshotted prices, GRID wei. */
  readonly cost: bigint;
  readonly workers: readonly {
    readonly address: Address;
    readonly status: WorkStatusName;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly fee: bigint;
    readonly commitment: Hex | null;
  }[];
};

/** A job's live state from JobMarket (job + assignments), polled every second until it settles. */
export function useJobChainState(jobId: bigint | undefined) {
  const { JobMarket } = useContracts();
  const q = useReadContracts({
    contracts: [
      { ...JobMarket, functionName: "job", args: [jobId ?? 0n] },
      { ...JobMarket, functionName: "assignments", args: [jobId ?? 0n] },
    ],
    allowFailure: false,
    query: {
      enabled: jobId !== undefined,
      refetchInterval: (query) => {
        const job = query.state.data?.[0];
        return job && isSettled(jobStatusName(job.status)) ? false : 1_000;
      },
    },
  });
  const data: ChainJobState | undefined = q.data
    ? (() => {
        const [job, list] = q.data;
        const workers = list.map((a) => {
          const status = workStatusName(a.status);
          const delivered = status === "delivered";
          return {
            address: a.worker,
            status,
            inputTokens: a.inputTokens,
            outputTokens: a.outputTokens,
            fee: delivered
              ? BigInt(a.inputTokens) * a.pricePerInputToken + BigInt(a.outputTokens) * a.pricePerOutputToken
              : 0n,
            commitment: a.commitment === ZERO ? null : a.commitment,
          };
        });
        return {
          status: jobStatusName(job.status),
          poster: job.poster,
          deadline: job.deadline,
          challengeEndsAt: job.challengeEndsAt,
          escrow: job.escrow,
          cost: workers.reduce((s, w) => s + w.fee, 0n),
          workers,
        };
      })()
    : undefined;
  return { data, error: q.error, isPending: q.isPending };
}
