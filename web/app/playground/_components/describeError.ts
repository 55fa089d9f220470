import { BaseError } from "viem";
import { decodeRevert } from "@infergrid/sdk";

export type Problem = { readonly title: string; readonly message: string };

/** Walks an error's cause chain for the first link matching `test`. */
function findCause(e: unknown, test: (x: { name?: unknown; code?: unknown }) => boolean): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 16; x = (x as { cause?: unknown }).cause, depth++) {
    if (typeof x === "object" && test(x as { name?: unknown; code?: unknown })) return true;
  }
  return false;
}

/**
 * What went wrong with a job, in the sdk's own words: its errors already name the values that
 * caused them and what to do; reverts are decoded to the contract's custom error.
 */
export function describeError(e: unknown): Problem {
  if (findCause(e, (x) => x.name === "UserRejectedRequestError" || x.code === 4001)) {
    return { title: "Rejected in the wallet", message: "You declined the request in your wallet. Nothing was sent." };
  }
  if (e instanceof Error) {
    switch (e.name) {
      case "AbortError":
        return {
          title: "Cancelled",
          message: "Cancelled before the job was posted. Nothing was sent and no funds moved.",
        };
      case "JobAbortedError":
        return { title: "Cancelled", message: `${e.message} The status below keeps updating.` };
      case "NoEligibleWorkerError":
        return { title: "No eligible worker", message: e.message };
      case "InsufficientBalanceError":
        return { title: "Insufficient balance", message: e.message };
      case "ContractRevertError":
        return { title: `Reverted: ${(e as Error & { errorName: string }).errorName}`, message: e.message };
    }
    const revert = decodeRevert(e);
    if (revert) return { title: `Reverted: ${revert.errorName}`, message: revert.message };
    if (e instanceof BaseError) return { title: e.name, message: e.shortMessage };
    return { title: e.name, message: e.message };
  }
  return { title: "Error", message: String(e) };
}
