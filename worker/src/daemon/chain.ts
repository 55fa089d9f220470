import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { nonceManager, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import type { Logger } from "pino";

/** A wallet whose nonces come from viem's nonce manager, so concurrent sends never collide. */
export type Chainlink = {
  publicClient: PublicClient;
  account: PrivateKeyAccount;
  chain: Chain;
  send: <const abi extends Abi, functionName extends ContractFunctionName<abi, "nonpayable" | "payable">>(
    call: ContractCall<abi, functionName>,
    label: string,
  ) => Promise<TransactionReceipt>;
};

/** A state-changing contract call, typed by its ABI: `{ ...contracts.JobMarket, functionName, args }`. */
export type ContractCall<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable"> = ContractFunctionName<
    abi,
    "nonpayable" | "payable"
  >,
> = {
  address: Address;
  abi: abi;
  functionName: functionName;
  args?: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
};

export class TransactionRevertedError extends Error {
  override name = "TransactionRevertedError";
  readonly label: string;
  readonly errorName: string | undefined;
  constructor(label: string, errorName: string | undefined, message: string) {
    super(`${label} reverted${errorName ? ` with ${errorName}` : ""}: ${message}`);
    this.label = label;
    this.errorName = errorName;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The custom error name of a reverted call, when there is one. */
export function revertName(e: unknown): string | undefined {
  if (!(e instanceof BaseError)) return undefined;
  const revert = e.walk((err) => err instanceof ContractFunctionRevertedError);
  return revert instanceof ContractFunctionRevertedError ? revert.data?.errorName : undefined;
}

export async function connect(
  rpcUrl: string,
  privateKey: Hex,
  log: Logger,
  pollingIntervalMs = 200,
): Promise<Chainlink> {
  // Retries at the transport survive short RPC outages; the daemon's loop survives long ones.
  const transport = http(rpcUrl, { retryCount: 3, retryDelay: 250, timeout: 10_000 });
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  const chain: Chain = chainId === hardhat.id ? hardhat : { ...hardhat, id: chainId, name: `chain-${chainId}` };
  // Receipt waits poll at this interval too, so it bounds how fast a result lands after mining.
  const publicClient = createPublicClient({ chain, transport, pollingInterval: pollingIntervalMs }) as PublicClient;
  const account = privateKeyToAccount(privateKey, { nonceManager });
  const wallet = createWalletClient({ account, chain, transport });

  // Fee quotes change slowly; asking once every few seconds saves a round trip per transaction.
  let fees: { at: number; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | null = null;
  async function currentFees() {
    if (!fees || Date.now() - fees.at > 5_000) {
      const f = await publicClient.estimateFeesPerGas();
      fees = { at: Date.now(), maxFeePerGas: f.maxFeePerGas, maxPriorityFeePerGas: f.maxPriorityFeePerGas };
    }
    return fees;
  }

  /**
   * Sends and waits. Gas estimation runs the call first, so a revert is final (no gas spent,
   * the custom error surfaces); a transient failure (RPC down, nonce race, underpriced) is
   * retried with backoff.
   */
  async function send(call: ContractCall<Abi, string>, label: string): Promise<TransactionReceipt> {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const { maxFeePerGas, maxPriorityFeePerGas } = await currentFees();
        const hash: Hash = await wallet.writeContract({ ...call, maxFeePerGas, maxPriorityFeePerGas } as Parameters<
          typeof wallet.writeContract
        >[0]);
        const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
        if (receipt.status !== "success")
          throw new TransactionRevertedError(label, undefined, `transaction ${hash} reverted`);
        log.debug({ label, hash, gasUsed: receipt.gasUsed.toString() }, "transaction mined");
        return receipt;
      } catch (e) {
        const name = revertName(e);
        if (name || e instanceof TransactionRevertedError) {
          throw e instanceof TransactionRevertedError
            ? e
            : new TransactionRevertedError(label, name, (e as Error).message.split("\n")[0]!);
        }
        if (attempt >= 6) throw e;
        // The nonce manager may have handed out a nonce for a send that never reached the node.
        nonceManager.reset({ address: account.address, chainId: chain.id });
        fees = null;
        log.warn({ label, attempt, err: (e as Error).message.split("\n")[0] }, "send failed; retrying");
        await sleep(250 * 2 ** attempt);
      }
    }
  }

  return { publicClient, account, chain, send: send as Chainlink["send"] };
}
