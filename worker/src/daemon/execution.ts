import { toHex, type Hex } from "viem";
import {
  computeCommitment,
  hashFingerprint,
  jobInputHash,
  jobInputSchema,
  open,
  resolveSampling,
  WorkStatus,
  type FingerprintData,
  type JobInput,
  type JobOutput,
} from "@infergrid/sdk";
import { generate } from "@infergrid/engine";
import type { ZkJobInput } from "@infergrid/circuits/commitment";
import { parseZkJobInput, runZkJob } from "../zk/model.ts";
import { revertName } from "./chain.ts";
import type { WorkerContext } from "./context.ts";
import type { ServedModel } from "./models.ts";
import type { Settlement } from "./settlement.ts";
import type { JobRecord } from "./state.ts";
import type { JobStream } from "./streams.ts";

/**
 * Execution: decrypts a job's input, runs the engine (streaming each token to the poster) or
 * the zk prover, and hands the output to settlement. Safe to run again after a crash: the
 * output is kept in the state file, and settlement submits nothing the chain already has.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A job's input as decrypted and checked. */
export type OpenedInput = { input: JobInput; bytes: Uint8Array };

/** Decrypts the job input and checks it against the hash committed on chain and the job's model. */
export function openInput(ctx: Pick<WorkerContext, "encryption" | "served">, record: JobRecord): OpenedInput {
  if (record.sealedInput === "0x") throw new Error("no inline input (input URIs are not supported by this worker)");
  const bytes = open(ctx.encryption.privateKey, record.sealedInput);
  const hash = jobInputHash(bytes);
  if (hash !== record.inputHash) throw new Error(`input hash ${hash} does not match the committed ${record.inputHash}`);
  const parsed = jobInputSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  if (!parsed.success) throw new Error(`malformed job input: ${parsed.error.message}`);
  const served = ctx.served.engine.get(record.modelId);
  if (served && parsed.data.modelHash.toLowerCase() !== served.model.modelHash.toLowerCase()) {
    throw new Error(`input is for model hash ${parsed.data.modelHash}, the job's model is ${served.model.modelHash}`);
  }
  return { input: parsed.data, bytes };
}

/** Decrypts a zk job's input; runZkJob checks it against the Poseidon commitment on chain. */
export function openZkInput(ctx: Pick<WorkerContext, "encryption">, record: JobRecord): ZkJobInput {
  if (record.sealedInput === "0x") throw new Error("no inline input (input URIs are not supported by this worker)");
  return parseZkJobInput(open(ctx.encryption.privateKey, record.sealedInput));
}

export class Execution {
  private readonly ctx: WorkerContext;
  private readonly settlement: Settlement;
  private readonly running = new Set<string>();

  constructor(ctx: WorkerContext, settlement: Settlement) {
    this.ctx = ctx;
    this.settlement = settlement;
  }

  /** Restarts every accepted job that is not running (after a crash, or a failed attempt). */
  resume(): void {
    for (const [key, record] of Object.entries(this.ctx.store.state.jobs)) {
      if (this.ctx.signal.aborted) return;
      if (record.phase === "accepted" && !this.running.has(key)) void this.execute(BigInt(key));
    }
  }

  /** Runs the job and puts the result on chain. Safe to call again after a crash. */
  async execute(jobId: bigint, postBlock?: bigint): Promise<void> {
    const { store, log, metrics, streams } = this.ctx;
    const key = jobId.toString();
    if (this.running.has(key) || this.ctx.signal.aborted) return;
    this.running.add(key);
    const record = store.state.jobs[key]!;
    try {
      const onChain = await this.settlement.workStatus(jobId);
      if (onChain !== WorkStatus.Assigned) {
        // A previous run already acted (or the job timed out): never submit twice.
        const phase =
          onChain === WorkStatus.Delivered ? "delivered" : onChain === WorkStatus.Committed ? "committed" : "done";
        return await store.setPhase(record, phase);
      }
      if (Date.now() / 1000 > record.deadline)
        return await store.setPhase(record, "done", "deadline passed before the result was ready");
      const zk = this.ctx.served.zk.get(record.modelId);
      if (zk) {
        const r = await runZkJob(zk.model, jobId, record.inputHash, openZkInput(this.ctx, record));
        metrics.engineLatency.observe(r.proveMs / 1000);
        return await this.settlement.submitProof(jobId, record, zk, r, postBlock);
      }
      const output = record.output ?? (await this.infer(jobId, record));
      record.output = output;
      await store.save();
      await this.settlement.submit(jobId, record, output, postBlock);
    } catch (e) {
      record.attempts = (record.attempts ?? 0) + 1;
      log.error({ jobId: key, attempt: record.attempts, err: (e as Error).message }, "job failed");
      metrics.jobs.inc({ outcome: "error" });
      streams.fail(key, (e as Error).message);
      // A revert is final; anything else (RPC trouble) gets a few more tries.
      if (revertName(e) || record.attempts >= 3) await store.setPhase(record, "failed", (e as Error).message);
    } finally {
      this.running.delete(key);
    }
  }

