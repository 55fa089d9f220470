// Why something failed, in the app's one vocabulary: a title for the headline and a sentence
// naming the cause. Every failed write, job and wallet request on every page is explained here:
// a rejection in the wallet, a cancelled job, the sdk's own errors (branched on their stable
// `code`; their messages already name the values that caused them and what to do), a revert
// decoded to the contract's custom error, or the node's message.
import { BaseError } from "viem";
import { decodeRevert, isInferGridError, type InferGridErrorCode } from "@infergrid/sdk";

export type Explanation = { readonly title: string; readonly message: string };

const MAX_CAUSES = 16;

/** The headline of each sdk error; a new code fails to compile until it has one. */
const titles: Record<InferGridErrorCode, string> = {
  INVALID_JOB_OPTIONS: "Invalid job options",
  UNKNOWN_MODEL: "Unknown model",
  INACTIVE_MODEL: "Model deactivated",
  NO_ELIGIBLE_WORKER: "No eligible worker",
  INSUFFICIENT_BALANCE: "Insufficient balance",
  INSUFFICIENT_GAS: "Not enough for gas",
  COMMITMENT_MISMATCH: "Output does not match its commitment",
  DEADLINE_PASSED: "Deadline passed",
  WORKER_REQUEST_FAILED: "Worker unreachable",
  JOB_WAIT_TIMEOUT: "Still waiting",
  JOB_ABORTED: "Cancelled",
  JOB_DECLINED: "Declined by every worker",
  CONTRACT_REVERT: "Reverted",
  TRANSACTION_REVERTED: "Reverted on chain",
  EVENT_NOT_FOUND: "Event not found",
  DEPLOYMENT_NOT_FOUND: "Not deployed",
  INCOMPLETE_DEPLOYMENT: "Incomplete deployment",
  UNAUTHORIZED: "Not authorized",
  DECRYPTION_FAILED: "Could not decrypt",
  INVALID_KEY: "Invalid key",
  INVALID_COMMITMENT_INPUT: "Invalid commitment input",
  INVALID_FINGERPRINT: "Invalid fingerprint",
};

/** The first link of an error's cause chain for which `test` holds. */
function findCause(e: unknown, test: (x: { name?: unknown; code?: unknown }) => boolean): boolean {
  for (let x: unknown = e, depth = 0; x && depth < MAX_CAUSES; x = (x as { cause?: unknown }).cause, depth++) {
    if (typeof x === "object" && test(x as { name?: unknown; code?: unknown })) return true;
  }
  return false;
}

/** EIP-1193's "user rejected the request" (4001), or viem's class for it, anywhere in the chain. */
export const isUserRejection = (e: unknown): boolean =>
  findCause(e, (x) => x.name === "UserRejectedRequestError" || x.code === 4001);

/**
 * Explains `error`. `functionName` names the contract call that failed, for a write: a revert
 * reads "register reverted with ManifestAlreadyRegistered(…): …", anything else "register did
 * not go through: …".
 */
export function explainError(error: unknown, functionName?: string): Explanation {
  if (isUserRejection(error)) {
    return { title: "Rejected in the wallet", message: "You declined the request in your wallet. Nothing was sent." };
  }
  if (isInferGridError(error)) {
    switch (error.code) {
      case "JOB_ABORTED":
        return { title: titles.JOB_ABORTED, message: `${error.message} The status below keeps updating.` };
      case "CONTRACT_REVERT":
        return { title: `${titles.CONTRACT_REVERT}: ${error.errorName}`, message: error.message };
      default:
        return { title: titles[error.code], message: error.message };
    }
  }
  if (!(error instanceof Error)) return { title: "Error", message: String(error) };
  // AbortSignal's reason: the job was cancelled before anything was sent.
  if (error.name === "AbortError") {
    return { title: "Cancelled", message: "Cancelled before the job was posted. Nothing was sent and no funds moved." };
  }
  const revert = decodeRevert(error, functionName);
  if (revert) return { title: `${titles.CONTRACT_REVERT}: ${revert.errorName}`, message: revert.message };
  const why = error instanceof BaseError ? error.shortMessage : error.message;
  return { title: error.name, message: functionName ? `${functionName} did not go through: ${why}` : why };
}
