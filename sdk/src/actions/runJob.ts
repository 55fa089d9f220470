import type { Address, Hash, Hex } from "viem";
import { z } from "zod";
import type { InferGridBaseClient } from "../baseClient.ts";
import { getContractConfigs } from "../contracts.ts";
import {
  CommitmentMismatchError,
  DeadlinePassedError,
  InsufficientBalanceError,
  InvalidJobOptionsError,
  JobAbortedError,
  JobDeclinedError,
  WorkerRequestError,
  type JobOptionIssue,
} from "../errors.ts";
import type { ModelInfo } from "../models.ts";
import { jobEscrow, workerFee } from "../protocol/fees.ts";
import { chatMessageSchema, samplingSchema, type ChatMessage, type JobOutput } from "../protocol/messages.ts";
import type { JobStatusName, WorkStatusName } from "../protocol/status.ts";
import type { RankedWorker, Route } from "../router.ts";
import { buildJobInput, sealInputs } from "./buildJobInput.ts";
import { ensureAllowance } from "./ensureAllowance.ts";
import { fetchOutput } from "./fetchOutput.ts";
import { findModel } from "./findModel.ts";
import { getJobState } from "./getJobState.ts";
import { postJob, type JobRequest } from "./postJob.ts";
import { routeJob } from "./routeJob.ts";
import { chainClock, sleep } from "./shared.ts";
import { signPermit } from "./signPermit.ts";
import { streamJob } from "./streamJob.ts";
import { verifyOutput } from "./verifyOutput.ts";
import { waitForFinalization } from "./waitForFinalization.ts";
import { waitForResult } from "./waitForResult.ts";

/**
 * Escrow. The market escrows R x (maxInputTokens x maxPricePerInputToken + maxTokens x
 * maxPricePerOutputToken) and refunds what is not used. The SDK cannot run every model's
 * tokenizer, so unless `maxInputTokens` is given it bounds the prompt by its UTF-8 size:
 * byte-level BPE (GPT-2, Llama 3, Qwen) and SentencePiece with byte fallback never emit more
 * tokens than bytes, so the bound is the byte length of the prompt (for `messages`, of their
 * JSON, which is longer than the contents and roles) + 16 per message for the chat template's
 * role markers + 64 for special tokens and a default system prompt, capped at 2^24 - 1.
 */

export const MAX_TOKENS_LIMIT = 2 ** 24 - 1;
const UINT64_MAX = 2n ** 64n - 1n;
const DEFAULT_DEADLINE_SECONDS = 600;
const DEADLINE_SLACK_SECONDS = 30;
const STREAM_GRACE_MS = 2_000;

/** What `onPosted` gets as soon as the post is mined, long before the result. */
export type PostedJob = {
  readonly jobId: bigint;
  readonly transactionHash: Hash;
  readonly blockNumber: bigint;
  /** The workers the job names, as the router ranked them (endpoint, prices, Elo). */
  readonly workers: readonly RankedWorker[];
  /** GRID wei the market holds for the job. */
  readonly escrow: bigint;
  /** Unix seconds by which the workers must deliver. */
  readonly deadline: number;
};

const price = z
  .union([z.bigint(), z.number().int()])
  .transform((v) => BigInt(v))
  .refine((v) => v >= 0n && v <= UINT64_MAX, "must be a price in GRID wei per token, 0..2^64-1");

const callback = <F extends (...args: never[]) => unknown>(name: string) =>
  z.custom<F>((v) => typeof v === "function", `${name} must be a function`);

export const runJobOptionsSchema = z
  .object({
    model: z.union([z.bigint(), z.number().int().positive(), z.string().min(1)]),
    prompt: z.string().min(1, "prompt must not be empty").optional(),
    messages: z.array(chatMessageSchema).min(1, "messages must hold at least one message").optional(),
    maxTokens: z.number().int().positive("maxTokens must be at least 1").max(MAX_TOKENS_LIMIT),
    maxInputTokens: z.number().int().positive().max(MAX_TOKENS_LIMIT).optional(),
    maxPricePerToken: price.optional(),
    maxPricePerInputToken: price.optional(),
    maxPricePerOutputToken: price.optional(),
    redundancy: z.number().int().min(1, "redundancy must be at least 1").default(1),
    sampling: samplingSchema.omit({ maxTokens: true }).optional(),
    deadlineSeconds: z.number().int().positive().optional(),
    onToken: callback<(text: string, tokenId: number) => void>("onToken").optional(),
    /** Called once the post is mined, with the job id: before any token, and whether or not the job then succeeds. */
    onPosted: callback<(posted: PostedJob) => void>("onPosted").optional(),
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, "signal must be an AbortSignal").optional(),
    usePermit: z.boolean().default(false),
    waitFor: z.enum(["result", "finalized"]).default("result"),
  })
  .superRefine((o, ctx) => {
    if ((o.prompt === undefined) === (o.messages === undefined)) {
      ctx.addIssue({ code: "custom", path: ["prompt"], message: "give exactly one of prompt and messages" });
    }
    if (
      o.maxPricePerToken === undefined &&
      (o.maxPricePerInputToken === undefined || o.maxPricePerOutputToken === undefined)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["maxPricePerToken"],
        message: "give maxPricePerToken, or both maxPricePerInputToken and maxPricePerOutputToken",
      });
    }
  });

