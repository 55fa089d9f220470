// `make up`: starts a local chain, deploys InferGrid with Hardhat Ignition, funds the Hardhat test
// accounts with GRID and prints the addresses; stays in the foreground until Ctrl-C.
// Running it again while the chain is up prints the existing deployment instead of redeploying.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bytesToHex, createPublicClient, createWalletClient, formatEther, http, parseEther, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { DeploymentNotFoundError, contractNames, gridTokenAbi, readDeployment, type Deployment } from "@infergrid/sdk";
import { startIndexer } from "@infergrid/indexer";

const HELP = `Usage: make up   (or: node devnet/src/up.ts [--port 8545] [--workers 3] [--validators 1] [--chain-only] [--web-port 3000] [--no-web])

Starts the local InferGrid network on 127.0.0.1:
  - a Hardhat node (chain id 31337) on --port (default 8545, env INFERGRID_CHAIN_PORT)
  - every contract deployed with Hardhat Ignition (ignition/modules/InferGrid.ts,
    parameters from ignition/parameters/local.json)
  - the 20 Hardhat test accounts funded with 1,000,000 GRID each
  - the test model (models/tiny-gpt2) registered by account #5
  - --workers worker daemons (accounts #2, #3, #4, ...) on ports port+56, port+57, ...
  - --validators validator daemons (accounts #8, ...) on ports port+66, ...
  - the subgraph indexer (the built mapping WASM over the chain's logs) serving GraphQL on
    port 8000 (port+100 for another chain port) at /subgraphs/name/infergrid
  - the web app (web/, built by \`make build\`) on --web-port (default 3000; port+200 for
    another chain port); --no-web leaves it out
  (--token-delay-ms N paces the workers' test model by N ms per token, to watch tokens stream;
   --null-engine, --capacity N and --poll-ms N are for benchmarks)
Waits until every daemon is healthy, prints the URLs and a ready-to-paste job command, and
keeps running until Ctrl-C, which stops every process it started.
If a local InferGrid chain is already up on that port, prints its addresses and exits.
Logs: .infergrid/logs/ (chain.log, deploy.log, worker-N.log, validator-N.log)`;

// Hardhat's well-known test mnemonic: these keys are public and for local chains only.
const TEST_MNEMONIC = "test test test test test test test test test test test junk";
const FUNDING = parseEther("1000000");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The contracts package is a Hardhat project of its own: its tasks run from its folder.
const CONTRACTS_DIR = join(ROOT, "contracts");

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    workers: { type: "string", default: "3" },
    validators: { type: "string", default: "1" },
    "chain-only": { type: "boolean", default: false },
    // Paces the test model (it generates ~1000 tokens/s) so that streaming is visible; tests use it.
    "token-delay-ms": { type: "string", default: "0" },
    // Benchmarks: workers skip the engine (fixed output) and take more jobs at once.
    "null-engine": { type: "boolean", default: false },
    capacity: { type: "string", default: "8" },
    "poll-ms": { type: "string", default: "200" },
    "web-port": { type: "string" },
    "no-web": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const port = Number(args.port ?? process.env.INFERGRID_CHAIN_PORT ?? 8545);
const rpcUrl = `http://127.0.0.1:${port}`;
// Ignition keys deployments by id; a non-default port gets its own so it never clobbers the main one.
const deploymentId = port === 8545 ? "chain-31337" : `local-${port}`;
const logDir = join(ROOT, ".infergrid", "logs");
const runDir = join(ROOT, ".infergrid", deploymentId);
const workerCount = args["chain-only"] ? 0 : Number(args.workers);
const validatorCount = args["chain-only"] ? 0 : Number(args.validators);
const MODEL_DIR = join(ROOT, "models", "tiny-gpt2");
const CLI = join(ROOT, "worker", "src", "cli.ts");
// Local prices: 1 gwei-GRID per input token, 2 per output token.
const PRICE_IN = "1000000000";
const PRICE_OUT = "2000000000";
// Hardhat's CLI run by this node directly (not through npx), so a signal reaches the chain itself.
const HARDHAT_CLI = join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const childEnv = { ...process.env, INFERGRID_CHAIN_PORT: String(port) };
const webPort = Number(args["web-port"] ?? (port === 8545 ? 3000 : port + 200));
const NEXT_CLI = join(ROOT, "node_modules", "next", "dist", "bin", "next");

