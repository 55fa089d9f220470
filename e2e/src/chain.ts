// A real local InferGrid chain for SDK tests: `devnet/src/up.ts --chain-only` on a spare port
// (Hardhat node + Ignition deployment + funded test accounts, no daemons), plus viem helpers
// that set up models and workers the way their operators would.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  toHex,
  type Address,
  type Hash,
  type Hex,
  type LocalAccount,
  type PublicClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  getContractConfigs,
  modelRegistryAbi,
  readDeployment,
  type Deployment,
  type InferGridContractConfigs,
} from "@infergrid/sdk";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TEST_MNEMONIC = "test test test test test test test test test test test junk";
export const testAccount = (index: number): LocalAccount => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });

export type LocalChain = {
  readonly rpcUrl: string;
  readonly deployment: Deployment;
  /** The deployment's `{ address, abi }` pairs. */
  readonly contracts: InferGridContractConfigs;
  readonly publicClient: PublicClient;
  readonly stop: () => Promise<void>;
};

/** Whether nothing listens on 127.0.0.1:`port` right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * Starts `devnet/src/up.ts --port <port> --chain-only` and waits until the deployment is up. A
 * port already in use (another checkout's chain, a daemon of a full `make up`) is skipped in
 * steps of 2, so the two test files that start chains (18845, 18846) never pick the same one.
 */
export async function startLocalChain(preferredPort: number, timeoutMs = 120_000): Promise<LocalChain> {
  let port = preferredPort;
  while (!(await portIsFree(port))) port += 2;
  const child = spawn(process.execPath, ["devnet/src/up.ts", "--port", String(port), "--chain-only"], { cwd: ROOT });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = Date.now();
  while (!/InferGrid local network is up/.test(out)) {
    if (child.exitCode !== null) throw new Error(`devnet/src/up.ts exited ${child.exitCode}:\n${out}`);
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGINT");
      throw new Error(`devnet/src/up.ts did not come up within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deployment = readDeployment(hardhat.id, undefined, `local-${port}`);
  const publicClient = createPublicClient({
    chain: hardhat,
    transport: http(rpcUrl),
    pollingInterval: 100,
  }) as PublicClient;
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGINT");
    await exited;
    rmSync(`${ROOT}/contracts/ignition/deployments/local-${port}`, { recursive: true, force: true });
  };
  return { rpcUrl, deployment, contracts: getContractConfigs(deployment), publicClient, stop };
}

function walletOf(chain: LocalChain, account: LocalAccount) {
  return createWalletClient({ account, chain: hardhat, transport: http(chain.rpcUrl) });
}

async function mined(chain: LocalChain, hash: Hash) {
  const r = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (r.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return r;
}

/** Registers a model from `creator`; the manifest hash is derived from the name unless given. */
export async function registerModel(
  chain: LocalChain,
  creator: LocalAccount,
  name: string,
  manifestHash: Hex = keccak256(toHex(`manifest:${name}`)),
) {
  const hash = await walletOf(chain, creator).writeContract({
    ...chain.contracts.ModelRegistry,
    functionName: "register",
    args: [name, manifestHash, `file://models/${name}`, "text-generation/onnx"],
  });
  const [log] = parseEventLogs({
    abi: modelRegistryAbi,
    logs: (await mined(chain, hash)).logs,
    eventName: "ModelRegistered",
  });
  if (!log) throw new Error("no ModelRegistered event");
  return { id: (log.args as { modelId: bigint }).modelId, manifestHash };
}

export type WorkerSetup = {
  readonly account: LocalAccount;
  readonly endpoint: string;
  readonly encryptionKey: Hex;
  readonly models: readonly { id: bigint; priceIn: bigint; priceOut: bigint }[];
  readonly stake?: bigint;
  readonly capacity?: number;
  readonly minJobDuration?: number;
  readonly paused?: boolean;
};

/** What a worker operator does: stake, register the profile, price its models, maybe pause. */
export async function setUpWorker(chain: LocalChain, w: WorkerSetup): Promise<Address> {
  const wallet = walletOf(chain, w.account);
  const c = chain.contracts;
  const stake = w.stake ?? parseEther("1000");
  await mined(
    chain,
    await wallet.writeContract({
      ...c.GridToken,
      functionName: "approve",
      args: [c.WorkerRegistry.address, stake],
    }),
  );
  await mined(
    chain,
    await wallet.writeContract({
      ...c.WorkerRegistry,
      functionName: "stake",
      args: [stake],
    }),
  );
  const profile = {
    endpoint: w.endpoint,
    encryptionKey: w.encryptionKey,
    region: 276,
    capacity: w.capacity ?? 4,
    minJobDuration: w.minJobDuration ?? 0,
  };
  await mined(
    chain,
    await wallet.writeContract({
      ...c.WorkerRegistry,
      functionName: "register",
      args: [profile],
    }),
  );
  for (const m of w.models) {
    await mined(
      chain,
      await wallet.writeContract({
        ...c.WorkerRegistry,
        functionName: "setModelPrice",
        args: [m.id, m.priceIn, m.priceOut],
      }),
    );
  }
  if (w.paused) {
    await mined(
      chain,
      await wallet.writeContract({
        ...c.WorkerRegistry,
        functionName: "setPaused",
        args: [true],
      }),
    );
  }
  return w.account.address;
}

/** A registered worker adds a model or changes its prices. */
export async function priceModel(
  chain: LocalChain,
  account: LocalAccount,
  modelId: bigint,
  priceIn: bigint,
  priceOut: bigint,
): Promise<void> {
  const hash = await walletOf(chain, account).writeContract({
    ...chain.contracts.WorkerRegistry,
    functionName: "setModelPrice",
    args: [modelId, priceIn, priceOut],
  });
  await mined(chain, hash);
}

/**
 * Moves chain time forward and mines two blocks: the market's deadlines and windows need the
 * time, and the audit draw reads the hash of the block after the result, which an automining
 * chain only produces when something is mined.
 */
export async function advanceTime(chain: LocalChain, seconds: number): Promise<void> {
  const test = createTestClient({ mode: "hardhat", chain: hardhat, transport: http(chain.rpcUrl) });
  await test.increaseTime({ seconds });
  await test.mine({ blocks: 2 });
}

export type TinyServer = { readonly url: string; readonly close: () => Promise<void> };

/** An HTTP server on 127.0.0.1 and a free port. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<TinyServer> {
  const server: Server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A worker's /health and nothing else, answering `status` for `address`, after `delayMs`. */
export function healthServer(address: Address, opts: { status?: string; delayMs?: number } = {}): Promise<TinyServer> {
  return serve(async (req, res) => {
    if (req.url !== "/health") {
      res.writeHead(404).end();
      return;
    }
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        status: opts.status ?? "ok",
        address,
        chainId: hardhat.id,
        models: [],
        activeJobs: 0,
        capacity: 4,
        lastProcessedBlock: "0",
        chainLagBlocks: 0,
      }),
    );
  });
}
