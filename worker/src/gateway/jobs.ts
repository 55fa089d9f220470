import {
  createPublicClient,
  custom,
  defineChain,
  http,
  type Chain,
  type Hash,
  type Hex,
  type LocalAccount,
  type NonceManager,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  createInferGridClient,
  ensureAllowance,
  findInferGridError,
  inputTokenBound,
  isInferGridError,
  jobEscrow,
  type Deployment,
  type JobResult,
} from "@infergrid/sdk";
import type { Logger } from "pino";
import type { JobRequest } from "./requests.ts";

/**
 * Runs one request as one on-chain job through the SDK's `runJob`, paid by the operator.
 *
 * - The job id and the post transaction are known as soon as the post is mined, before
 *   `runJob` returns (its `onPosted`), so a stream's headers carry the job id before the first
 *   token.
 * - Nonces: concurrent jobs share one account, so its transactions go out one at a time: a
 *   nonce is handed out only once the previous transaction was sent or given up (a post whose
 *   gas estimate fails never leaves a gap that would stall every later transaction).
 * - Allowance: before a job, the market's allowance is topped up to `approval` (unlimited by
 *   default) under a lock, so the SDK never sends its own per-job approval, which would race.
 * - Capacity: when every otherwise eligible worker is at capacity (or too busy to answer its
 *   health check in time), or a post loses the race for a worker's last slot (nothing is
 *   posted, no GRID moves), the job is routed again after a short pause, for up to
 *   `capacityWaitMs`; then the request is answered 503.
 * - Nothing aborts a posted job: a client that goes away does not stop it (the escrow is paid
 *   and refunded as usual).
 */

export type Posted = { readonly jobId: bigint; readonly transaction: Hash };

export type RunningJob = {
  /** Resolves once the post is mined; never rejects (stays pending if nothing was posted). */
  readonly posted: Promise<Posted>;
  /** The SDK's result, or its error. */
  readonly done: Promise<JobResult>;
};

