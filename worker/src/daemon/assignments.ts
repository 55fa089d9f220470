import type { Log } from "viem";
import type { jobMarketAbi } from "@infergrid/sdk";
import type { WorkerContext } from "./context.ts";
import { openInput, openZkInput, type Execution } from "./execution.ts";
import { scanConfirmed } from "./loop.ts";
import type { JobRecord } from "./state.ts";

/**
 * Assignments: reads this worker's JobAssigned events, confirmed, from the last processed block
 * on (a restart resumes where it stopped), records each new job once, and either accepts it
 * (execution takes over) or declines it on chain: a model not served here, a zk model with
 * R > 1, over capacity, or an input that does not decrypt, hash to the posted input hash or
 * name the job's model.
 */

type AssignedLog = Log<bigint, number, false, undefined, true, typeof jobMarketAbi, "JobAssigned">;
type PostedLog = Log<bigint, number, false, undefined, true, typeof jobMarketAbi, "JobPosted">;

export class Assignments {
  private readonly ctx: WorkerContext;
  private readonly execution: Execution;

  constructor(ctx: WorkerContext, execution: Execution) {
    this.ctx = ctx;
    this.execution = execution;
  }

  /** Handles every confirmed block range not processed yet; returns the chain head it saw. */
  poll(): Promise<bigint> {
    const { chain, contracts, store, config, metrics, address } = this.ctx;
    const { publicClient } = chain;
    return scanConfirmed({
      publicClient,
      store,
      confirmations: config.confirmations,
      metrics,
      stopped: () => this.ctx.signal.aborted,
      onRange: async (from, end) => {
        const logs = await publicClient.getContractEvents({
          ...contracts.JobMarket,
          eventName: "JobAssigned",
          args: { worker: address },
          fromBlock: from,
          toBlock: end,
          strict: true,
        });
        // One query for the JobPosted events of every new assignment in the range.
        const fresh = logs.filter((l) => !store.state.jobs[l.args.jobId.toString()]);
        const posted = fresh.length
          ? await publicClient.getContractEvents({
              ...contracts.JobMarket,
              eventName: "JobPosted",
              args: { jobId: fresh.map((l) => l.args.jobId) },
              fromBlock: from,
              toBlock: end,
              strict: true,
            })
          : [];
        for (const log of fresh) {
          const p = posted.find((e) => e.args.jobId === log.args.jobId);
          if (p) await this.onAssigned(log, p);
        }
      },
    });
  }

  private async onAssigned(log: AssignedLog, posted: PostedLog): Promise<void> {
    const { store, metrics } = this.ctx;
    const { jobId, encryptedInput } = log.args;
    const key = jobId.toString();
    if (store.state.jobs[key]) return; // already seen: never act twice on one assignment
    const p = posted.args;
    const record: JobRecord = {
      phase: "accepted",
      modelId: p.modelId.toString(),
      redundancy: p.workers.length,
      deadline: p.deadline,
      sealedInput: encryptedInput,
      inputHash: p.inputHash,
      poster: p.poster,
      maxInputTokens: p.maxInputTokens,
      maxOutputTokens: p.maxOutputTokens,
      txs: [],
      updatedAt: Date.now(),
    };
    store.state.jobs[key] = record;
    this.ctx.log.info({ jobId: key, modelId: record.modelId, redundancy: record.redundancy }, "job assigned");
    const reason = this.cannotServe(record);
    if (reason) return this.decline(jobId, record, reason);
    metrics.jobs.inc({ outcome: "accepted" });
    await store.save();
    void this.execution.execute(jobId, posted.blockNumber);
  }

  /** Why this worker cannot take the job, or null. */
  private cannotServe(record: JobRecord): string | null {
    const { served, store, config } = this.ctx;
    const zk = served.zk.has(record.modelId);
    if (!served.engine.has(record.modelId) && !zk) return `model ${record.modelId} is not served here`;
    if (zk && record.redundancy !== 1) return `zk model ${record.modelId} takes proofs for R = 1 jobs only`;
    const active = Object.values(store.state.jobs).filter((j) => j.phase === "accepted").length;
    if (active > config.capacity) return `over capacity (${active - 1} jobs running, capacity ${config.capacity})`;
    try {
      if (zk) openZkInput(this.ctx, record);
      else openInput(this.ctx, record);
    } catch (e) {
      return (e as Error).message;
    }
    return null;
  }

  private async decline(jobId: bigint, record: JobRecord, reason: string): Promise<void> {
    const { chain, contracts, store, log, metrics } = this.ctx;
    log.warn({ jobId: jobId.toString(), reason }, "declining job");
    try {
      const r = await chain.send(
        { ...contracts.JobMarket, functionName: "decline", args: [jobId] },
        `decline ${jobId}`,
      );
      record.txs.push(r.transactionHash);
      metrics.jobs.inc({ outcome: "declined" });
      await store.setPhase(record, "declined", reason);
    } catch (e) {
      await store.setPhase(record, "failed", `${reason}; decline failed: ${(e as Error).message.split("\n")[0]}`);
    }
  }
}