class UpError extends Error {
  override name = "UpError";
}

async function chainIdAt(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(body.result) : null;
  } catch {
    return null;
  }
}

function printDeployment(d: Deployment, note: string) {
  const width = Math.max(...contractNames.map((n) => n.length));
  console.log(`\n${note}\n`);
  console.log(`  ${"RPC".padEnd(width)}  ${rpcUrl}  (chain id ${d.chainId})`);
  for (const name of contractNames) console.log(`  ${name.padEnd(width)}  ${d[name]}`);
  console.log(`\n  Test accounts: Hardhat's mnemonic "${TEST_MNEMONIC}", 1,000,000 GRID each.`);
}

async function existingNetwork(chainId: number): Promise<Deployment> {
  if (chainId !== hardhat.id) {
    throw new UpError(
      `Port ${port} is taken by a chain with id ${chainId}, not a local InferGrid chain (31337). ` +
        `Stop that process or choose another port: INFERGRID_CHAIN_PORT=<port> make up.`,
    );
  }
  let d: Deployment;
  try {
    d = readDeployment(hardhat.id, undefined, deploymentId);
  } catch (e) {
    if (!(e instanceof DeploymentNotFoundError)) throw e;
    throw new UpError(
      `A chain is listening on ${rpcUrl} but no InferGrid deployment is recorded for it (${e.path}). ` +
        "Stop that process (it is not one `make up` started) and run `make up` again.",
    );
  }
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  const code = await client.getCode({ address: d.JobMarket });
  if (!code || code === "0x") {
    throw new UpError(
      `The chain on ${rpcUrl} has no code at the recorded JobMarket ${d.JobMarket}: the deployment record is from an ` +
        "earlier chain. Stop the process on that port and run `make up` again (it redeploys on a fresh chain).",
    );
  }
  return d;
}

function startChain(): ChildProcess {
  const log = createWriteStream(join(logDir, "chain.log"));
  const child = spawn(
    process.execPath,
    [HARDHAT_CLI, "node", "--network", "localnode", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: CONTRACTS_DIR,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function waitForChain(child: ChildProcess, timeoutMs = 90_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) {
      throw new UpError(
        `The chain exited with code ${child.exitCode} while starting; see ${join(logDir, "chain.log")}.`,
      );
    }
    if ((await chainIdAt(rpcUrl)) === hardhat.id) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new UpError(
    `The chain did not answer on ${rpcUrl} within ${timeoutMs / 1000} s; see ${join(logDir, "chain.log")}.`,
  );
}

function hardhatTask(cmdArgs: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [HARDHAT_CLI, ...cmdArgs], {
      cwd: CONTRACTS_DIR,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new UpError(`hardhat ${cmdArgs.join(" ")} failed (exit ${code}); see ${logFile}.`)),
    );
  });
}

const keyOf = (index: number): Hex =>
  bytesToHex(mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index }).getHdKey().privateKey!);

type Daemon = { name: string; child: ChildProcess; url: string; config: string; exited: Promise<number | null> };

/** Runs the CLI to completion (model registration); its output goes to a log. */
function cli(cliArgs: string[], key: Hex, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [CLI, "--rpc", rpcUrl, "--deployment-id", deploymentId, ...cliArgs], {
      cwd: ROOT,
      env: { ...process.env, INFERGRID_PRIVATE_KEY: key },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new UpError(`infergrid ${cliArgs.join(" ")} failed; see ${logFile}.`)),
    );
  });
}