  private async infer(jobId: bigint, record: JobRecord): Promise<JobOutput> {
    const { config, metrics } = this.ctx;
    const served = this.ctx.served.engine.get(record.modelId)!;
    const { input } = openInput(this.ctx, record);
    const jobHex = toHex(jobId, { size: 32 });
    const stream = this.ctx.streams.open(jobId.toString(), input.replyKey);
    const started = performance.now();
    if (config.testing.nullEngine) return nullOutput(jobHex, served, stream);
    const job =
      record.maxOutputTokens !== undefined
        ? { maxOutputTokens: record.maxOutputTokens, maxInputTokens: record.maxInputTokens! }
        : await this.settlement.readJob(jobId);
    const delay = config.testing.tokenDelayMs;
    const result = await generate(served.model, {
      jobId: jobHex,
      prompt: input.prompt ?? { messages: input.messages! },
      ...resolveSampling(input.sampling, job.maxOutputTokens),
      signal: this.ctx.signal,
      onToken: (t) => {
        stream.push({ index: t.index, tokenId: t.id, text: t.text });
        return delay > 0 ? sleep(delay) : undefined;
      },
    });
    metrics.engineLatency.observe((performance.now() - started) / 1000);
    metrics.tokens.inc({ kind: "input" }, result.inputTokens);
    metrics.tokens.inc({ kind: "output" }, result.outputTokens);
    if (result.inputTokens > job.maxInputTokens) {
      throw new Error(`prompt has ${result.inputTokens} tokens, the job allows ${job.maxInputTokens}`);
    }
    const outputIds = [...result.outputIds];
    let commitment = result.commitment;
    if (config.testing.perturbOutput && outputIds.length > 0) {
      // Test-only cheater: a different last token under the honest fingerprint.
      outputIds[outputIds.length - 1] = (outputIds[outputIds.length - 1]! + 1) % served.model.config.vocabSize;
      commitment = computeCommitment({
        jobId: jobHex,
        modelHash: served.model.modelHash,
        outputTokenIds: outputIds,
        fingerprint: result.fingerprintHash,
      });
    }
    const output: JobOutput = {
      // The engine's text stops before a stop sequence; only the test-only cheater re-decodes its altered ids.
      text: config.testing.perturbOutput ? served.model.tokenizer.decode(outputIds) : result.text,
      outputTokenIds: outputIds,
      fingerprint: result.fingerprint,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      finishReason: result.finishReason,
      commitment,
    };
    stream.done({ finishReason: result.finishReason, outputTokens: result.outputTokens });
    return output;
  }
}

/** The benchmark's engine: three fixed tokens, a valid fingerprint, no model run. */
function nullOutput(jobHex: Hex, served: ServedModel, stream: JobStream): JobOutput {
  const fingerprint: FingerprintData = {
    version: 1,
    topK: 4,
    scale: 1024,
    ids: Array(12)
      .fill(0)
      .map((_, i) => i),
    q: Array(12).fill(0),
  };
  const outputTokenIds = [1, 2, 3];
  for (const [index, id] of outputTokenIds.entries()) stream.push({ index, tokenId: id, text: "" });
  stream.done({ finishReason: "length", outputTokens: 3 });
  const commitment = computeCommitment({
    jobId: jobHex,
    modelHash: served.model.modelHash,
    outputTokenIds,
    fingerprint: hashFingerprint(fingerprint),
  });
  return { text: "", outputTokenIds, fingerprint, inputTokens: 1, outputTokens: 3, finishReason: "length", commitment };
}
