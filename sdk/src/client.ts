import {
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  http,
  parseEventLogs,
  parseSignature,
  toHex,
  type Address,
  type Account,
  type Chain,
  type Hash,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { z } from "zod";
import type { Deployment } from "./addresses.ts";
import { computeCommitment } from "./commitment.ts";
import {
  chainDeployment,
  ContractRevertError,
  decodeRevert,
  getContracts,
  withRevertDecoding,
  type InferGridContracts,
} from "./contracts.ts";
import { deriveEncryptionKeyPair, openJson, seal, type EncryptionKeyPair } from "./crypto.ts";
import {
  CommitmentMismatchError,
  DeadlinePassedError,
  InferGridError,
  InsufficientBalanceError,
  InvalidJobOptionsError,
  JobAbortedError,
  JobDeclinedError,
  JobWaitTimeoutError,
  WorkerRequestError,
} from "./errors.ts";
import { hashFingerprint, type FingerprintData } from "./fingerprint.ts";
import { gridTokenAbi, jobMarketAbi, protocolConfigAbi } from "@infergrid/contracts/abis";
import { listModels, resolveModel, type ModelInfo, type ModelRef } from "./models.ts";
import {
  AUTH_HEADER,
  authMessage,
  chatMessageSchema,
  encodeAuthHeader,
  encodeJobInput,
  jobInputHash,
  jobInputSchema,
  samplingSchema,
  workerRoutes,
  type AuthPurpose,
  type ChatMessage,
  type JobInput,
  type JobOutput,
} from "./protocol.ts";
import { eligibleWorkers, pickWorkers, type RankedWorker, type Route, type RouteRequest } from "./router.ts";
import { parseSse } from "./sse.ts";

/**
 * The job client: posts a job to the workers the router picks, streams the tokens, waits for
 * the result on chain, and checks the output against the worker's commitment before returning it.
 *
 * Escrow. The market escrows R x (maxInputTokens x maxPricePerInputToken + maxTokens x
 * maxPricePerOutputToken) and refunds what is not used. The SDK cannot run every model's
 * tokenizer, so unless `maxInputTokens` is given it bounds the prompt by its UTF-8 size:
 * byte-level BPE (GPT-2, Llama 3, Qwen) and SentencePiece with byte fallback never emit more
 * tokens than bytes, so the bound is the byte length of the prompt (for `messages`, of their
 * JSON, which is longer than the contents and roles) + 16 per message for the chat template's
 * role markers + 64 for special tokens and a default system prompt, capped at 2^24 - 1.
 */

/** The fixed message whose signature derives the poster's X25519 reply key. */
export const REPLY_KEY_MESSAGE = "InferGrid reply key v1";
export const MAX_TOKENS_LIMIT = 2 ** 24 - 1;
const UINT64_MAX = 2n ** 64n - 1n;
const DEFAULT_DEADLINE_SECONDS = 600;
const DEADLINE_SLACK_SECONDS = 30;
const STREAM_GRACE_MS = 2_000;

export type JobStatusName = "submitted" | "challenge" | "audit" | "disputed" | "finalized" | "refunded";
const statusNames = ["none", "submitted", "challenge", "disputed", "finalized", "refunded", "audit"] as const;
export const jobStatusName = (s: number): JobStatusName | "none" => statusNames[s] ?? "none";
const workStatusNames = ["assigned", "declined", "committed", "delivered", "timed-out"] as const;
export type WorkStatusName = (typeof workStatusNames)[number];

const price = z
  .union([z.bigint(), z.number().int()])
  .transform((v) => BigInt(v))
  .refine((v) => v >= 0n && v <= UINT64_MAX, "must be a price in GRID wei per token, 0..2^64-1");

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
    onToken: z
      .custom<(text: string, tokenId: number) => void>((v) => typeof v === "function", "onToken must be a function")
      .optional(),
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

export type JobState = {
  readonly jobId: bigint;
  readonly status: JobStatusName | "none";
  readonly poster: Address;
  readonly modelId: bigint;
  readonly deadline: number;
  readonly challengeEndsAt: number;
  readonly escrow: bigint;
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

export type Balances = {
  readonly account: Address;
  /** GRID in the wallet. */
  readonly wallet: bigint;
  /** GRID credited in the market (refunds, payouts), withdrawable with `withdraw()`. */
  readonly market: bigint;
  /** What the market may still pull from the wallet. */
  readonly allowance: bigint;
};

export type InferGridClientOptions = {
  /** A local key that signs; give this or `walletClient`. */
  readonly account?: LocalAccount;
  /**
   * A wallet that signs and sends on its own (an injected browser wallet through wagmi); its
   * account pays. Reads still go through `publicClient` / `rpcUrl`.
   */
  readonly walletClient?: WalletClient<Transport, Chain | undefined, Account>;
  readonly rpcUrl?: string;
  readonly publicClient?: PublicClient;
  readonly deployment?: Deployment;
  /** Used for every request to a worker (health, stream, output). */
  readonly fetch?: typeof fetch;
  /** How often the chain is polled while waiting, ms (default 500). */
  readonly pollIntervalMs?: number;
  /** How long to keep asking a worker for its output after its result is on chain, ms (default 20 s). */
  readonly outputTimeoutMs?: number;
  /** How long `waitFor: "finalized"` waits for an audit or dispute to settle, s (default 2 h). */
  readonly settleTimeoutSeconds?: number;
};

type Setup = {
  readonly chainId: number;
  readonly chain: Chain;
  readonly deployment: Deployment;
  readonly walletClient: WalletClient<Transport, Chain | undefined, Account>;
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

const streamTokenSchema = z.object({
  index: z.number().int().nonnegative(),
  tokenId: z.number().int().nonnegative(),
  text: z.string(),
});
const jobOutputSchema = z.object({
  text: z.string(),
  outputTokenIds: z.array(z.number().int().nonnegative()),
  // Checked by hashFingerprint itself, so this module does not pin the fingerprint layout.
  fingerprint: z.custom<FingerprintData>((v) => typeof v === "object" && v !== null),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  finishReason: z.string(),
  commitment: z.string(),
});
const outputResponseSchema = z.object({ output: z.string().regex(/^0x[0-9a-fA-F]*$/) });

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

function zodIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
}

/** Validates `runJob` options; throws `InvalidJobOptionsError` listing every problem. */
export function parseRunJobOptions(options: RunJobOptions): z.output<typeof runJobOptionsSchema> {
  const parsed = runJobOptionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidJobOptionsError(zodIssues(parsed.error));
  return parsed.data;
}

export type InferGridClient = ReturnType<typeof createInferGridClient>;

export function createInferGridClient(options: InferGridClientOptions) {
  const given = options.walletClient;
  if ((options.account === undefined) === (given === undefined))
    throw new InvalidJobOptionsError(["give exactly one of account and walletClient"]);
  const account: Account = options.account ?? given!.account;
  if (!options.publicClient && !options.rpcUrl) throw new InvalidJobOptionsError(["give rpcUrl or publicClient"]);
  const publicClient: PublicClient = options.publicClient ?? createPublicClient({ transport: http(options.rpcUrl) });
  const doFetch = options.fetch ?? fetch;
  const pollMs = options.pollIntervalMs ?? 500;
  const outputTimeoutMs = options.outputTimeoutMs ?? 20_000;
  const settleTimeoutS = options.settleTimeoutSeconds ?? 7_200;

  let setupPromise: Promise<Setup> | undefined;
  const setup = (): Promise<Setup> =>
    (setupPromise ??= (async () => {
      const chainId = await publicClient.getChainId();
      const chain =
        publicClient.chain ??
        defineChain({
          id: chainId,
          name: `chain ${chainId}`,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: options.rpcUrl ? [options.rpcUrl] : [] } },
        });
      const deployment = options.deployment ?? chainDeployment(chainId);
      // A local key signs here and sends through the same transport as reads; a given wallet sends itself.
      const walletClient =
        given ?? createWalletClient({ account, chain, transport: custom({ request: publicClient.request }) });
      return { chainId, chain, deployment, walletClient };
    })());

  // A JSON-RPC account cannot sign by itself: its wallet does.
  const signMessage = (message: string): Promise<Hex> =>
    options.account ? options.account.signMessage({ message }) : given!.signMessage({ account, message });
  const signTypedData: LocalAccount["signTypedData"] = (p) =>
    options.account
      ? options.account.signTypedData(p)
      : given!.signTypedData({ ...p, account } as Parameters<NonNullable<typeof given>["signTypedData"]>[0]);

  let replyKey: Promise<EncryptionKeyPair> | undefined;
  /** The poster's X25519 key, derived from a signature so it never needs storing. */
  const getReplyKey = () => (replyKey ??= signMessage(REPLY_KEY_MESSAGE).then(deriveEncryptionKeyPair));

  async function authHeaders(purpose: AuthPurpose, jobId: bigint): Promise<Record<string, string>> {
    const { chainId } = await setup();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await signMessage(authMessage({ purpose, chainId, jobId, timestamp }));
    return { [AUTH_HEADER]: encodeAuthHeader(account.address, timestamp, signature) };
  }

  async function confirm(hash: Hash, what: string): Promise<TransactionReceipt> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new InferGridError(`${what} transaction ${hash} reverted on chain after a successful simulation; retry.`);
    return receipt;
  }

  async function jobStatus(jobId: bigint): Promise<JobState> {
    const { deployment } = await setup();
    const [job, list] = await Promise.all([
      publicClient.readContract({
        address: deployment.JobMarket,
        abi: jobMarketAbi,
        functionName: "job",
        args: [jobId],
      }),
      publicClient.readContract({
        address: deployment.JobMarket,
        abi: jobMarketAbi,
        functionName: "assignments",
        args: [jobId],
      }),
    ]);
    const workers = list.map((a) => ({
      address: a.worker,
      status: workStatusNames[a.status] ?? "assigned",
      inputTokens: a.inputTokens,
      outputTokens: a.outputTokens,
      pricePerInputToken: a.pricePerInputToken,
      pricePerOutputToken: a.pricePerOutputToken,
      commitment: a.commitment,
    }));
    const cost = workers
      .filter((w) => w.status === "delivered")
      .reduce(
        (sum, w) => sum + BigInt(w.inputTokens) * w.pricePerInputToken + BigInt(w.outputTokens) * w.pricePerOutputToken,
        0n,
      );
    return {
      jobId,
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

  async function balances(address: Address = account.address): Promise<Balances> {
    const { deployment } = await setup();
    const [wallet, market, allowance] = await Promise.all([
      publicClient.readContract({
        address: deployment.GridToken,
        abi: gridTokenAbi,
        functionName: "balanceOf",
        args: [address],
      }),
      publicClient.readContract({
        address: deployment.JobMarket,
        abi: jobMarketAbi,
        functionName: "balanceOf",
        args: [address],
      }),
      publicClient.readContract({
        address: deployment.GridToken,
        abi: gridTokenAbi,
        functionName: "allowance",
        args: [address, deployment.JobMarket],
      }),
    ]);
    return { account: address, wallet, market, allowance };
  }

  /** Moves the account's whole credited market balance to its wallet. */
  async function withdraw(): Promise<{ amount: bigint; transaction: Hash }> {
    const { deployment, walletClient } = await setup();
    const { request } = await withRevertDecoding("withdraw", () =>
      publicClient.simulateContract({
        account,
        address: deployment.JobMarket,
        abi: jobMarketAbi,
        functionName: "withdraw",
      }),
    );
    const hash = await walletClient.writeContract(request);
    const receipt = await confirm(hash, "withdraw");
    const [log] = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "Withdrawn" });
    return { amount: log?.args.amount ?? 0n, transaction: hash };
  }

  /** Sends one market call after simulating it, so a revert surfaces as ContractRevertError first. */
  async function sendMarket(functionName: "claimTimeout" | "finalize", jobId: bigint): Promise<Hash> {
    const { deployment, walletClient } = await setup();
    const { request } = await withRevertDecoding(functionName, () =>
      publicClient.simulateContract({
        account,
        address: deployment.JobMarket,
        abi: jobMarketAbi,
        functionName,
        args: [jobId],
      }),
    );
    const hash = await walletClient.writeContract(request);
    await confirm(hash, functionName);
    return hash;
  }

  const routeContext = async () => {
    const { deployment } = await setup();
    return { publicClient, deployment, fetch: doFetch };
  };

  async function runJob(input: RunJobOptions): Promise<JobResult> {
    // 1. Everything checkable is checked before any transaction.
    const o = parseRunJobOptions(input);
    const maxPriceIn = o.maxPricePerInputToken ?? o.maxPricePerToken ?? 0n;
    const maxPriceOut = o.maxPricePerOutputToken ?? o.maxPricePerToken ?? 0n;
    const { deployment, walletClient } = await setup();
    const market = deployment.JobMarket;
    const params = await publicClient.readContract({
      address: deployment.ProtocolConfig,
      abi: protocolConfigAbi,
      functionName: "params",
    });
    const problems: string[] = [];
    if (o.redundancy > params.maxRedundancy)
      problems.push(`redundancy ${o.redundancy} is above the protocol's maxRedundancy ${params.maxRedundancy}`);
    const deadlineSeconds = o.deadlineSeconds ?? Math.min(DEFAULT_DEADLINE_SECONDS, params.jobTimeout);
    if (deadlineSeconds > params.jobTimeout)
      problems.push(`deadlineSeconds ${deadlineSeconds} is above the protocol's jobTimeout ${params.jobTimeout} s`);
    const maxInputTokens = o.maxInputTokens ?? inputTokenBound(o);
    if (problems.length > 0) throw new InvalidJobOptionsError(problems);

    const model = await resolveModel({ publicClient, deployment }, o.model);
    const routeRequest: RouteRequest = {
      modelId: model.id,
      maxPricePerInputToken: maxPriceIn,
      maxPricePerOutputToken: maxPriceOut,
      minDuration: deadlineSeconds,
      exclude: [account.address],
    };
    const route = await pickWorkers(await routeContext(), o.redundancy, routeRequest);
    const picked = route.picked;

    // 2. The input, hashed once and sealed to each worker.
    const reply = await getReplyKey();
    const jobInput: JobInput = jobInputSchema.parse({
      version: 1,
      modelHash: model.manifestHash,
      ...(o.prompt !== undefined ? { prompt: o.prompt } : { messages: o.messages }),
      sampling: { ...o.sampling, maxTokens: o.maxTokens },
      replyKey: reply.publicKey,
    });
    const plaintext = encodeJobInput(jobInput);
    const inputHash = jobInputHash(plaintext);

    // 3. Escrow, allowance or permit, and the post itself.
    const perWorker = BigInt(maxInputTokens) * maxPriceIn + BigInt(o.maxTokens) * maxPriceOut;
    const escrow = perWorker * BigInt(picked.length);
    const held = await publicClient.readContract({
      address: deployment.GridToken,
      abi: gridTokenAbi,
      functionName: "balanceOf",
      args: [account.address],
    });
    if (held < escrow) throw new InsufficientBalanceError(account.address, held, escrow);

    const latest = await publicClient.getBlock({ blockTag: "latest" });
    const base = Math.max(Number(latest.timestamp), Math.floor(Date.now() / 1000));
    // Slack so that the mined post still gives each worker at least `deadlineSeconds`.
    const deadline = base + deadlineSeconds + Math.min(DEADLINE_SLACK_SECONDS, params.jobTimeout - deadlineSeconds);
    const request = {
      modelId: model.id,
      workers: picked.map((w) => w.address),
      inputHash,
      encryptedInputs: picked.map((w) => seal(w.encryptionKey, plaintext)),
      inputURI: "",
      maxInputTokens,
      maxOutputTokens: o.maxTokens,
      maxPricePerInputToken: maxPriceIn,
      maxPricePerOutputToken: maxPriceOut,
      deadline,
    } as const;

    // Last point at which an abort costs nothing.
    o.signal?.throwIfAborted();
    let approveHash: Hash | undefined;
    let postHash: Hash;
    if (o.usePermit) {
      const permitDeadline = BigInt(deadline);
      const [domain, nonce] = await Promise.all([
        publicClient.readContract({ address: deployment.GridToken, abi: gridTokenAbi, functionName: "eip712Domain" }),
        publicClient.readContract({
          address: deployment.GridToken,
          abi: gridTokenAbi,
          functionName: "nonces",
          args: [account.address],
        }),
      ]);
      const signature = await signTypedData({
        domain: { name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] },
        types: {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        primaryType: "Permit",
        message: { owner: account.address, spender: market, value: escrow, nonce, deadline: permitDeadline },
      });
      const { r, s, v, yParity } = parseSignature(signature);
      const vNum = Number(v ?? BigInt(yParity + 27));
      const { request: sim } = await withRevertDecoding("postJobWithPermit", () =>
        publicClient.simulateContract({
          account,
          address: market,
          abi: jobMarketAbi,
          functionName: "postJobWithPermit",
          args: [request, permitDeadline, vNum, r, s],
        }),
      );
      postHash = await walletClient.writeContract(sim);
    } else {
      const allowance = await publicClient.readContract({
        address: deployment.GridToken,
        abi: gridTokenAbi,
        functionName: "allowance",
        args: [account.address, market],
      });
      if (allowance < escrow) {
        // Exactly the escrow, not an unlimited approval: the market never holds more than it needs.
        const { request: sim } = await withRevertDecoding("approve", () =>
          publicClient.simulateContract({
            account,
            address: deployment.GridToken,
            abi: gridTokenAbi,
            functionName: "approve",
            args: [market, escrow],
          }),
        );
        approveHash = await walletClient.writeContract(sim);
        await confirm(approveHash, "approve");
      }
      const { request: sim } = await withRevertDecoding("postJob", () =>
        publicClient.simulateContract({
          account,
          address: market,
          abi: jobMarketAbi,
          functionName: "postJob",
          args: [request],
        }),
      );
      postHash = await walletClient.writeContract(sim);
    }
    const postReceipt = await confirm(postHash, "postJob");
    const [posted] = parseEventLogs({ abi: jobMarketAbi, logs: postReceipt.logs, eventName: "JobPosted" });
    if (!posted)
      throw new InferGridError(`postJob ${postHash} mined without a JobPosted event; is ${market} the JobMarket?`);
    const jobId = posted.args.jobId;
    const postedAt = Date.now();
    const postBlock = await publicClient.getBlock({ blockNumber: postReceipt.blockNumber });
    // Chain time runs ahead of (or behind) this machine's clock by this much; the latest block
    // can be later still (a chain whose clock was moved), so the larger of the two counts.
    const chainOffset = Number(postBlock.timestamp) - Math.floor(postedAt / 1000);
    const chainNow = async () => {
      const block = await publicClient.getBlock({ blockTag: "latest" });
      return Math.max(Number(block.timestamp), Math.floor(Date.now() / 1000) + chainOffset);
    };

    // 4. Stream tokens while 5. waiting for the result on chain.
    const streams = new AbortController();
    const onUserAbort = () => streams.abort();
    o.signal?.addEventListener("abort", onUserAbort, { once: true });
    const stream = streamTokens({
      jobId,
      workers: picked,
      replyKey: reply.privateKey,
      onToken: o.onToken,
      signal: streams.signal,
      postBlock: postReceipt.blockNumber,
    });

    try {
      const settled = await waitForSettlement({
        jobId,
        deadline,
        fromBlock: postReceipt.blockNumber,
        redundancy: picked.length,
        chainNow,
        signal: o.signal,
      });
      const resultAt = settled.resultAt;
      if (settled.status === "refunded") {
        if (settled.timedOut) throw new DeadlinePassedError(jobId, deadline, settled.claimTransaction);
        throw new JobDeclinedError(jobId);
      }

      // 6. Fetch every delivered output and check it against its commitment.
      const state = await jobStatus(jobId);
      const reports: JobWorkerReport[] = [];
      let chosen: JobOutput | undefined;
      for (const a of state.workers) {
        const w = picked.find((p) => p.address.toLowerCase() === a.address.toLowerCase());
        const endpoint = w?.endpoint ?? "";
        const submitted = settled.results.get(a.address.toLowerCase());
        const base = {
          address: a.address,
          endpoint,
          status: a.status,
          pricePerInputToken: a.pricePerInputToken,
          pricePerOutputToken: a.pricePerOutputToken,
          inputTokens: a.inputTokens,
          outputTokens: a.outputTokens,
          fee:
            a.status === "delivered"
              ? BigInt(a.inputTokens) * a.pricePerInputToken + BigInt(a.outputTokens) * a.pricePerOutputToken
              : 0n,
          commitment: a.status === "delivered" ? a.commitment : null,
          resultTransaction: submitted?.transaction ?? null,
        };
        if (a.status !== "delivered") {
          reports.push({ ...base, outputFetched: false, matched: false, problem: `did not deliver (${a.status})` });
          continue;
        }
        const checked = await fetchAndCheckOutput({
          jobId,
          endpoint,
          modelHash: model.manifestHash,
          onChain: a,
          replyKey: reply.privateKey,
          signal: o.signal,
        });
        reports.push({
          ...base,
          outputFetched: checked.output !== undefined,
          matched: checked.matched,
          problem: checked.problem,
        });
        if (checked.matched && !chosen) chosen = checked.output;
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
        const done = await waitForFinal(jobId, chainNow, o.signal);
        status = done.status;
        finalizeHash = done.transaction;
      } else {
        const now = await jobStatus(jobId);
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
          post: postHash,
          results: delivered.map((r) => r.resultTransaction).filter((h): h is Hash => h !== null),
          ...(finalizeHash ? { finalize: finalizeHash } : {}),
        },
        status,
        verified: true,
        streamedBeforeResult: streamed.firstTokenBeforeResult,
        timings: { postedAt, firstTokenAt: streamed.firstTokenAt, resultAt },
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

  type Submitted = { commitment: Hex; transaction: Hash; inputTokens: number; outputTokens: number };
  type Settled = {
    status: JobStatusName;
    results: Map<string, Submitted>;
    resultAt: number | null;
    timedOut: boolean;
    claimTransaction: Hash | null;
  };

  /**
   * Polls the market's events for this job until its results are settled (agreed, disputed or
   * refunded). After the deadline it claims the timeout itself, so a worker that never answers
   * cannot hold the escrow.
   */
  async function waitForSettlement(p: {
    jobId: bigint;
    deadline: number;
    fromBlock: bigint;
    redundancy: number;
    chainNow: () => Promise<number>;
    signal: AbortSignal | undefined;
  }): Promise<Settled> {
    const { deployment } = await setup();
    const results = new Map<string, Submitted>();
    let resultAt: number | null = null;
    let timedOut = false;
    let claimTransaction: Hash | null = null;
    let status: JobStatusName | undefined;
    let from = p.fromBlock;
    let nextClaimAt = p.deadline + 1;
    for (;;) {
      const latest = await publicClient.getBlockNumber({ cacheTime: 0 });
      if (latest >= from) {
        const logs = await publicClient.getContractEvents({
          address: deployment.JobMarket,
          abi: jobMarketAbi,
          fromBlock: from,
          toBlock: latest,
        });
        from = latest + 1n;
        for (const log of logs) {
          const args = log.args as { jobId?: bigint };
          if (args.jobId !== p.jobId) continue;
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
      if ((await p.chainNow()) >= nextClaimAt) {
        try {
          claimTransaction = await sendMarket("claimTimeout", p.jobId);
          continue;
        } catch (e) {
          // R > 1 waits out the reveal window too; anything else is a real failure.
          if (!(e instanceof ContractRevertError)) throw e;
          if (e.errorName === "TimeoutNotReached")
            nextClaimAt = Math.max((await p.chainNow()) + 1, Number(e.args[1] ?? 0));
          else if (e.errorName !== "JobNotOpen") throw e;
        }
      }
      await sleep(pollMs, p.signal);
    }
  }

  /** Finalizes the job once its challenge window has passed (anyone may), or waits for its verdict. */
  async function waitForFinal(
    jobId: bigint,
    chainNow: () => Promise<number>,
    signal: AbortSignal | undefined,
  ): Promise<{ status: JobStatusName; transaction?: Hash }> {
    const giveUpAt = Date.now() + settleTimeoutS * 1000;
    let transaction: Hash | undefined;
    for (;;) {
      const s = await jobStatus(jobId);
      if (s.status === "finalized" || s.status === "refunded")
        return { status: s.status, ...(transaction ? { transaction } : {}) };
      if (s.status === "challenge" && (await chainNow()) >= s.challengeEndsAt) {
        try {
          transaction = await sendMarket("finalize", jobId);
          continue;
        } catch (e) {
          // Pending audit randomness or a finalize that raced ours: look again after a pause.
          const retry =
            e instanceof ContractRevertError &&
            ["RandomnessNotReady", "JobNotInChallenge", "ChallengeWindowOpen"].includes(e.errorName);
          if (!retry) throw e;
        }
      }
      if (Date.now() > giveUpAt) throw new JobWaitTimeoutError(jobId, "finalization", s.status);
      await sleep(pollMs, signal);
    }
  }

  async function fetchAndCheckOutput(p: {
    jobId: bigint;
    endpoint: string;
    modelHash: Hex;
    onChain: { commitment: Hex; outputTokens: number };
    replyKey: Hex;
    signal: AbortSignal | undefined;
  }): Promise<{ output?: JobOutput; matched: boolean; problem: string | null }> {
    const url = `${p.endpoint}${workerRoutes.output(p.jobId)}`;
    const giveUpAt = Date.now() + outputTimeoutMs;
    let last = "no answer";
    for (;;) {
      try {
        const res = await doFetch(url, {
          headers: await authHeaders("output", p.jobId),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.ok) {
          const body = outputResponseSchema.safeParse(await res.json());
          if (!body.success) return { matched: false, problem: `${url} answered without a sealed output` };
          let output: JobOutput;
          try {
            const parsed = jobOutputSchema.safeParse(openJson(p.replyKey, body.data.output as Hex));
            if (!parsed.success)
              return { matched: false, problem: `output is malformed: ${zodIssues(parsed.error).join("; ")}` };
            output = parsed.data as JobOutput;
          } catch (e) {
            return { matched: false, problem: `cannot open the output: ${e instanceof Error ? e.message : String(e)}` };
          }
          return { output, ...checkOutput(output, p) };
        }
        last = `HTTP ${res.status}`;
        // 404: the worker has not stored it yet; anything else will not get better by waiting.
        if (res.status !== 404) return { matched: false, problem: `${url} answered ${last}` };
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      }
      if (Date.now() > giveUpAt) return { matched: false, problem: `${url}: ${last} after ${outputTimeoutMs} ms` };
      await sleep(pollMs, p.signal);
    }
  }

  function checkOutput(
    output: JobOutput,
    p: { jobId: bigint; modelHash: Hex; onChain: { commitment: Hex; outputTokens: number } },
  ): { matched: boolean; problem: string | null } {
    let computed: Hex;
    try {
      computed = computeCommitment({
        jobId: toHex(p.jobId, { size: 32 }),
        modelHash: p.modelHash,
        outputTokenIds: output.outputTokenIds,
        fingerprint: hashFingerprint(output.fingerprint),
      });
    } catch (e) {
      return { matched: false, problem: `output cannot be hashed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (computed.toLowerCase() !== p.onChain.commitment.toLowerCase()) {
      return { matched: false, problem: `output hashes to ${computed}, the chain holds ${p.onChain.commitment}` };
    }
    if (output.outputTokenIds.length !== p.onChain.outputTokens) {
      return {
        matched: false,
        problem: `output has ${output.outputTokenIds.length} tokens, the worker billed ${p.onChain.outputTokens}`,
      };
    }
    return { matched: true, problem: null };
  }

  /**
   * Streams from every picked worker until one sends a token, then follows that one only (the
   * tokens are the same when workers agree, and mixing two streams would garble a dispute).
   * Reconnects while a worker does not know the job yet (404) or is unreachable.
   */
  async function streamTokens(p: {
    jobId: bigint;
    workers: readonly RankedWorker[];
    replyKey: Hex;
    onToken: ((text: string, tokenId: number) => void) | undefined;
    signal: AbortSignal;
    postBlock: bigint;
  }): Promise<{ firstTokenAt: number | null; firstTokenBeforeResult: boolean }> {
    const { deployment } = await setup();
    let source: Address | undefined;
    let firstTokenAt: number | null = null;
    let beforeResult: Promise<boolean> = Promise.resolve(false);
    let nextIndex = 0;
    // One controller per worker, so choosing the source stops the others and only them.
    const followers = p.workers.map((w) => ({ w, controller: new AbortController() }));
    p.signal.addEventListener(
      "abort",
      () => {
        for (const f of followers) f.controller.abort();
      },
      { once: true },
    );

    const follow = async (w: RankedWorker, stop: AbortSignal) => {
      const url = `${w.endpoint}${workerRoutes.stream(p.jobId)}`;
      while (!stop.aborted && (source === undefined || source === w.address)) {
        try {
          const res = await doFetch(url, {
            headers: { accept: "text/event-stream", ...(await authHeaders("stream", p.jobId)) },
            signal: stop,
          });
          if (!res.ok || !res.body) {
            await res.body?.cancel();
            await sleep(pollMs, stop);
            continue;
          }
          for await (const ev of parseSse(res.body)) {
            if (ev.event === "done") return;
            if (ev.event === "error") throw new WorkerRequestError(url, res.status, ev.data);
            if (ev.event !== "token") continue;
            const token = streamTokenSchema.parse(openJson(p.replyKey, ev.data as Hex));
            if (source === undefined) {
              source = w.address;
              for (const f of followers) if (f.w.address !== w.address) f.controller.abort();
              firstTokenAt = Date.now();
              // Was any result for this job mined when the first token arrived? Asked now, so a
              // result mined in between makes the answer "no": it errs on the modest side.
              beforeResult = publicClient
                .getContractEvents({
                  address: deployment.JobMarket,
                  abi: jobMarketAbi,
                  eventName: "ResultSubmitted",
                  args: { jobId: p.jobId },
                  fromBlock: p.postBlock,
                })
                .then((logs) => logs.length === 0);
            }
            if (source !== w.address) return;
            // Replays after a reconnect repeat tokens already shown.
            if (token.index < nextIndex) continue;
            nextIndex = token.index + 1;
            p.onToken?.(token.text, token.tokenId);
          }
          // The connection ended without `done`: reconnect; the worker replays, the index skips repeats.
          await sleep(pollMs, stop);
        } catch (e) {
          if (stop.aborted) return;
          if (e instanceof WorkerRequestError || e instanceof z.ZodError) return;
          await sleep(pollMs, stop).catch(() => undefined);
        }
      }
    };
    await Promise.all(followers.map((f) => follow(f.w, f.controller.signal).catch(() => undefined)));
    return { firstTokenAt, firstTokenBeforeResult: await beforeResult.catch(() => false) };
  }

  return {
    account,
    publicClient,
    /** Chain id, deployment and wallet client, resolved on first use. */
    setup,
    contracts: async (): Promise<InferGridContracts<{ public: PublicClient; wallet: Setup["walletClient"] }>> => {
      const s = await setup();
      return getContracts({ publicClient, walletClient: s.walletClient, deployment: s.deployment });
    },
    resolveModel: async (ref: ModelRef) => resolveModel(await routeContext(), ref),
    listModels: async () => listModels(await routeContext()),
    eligibleWorkers: async (req: RouteRequest) => eligibleWorkers(await routeContext(), req),
    pickWorkers: async (n: number, req: RouteRequest) => pickWorkers(await routeContext(), n, req),
    replyKey: getReplyKey,
    runJob,
    jobStatus,
    balances,
    withdraw,
    finalize: (jobId: bigint) => sendMarket("finalize", jobId),
    claimTimeout: (jobId: bigint) => sendMarket("claimTimeout", jobId),
    decodeRevert,
  };
}
