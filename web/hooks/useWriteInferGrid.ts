"use client";
// The app's one way to send a transaction, in the style of scaffold-eth-2's
// useScaffoldWriteContract: name the contract once, then
//
//   const tx = useWriteInferGrid({ contract: "JobMarket" });
//   const receipt = await tx.writeContractAsync({ functionName: "withdraw" }, { label: "Withdraw earnings" });
//
// with `functionName` and `args` typed from the sdk's ABI of that contract and the address taken
// from the app's deployment. Each call is simulated first from the connected account: a wallet
// that estimates gas on its own turns a revert into a bare "execution reverted", while the
// simulation keeps the revert data, which decodes to the contract's custom error before anything
// reaches the wallet. Then the wallet signs and sends, and the hook waits for the receipt.
// `status` says where the call stands, in words, for <TxStatus>.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Abi, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt } from "viem";
import { useAccount, usePublicClient, useWriteContract } from "wagmi";
import type { ContractConfig, ContractName } from "@infergrid/sdk";
import { explainError } from "@/lib/explainError";
import { useAppConfig } from "./useAppConfig";
import { useContracts } from "./useContracts";

type Mutability = "nonpayable" | "payable";
type InferGridAbi<C extends ContractName> = ContractConfig<C>["abi"];

/** The functions of contract `C` that change state. */
export type WriteFunctionName<C extends ContractName> = ContractFunctionName<InferGridAbi<C>, Mutability>;

type WriteArgs<C extends ContractName, F extends WriteFunctionName<C>> = ContractFunctionArgs<
  InferGridAbi<C>,
  Mutability,
  F
>;

/** One call of contract `C`: `args` may be left out only when the function takes none. */
export type WriteCall<C extends ContractName, F extends WriteFunctionName<C>> = {
  readonly functionName: F;
  /** Wei sent with the call (payable functions). */
  readonly value?: bigint;
} & (readonly [] extends WriteArgs<C, F> ? { readonly args?: WriteArgs<C, F> } : { readonly args: WriteArgs<C, F> });

export type WriteOptions = {
  /** What the user sees while the call runs, e.g. "Approve GRID"; the function's name by default. */
  readonly label?: string;
  /** The call's place in a sequence started by one click: [1, 2] reads "Step 1 of 2, <label>". */
  readonly step?: readonly [number, number];
  /** Words the success from the receipt; "<label>: confirmed in block N." by default. */
  readonly done?: (receipt: TransactionReceipt) => string;
};

export type WriteStatus =
  | { readonly kind: "idle" }
  /** The call runs against the latest block from the connected account; nothing is signed yet. */
  | { readonly kind: "simulating"; readonly message: string }
  /** The wallet is asked to sign and send. */
  | { readonly kind: "signing"; readonly message: string }
  /** Sent; waiting for the block. */
  | { readonly kind: "pending"; readonly message: string; readonly hash: Hash }
  | {
      readonly kind: "confirmed";
      readonly message: string;
      readonly hash: Hash;
      readonly receipt: TransactionReceipt;
    }
  /** `title` and `message` come from explainError: the decoded custom error, a rejection, the node's words. */
  | { readonly kind: "failed"; readonly title: string; readonly message: string; readonly error: unknown };

export const isBusy = (s: WriteStatus): boolean =>
  s.kind === "simulating" || s.kind === "signing" || s.kind === "pending";

export function useWriteInferGrid<C extends ContractName>({ contract }: { contract: C }) {
  const { chainId } = useAppConfig();
  const contracts = useContracts();
  const { address: account } = useAccount();
  const publicClient = usePublicClient({ chainId });
  const { writeContractAsync: send } = useWriteContract();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<WriteStatus>({ kind: "idle" });

  /**
   * Simulates, sends and waits for `call`. Resolves to the receipt, or to undefined when the call
   * failed at any stage (`status` then says why); it never throws.
   */
  const writeContractAsync = useCallback(
    async <F extends WriteFunctionName<C>>(
      call: WriteCall<C, F>,
      options: WriteOptions = {},
    ): Promise<TransactionReceipt | undefined> => {
      const functionName = call.functionName as string;
      const fail = (error: unknown): undefined => {
        setStatus({ kind: "failed", ...explainError(error, functionName), error });
        return undefined;
      };
      if (!account || !publicClient) {
        setStatus({ kind: "failed", title: "No wallet", message: "Connect a wallet first.", error: null });
        return undefined;
      }
      const { address, abi } = contracts[contract];
      // The call's types were checked against this contract's ABI at the call site.
      const request = {
        address,
        abi: abi as Abi,
        functionName,
        args: (call.args ?? []) as readonly unknown[],
        ...(call.value !== undefined ? { value: call.value } : {}),
      };
      const label = options.label ?? functionName;
      const prefix = options.step ? `Step ${options.step[0]} of ${options.step[1]}, ${label}` : label;

      setStatus({ kind: "simulating", message: `${prefix}: checking the call…` });
      try {
        await publicClient.simulateContract({ ...request, account });
      } catch (e) {
        return fail(e);
      }
      setStatus({ kind: "signing", message: `${prefix}: confirm in your wallet…` });
      let hash: Hash;
      try {
        hash = await send({ ...request, chainId });
      } catch (e) {
        return fail(e);
      }
      setStatus({ kind: "pending", message: `${prefix}: waiting for the block (tx ${hash.slice(0, 10)}…)`, hash });
      let receipt: TransactionReceipt;
      try {
        receipt = await publicClient.waitForTransactionReceipt({ hash });
      } catch (e) {
        return fail(e);
      }
      if (receipt.status !== "success") {
        setStatus({
          kind: "failed",
          title: "Reverted on chain",
          message: `${functionName} transaction ${hash} reverted on chain after a successful check; the state changed in between, try again.`,
          error: null,
        });
        return undefined;
      }
      setStatus({
        kind: "confirmed",
        message: options.done?.(receipt) ?? `${label}: confirmed in block ${receipt.blockNumber}.`,
        hash,
        receipt,
      });
      // Chain reads and subgraph rows both depend on what just changed.
      await queryClient.invalidateQueries();
      return receipt;
    },
    [account, publicClient, send, chainId, contracts, contract, queryClient],
  );

  const reset = useCallback(() => setStatus({ kind: "idle" }), []);
  return { writeContractAsync, status, reset, busy: isBusy(status) };
}

export type WriteInferGrid<C extends ContractName> = ReturnType<typeof useWriteInferGrid<C>>;
