import { randomBytes } from "node:crypto";
import { bytesToHex, parseEventLogs, type Log } from "viem";
import { commitRevealSeal, jobMarketAbi, JobStatus, WorkStatus, type JobOutput } from "@infergrid/sdk";
import type { ZkResult } from "../zk/model.ts";
import { revertName } from "./chain.ts";
import type { WorkerContext } from "./context.ts";
import type { ServedZkModel } from "./models.ts";
import type { JobRecord } from "./state.ts";

/**
 * Settlement: puts results on chain and sees each job to its end. R = 1: submitResult. R > 1:
 * commitResult with the seal of the commitment (the salt is saved before the commit, so a crash
 * can still reveal), revealResult once every worker committed or the deadline passed. Then
 * finalize after the challenge window (workers finalize their own jobs: that is how they get
 * paid, and how audits get drawn). It asks the chain before acting, so nothing is claimed twice.
 */

/** Reverts that only mean "not yet" or "someone else did it": the next check tries again. */
const RETRY_LATER = ["JobNotInChallenge", "RandomnessNotReady", "ChallengeWindowOpen", "RevealNotOpen"];

export class Settlement {
  private readonly ctx: WorkerContext;
  /** When each waiting job may next be read from chain (ms), so the loop stays cheap with many jobs. */
  private readonly nextCheck = new Map<string, number>();

  constructor(ctx: WorkerContext) {
    this.ctx = ctx;
  }

  private outputRef(key: string): string {
    return `${this.ctx.config.endpoint.replace(/\/$/, "")}/jobs/${key}/output`;
  }

  /** Submits (R = 1) or commits (R > 1) an engine job's result. */
  async submit(jobId: bigint, record: JobRecord, output: JobOutput, postBlock?: bigint): Promise<void> {
    const { chain, contracts, store, log, metrics } = this.ctx;
    const key = jobId.toString();
    if (record.redundancy === 1) {
      const r = await chain.send(
        {
          ...contracts.JobMarket,
          functionName: "submitResult",
          args: [jobId, output.commitment, this.outputRef(key), output.inputTokens, output.outputTokens],
        },
        `submitResult ${key}`,
      );
      record.txs.push(r.transactionHash);
      noteChallenge(record, r.logs);
      void this.observeEndToEnd(postBlock, r.blockNumber);
      metrics.jobs.inc({ outcome: "delivered" });
      log.info({ jobId: key, commitment: output.commitment, tx: r.transactionHash }, "result submitted");
      return store.setPhase(record, "delivered");
    }
    // R > 1: seal now, reveal once nobody can still commit; the salt survives a crash in the state file.
    record.salt ??= bytesToHex(randomBytes(32));
    await store.save();
    const r = await chain.send(
      {
        ...contracts.JobMarket,
        functionName: "commitResult",
        args: [jobId, commitRevealSeal(output.commitment, this.ctx.address, record.salt)],
      },
      `commitResult ${key}`,
    );
    record.txs.push(r.transactionHash);
    log.info({ jobId: key, tx: r.transactionHash }, "result committed");
    await store.setPhase(record, "committed");
  }

  /** Submits a zk job's proven output; the market verifies the proof and finalizes in the same transaction. */
  async submitProof(
    jobId: bigint,
    record: JobRecord,
    served: ServedZkModel,
    r: ZkResult,
    postBlock?: bigint,
  ): Promise<void> {
    const { chain, contracts, store, log, metrics } = this.ctx;
    const key = jobId.toString();
    const tx = await chain.send(
      {
        ...contracts.JobMarket,
        functionName: "submitResultWithProof",
        args: [jobId, BigInt(r.output), r.proof, `${served.model.labels[r.output]}`, r.inputTokens, r.outputTokens],
      },
      `submitResultWithProof ${key}`,
    );
    record.txs.push(tx.transactionHash);
    void this.observeEndToEnd(postBlock, tx.blockNumber);
    metrics.jobs.inc({ outcome: "delivered" });
    log.info(
      { jobId: key, output: r.output, label: r.label, proveMs: Math.round(r.proveMs), tx: tx.transactionHash },
      "result proven and finalized",
    );
    await store.setPhase(record, "delivered");
  }

