"use client";
// Sends one or more contract calls from the connected wallet, one after another, and says what
// happened in words. Each call is simulated first with the connected account as the sender: a
// wallet that estimates gas on its own turns a revert into a bare "execution reverted", while the
// simulation keeps the revert data, which decodes to the contract's custom error.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { BaseError, UserRejectedRequestError, type Address, type Hash, type Hex, type TransactionReceipt } from "viem";
import { useAccount, usePublicClient, useSendTransaction } from "wagmi";
import { decodeRevert } from "@infergrid/sdk";

export type TxStep = {
  /** What the user sees while this call runs, e.g. "Approve GRID". */
  readonly label: string;
  readonly to: Address;
  /** Calldata from viem's encodeFunctionData with the sdk's ABI (typed at the call site). */
  readonly data: Hex;
  /** Names the call in decoded errors, e.g. "register reverted with ManifestAlreadyRegistered(...)". */
  readonly functionName: string;
};

export type TxStatus =
  | { readonly kind: "idle" }
  | { readonly kind: "pending"; readonly message: string }
  | { readonly kind: "done"; readonly message: string; readonly hash: Hash }
  | { readonly kind: "error"; readonly message: string };

/** Why a write failed, in words: the decoded custom error, a rejection in the wallet, or the node's message. */
export function explainTxError(error: unknown, functionName?: string): string {
  const revert = decodeRevert(error, functionName);
  if (revert) return revert.message;
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UserRejectedRequestError || (e as { code?: unknown }).code === 4001)
      return "you rejected the request in your wallet; nothing was sent.";
  }
  return error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
}

/** A failed call in one sentence: the decoded custom error when there is one, never a bare "failed". */
export function describeTxError(error: unknown, functionName: string): string {
  const why = explainTxError(error, functionName);
  if (decodeRevert(error, functionName)) return why;
  return why.startsWith("you rejected") ? `${functionName}: ${why}` : `${functionName} did not go through: ${why}`;
}

export function useContractTx() {
  const { address } = useAccount();
  const publicClient = usePublicClient();
  const { sendTransactionAsync } = useSendTransaction();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TxStatus>({ kind: "idle" });

  /**
   * Runs the steps in order and stops at the first failure. `done` words the success from the
   * last receipt. Returns the receipts, or undefined when a step failed (the status says why).
   */
  const run = useCallback(
    async (
      steps: readonly TxStep[],
      done: (receipt: TransactionReceipt) => string,
    ): Promise<TransactionReceipt[] | undefined> => {
      if (!address || !publicClient) {
        setStatus({ kind: "error", message: "Connect a wallet first." });
        return undefined;
      }
      const receipts: TransactionReceipt[] = [];
      for (const [i, step] of steps.entries()) {
        const prefix = steps.length > 1 ? `Step ${i + 1} of ${steps.length}, ${step.label}` : step.label;
        setStatus({ kind: "pending", message: `${prefix}: checking the call…` });
        try {
          await publicClient.call({ account: address, to: step.to, data: step.data });
        } catch (e) {
          setStatus({ kind: "error", message: describeTxError(e, step.functionName) });
          return undefined;
        }
        setStatus({ kind: "pending", message: `${prefix}: confirm in your wallet…` });
        let hash: Hash;
        try {
          hash = await sendTransactionAsync({ to: step.to, data: step.data });
        } catch (e) {
          setStatus({ kind: "error", message: describeTxError(e, step.functionName) });
          return undefined;
        }
        setStatus({ kind: "pending", message: `${prefix}: waiting for the block (tx ${hash.slice(0, 10)}…)` });
        let receipt: TransactionReceipt;
        try {
          receipt = await publicClient.waitForTransactionReceipt({ hash });
        } catch (e) {
          setStatus({ kind: "error", message: describeTxError(e, step.functionName) });
          return undefined;
        }
        if (receipt.status !== "success") {
          setStatus({
            kind: "error",
            message: `${step.functionName} transaction ${hash} reverted on chain after a successful check; the state changed in between, try again.`,
          });
          return undefined;
        }
        receipts.push(receipt);
      }
      const last = receipts[receipts.length - 1]!;
      setStatus({ kind: "done", message: done(last), hash: last.transactionHash });
      // Chain reads and subgraph rows both depend on what just changed.
      await queryClient.invalidateQueries();
      return receipts;
    },
    [address, publicClient, sendTransactionAsync, queryClient],
  );

  const reset = useCallback(() => setStatus({ kind: "idle" }), []);
  return {
    status,
    run,
    reset,
    busy: status.kind === "pending",
    fail: (message: string) => setStatus({ kind: "error", message }),
  };
}