export type RunJobOptions = z.input<typeof runJobOptionsSchema>;
export type RunJobParams = RunJobOptions;

export type JobWorkerReport = {
  readonly address: Address;
  readonly endpoint: string;
  readonly status: WorkStatusName;
  readonly pricePerInputToken: bigint;
  readonly pricePerOutputToken: bigint;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** inputTokens x its input price + outputTokens x its output price, in GRID wei. */
  readonly fee: bigint;
  readonly commitment: Hex | null;
  readonly resultTransaction: Hash | null;
  /** Whether its output was fetched, and whether it hashes to its on-chain commitment. */
  readonly outputFetched: boolean;
  readonly matched: boolean;
  readonly problem: string | null;
};

export type JobResult = {
  readonly jobId: bigint;
  readonly model: ModelInfo;
  readonly text: string;
  readonly finishReason: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Sum over delivering workers of their tokens at their snapshotted prices, GRID wei. */
  readonly cost: bigint;
  readonly escrow: bigint;
  readonly workers: readonly JobWorkerReport[];
  readonly transactions: {
    readonly approve?: Hash;
    readonly post: Hash;
    readonly results: readonly Hash[];
    readonly finalize?: Hash;
  };
  readonly status: JobStatusName;
  /** The returned text's output hashed to its worker's on-chain commitment. */
  readonly verified: boolean;
  /** The first token arrived while no result for the job was mined yet. */
  readonly streamedBeforeResult: boolean;
  /** Unix milliseconds: post mined, first token received, result seen on chain. */
  readonly timings: {
    readonly postedAt: number;
    readonly firstTokenAt: number | null;
    readonly resultAt: number | null;
  };
  readonly route: Route;
};
export type RunJobReturnType = JobResult;

/** The bound on prompt tokens described in the module comment. */
export function inputTokenBound(input: {
  prompt?: string | undefined;
  messages?: readonly ChatMessage[] | undefined;
}): number {
  const enc = new TextEncoder();
  const bytes =
    input.prompt !== undefined
      ? enc.encode(input.prompt).length
      : enc.encode(JSON.stringify(input.messages ?? [])).length + 16 * (input.messages?.length ?? 0);
  return Math.min(bytes + 64, MAX_TOKENS_LIMIT);
}

/** Validates `runJob` options; throws `InvalidJobOptionsError` (INVALID_JOB_OPTIONS) listing every problem. */
export function parseRunJobOptions(options: RunJobOptions): z.output<typeof runJobOptionsSchema> {
  const parsed = runJobOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new InvalidJobOptionsError(
      parsed.error.issues.map((i): JobOptionIssue => {
        const path = i.path.length ? i.path.join(".") : null;
        return { path, message: `${path ? `${path}: ` : ""}${i.message}` };
      }),
    );
  }
  return parsed.data;
}

/**
 * Runs one job end to end: checks the options, picks the workers (`routeJob`), seals the
 * input to each (`buildJobInput`, `sealInputs`), pays the escrow (`ensureAllowance` or
 * `signPermit`), posts (`postJob`, then `onPosted`), streams the tokens (`streamJob`, to
 * `onToken`) while it waits for the result on chain (`waitForResult`, claiming the timeout
 * itself after the deadline), fetches every delivered output and checks it against its
 * worker's commitment (`fetchOutput`, `verifyOutput`), and with `waitFor: "finalized"`
 * finalizes (`waitForFinalization`). Failures are sdk errors with a `code`.
 * @example
 * const r = await runJob(client, {
 *   model: "tiny-gpt2", prompt: "Hello", maxTokens: 16, maxPricePerToken: 10n ** 10n,
 *   onPosted: ({ jobId }) => console.log("job", jobId),
 *   onToken: (text) => process.stdout.write(text),
 * });
 * console.log(r.text, r.cost, r.verified);
 */