export type JobRunnerOptions = {
  readonly rpcUrl: string;
  readonly privateKey: Hex;
  readonly deployment: Deployment;
  readonly chainId: number;
  readonly redundancy: number;
  readonly maxPricePerToken: bigint;
  readonly deadlineSeconds: number | undefined;
  readonly approval: bigint;
  readonly capacityWaitMs: number;
  readonly pollIntervalMs: number;
  readonly log: Logger;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Errors after which nothing was posted and another routing may succeed once a slot frees up. */
export function isCapacityRace(e: unknown): boolean {
  // A worker at capacity frees a slot when a job ends; one too busy to answer its health check in time is busy, not gone.
  if (isInferGridError(e, "NO_ELIGIBLE_WORKER"))
    return e.exclusions.some((x) => x.code === "AT_CAPACITY" || x.code === "HEALTH_TIMEOUT");
  // Another post took the last slot between routing and this post's simulation or gas estimate ...
  if (findInferGridError(e, "CONTRACT_REVERT")?.errorName === "WorkerAtCapacity") return true;
  // ... or between its simulation and its mining.
  return isInferGridError(e, "TRANSACTION_REVERTED") && e.functionName === "postJob";
}

/**
 * A nonce manager for one account whose every transaction is sent through `sent`-reporting
 * transports: `consume` waits until the previous nonce was sent (next nonce) or given up (same
 * nonce again, re-read from the chain), so nonces never skip and never repeat.
 */
export function createSerialNonceManager(pendingCount: () => Promise<number>, holdLimitMs = 30_000) {
  let next: number | undefined;
  let queue: Promise<void> = Promise.resolve();
  let settle: ((sent: boolean) => void) | undefined;
  const manager: NonceManager = {
    consume: () => {
      const turn = queue.then(async () => {
        next ??= await pendingCount();
        const nonce = next;
        const released = new Promise<void>((resolve) => {
          const timer = setTimeout(() => finish(false), holdLimitMs);
          const finish = (sent: boolean) => {
            if (settle !== finish) return;
            clearTimeout(timer);
            settle = undefined;
            // Sent: the next nonce follows. Not sent (or unknown): ask the chain again.
            next = sent ? nonce + 1 : undefined;
            resolve();
          };
          settle = finish;
        });
        return { nonce, released };
      });
      queue = turn.then(
        (t) => t.released,
        () => {
          next = undefined;
        },
      );
      return turn.then((t) => t.nonce);
    },
    get: async () => next ?? (await pendingCount()),
    increment: () => undefined,
    reset: () => settle?.(false),
  };
  return { manager, sent: (ok: boolean) => settle?.(ok) };
}

export function createJobRunner(o: JobRunnerOptions) {
  const chain: Chain = defineChain({
    id: o.chainId,
    name: `chain ${o.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [o.rpcUrl] } },
  });
  const base = createPublicClient({ chain, transport: http(o.rpcUrl) });
  const address = privateKeyToAccount(o.privateKey).address;
  const nonces = createSerialNonceManager(() => base.getTransactionCount({ address, blockTag: "pending" }));
  const account: LocalAccount = privateKeyToAccount(o.privateKey, { nonceManager: nonces.manager });

  /** Every request of this account's SDK client; reports each send to the nonce manager. */
  async function send(args: { method: string; params?: unknown }): Promise<unknown> {
    if (args.method !== "eth_sendRawTransaction") return base.request(args as never);
    try {
      const hash: unknown = await base.request(args as never);
      nonces.sent(true);
      return hash;
    } catch (e) {
      nonces.sent(false);
      throw e;
    }
  }
  const publicClient = createPublicClient({
    chain,
    transport: custom({ request: send }, { retryCount: 0 }),
  }) as PublicClient;
  const client = createInferGridClient({
    account,
    publicClient,
    deployment: o.deployment,
    pollIntervalMs: o.pollIntervalMs,
  });

  let allowanceLock: Promise<unknown> = Promise.resolve();
  /** Makes sure the market may pull `escrow`; throws InsufficientBalanceError when the wallet cannot cover it. */
  function ensureFunds(escrow: bigint): Promise<void> {
    const next = allowanceLock.then(async () => {
      const { transactionHash } = await ensureAllowance(client, { amount: escrow, approve: o.approval });
      if (transactionHash) {
        const amount = o.approval > escrow ? o.approval : escrow;
        o.log.info({ amount: amount.toString(), tx: transactionHash }, "approved the market to pull GRID for jobs");
      }
    });
    allowanceLock = next.catch(() => undefined);
    return next;
  }

  /** Starts one job; see RunningJob. `onToken` gets each streamed token's text. */
  function run(req: JobRequest, onToken: (text: string) => void): RunningJob {
    let resolvePosted!: (p: Posted) => void;
    let posted: Posted | undefined;
    const postedPromise = new Promise<Posted>((r) => (resolvePosted = r));
    const redundancy = req.redundancy ?? o.redundancy;
    const maxPricePerToken = req.maxPricePerToken ?? o.maxPricePerToken;
    const deadlineSeconds = req.deadlineSeconds ?? o.deadlineSeconds;
    const maxInputTokens = inputTokenBound(req.input);
    const escrow = jobEscrow({
      redundancy,
      maxInputTokens,
      maxOutputTokens: req.maxTokens,
      maxPricePerInputToken: maxPricePerToken,
      maxPricePerOutputToken: maxPricePerToken,
    });

    const done = (async () => {
      const giveUpAt = Date.now() + o.capacityWaitMs;
      for (let attempt = 1; ; attempt++) {
        await ensureFunds(escrow);
        try {
          return await client.runJob({
            model: req.model,
            ...req.input,
            maxTokens: req.maxTokens,
            maxInputTokens,
            maxPricePerToken,
            redundancy,
            ...(Object.keys(req.sampling).length > 0 ? { sampling: req.sampling } : {}),
            ...(deadlineSeconds !== undefined ? { deadlineSeconds } : {}),
            onPosted: (p) => {
              posted = { jobId: p.jobId, transaction: p.transactionHash };
              resolvePosted(posted);
            },
            onToken: (text) => onToken(text),
          });
        } catch (e) {
          if (posted || !isCapacityRace(e) || Date.now() > giveUpAt) throw e;
          o.log.debug(
            { attempt, err: e instanceof Error ? e.message.split("\n")[0] : String(e) },
            "every eligible worker is busy; routing again",
          );
          // Backs off (0.2 s growing to 2 s, jittered) so that a crowd of waiting requests does not flood the chain with routing reads.
          await sleep(Math.min(2_000, 200 * 1.5 ** (attempt - 1)) * (0.5 + Math.random()));
        }
      }
    })();
    return { posted: postedPromise, done };
  }

  return { run, account, client, publicClient: base };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
