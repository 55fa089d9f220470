// What several actions share: waiting, sending a checked transaction, signed worker requests.
import {
  BaseError,
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type TransactionReceipt,
} from "viem";
import type { Deployment } from "../addresses.ts";
import type { InferGridBaseClient } from "../baseClient.ts";
import { decodeRevert } from "../contracts.ts";
import { InsufficientGasError, TransactionRevertedError } from "../errors.ts";
import { AUTH_HEADER, authMessage, encodeAuthHeader, type AuthPurpose } from "../protocol/messages.ts";
import type { RouterContext } from "../router.ts";

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Waits for the receipt; a transaction that reverted when mined throws `TransactionRevertedError`. */
export async function confirm(
  client: InferGridBaseClient,
  hash: Hash,
  functionName: string,
): Promise<TransactionReceipt> {
  const receipt = await client.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError(functionName, hash);
  return receipt;
}

/**
 * Whether the node refused a transaction because the sender cannot pay its gas. Nodes give no
 * distinct JSON-RPC code for it (-32000, "invalid input"), so this is the one place that reads
 * the node's wording: geth's "insufficient funds" (which viem also names InsufficientFundsError)
 * and Hardhat's "doesn't have enough funds".
 */
function isInsufficientFunds(e: unknown): boolean {
  if (!(e instanceof BaseError)) return false;
  const wording = /insufficient funds|doesn't have enough funds/i;
  return e.walk((x) => x instanceof Error && (x.name === "InsufficientFundsError" || wording.test(x.message))) !== null;
}

export type ContractCall<abi extends Abi, functionName extends ContractFunctionName<abi, "nonpayable" | "payable">> = {
  readonly address: `0x${string}`;
  readonly abi: abi;
  readonly functionName: functionName;
  readonly args?: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
};

/**
 * Simulates a contract call, sends it from the client's account and waits for it to be mined.
 * A revert (in the simulation, or in the gas estimate when state changed since) throws
 * `ContractRevertError`; a sender without gas money `InsufficientGasError`; a transaction that
 * reverts when mined `TransactionRevertedError`.
 */
export async function sendContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  client: InferGridBaseClient,
  call: ContractCall<abi, functionName>,
  options: { readonly onSent?: (hash: Hash) => void } = {},
): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  const { walletClient } = await client.setup();
  const fn = String(call.functionName);
  let hash: Hash;
  try {
    const { request } = await client.publicClient.simulateContract({
      ...call,
      account: client.account,
    } as never);
    hash = await walletClient.writeContract(request as never);
  } catch (e) {
    const revert = decodeRevert(e, fn);
    if (revert) throw revert;
    if (isInsufficientFunds(e)) throw new InsufficientGasError(client.account.address, fn, { cause: e });
    throw e;
  }
  options.onSent?.(hash);
  return { hash, receipt: await confirm(client, hash, fn) };
}

/** The signed header a worker checks on the poster's stream and output requests. */
export async function authHeaders(
  client: InferGridBaseClient,
  purpose: AuthPurpose,
  jobId: bigint,
): Promise<Record<string, string>> {
  const { chainId } = await client.setup();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = await client.signMessage(authMessage({ purpose, chainId, jobId, timestamp }));
  return { [AUTH_HEADER]: encodeAuthHeader(client.account.address, timestamp, signature) };
}

/** What the router and the model lookups read through. */
export async function routerContext(client: InferGridBaseClient): Promise<RouterContext & { deployment: Deployment }> {
  const { deployment } = await client.setup();
  return { publicClient: client.publicClient, deployment, fetch: client.fetch };
}

/**
 * The chain's now, in seconds: the later of the latest block's timestamp and this machine's
 * clock shifted by `offsetSeconds` (how far chain time ran ahead of the clock when the job was
 * posted); a chain whose clock was moved can be later still.
 */
export function chainClock(client: InferGridBaseClient, offsetSeconds = 0): () => Promise<number> {
  return async () => {
    const block = await client.publicClient.getBlock({ blockTag: "latest" });
    return Math.max(Number(block.timestamp), Math.floor(Date.now() / 1000) + offsetSeconds);
  };
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