/** Serves the built web app against this chain, its deployment and its indexer. */
function startWeb(subgraphUrl: string): Daemon {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(join(ROOT, "web", dist, "BUILD_ID")))
    throw new UpError(`web/${dist} has no build; run \`make build\` (or \`npm run build -w web\`) first.`);
  const log = createWriteStream(join(logDir, "web.log"));
  const child = spawn(process.execPath, [NEXT_CLI, "start", "--hostname", "127.0.0.1", "--port", String(webPort)], {
    cwd: join(ROOT, "web"),
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      INFERGRID_CHAIN_ID: String(hardhat.id),
      INFERGRID_RPC_URL: rpcUrl,
      INFERGRID_SUBGRAPH_URL: subgraphUrl,
      INFERGRID_DEPLOYMENT_ID: deploymentId,
      INFERGRID_DEPLOYMENTS_DIR: join(ROOT, "contracts", "ignition", "deployments"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name: "web", child, url: `http://127.0.0.1:${webPort}`, config: "", exited };
}

/** Writes a daemon's config and starts it as a separate process with its own key. */
function startDaemon(kind: "worker" | "validator", n: number, accountIndex: number, listenPort: number): Daemon {
  const name = `${kind}-${n}`;
  const file = join(runDir, `${name}.json`);
  const common = {
    rpcUrl,
    deploymentId,
    key: { privateKeyEnv: "INFERGRID_DAEMON_KEY" },
    stateFile: join(runDir, `${name}.state.json`),
    // The local chain has instant finality; a real chain wants confirmations >= 1.
    confirmations: 0,
    pollIntervalMs: Number(args["poll-ms"]),
    listen: { host: "127.0.0.1", port: listenPort },
    logLevel: "info",
  };
  const config =
    kind === "worker"
      ? {
          ...common,
          endpoint: `http://127.0.0.1:${listenPort}`,
          models: [{ dir: MODEL_DIR, pricePerInputToken: PRICE_IN, pricePerOutputToken: PRICE_OUT }],
          stake: "10000000000000000000000",
          capacity: Number(args.capacity),
          minJobDuration: 30,
          testing: { tokenDelayMs: Number(args["token-delay-ms"]), nullEngine: args["null-engine"] },
        }
      : { ...common, models: [{ dir: MODEL_DIR }], stake: "10000000000000000000000" };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(process.execPath, [CLI, kind, "start", "--config", file], {
    cwd: ROOT,
    env: { ...process.env, INFERGRID_DAEMON_KEY: keyOf(accountIndex) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, url: `http://127.0.0.1:${listenPort}`, config: file, exited };
}

async function waitHealthy(d: Daemon, timeoutMs = 180_000, path = "/health") {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (d.child.exitCode !== null)
      throw new UpError(`${d.name} exited with code ${d.child.exitCode}; see ${join(logDir, `${d.name}.log`)}.`);
    try {
      const res = await fetch(`${d.url}${path}`, { signal: AbortSignal.timeout(path === "/health" ? 1_000 : 20_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new UpError(
    `${d.name} was not healthy at ${d.url}${path} within ${timeoutMs / 1000} s; see ${join(logDir, `${d.name}.log`)}.`,
  );
}

async function fundTestAccounts(d: Deployment) {
  const deployer = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: 0 });
  const wallet = createWalletClient({ account: deployer, chain: hardhat, transport: http(rpcUrl) });
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  let nonce = await client.getTransactionCount({ address: deployer.address });
  const hashes: Hex[] = [];
  for (let i = 1; i < 20; i++) {
    const to = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: i }).address;
    hashes.push(
      await wallet.writeContract({
        address: d.GridToken,
        abi: gridTokenAbi,
        functionName: "transfer",
        args: [to, FUNDING],
        nonce: nonce++,
      }),
    );
  }
  for (const hash of hashes) {
    const r = await client.waitForTransactionReceipt({ hash });
    if (r.status !== "success") throw new UpError(`Funding transaction ${hash} reverted.`);
  }
  const left = await client.readContract({
    address: d.GridToken,
    abi: gridTokenAbi,
    functionName: "balanceOf",
    args: [deployer.address],
  });
  console.log(`Funded 19 test accounts with ${formatEther(FUNDING)} GRID each (deployer keeps ${formatEther(left)}).`);
}

async function main() {
  mkdirSync(logDir, { recursive: true });
  const running = await chainIdAt(rpcUrl);
  if (running !== null) {
    const d = await existingNetwork(running);
    printDeployment(d, `InferGrid is already running on ${rpcUrl}; nothing was redeployed.`);
    return;
  }

  // A fresh chain has none of the old contracts: drop the record of an earlier deployment.
  rmSync(join(ROOT, "contracts", "ignition", "deployments", deploymentId), { recursive: true, force: true });
  console.log(`Starting a Hardhat node on ${rpcUrl} ...`);
  const chain = startChain();
  const daemons: Daemon[] = [];
  let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${daemons.length ? `${daemons.length} daemons and ` : ""}the chain ...`);
    // Daemons first, so none of them sees the chain vanish mid-transaction.
    void Promise.all([
      indexer?.close(),
      ...daemons.map((dm) => {
        dm.child.kill("SIGTERM");
        return dm.exited;
      }),
    ]).then(() => chain.kill("SIGTERM"));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const exited = new Promise<number | null>((resolve) => chain.on("exit", (code) => resolve(code)));

  try {
    await waitForChain(chain);
    console.log("Deploying with Hardhat Ignition ...");
    await hardhatTask(
      [
        "ignition",
        "deploy",
        "ignition/modules/InferGrid.ts",
        "--network",
        "localhost",
        "--parameters",
        "ignition/parameters/local.json",
        "--deployment-id",
        deploymentId,
      ],
      join(logDir, "deploy.log"),
    );
    const d = readDeployment(hardhat.id, undefined, deploymentId);
    await fundTestAccounts(d);
    if (workerCount + validatorCount > 0) {
      rmSync(runDir, { recursive: true, force: true });
      mkdirSync(runDir, { recursive: true });
      console.log("Registering the test model (models/tiny-gpt2) ...");
      await cli(
        ["model", "register", MODEL_DIR, "--uri", "file://models/tiny-gpt2"],
        keyOf(5),
        join(logDir, "register.log"),
      );
      for (let i = 0; i < workerCount; i++) daemons.push(startDaemon("worker", i + 1, 2 + i, port + 56 + i));
      for (let i = 0; i < validatorCount; i++) daemons.push(startDaemon("validator", i + 1, 8 + i, port + 66 + i));
      console.log(
        `Starting ${workerCount} workers and ${validatorCount} validator(s); waiting until they are healthy ...`,
      );
      await Promise.all(daemons.map((dm) => waitHealthy(dm)));
      writeFileSync(
        join(runDir, "processes.json"),
        `${JSON.stringify(
          {
            chain: { pid: chain.pid, rpcUrl },
            daemons: daemons.map((dm) => ({ name: dm.name, pid: dm.child.pid, url: dm.url, config: dm.config })),
          },
          null,
          2,
        )}\n`,
      );
    }
    if (!args["chain-only"]) {
      console.log("Starting the subgraph indexer ...");
      indexer = await startIndexer({
        rpc: rpcUrl,
        deploymentId,
        port: port === 8545 ? 8000 : port + 100,
        stateDir: join(runDir, "indexer"),
        quiet: true,
      });
      if (!args["no-web"]) {
        console.log("Starting the web app ...");
        const web = startWeb(indexer.url);
        daemons.push(web);
        await waitHealthy(web, 60_000, "/");
      }
    }
    printDeployment(d, `InferGrid local network is up. Press Ctrl-C to stop it.`);
    if (daemons.length || indexer) {
      console.log("");
      for (const dm of daemons)
        if (dm.name !== "web") console.log(`  ${dm.name.padEnd(12)} ${dm.url}/health  ${dm.url}/metrics`);
      if (indexer) console.log(`  ${"subgraph".padEnd(12)} ${indexer.url}`);
      const web = daemons.find((dm) => dm.name === "web");
      if (web) console.log(`\n  Web app: ${web.url}  (connect an injected wallet on chain 31337, RPC ${rpcUrl})`);
      const portFlag = port === 8545 ? "" : ` --rpc ${rpcUrl} --deployment-id ${deploymentId}`;
      console.log(`\nIn a second terminal, run a job (account #1 pays):\n`);
      console.log(
        `  INFERGRID_PRIVATE_KEY=${keyOf(1)} ./infergrid${portFlag} job run "Hello, InferGrid" --model tiny-gpt2 --max-tokens 24\n`,
      );
    }
  } catch (e) {
    await indexer?.close();
    for (const dm of daemons) dm.child.kill("SIGTERM");
    await Promise.all(daemons.map((dm) => dm.exited));
    chain.kill("SIGTERM");
    await exited;
    throw e;
  }
  // A daemon that dies on its own is reported, not silently ignored.
  for (const dm of daemons) {
    void dm.exited.then((code) => {
      if (!stopping)
        console.error(`${dm.name} exited unexpectedly with code ${code}; see ${join(logDir, `${dm.name}.log`)}`);
    });
  }
  const code = await exited;
  console.log(code === 0 || code === null ? "Chain stopped." : `Chain exited with code ${code}.`);
}

main().catch((e: unknown) => {
  console.error(`make up: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
