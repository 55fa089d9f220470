// The test's EIP-1193 wallet: a provider injected into the page whose every request crosses to
// the test process (page.exposeFunction), which signs with a Hardhat test key through viem and
// forwards reads to the local node. The page cannot tell it from an extension wallet.
import type { BrowserContext } from "playwright-core";
import {
  createWalletClient,
  http,
  numberToHex,
  type Hex,
  type PrivateKeyAccount,
  type TypedDataDefinition,
} from "viem";
import { hardhat } from "viem/chains";

type RpcRequest = { method: string; params?: unknown[] };
type RpcAnswer = { result?: unknown; error?: { code: number; message: string; data?: unknown } };

/** Runs in the page before any of its scripts. */
const INJECTED = `(() => {
  const listeners = {};
  const provider = {
    isInferGridTestWallet: true,
    async request({ method, params }) {
      const answer = JSON.parse(await window.__infergridWallet(JSON.stringify({ method, params: params ?? [] })));
      if (answer.error) {
        const e = new Error(answer.error.message);
        e.code = answer.error.code;
        e.data = answer.error.data;
        throw e;
      }
      if (method === "eth_requestAccounts") (listeners.accountsChanged ?? []).forEach((f) => f(answer.result));
      return answer.result;
    },
    on(event, fn) { (listeners[event] ??= []).push(fn); return provider; },
    removeListener(event, fn) { listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn); return provider; },
  };
  window.ethereum = provider;
  const info = { uuid: "6f1b1e0e-5b7e-4a51-9d3c-7a8c0c1d2e3f", name: "InferGrid Test Wallet", icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>", rdns: "dev.infergrid.testwallet" };
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();`;

export type WalletLog = { method: string; ok: boolean }[];

/** Installs the wallet for `account` in every page of `context`; returns the log of requests it served. */
export async function installWallet(
  context: BrowserContext,
  account: PrivateKeyAccount,
  rpcUrl: string,
): Promise<WalletLog> {
  const log: WalletLog = [];
  const wallet = createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) });
  let connected = false;
  const forward = async (req: RpcRequest): Promise<RpcAnswer> => {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, ...req }),
    });
    const body = (await res.json()) as RpcAnswer;
    return body.error ? { error: body.error } : { result: body.result };
  };
  const handle = async (req: RpcRequest): Promise<RpcAnswer> => {
    const p = req.params ?? [];
    switch (req.method) {
      case "eth_requestAccounts":
        connected = true;
        return { result: [account.address] };
      case "eth_accounts":
        return { result: connected ? [account.address] : [] };
      case "eth_chainId":
        return { result: numberToHex(hardhat.id) };
      case "net_version":
        return { result: String(hardhat.id) };
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain":
        return { result: null };
      case "wallet_requestPermissions":
        connected = true;
        return { result: [{ parentCapability: "eth_accounts" }] };
      case "wallet_getPermissions":
        return { result: connected ? [{ parentCapability: "eth_accounts" }] : [] };
      case "wallet_revokePermissions":
        connected = false;
        return { result: null };
      case "personal_sign":
        return { result: await account.signMessage({ message: { raw: p[0] as Hex } }) };
      case "eth_signTypedData_v4": {
        const typed = JSON.parse(p[1] as string) as TypedDataDefinition & { types: Record<string, unknown> };
        delete typed.types.EIP712Domain;
        return { result: await account.signTypedData(typed) };
      }
      case "eth_sendTransaction": {
        const tx = p[0] as { to?: Hex; data?: Hex; value?: Hex; gas?: Hex };
        const hash = await wallet.sendTransaction({
          to: tx.to ?? null,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas: tx.gas ? BigInt(tx.gas) : undefined,
        });
        return { result: hash };
      }
      default:
        if (req.method.startsWith("wallet_"))
          return { error: { code: 4200, message: `${req.method} is not supported by the test wallet` } };
        return forward(req);
    }
  };
  await context.exposeFunction("__infergridWallet", async (raw: string) => {
    const req = JSON.parse(raw) as RpcRequest;
    try {
      const answer = await handle(req);
      log.push({ method: req.method, ok: !answer.error });
      return JSON.stringify(answer);
    } catch (e) {
      log.push({ method: req.method, ok: false });
      const message = (e as { shortMessage?: string; message: string }).shortMessage ?? (e as Error).message;
      return JSON.stringify({ error: { code: -32603, message } });
    }
  });
  await context.addInitScript({ content: INJECTED });
  return log;
}
