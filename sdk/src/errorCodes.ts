import type { DeploymentNotFoundError, IncompleteDeploymentError } from "./addresses.ts";
import type { InvalidCommitmentInputError } from "./commitment.ts";
import type { ContractRevertError } from "./contracts.ts";
import type { DecryptionError, InvalidKeyError } from "./crypto.ts";
import {
  InferGridError,
  type CommitmentMismatchError,
  type DeadlinePassedError,
  type EventNotFoundError,
  type InactiveModelError,
  type InferGridErrorCode,
  type InsufficientBalanceError,
  type InsufficientGasError,
  type InvalidJobOptionsError,
  type JobAbortedError,
  type JobDeclinedError,
  type JobWaitTimeoutError,
  type NoEligibleWorkerError,
  type TransactionRevertedError,
  type UnknownModelError,
  type WorkerRequestError,
} from "./errors.ts";
import type { InvalidFingerprintError } from "./fingerprint.ts";
import type { AuthError } from "./protocol/messages.ts";

/** Every error class of the sdk; `switch (e.code)` on it narrows to one class. */
export type AnyInferGridError =
  | InvalidJobOptionsError
  | UnknownModelError
  | InactiveModelError
  | NoEligibleWorkerError
  | InsufficientBalanceError
  | InsufficientGasError
  | CommitmentMismatchError
  | DeadlinePassedError
  | WorkerRequestError
  | JobWaitTimeoutError
  | JobAbortedError
  | JobDeclinedError
  | ContractRevertError
  | TransactionRevertedError
  | EventNotFoundError
  | DeploymentNotFoundError
  | IncompleteDeploymentError
  | AuthError
  | DecryptionError
  | InvalidKeyError
  | InvalidCommitmentInputError
  | InvalidFingerprintError;

/** The sdk error class that carries `code`. */
export type InferGridErrorOf<C extends InferGridErrorCode> = Extract<AnyInferGridError, { code: C }>;

/**
 * Whether `e` is one of the sdk's errors (optionally: with this code).
 * @example if (isInferGridError(e, "NO_ELIGIBLE_WORKER")) console.log(e.exclusions);
 */
export function isInferGridError(e: unknown): e is AnyInferGridError;
export function isInferGridError<C extends InferGridErrorCode>(e: unknown, code: C): e is InferGridErrorOf<C>;
export function isInferGridError(e: unknown, code?: InferGridErrorCode): boolean {
  return e instanceof InferGridError && (code === undefined || e.code === code);
}

/**
 * The first sdk error with this code in `e`'s cause chain (viem and callers wrap errors), or
 * undefined.
 * @example findInferGridError(e, "CONTRACT_REVERT")?.errorName // "WorkerAtCapacity"
 */
export function findInferGridError<C extends InferGridErrorCode>(e: unknown, code: C): InferGridErrorOf<C> | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur instanceof Error && depth < 16; depth++) {
    if (isInferGridError(cur, code)) return cur;
    cur = cur.cause;
  }
  return undefined;
}
