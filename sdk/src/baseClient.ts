import {
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  http,
  type Account,
  type Chain,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import type { Deployment } from "./addresses.ts";
import { chainDeployment } from "./contracts.ts";
import { deriveEncryptionKeyPair, type EncryptionKeyPair } from "./crypto.ts";
import { InvalidJobOptionsError } from "./errors.ts";

/** The fixed message whose signature derives the poster's X25519 reply key. */
export const REPLY_KEY_MESSAGE = "InferGrid reply key v1";

export type InferGridClientOptions = {
  /** A local key that signs; give this or `walletClient`. */
  readonly account?: LocalAccount;
  /**
   * A wallet that signs and sends on its own (an injected browser wallet through wagmi); its
   * account pays. Reads still go through `publicClient` / `rpcUrl`.
   */
  readonly walletClient?: WalletClient<Transport, Chain | undefined, Account>;
  readonly rpcUrl?: string;
  readonly publicClient?: PublicClient;
  readonly deployment?: Deployment;
  /** Used for every request to a worker (health, stream, output). */
  readonly fetch?: typeof fetch;
  /** How often the chain is polled while waiting, ms (default 500). */
  readonly pollIntervalMs?: number;
  /** How long to keep asking a worker for its output after its result is on chain, ms (default 20 s). */
  readonly outputTimeoutMs?: number;
  /** How long `waitFor: "finalized"` waits for an audit or dispute to settle, s (default 2 h). */
  readonly settleTimeoutSeconds?: number;
};

export type InferGridSetup = {
  readonly chainId: number;
  readonly chain: Chain;
  readonly deployment: Deployment;
  readonly walletClient: WalletClient<Transport, Chain | undefined, Account>;
};

/**
 * What every action takes as its first argument: the account, the clients, and the settings.
 * `createInferGridClient` returns one of these with every action bound to it as a method.
 */
export type InferGridBaseClient = {
  readonly account: Account;
  readonly publicClient: PublicClient;
  /** Used for every request to a worker. */
  readonly fetch: typeof fetch;
  readonly pollIntervalMs: number;
  readonly outputTimeoutMs: number;
  readonly settleTimeoutSeconds: number;
  /** Chain id, deployment and wallet client, resolved on first use. */
  setup(): Promise<InferGridSetup>;
  /** Signs with the account (a JSON-RPC account through its wallet). */
  signMessage(message: string): Promise<Hex>;
  signTypedData: LocalAccount["signTypedData"];
  /** The poster's X25519 reply key, derived from a signature so it never needs storing. */
  replyKey(): Promise<EncryptionKeyPair>;
};

/**
 * The client the actions take: checks the options, and defers every chain read (chain id,
 * deployment) to the first action.
 * @example
 * const client = createInferGridBaseClient({ account, rpcUrl: "http://127.0.0.1:8545" });
 * const balances = await getBalances(client);
 */
export function createInferGridBaseClient(options: InferGridClientOptions): InferGridBaseClient {
  const given = options.walletClient;
  if ((options.account === undefined) === (given === undefined))
    throw new InvalidJobOptionsError(["give exactly one of account and walletClient"]);
  const account: Account = options.account ?? given!.account;
  if (!options.publicClient && !options.rpcUrl) throw new InvalidJobOptionsError(["give rpcUrl or publicClient"]);
  const publicClient: PublicClient = options.publicClient ?? createPublicClient({ transport: http(options.rpcUrl) });

  let setupPromise: Promise<InferGridSetup> | undefined;
  const setup = (): Promise<InferGridSetup> =>
    (setupPromise ??= (async () => {
      const chainId = await publicClient.getChainId();
      const chain =
        publicClient.chain ??
        defineChain({
          id: chainId,
          name: `chain ${chainId}`,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: options.rpcUrl ? [options.rpcUrl] : [] } },
        });
      const deployment = options.deployment ?? chainDeployment(chainId);
      // A local key signs here and sends through the same transport as reads; a given wallet sends itself.
      const walletClient =
        given ?? createWalletClient({ account, chain, transport: custom({ request: publicClient.request }) });
      return { chainId, chain, deployment, walletClient };
    })());

  // A JSON-RPC account cannot sign by itself: its wallet does.
  const signMessage = (message: string): Promise<Hex> =>
    options.account ? options.account.signMessage({ message }) : given!.signMessage({ account, message });
  const signTypedData: LocalAccount["signTypedData"] = (p) =>
    options.account
      ? options.account.signTypedData(p)
      : given!.signTypedData({ ...p, account } as Parameters<NonNullable<typeof given>["signTypedData"]>[0]);

  let replyKey: Promise<EncryptionKeyPair> | undefined;
  const doFetch = options.fetch ?? fetch;
  return {
    account,
    publicClient,
    // Called as a plain function: a browser's fetch throws when called as another object's method.
    fetch: (input, init) => doFetch(input, init),
    pollIntervalMs: options.pollIntervalMs ?? 500,
    outputTimeoutMs: options.outputTimeoutMs ?? 20_000,
    settleTimeoutSeconds: options.settleTimeoutSeconds ?? 7_200,
    setup,
    signMessage,
    signTypedData,
    replyKey: () => (replyKey ??= signMessage(REPLY_KEY_MESSAGE).then(deriveEncryptionKeyPair)),
  };
}
