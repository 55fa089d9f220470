import type { Hash } from "viem";
import type { InferGridBaseClient } from "../baseClient.ts";
import { ContractRevertError } from "../contracts.ts";
import { JobWaitTimeoutError } from "../errors.ts";
import type { JobStatusName } from "../protocol/status.ts";
import { finalizeJob } from "./finalizeJob.ts";
import { getJobState } from "./getJobState.ts";
import { chainClock, sleep } from "./shared.ts";

export type WaitForFinalizationParams = {
  readonly jobId: bigint;
  /** The chain's now in seconds; the latest block's timestamp or the clock, whichever is later, by default. */
  readonly chainNow?: () => Promise<number>;
  readonly signal?: AbortSignal | undefined;
};
export type WaitForFinalizationReturnType = {
  readonly status: Extract<JobStatusName, "finalized" | "refunded">;
  /** The finalize transaction this wait sent, if it sent one. */
  readonly transaction?: Hash;
};

/**
 * Waits until the job is final: finalizes it once its challenge window has passed (anyone
 * may), or waits for the verdict of an audit or dispute. Gives up with `JobWaitTimeoutError`
 * (JOB_WAIT_TIMEOUT) after the client's `settleTimeoutSeconds`.
 * @example
 * const { status } = await waitForFinalization(client, { jobId });
 */
export async function waitForFinalization(
  client: InferGridBaseClient,
  params: WaitForFinalizationParams,
): Promise<WaitForFinalizationReturnType> {
  const chainNow = params.chainNow ?? chainClock(client);
  const giveUpAt = Date.now() + client.settleTimeoutSeconds * 1000;
  let transaction: Hash | undefined;
  for (;;) {
    const s = await getJobState(client, { jobId: params.jobId });
    if (s.status === "finalized" || s.status === "refunded")
      return { status: s.status, ...(transaction ? { transaction } : {}) };
    if (s.status === "challenge" && (await chainNow()) >= s.challengeEndsAt) {
      try {
        transaction = await finalizeJob(client, { jobId: params.jobId });
        continue;
      } catch (e) {
        // Pending audit randomness or a finalize that raced ours: look again after a pause.
        const retry =
          e instanceof ContractRevertError &&
          ["RandomnessNotReady", "JobNotInChallenge", "ChallengeWindowOpen"].includes(e.errorName);
        if (!retry) throw e;
      }
    }
    if (Date.now() > giveUpAt) throw new JobWaitTimeoutError(params.jobId, "finalization", s.status);
    await sleep(client.pollIntervalMs, params.signal);
  }
}
