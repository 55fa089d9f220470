import { formatEther, type Address, type Hash } from "viem";

/**
 * Errors the job client, the router and the model resolver throw. Each names the values that
 * caused it and says what to do, so a CLI can print `error.message` as it is.
 */

/** Base class, so callers can tell InferGrid's own failures from transport or programming errors. */
export class InferGridError extends Error {
  override name = "InferGridError";
}

/** Job options that fail validation; thrown before any transaction is sent. */
export class InvalidJobOptionsError extends InferGridError {
  override name = "InvalidJobOptionsError";
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(`invalid job options: ${issues.join("; ")}. Nothing was sent and no funds moved.`);
    this.issues = issues;
  }
}

/** No registered model matches the id, manifest hash or name. */
export class UnknownModelError extends InferGridError {
  override name = "UnknownModelError";
  readonly model: string;
  readonly registered: readonly string[];
  constructor(model: string, registered: readonly string[]) {
    const list = registered.length === 0 ? "none is registered yet" : `registered: ${registered.join(", ")}`;
    super(`unknown model "${model}" (${list}). Pass a registered name, id or manifest hash.`);
    this.model = model;
    this.registered = registered;
  }
}

/** The model exists but the timelock deactivated it, so the market takes no jobs for it. */
export class InactiveModelError extends InferGridError {
  override name = "InactiveModelError";
  readonly modelId: bigint;
  constructor(modelId: bigint, name: string) {
    super(`model ${modelId} ("${name}") is deactivated and takes no new jobs; choose another model.`);
    this.modelId = modelId;
  }
}

export type Exclusion = { readonly worker: Address; readonly endpoint: string; readonly reason: string };

/** The router found fewer eligible workers than the job needs. */
export class NoEligibleWorkerError extends InferGridError {
  override name = "NoEligibleWorkerError";
  readonly modelId: bigint;
  readonly needed: number;
  readonly found: number;
  readonly exclusions: readonly Exclusion[];
  constructor(modelId: bigint, needed: number, found: number, exclusions: readonly Exclusion[]) {
    const why =
      exclusions.length === 0
        ? "no worker is registered"
        : exclusions.map((e) => `${e.worker}${e.endpoint ? ` (${e.endpoint})` : ""}: ${e.reason}`).join("; ");
    super(
      `need ${needed} eligible worker(s) for model ${modelId}, found ${found}. ${why}. ` +
        "Raise the max price, lower the redundancy, lengthen the deadline, or try again later. No funds moved.",
    );
    this.modelId = modelId;
    this.needed = needed;
    this.found = found;
    this.exclusions = exclusions;
  }
}

/** The account holds less GRID than the job's escrow. */
export class InsufficientBalanceError extends InferGridError {
  override name = "InsufficientBalanceError";
  readonly account: Address;
  readonly have: bigint;
  readonly need: bigint;
  constructor(account: Address, have: bigint, need: bigint) {
    super(
      `${account} holds ${formatEther(have)} GRID (${have} wei) but the escrow needs ${formatEther(need)} GRID (${need} wei). ` +
        "Fund the account, or lower maxTokens, maxInputTokens, the max price or the redundancy. No funds moved.",
    );
    this.account = account;
    this.have = have;
    this.need = need;
  }
}

/** A worker's output does not hash to the commitment it submitted on chain. */
export class CommitmentMismatchError extends InferGridError {
  override name = "CommitmentMismatchError";
  readonly jobId: bigint;
  readonly mismatches: readonly { worker: Address; onChain: Hash; computed: Hash | null; reason: string }[];
  constructor(jobId: bigint, mismatches: CommitmentMismatchError["mismatches"]) {
    super(
      `job ${jobId}: no output matches its on-chain commitment (` +
        mismatches.map((m) => `${m.worker}: ${m.reason}`).join("; ") +
        "). Do not trust the text; challenge the job within the challenge window (`challenge(jobId)`).",
    );
    this.jobId = jobId;
    this.mismatches = mismatches;
  }
}

/** Nobody delivered before the deadline; the escrow was credited back to the poster. */
export class DeadlinePassedError extends InferGridError {
  override name = "DeadlinePassedError";
  readonly jobId: bigint;
  readonly deadline: number;
  readonly claimTransaction: Hash | null;
  constructor(jobId: bigint, deadline: number, claimTransaction: Hash | null) {
    super(
      `job ${jobId}: no worker delivered by the deadline ${new Date(deadline * 1000).toISOString()}; ` +
        (claimTransaction ? `claimTimeout (${claimTransaction}) refunded the escrow` : "the job was refunded") +
        " to your market balance. Withdraw it with `withdraw()` or post again.",
    );
    this.jobId = jobId;
    this.deadline = deadline;
    this.claimTransaction = claimTransaction;
  }
}

/** A worker's HTTP endpoint answered with an error or not at all. */
export class WorkerRequestError extends InferGridError {
  override name = "WorkerRequestError";
  readonly url: string;
  readonly status: number | null;
  constructor(url: string, status: number | null, detail: string) {
    super(`${url}: ${status === null ? "" : `HTTP ${status}: `}${detail}`);
    this.url = url;
    this.status = status;
  }
}

/** The job did not reach the awaited state in time (e.g. a dispute still open). */
export class JobWaitTimeoutError extends InferGridError {
  override name = "JobWaitTimeoutError";
  readonly jobId: bigint;
  constructor(jobId: bigint, waitingFor: string, status: string) {
    super(`job ${jobId}: still "${status}" while waiting for ${waitingFor}; check later with jobStatus(${jobId}).`);
    this.jobId = jobId;
  }
}

export class JobAbortedError extends InferGridError {
  override name = "JobAbortedError";
  readonly jobId: bigint;
  constructor(jobId: bigint) {
    super(`stopped waiting for job ${jobId} (aborted); the job stays on chain: read it with jobStatus(${jobId}).`);
    this.jobId = jobId;
  }
}

export class JobDeclinedError extends InferGridError {
  override name = "JobDeclinedError";
  readonly jobId: bigint;
  constructor(jobId: bigint) {
    super(
      `job ${jobId}: every worker declined it; the escrow was credited to your market balance (withdraw()). Try again or pick other workers.`,
    );
    this.jobId = jobId;
  }
}
