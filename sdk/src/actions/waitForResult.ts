import type { Hash, Hex } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { ContractRevertError, getContractConfigs } from "../contracts.ts";
import type { JobStatusName } from "../protocol/status.ts";
import { claimTimeout } from "./claimTimeout.ts";
import { chainClock, sleep } from "./shared.ts";

export type WaitForResultParams = {
  readonly jobId: bigint;
  /** The job's deadline, unix seconds: from then on the wait claims the timeout itself. */
  readonly deadline: number;
  /** The post's block: events are read from here on. */
  readonly fromBlock: bigint;
  /** The chain's now in seconds; the latest block's timestamp or the clock, whichever is later, by default. */
  readonly chainNow?: () => Promise<number>;
  readonly signal?: AbortSignal | undefined;
};

/** One worker's result as its ResultSubmitted event reported it. */
export type SubmittedResult = {
  readonly commitment: Hex;
  readonly transaction: Hash;
  readonly inputTokens: number;
  readonly outputTokens: number;
};

export type WaitForResultReturnType = {
  /** Where the job went: agreed ("challenge"), audited, disputed, finalized, or refunded. */
  readonly status: JobStatusName;
  /** By lower-case worker address. */
  readonly results: ReadonlyMap<string, SubmittedResult>;
  /** Unix ms when the first result was seen, or null. */
  readonly resultAt: number | null;
  /** A worker was timed out (so a refund means nobody delivered in time). */
  readonly timedOut: boolean;
  /** The claimTimeout transaction this wait sent, if it sent one. */
  readonly claimTransaction: Hash | null;
};

/**
 * Polls the market's events for the job until its results are settled: every worker agreed
 * (challenge window), the job was audited or disputed, finalized, or refunded. After the
 * deadline it claims the timeout itself, so a worker that never answers cannot hold the escrow.
 * @example
 * const settled = await waitForResult(client, { jobId, deadline, fromBlock: post.blockNumber });
 * if (settled.status === "refunded") console.log(settled.timedOut ? "nobody delivered" : "declined");
 */
export async function waitForResult(
  client: InferGridBaseClient,
  params: WaitForResultParams,
): Promise<WaitForResultReturnType> {
  const { deployment } = await client.setup();
  const { JobMarket } = getContractConfigs(deployment);
  const chainNow = params.chainNow ?? chainClock(client);
  const results = new Map<string, SubmittedResult>();
  let resultAt: number | null = null;
  let timedOut = false;
  let claimTransaction: Hash | null = null;
  let status: JobStatusName | undefined;
  let from = params.fromBlock;
  let nextClaimAt = params.deadline + 1;
  for (;;) {
    const latest = await client.publicClient.getBlockNumber({ cacheTime: 0 });
    if (latest >= from) {
      const logs = await client.publicClient.getContractEvents({ ...JobMarket, fromBlock: from, toBlock: latest });
      from = latest + 1n;
      for (const log of logs) {
        const args = log.args as { jobId?: bigint };
        if (args.jobId !== params.jobId) continue;
        switch (log.eventName) {
          case "ResultSubmitted": {
            const a = log.args;
            if (!a.worker || !a.commitment || a.inputTokens === undefined || a.outputTokens === undefined) break;
            results.set(a.worker.toLowerCase(), {
              commitment: a.commitment,
              transaction: log.transactionHash,
              inputTokens: a.inputTokens,
              outputTokens: a.outputTokens,
            });
            resultAt ??= Date.now();
            break;
          }
          case "WorkerTimedOut":
            timedOut = true;
            break;
          case "ChallengeStarted":
            status = "challenge";
            break;
          case "JobDisputed":
            status = "disputed";
            break;
          case "JobRefunded":
            status = "refunded";
            break;
          case "AuditStarted":
            status = "audit";
            break;
          case "JobFinalized":
            status = "finalized";
            break;
        }
      }
    }
    if (status) return { status, results, resultAt, timedOut, claimTransaction };
    if ((await chainNow()) >= nextClaimAt) {
      try {
        claimTransaction = await claimTimeout(client, { jobId: params.jobId });
        continue;
      } catch (e) {
        // R > 1 waits out the reveal window too; anything else is a real failure.
        if (!(e instanceof ContractRevertError)) throw e;
        if (e.errorName === "TimeoutNotReached") nextClaimAt = Math.max((await chainNow()) + 1, Number(e.args[1] ?? 0));
        else if (e.errorName !== "JobNotOpen") throw e;
      }
    }
    await sleep(client.pollIntervalMs, params.signal);
  }
}
