// Why something failed, in the app's one vocabulary: a title for the headline and a sentence
// naming the cause. Every failed write, job and wallet request on every page is explained here:
// a rejection in the wallet, a cancelled job, the sdk's own errors (which already name the values
// that caused them and what to do), a revert decoded to the contract's custom error, or the
// node's message.
import { BaseError } from "viem";
import { decodeRevert } from "@infergrid/sdk";

export type Explanation = { readonly title: string; readonly message: string };

const MAX_CAUSES = 16;

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
  if (!(error instanceof Error)) return { title: "Error", message: String(error) };
  switch (error.name) {
    case "AbortError":
      return {
        title: "Cancelled",
        message: "Cancelled before the job was posted. Nothing was sent and no funds moved.",
      };
    case "JobAbortedError":
      return { title: "Cancelled", message: `${error.message} The status below keeps updating.` };
    case "NoEligibleWorkerError":
      return { title: "No eligible worker", message: error.message };
    case "InsufficientBalanceError":
      return { title: "Insufficient balance", message: error.message };
    case "ContractRevertError":
      return { title: `Reverted: ${(error as Error & { errorName: string }).errorName}`, message: error.message };
  }
  const revert = decodeRevert(error, functionName);
  if (revert) return { title: `Reverted: ${revert.errorName}`, message: revert.message };
  const why = error instanceof BaseError ? error.shortMessage : error.message;
  return { title: error.name, message: functionName ? `${functionName} did not go through: ${why}` : why };
}
