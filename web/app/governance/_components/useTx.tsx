"use client";
// One contract write and its receipt, with every failure explained by its cause: a decoded
// custom error (wagmi simulates the call before the wallet signs, so most reverts arrive
// decoded before anything is sent), a rejection in the wallet, or the node's message.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { TransactionReceipt } from "viem";
import { useWaitForTransactionReceipt, useWriteContract } from "wagmi";
import { explainTxError } from "@/hooks/useContractTx";

export function useTx() {
  const queryClient = useQueryClient();
  const write = useWriteContract();
  const receipt = useWaitForTransactionReceipt({ hash: write.data, query: { enabled: write.data !== undefined } });
  useEffect(() => {
    // Chain reads and subgraph queries refetch at once instead of at their next 2 s tick.
    if (receipt.data) void queryClient.invalidateQueries();
  }, [receipt.data, queryClient]);
  const error = write.error ?? receipt.error ?? null;
  return {
    writeContract: write.writeContract,
    reset: write.reset,
    hash: write.data,
    receipt: receipt.data,
    signing: write.isPending,
    busy: write.isPending || (write.data !== undefined && receipt.data === undefined && receipt.error === null),
    error: error ? explainTxError(error) : null,
  };
}

export type Tx = ReturnType<typeof useTx>;

/** Where a write stands, announced politely; the failure as an alert naming its cause. */
export function TxStatus({ tx, action, done }: { tx: Tx; action: string; done: (r: TransactionReceipt) => string }) {
  if (tx.error) {
    return (
      <p className="state error" role="alert">
        Could not {action}: {tx.error}
      </p>
    );
  }
  let text: string | null = null;
  if (tx.signing) text = "Confirm in your wallet…";
  else if (tx.hash && !tx.receipt) text = `Waiting for transaction ${tx.hash.slice(0, 10)}… to be mined…`;
  else if (tx.receipt) text = `${done(tx.receipt)} (block ${tx.receipt.blockNumber.toString()}).`;
  return (
    <p className="muted" role="status" aria-live="polite">
      {text}
    </p>
  );
}