export async function runJob(client: InferGridBaseClient, options: RunJobOptions): Promise<JobResult> {
  // 1. Everything checkable is checked before any transaction.
  const o = parseRunJobOptions(options);
  const maxPriceIn = o.maxPricePerInputToken ?? o.maxPricePerToken ?? 0n;
  const maxPriceOut = o.maxPricePerOutputToken ?? o.maxPricePerToken ?? 0n;
  const { deployment } = await client.setup();
  const { publicClient, account } = client;
  const c = getContractConfigs(deployment);
  const params = await publicClient.readContract({ ...c.ProtocolConfig, functionName: "params" });
  const problems: JobOptionIssue[] = [];
  if (o.redundancy > params.maxRedundancy)
    problems.push({
      path: "redundancy",
      message: `redundancy ${o.redundancy} is above the protocol's maxRedundancy ${params.maxRedundancy}`,
    });
  const deadlineSeconds = o.deadlineSeconds ?? Math.min(DEFAULT_DEADLINE_SECONDS, params.jobTimeout);
  if (deadlineSeconds > params.jobTimeout)
    problems.push({
      path: "deadlineSeconds",
      message: `deadlineSeconds ${deadlineSeconds} is above the protocol's jobTimeout ${params.jobTimeout} s`,
    });
  const maxInputTokens = o.maxInputTokens ?? inputTokenBound(o);
  if (problems.length > 0) throw new InvalidJobOptionsError(problems);

  const model = await findModel(client, { model: o.model });
  const route = await routeJob(client, {
    modelId: model.id,
    maxPricePerInputToken: maxPriceIn,
    maxPricePerOutputToken: maxPriceOut,
    minDuration: deadlineSeconds,
    redundancy: o.redundancy,
  });
  const picked = route.picked;

  // 2. The input, hashed once and sealed to each worker.
  const reply = await client.replyKey();
  const { plaintext, inputHash } = await buildJobInput(client, {
    modelHash: model.manifestHash,
    ...(o.prompt !== undefined ? { prompt: o.prompt } : { messages: o.messages! }),
    maxTokens: o.maxTokens,
    ...(o.sampling ? { sampling: o.sampling } : {}),
    replyKey: reply.publicKey,
  });

  // 3. Escrow, allowance or permit, and the post itself.
  const escrow = jobEscrow({
    redundancy: picked.length,
    maxInputTokens,
    maxOutputTokens: o.maxTokens,
    maxPricePerInputToken: maxPriceIn,
    maxPricePerOutputToken: maxPriceOut,
  });
  const held = await publicClient.readContract({
    ...c.GridToken,
    functionName: "balanceOf",
    args: [account.address],
  });
  if (held < escrow) throw new InsufficientBalanceError(account.address, held, escrow);

  const latest = await publicClient.getBlock({ blockTag: "latest" });
  const base = Math.max(Number(latest.timestamp), Math.floor(Date.now() / 1000));
  // Slack so that the mined post still gives each worker at least `deadlineSeconds`.
  const deadline = base + deadlineSeconds + Math.min(DEADLINE_SLACK_SECONDS, params.jobTimeout - deadlineSeconds);
  const request: JobRequest = {
    modelId: model.id,
    workers: picked.map((w) => w.address),
    inputHash,
    encryptedInputs: sealInputs({ workers: picked, plaintext }),
    inputURI: "",
    maxInputTokens,
    maxOutputTokens: o.maxTokens,
    maxPricePerInputToken: maxPriceIn,
    maxPricePerOutputToken: maxPriceOut,
    deadline,
  };

  // Last point at which an abort costs nothing.
  o.signal?.throwIfAborted();
  let approveHash: Hash | undefined;
  let permit: Awaited<ReturnType<typeof signPermit>> | undefined;
  if (o.usePermit) permit = await signPermit(client, { amount: escrow, deadline: BigInt(deadline) });
  else approveHash = (await ensureAllowance(client, { amount: escrow, checkBalance: false })).transactionHash;
  const post = await postJob(client, { request, ...(permit ? { permit } : {}) });
  const jobId = post.jobId;
  const postedAt = Date.now();
  const postBlock = await publicClient.getBlock({ blockNumber: post.blockNumber });
  // Chain time runs ahead of (or behind) this machine's clock by this much; the latest block
  // can be later still (a chain whose clock was moved), so the larger of the two counts.
  const chainNow = chainClock(client, Number(postBlock.timestamp) - Math.floor(postedAt / 1000));
  o.onPosted?.({
    jobId,
    transactionHash: post.transactionHash,
    blockNumber: post.blockNumber,
    workers: picked,
    escrow,
    deadline,
  });

  // 4. Stream tokens while 5. waiting for the result on chain.
  const streams = new AbortController();
  const onUserAbort = () => streams.abort();
  o.signal?.addEventListener("abort", onUserAbort, { once: true });
  const stream = streamJob(client, {
    jobId,
    workers: picked,
    replyKey: reply.privateKey,
    onToken: o.onToken,
    signal: streams.signal,
    fromBlock: post.blockNumber,
  });

  try {
    const settled = await waitForResult(client, {
      jobId,
      deadline,
      fromBlock: post.blockNumber,
      chainNow,
      signal: o.signal,
    });
    if (settled.status === "refunded") {
      if (settled.timedOut) throw new DeadlinePassedError(jobId, deadline, settled.claimTransaction);
      throw new JobDeclinedError(jobId);
    }

    // 6. Fetch every delivered output and check it against its commitment.
    const state = await getJobState(client, { jobId });
    const reports: JobWorkerReport[] = [];
    let chosen: JobOutput | undefined;
    for (const a of state.workers) {
      const w = picked.find((p) => p.address.toLowerCase() === a.address.toLowerCase());
      const endpoint = w?.endpoint ?? "";
      const submitted = settled.results.get(a.address.toLowerCase());
      const delivered = a.status === "delivered";
      const report = {
        address: a.address,
        endpoint,
        status: a.status,
        pricePerInputToken: a.pricePerInputToken,
        pricePerOutputToken: a.pricePerOutputToken,
        inputTokens: a.inputTokens,
        outputTokens: a.outputTokens,
        fee: delivered ? workerFee(a) : 0n,
        commitment: delivered ? a.commitment : null,
        resultTransaction: submitted?.transaction ?? null,
      };
      if (!delivered) {
        reports.push({ ...report, outputFetched: false, matched: false, problem: `did not deliver (${a.status})` });
        continue;
      }
      const fetched = await fetchOutput(client, { jobId, endpoint, replyKey: reply.privateKey, signal: o.signal });
      const checked = fetched.output
        ? verifyOutput({ jobId, modelHash: model.manifestHash, output: fetched.output, onChain: a })
        : { matched: false, problem: fetched.problem };
      reports.push({
        ...report,
        outputFetched: fetched.output !== undefined,
        matched: checked.matched,
        problem: checked.problem,
      });
      if (checked.matched && !chosen) chosen = fetched.output;
    }
    // Let a stream that is still catching up deliver its last tokens, briefly.
    await Promise.race([stream, sleep(STREAM_GRACE_MS)]);
    streams.abort();
    const streamed = await stream;

    const delivered = reports.filter((r) => r.status === "delivered");
    if (!chosen) {
      const fetched = delivered.filter((r) => r.outputFetched);
      if (fetched.length === 0) {
        const why = delivered.map((r) => `${r.address} (${r.endpoint}): ${r.problem}`).join("; ");
        throw new WorkerRequestError(
          delivered[0]?.endpoint ?? "",
          null,
          `job ${jobId}: the result is on chain but no worker served its output (${why}); read it later or challenge the job.`,
        );
      }
      throw new CommitmentMismatchError(
        jobId,
        fetched.map((r) => ({
          worker: r.address,
          onChain: (r.commitment ?? "0x") as Hash,
          computed: null,
          reason: r.problem ?? "mismatch",
        })),
      );
    }

    let status: JobStatusName = settled.status;
    let finalizeHash: Hash | undefined;
    if (o.waitFor === "finalized") {
      const done = await waitForFinalization(client, { jobId, chainNow, signal: o.signal });
      status = done.status;
      finalizeHash = done.transaction;
    } else {
      const now = await getJobState(client, { jobId });
      if (now.status !== "none") status = now.status;
    }

    return {
      jobId,
      model,
      text: chosen.text,
      finishReason: chosen.finishReason,
      inputTokens: chosen.inputTokens,
      outputTokens: chosen.outputTokens,
      cost: state.cost,
      escrow,
      workers: reports,
      transactions: {
        ...(approveHash ? { approve: approveHash } : {}),
        post: post.transactionHash,
        results: delivered.map((r) => r.resultTransaction).filter((h): h is Hash => h !== null),
        ...(finalizeHash ? { finalize: finalizeHash } : {}),
      },
      status,
      verified: true,
      streamedBeforeResult: streamed.firstTokenBeforeResult,
      timings: { postedAt, firstTokenAt: streamed.firstTokenAt, resultAt: settled.resultAt },
      route,
    };
  } catch (e) {
    if (o.signal?.aborted) throw new JobAbortedError(jobId);
    throw e;
  } finally {
    streams.abort();
    o.signal?.removeEventListener("abort", onUserAbort);
    await stream.catch(() => undefined);
  }
}
