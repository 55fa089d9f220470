// End-to-end harness: a real local network (`devnet/src/up.ts` on a spare port: Hardhat node,
// Ignition deployment, workers, validator, indexer and the built web app), Debian Chromium
// driven by playwright-core, and one injected test wallet per browser context.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { mnemonicToAccount, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { bytesToHex } from "viem";
import { readDeployment, type Deployment } from "@infergrid/sdk/addresses";
import { gridTokenAbi, jobMarketAbi } from "@infergrid/sdk/abis";
import { installWallet, type WalletLog } from "./wallet.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, "web", "test-results", "screenshots");
const MNEMONIC = "test test test test test test test test test test test junk";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const testAccount = (index: number): PrivateKeyAccount =>
  privateKeyToAccount(bytesToHex(mnemonicToAccount(MNEMONIC, { addressIndex: index }).getHdKey().privateKey!));

export type Stack = {
  readonly rpcUrl: string;
  readonly webUrl: string;
  readonly subgraphUrl: string;
  readonly deployment: Deployment;
  readonly publicClient: PublicClient;
  /** A raw JSON-RPC call to the node (evm_increaseTime, hardhat_mine, ...). */
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  output(): string;
  stop(): Promise<void>;
};

/** Starts the whole local network on `port` (the app on port+200) and waits until every part answers. */
/** A test's fixed port, moved by INFERGRID_PORT_OFFSET (as in the e2e package) so checkouts can run side by side. */
export const testPort = (base: number): number => base + Number(process.env.INFERGRID_PORT_OFFSET ?? 0);

export async function startStack(opts: {
  port: number;
  workers?: number;
  tokenDelayMs?: number;
  timeoutMs?: number;
}): Promise<Stack> {
  const args = [
    join(ROOT, "devnet", "src", "up.ts"),
    "--port",
    String(opts.port),
    "--workers",
    String(opts.workers ?? 2),
    "--token-delay-ms",
    String(opts.tokenDelayMs ?? 40),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 300_000;
  while (!/Web app: (\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`devnet/src/up.ts exited ${child.exitCode}:\n${out.slice(-4000)}`);
    if (Date.now() - t0 > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`the network was not up within ${timeoutMs / 1000} s:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const webUrl = /Web app: (\S+)/.exec(out)![1]!;
  const subgraphUrl = /subgraph\s+(http\S+)/.exec(out)![1]!;
  const rpcUrl = `http://127.0.0.1:${opts.port}`;
  const deployment = readDeployment(hardhat.id, undefined, `local-${opts.port}`);
  const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl) }) as PublicClient;
  return {
    rpcUrl,
    webUrl,
    subgraphUrl,
    deployment,
    publicClient,
    rpc: async (method, params = []) => {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      const body = (await res.json()) as { result?: unknown; error?: { message: string } };
      if (body.error) throw new Error(`${method}: ${body.error.message}`);
      return body.result;
    },
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(join(ROOT, "contracts", "ignition", "deployments", `local-${opts.port}`), {
        recursive: true,
        force: true,
      });
    },
  };
}

export type Session = {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly account: PrivateKeyAccount;
  /** Every URL the browser requested, in order. */
  readonly requests: string[];
  readonly walletLog: WalletLog;
  /** Browser console errors and uncaught page errors. */
  readonly pageErrors: string[];
  goto(path: string): Promise<void>;
  /** Connects the injected wallet through RainbowKit's modal. */
  connect(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
};

/** A fresh Chromium profile whose injected wallet holds Hardhat test account `accountIndex`. */
export async function openSession(
  stack: Stack,
  accountIndex: number,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<Session> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  const profile = mkdtempSync(join(tmpdir(), "infergrid-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const account = testAccount(accountIndex);
  const walletLog = await installWallet(context, account, stack.rpcUrl);
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(30_000);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const session: Session = {
    context,
    page,
    account,
    requests,
    walletLog,
    pageErrors,
    goto: async (path) => {
      await page.goto(`${stack.webUrl}${path}`, { waitUntil: "domcontentloaded" });
    },
    connect: async () => {
      await page.getByRole("button", { name: "Connect Wallet" }).first().click();
      await page.getByRole("button", { name: "InferGrid Test Wallet" }).first().click();
      // RainbowKit shows the connected account as 0x70…79C8.
      await page
        .getByRole("button", { name: new RegExp(`${account.address.slice(0, 4)}.${account.address.slice(-4)}`, "i") })
        .first()
        .waitFor();
    },
    screenshot: async (name) => {
      const file = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}

/** The requests that went anywhere but this machine. */
export function offMachine(requests: readonly string[]): string[] {
  return requests.filter((u) => {
    if (u.startsWith("data:") || u.startsWith("blob:") || u.startsWith("about:")) return false;
    try {
      const host = new URL(u).hostname;
      return !(host === "127.0.0.1" || host === "localhost" || host === "[::1]");
    } catch {
      return true;
    }
  });
}

/**
 * Polls `check` until it returns a value other than undefined or false (the UI refreshes from
 * the chain and the subgraph every 1-2 s), or fails naming `what` after `timeoutMs`.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 250,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** GRID in `account`'s wallet and credited to it in the market, read on chain. */
export async function gridBalances(stack: Stack, account: Address): Promise<{ wallet: bigint; market: bigint }> {
  const [wallet, market] = await Promise.all([
    stack.publicClient.readContract({
      address: stack.deployment.GridToken,
      abi: gridTokenAbi,
      functionName: "balanceOf",
      args: [account],
    }),
    stack.publicClient.readContract({
      address: stack.deployment.JobMarket,
      abi: jobMarketAbi,
      functionName: "balanceOf",
      args: [account],
    }),
  ]);
  return { wallet, market };
}