  private async reveal(jobId: bigint, record: JobRecord): Promise<void> {
    const { chain, contracts, store, log, metrics } = this.ctx;
    const output = record.output!;
    const key = jobId.toString();
    const r = await chain.send(
      {
        ...contracts.JobMarket,
        functionName: "revealResult",
        args: [jobId, output.commitment, record.salt!, this.outputRef(key), output.inputTokens, output.outputTokens],
      },
      `revealResult ${key}`,
    );
    record.txs.push(r.transactionHash);
    noteChallenge(record, r.logs);
    metrics.jobs.inc({ outcome: "delivered" });
    log.info({ jobId: key, tx: r.transactionHash }, "result revealed");
    await store.setPhase(record, "delivered");
  }

  /** Moves every committed or delivered job forward: reveal, finalize, or notice that it ended. */
  async tick(): Promise<void> {
    const { chain, contracts, store, log, metrics, signal } = this.ctx;
    let now: bigint | undefined;
    for (const [key, record] of Object.entries(store.state.jobs)) {
      if (signal.aborted) return;
      if (record.phase !== "committed" && record.phase !== "delivered") continue;
      const jobId = BigInt(key);
      now ??= await this.ctx.clock.now();
      // A known challenge window needs no reads until it ends; anything else is read at most every second.
      if (record.challengeEndsAt !== undefined && now < BigInt(record.challengeEndsAt)) continue;
      if ((this.nextCheck.get(key) ?? 0) > Date.now()) continue;
      this.nextCheck.set(key, Date.now() + 1_000);
      const job = await this.readJob(jobId);
      if (job.status === JobStatus.Finalized || job.status === JobStatus.Refunded) {
        metrics.jobs.inc({ outcome: job.status === JobStatus.Finalized ? "finalized" : "refunded" });
        this.nextCheck.delete(key);
        await store.setPhase(record, "done");
        continue;
      }
      try {
        if (record.phase === "committed" && job.status === JobStatus.Open) {
          if (job.committed + job.declined >= job.redundancy || now > BigInt(job.deadline))
            await this.reveal(jobId, record);
        } else if (job.status === JobStatus.Challenge && now >= BigInt(job.challengeEndsAt)) {
          const r = await chain.send(
            { ...contracts.JobMarket, functionName: "finalize", args: [jobId] },
            `finalize ${key}`,
          );
          record.txs.push(r.transactionHash);
          this.nextCheck.delete(key);
        } else if (job.status === JobStatus.Challenge) {
          record.challengeEndsAt = job.challengeEndsAt;
        }
      } catch (e) {
        if (!RETRY_LATER.includes(revertName(e) ?? "")) {
          log.warn({ jobId: key, err: (e as Error).message.split("\n")[0] }, "job step failed");
        }
      }
    }
  }

  readJob(jobId: bigint) {
    return this.ctx.chain.publicClient.readContract({
      ...this.ctx.contracts.JobMarket,
      functionName: "job",
      args: [jobId],
    });
  }

  /** This worker's `WorkStatus` on the job (TimedOut when it is not named at all). */
  async workStatus(jobId: bigint): Promise<number> {
    const list = await this.ctx.chain.publicClient.readContract({
      ...this.ctx.contracts.JobMarket,
      functionName: "assignments",
      args: [jobId],
    });
    const mine = list.find((a) => a.worker.toLowerCase() === this.ctx.address.toLowerCase());
    return mine?.status ?? WorkStatus.TimedOut;
  }

  private async observeEndToEnd(postBlock: bigint | undefined, resultBlock: bigint): Promise<void> {
    if (postBlock === undefined) return;
    try {
      const { publicClient } = this.ctx.chain;
      const [a, b] = await Promise.all([
        publicClient.getBlock({ blockNumber: postBlock }),
        publicClient.getBlock({ blockNumber: resultBlock }),
      ]);
      this.ctx.metrics.endToEndLatency.observe(Number(b.timestamp - a.timestamp));
    } catch {
      // A metric is not worth failing a job over.
    }
  }
}

/** Remembers when the challenge window ends, so the job needs no polling until then. */
function noteChallenge(record: JobRecord, logs: readonly Log[]): void {
  const [started] = parseEventLogs({ abi: jobMarketAbi, logs: logs as Log[], eventName: "ChallengeStarted" });
  if (started) record.challengeEndsAt = started.args.endsAt;
}
