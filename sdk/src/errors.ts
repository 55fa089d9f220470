import { formatEther, type Address, type Hash } from "viem";

/**
 * Errors the sdk throws. Each names the values that caused it and says what to do, so a CLI
 * can print `error.message` as it is; each has a stable `code`, so a program branches on the
 * code (`switch (e.code)` narrows to the class), never on the message.
 */

/** Every `code` an sdk error can carry. */
export type InferGridErrorCode =
  | "INVALID_JOB_OPTIONS"
  | "UNKNOWN_MODEL"
  | "INACTIVE_MODEL"
  | "NO_ELIGIBLE_WORKER"
  | "INSUFFICIENT_BALANCE"
  | "INSUFFICIENT_GAS"
  | "COMMITMENT_MISMATCH"
  | "DEADLINE_PASSED"
  | "WORKER_REQUEST_FAILED"
  | "JOB_WAIT_TIMEOUT"
  | "JOB_ABORTED"
  | "JOB_DECLINED"
  | "CONTRACT_REVERT"
  | "TRANSACTION_REVERTED"
  | "EVENT_NOT_FOUND"
  | "DEPLOYMENT_NOT_FOUND"
  | "INCOMPLETE_DEPLOYMENT"
  | "UNAUTHORIZED"
  | "DECRYPTION_FAILED"
  | "INVALID_KEY"
  | "INVALID_COMMITMENT_INPUT"
  | "INVALID_FINGERPRINT";

/** Base class, so callers can tell InferGrid's own failures from transport or programming errors. */
export abstract class InferGridError extends Error {
  override name = "InferGridError";
  abstract readonly code: InferGridErrorCode;
}

/** One problem with job options: the option it is about (a dotted path like "sampling.topP", null for none) and the text shown. */
export type JobOptionIssue = { readonly path: string | null; readonly message: string };

/** Job options that fail validation; thrown before any transaction is sent. */
export class InvalidJobOptionsError extends InferGridError {
  override name = "InvalidJobOptionsError";
  readonly code = "INVALID_JOB_OPTIONS";
  /** Each problem as text. */
  readonly issues: readonly string[];
  /** Each problem with the option it is about, in the order of `issues`. */
  readonly details: readonly JobOptionIssue[];
  constructor(issues: readonly (string | JobOptionIssue)[]) {
    const details = issues.map((i) => (typeof i === "string" ? { path: null, message: i } : i));
    const texts = details.map((d) => d.message);
    super(`invalid job options: ${texts.join("; ")}. Nothing was sent and no funds moved.`);
    this.issues = texts;
    this.details = details;
  }
}

/** No registered model matches the id, manifest hash or name. */
export class UnknownModelError extends InferGridError {
  override name = "UnknownModelError";
  readonly code = "UNKNOWN_MODEL";
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
  readonly code = "INACTIVE_MODEL";
  readonly modelId: bigint;
  constructor(modelId: bigint, name: string) {
    super(`model ${modelId} ("${name}") is deactivated and takes no new jobs; choose another model.`);
    this.modelId = modelId;
  }
}

/** Why the router left a worker out (`Exclusion.code`). */
export type ExclusionCode =
  | "EXCLUDED_BY_CALLER"
  | "NOT_REGISTERED"
  | "PAUSED"
  | "STAKE_BELOW_MINIMUM"
  | "MODEL_NOT_SERVED"
  | "INPUT_PRICE_ABOVE_MAX"
  | "OUTPUT_PRICE_ABOVE_MAX"
  | "AT_CAPACITY"
  | "DEADLINE_TOO_SHORT"
  | "HEALTH_TIMEOUT"
  | "UNREACHABLE"
  | "UNHEALTHY";

export type Exclusion = {
  readonly worker: Address;
  readonly endpoint: string;
  readonly code: ExclusionCode;
  readonly reason: string;
};

/** The router found fewer eligible workers than the job needs. */
export class NoEligibleWorkerError extends InferGridError {
  override name = "NoEligibleWorkerError";
  readonly code = "NO_ELIGIBLE_WORKER";
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
  readonly code = "INSUFFICIENT_BALANCE";
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

/** The account cannot pay the gas of a transaction; the node refused it, nothing was sent. */
export class InsufficientGasError extends InferGridError {
  override name = "InsufficientGasError";
  readonly code = "INSUFFICIENT_GAS";
  readonly account: Address;
  readonly functionName: string;
  constructor(account: Address, functionName: string, options?: ErrorOptions) {
    super(
      `${account} has too little native currency to pay gas for ${functionName}; fund it with ETH. Nothing was sent.`,
      options,
    );
    this.account = account;
    this.functionName = functionName;
  }
}

/** A worker's output does not hash to the commitment it submitted on chain. */
export class CommitmentMismatchError extends InferGridError {
  override name = "CommitmentMismatchError";
  readonly code = "COMMITMENT_MISMATCH";
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
  readonly code = "DEADLINE_PASSED";
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
  readonly code = "WORKER_REQUEST_FAILED";
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
  readonly code = "JOB_WAIT_TIMEOUT";
  readonly jobId: bigint;
  constructor(jobId: bigint, waitingFor: string, status: string) {
    super(`job ${jobId}: still "${status}" while waiting for ${waitingFor}; check later with jobStatus(${jobId}).`);
    this.jobId = jobId;
  }
}

/** The caller's signal aborted the wait; the job itself stays on chain. */
export class JobAbortedError extends InferGridError {
  override name = "JobAbortedError";
  readonly code = "JOB_ABORTED";
  readonly jobId: bigint;
  constructor(jobId: bigint) {
    super(`stopped waiting for job ${jobId} (aborted); the job stays on chain: read it with jobStatus(${jobId}).`);
    this.jobId = jobId;
  }
}

/** Every named worker declined the job; its escrow is back in the poster's market balance. */
export class JobDeclinedError extends InferGridError {
  override name = "JobDeclinedError";
  readonly code = "JOB_DECLINED";
  readonly jobId: bigint;
  constructor(jobId: bigint) {
    super(
      `job ${jobId}: every worker declined it; the escrow was credited to your market balance (withdraw()). Try again or pick other workers.`,
    );
    this.jobId = jobId;
  }
}

/** A transaction passed its simulation but reverted when mined (another transaction changed the state in between). */
export class TransactionRevertedError extends InferGridError {
  override name = "TransactionRevertedError";
  readonly code = "TRANSACTION_REVERTED";
  readonly functionName: string;
  readonly transactionHash: Hash;
  constructor(functionName: string, transactionHash: Hash) {
    super(`${functionName} transaction ${transactionHash} reverted on chain after a successful simulation; retry.`);
    this.functionName = functionName;
    this.transactionHash = transactionHash;
  }
}

/** A mined transaction lacks the event it must emit, so the address called is not the contract expected. */
export class EventNotFoundError extends InferGridError {
  override name = "EventNotFoundError";
  readonly code = "EVENT_NOT_FOUND";
  readonly eventName: string;
  readonly transactionHash: Hash;
  readonly address: Address;
  constructor(p: {
    eventName: string;
    transactionHash: Hash;
    address: Address;
    contractName: string;
    functionName: string;
  }) {
    super(
      `${p.functionName} ${p.transactionHash} mined without a ${p.eventName} event; is ${p.address} the ${p.contractName}?`,
    );
    this.eventName = p.eventName;
    this.transactionHash = p.transactionHash;
    this.address = p.address;
  }
}
