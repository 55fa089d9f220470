// `make up`: starts a local chain, deploys InferGrid with Hardhat Ignition, funds the Hardhat test
// accounts with GRID and prints the addresses; stays in the foreground until Ctrl-C.
// Running it again while the chain is up prints the existing deployment instead of redeploying.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, formatEther, http, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { DeploymentNotFoundError, contractNames, gridTokenAbi, readDeployment, type Deployment } from "../sdk/src/index.ts";

const HELP = `Usage: make up   (or: node scripts/up.ts [--port 8545])

Starts the local InferGrid network on 127.0.0.1:
  - a Hardhat node (chain id 31337) on --port (default 8545, env INFERGRID_CHAIN_PORT)
  - every contract deployed with Hardhat Ignition (ignition/modules/InferGrid.ts,
    parameters from ignition/parameters/local.json)
  - the 20 Hardhat test accounts funded with 1,000,000 GRID each
Then prints the addresses and keeps running until Ctrl-C, which stops the chain.
If a local InferGrid chain is already up on that port, prints its addresses and exits.
Logs: .infergrid/logs/chain.log, .infergrid/logs/deploy.log`;

// Hardhat's well-known test mnemonic: these keys are public and for local chains only.
const TEST_MNEMONIC = "test test test test test test test test test test test junk";
const FUNDING = parseEther("1000000");
const ROOT = fileURLToPath(new URL("..", import.meta.url));

const { values: args } = parseArgs({
  options: { port: { type: "string" }, help: { type: "boolean", short: "h" } },
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
// Hardhat's CLI run by this node directly (not through npx), so a signal reaches the chain itself.
const HARDHAT_CLI = join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const childEnv = { ...process.env, INFERGRID_CHAIN_PORT: String(port) };

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
        `Stop that process or choose another port: make up PORT=<port>.`,
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
  const child = spawn(process.execPath, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function waitForChain(child: ChildProcess, timeoutMs = 90_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) {
      throw new UpError(`The chain exited with code ${child.exitCode} while starting; see ${join(logDir, "chain.log")}.`);
    }
    if ((await chainIdAt(rpcUrl)) === hardhat.id) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new UpError(`The chain did not answer on ${rpcUrl} within ${timeoutMs / 1000} s; see ${join(logDir, "chain.log")}.`);
}

function hardhatTask(cmdArgs: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [HARDHAT_CLI, ...cmdArgs], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new UpError(`hardhat ${cmdArgs.join(" ")} failed (exit ${code}); see ${logFile}.`)),
    );
  });
}

async function fundTestAccounts(d: Deployment) {
  const deployer = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: 0 });
  const wallet = createWalletClient({ account: deployer, chain: hardhat, transport: http(rpcUrl) });
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  let nonce = await client.getTransactionCount({ address: deployer.address });
  const hashes = [];
  for (let i = 1; i < 20; i++) {
    const to = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: i }).address;
    hashes.push(
      await wallet.writeContract({ address: d.GridToken, abi: gridTokenAbi, functionName: "transfer", args: [to, FUNDING], nonce: nonce++ }),
    );
  }
  for (const hash of hashes) {
    const r = await client.waitForTransactionReceipt({ hash });
    if (r.status !== "success") throw new UpError(`Funding transaction ${hash} reverted.`);
  }
  const left = await client.readContract({ address: d.GridToken, abi: gridTokenAbi, functionName: "balanceOf", args: [deployer.address] });
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
  rmSync(join(ROOT, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  console.log(`Starting a Hardhat node on ${rpcUrl} ...`);
  const chain = startChain();
  const stop = (signal: NodeJS.Signals) => {
    console.log(`\n${signal}: stopping the chain ...`);
    chain.kill("SIGTERM");
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
    printDeployment(d, `InferGrid local network is up. Press Ctrl-C to stop it.`);
  } catch (e) {
    chain.kill("SIGTERM");
    await exited;
    throw e;
  }
  const code = await exited;
  console.log(code === 0 || code === null ? "Chain stopped." : `Chain exited with code ${code}.`);
}

main().catch((e: unknown) => {
  console.error(`make up: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
