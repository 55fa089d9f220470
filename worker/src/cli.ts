#!/usr/bin/env node
// infergrid: run a worker or validator, register models, run jobs, manage stake and earnings.
import { join } from "node:path";
import { Command, Option } from "commander";
import cliProgress from "cli-progress";
import {
  createPublicClient,
  createWalletClient,
  formatEther,
  http,
  parseEther,
  type Abi,
  type Address,
  type ContractFunctionName,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getContractConfigs, manifestHash, readDeployment } from "@infergrid/sdk";
import { ModelFileMismatchError, readManifest, sha256File } from "@infergrid/engine";
import { loadPrivateKey, readConfig, validatorConfigSchema, workerConfigSchema } from "./daemon/config.ts";
import { createLogger } from "./daemon/log.ts";
import { WorkerDaemon } from "./daemon/worker.ts";
import { ValidatorDaemon } from "./validator/validator.ts";
import { runJobCommand } from "./commands/job.ts";
import { runZkJobCommand } from "./commands/zk-job.ts";
import { revertName, type ContractCall } from "./daemon/chain.ts";
import { readGatewayConfig, startGateway } from "./gateway/index.ts";

type Globals = { rpc: string; deploymentId?: string; keyEnv: string; keystore?: string; json: boolean };

export class CliError extends Error {
  override name = "CliError";
}

function globals(cmd: Command): Globals {
  return cmd.optsWithGlobals() as Globals;
}

/** Prints a result for people, or as one JSON object with --json. */
function output(g: Globals, value: Record<string, unknown>, human: string) {
  if (g.json) console.log(JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
  else console.log(human);
}

async function session(g: Globals) {
  const publicClient = createPublicClient({ transport: http(g.rpc, { retryCount: 1, timeout: 8_000 }) });
  let chainId: number;
  try {
    chainId = await publicClient.getChainId();
  } catch {
    throw new CliError(`cannot reach the chain at ${g.rpc}; is it running (make up)? Set --rpc or INFERGRID_RPC_URL.`);
  }
  const deployment = readDeployment(chainId, undefined, g.deploymentId);
  const key = await loadPrivateKey(
    g.keystore
      ? { keystore: g.keystore, passwordEnv: "INFERGRID_KEYSTORE_PASSWORD" }
      : { privateKeyEnv: g.keyEnv, passwordEnv: "INFERGRID_KEYSTORE_PASSWORD" },
  );
  const account = privateKeyToAccount(key);
  const wallet = createWalletClient({ account, transport: http(g.rpc) });
  return { publicClient, wallet, account, deployment, contracts: getContractConfigs(deployment), chainId, key };
}

async function write<const abi extends Abi, functionName extends ContractFunctionName<abi, "nonpayable" | "payable">>(
  s: Awaited<ReturnType<typeof session>>,
  call: ContractCall<abi, functionName>,
) {
  try {
    const { request } = await s.publicClient.simulateContract({ ...call, account: s.account } as never);
    const hash = await s.wallet.writeContract({ ...(request as object), chain: null } as never);
    const receipt = await s.publicClient.waitForTransactionReceipt({ hash });
    return receipt;
  } catch (e) {
    const name = revertName(e);
    throw new CliError(
      name
        ? `${call.functionName} was refused by the contract: ${name} (${(e as Error).message.split("\n")[0]})`
        : (e as Error).message.split("\n")[0]!,
    );
  }
}

const parseGrid = (v: string) => {
  try {
    const wei = parseEther(v);
    if (wei <= 0n) throw new Error();
    return wei;
  } catch {
    throw new CliError(`"${v}" is not a positive GRID amount (e.g. 1000 or 0.5)`);
  }
};

export function buildProgram(): Command {
  const program = new Command("infergrid")
    .description("InferGrid: decentralized AI inference. Run a worker or validator, register models, run jobs.")
    .addOption(
      new Option("--rpc <url>", "JSON-RPC URL of the chain").env("INFERGRID_RPC_URL").default("http://127.0.0.1:8545"),
    )
    .addOption(
      new Option("--deployment-id <id>", "Ignition deployment id (default chain-<chainId>)").env(
        "INFERGRID_DEPLOYMENT_ID",
      ),
    )
    .addOption(
      new Option("--key-env <name>", "environment variable holding the account's private key").default(
        "INFERGRID_PRIVATE_KEY",
      ),
    )
    .addOption(
      new Option("--keystore <file>", "V3 keystore instead of --key-env (password in INFERGRID_KEYSTORE_PASSWORD)"),
    )
    .option("--json", "print results as JSON", false)
    .showHelpAfterError()
    .addHelpText(
      "after",
      `
Examples:
  infergrid worker start --config .infergrid/local/worker-1.json
  infergrid model register models/tiny-gpt2 --uri ipfs://...
  INFERGRID_PRIVATE_KEY=0x... infergrid job run "Hello" --model tiny-gpt2 --max-tokens 32
  infergrid stake 1000 --validator
  infergrid status --json`,
    );

  const worker = program.command("worker").description("run a worker");
  worker
    .command("start")
    .description("start the worker daemon: registers and stakes on first start, then serves jobs")
    .requiredOption("-c, --config <file>", "worker config (JSON; see worker/README.md)")
    .addHelpText("after", "\nExample:\n  INFERGRID_WORKER_KEY=0x... infergrid worker start --config worker.json")
    .action(async (opts: { config: string }) => {
      const config = await readConfig(opts.config, workerConfigSchema);
      const daemon = new WorkerDaemon(config, createLogger("worker", config.logLevel));
      await runUntilSignal(() => daemon.start());
    });

  const validator = program.command("validator").description("run a validator");
  validator
    .command("start")
    .description("start the validator daemon: stakes on first start, judges audits and disputes it is drawn for")
    .requiredOption("-c, --config <file>", "validator config (JSON; see worker/README.md)")
    .addHelpText(
      "after",
      "\nExample:\n  INFERGRID_VALIDATOR_KEY=0x... infergrid validator start --config validator.json",
    )
    .action(async (opts: { config: string }) => {
      const config = await readConfig(opts.config, validatorConfigSchema);
      const daemon = new ValidatorDaemon(config, createLogger("validator", config.logLevel));
      await runUntilSignal(() => daemon.start());
    });

  const gateway = program.command("gateway").description("run the OpenAI-compatible gateway");
  gateway
    .command("start")
    .description(
      "serve /v1/models, /v1/chat/completions and /v1/completions; every request is one on-chain job paid by the gateway's account",
    )
    .requiredOption("-c, --config <file>", 'gateway config (JSON; see the README section "OpenAI-compatible gateway")')
    .addHelpText("after", "\nExample:\n  INFERGRID_GATEWAY_KEY=0x... infergrid gateway start --config gateway.json")
    .action(async (opts: { config: string }) => {
      const config = await readGatewayConfig(opts.config);
      await runUntilSignal(async () => {
        const handle = await startGateway(config);
        console.log(`gateway listening on ${handle.url}/v1 (operator ${handle.address})`);
        return { stop: () => handle.close() };
      });
    });

  program
    .command("model")
    .description("model registry")
    .command("register <folder>")
    .description("hash a model folder against its manifest and register it; you become its creator")
    .option("--name <name>", "model name (default: the manifest's)")
    .option("--uri <uri>", "where the files can be fetched", "")
    .option("--format <format>", "task and format", "text-generation/onnx")
    .addHelpText("after", "\nExample:\n  infergrid model register models/tiny-gpt2 --uri https://example.org/tiny-gpt2")
    .action(async (folder: string, opts: { name?: string; uri: string; format: string }, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await readManifest(folder);
      const total = manifest.files.reduce((n, f) => n + f.size, 0);
      const bar = g.json
        ? null
        : new cliProgress.SingleBar(
            { format: "hashing {bar} {percentage}% {value}/{total} bytes {file}" },
            cliProgress.Presets.shades_classic,
          );
      bar?.start(total, 0, { file: "" });
      let done = 0;
      for (const f of manifest.files) {
        bar?.update(done, { file: f.path });
        const actual = await sha256File(join(folder, f.path)).catch(() => null);
        if (actual !== f.sha256) {
          bar?.stop();
          throw new ModelFileMismatchError(f.path, f.sha256, actual);
        }
        done += f.size;
      }
      bar?.update(total, { file: "" });
      bar?.stop();
      const hash = manifestHash(manifest);
      const s = await session(g);
      const existing = await s.publicClient.readContract({
        ...s.contracts.ModelRegistry,
        functionName: "modelIdByManifest",
        args: [hash],
      });
      if (existing !== 0n) {
        output(
          g,
          { modelId: existing, modelHash: hash, registered: false },
          `already registered as model ${existing} (hash ${hash})`,
        );
        return;
      }
      const receipt = await write(s, {
        ...s.contracts.ModelRegistry,
        functionName: "register",
        args: [opts.name ?? manifest.name, hash, opts.uri, opts.format],
      });
      const id = await s.publicClient.readContract({
        ...s.contracts.ModelRegistry,
        functionName: "modelIdByManifest",
        args: [hash],
      });
      output(
        g,
        { modelId: id, modelHash: hash, tx: receipt.transactionHash, registered: true },
        `registered model ${id} "${opts.name ?? manifest.name}" (hash ${hash}), tx ${receipt.transactionHash}`,
      );
    });

  program
    .command("job")
    .description("jobs")
    .command("run [prompt]")
    .description("post a job, print tokens as they arrive, then the job id, cost, workers and verification status")
    .requiredOption("-m, --model <model>", "model name, id or manifest hash")
    .option("--max-tokens <n>", "most output tokens", "64")
    .option("--max-price <wei>", "highest price per token (input and output) you accept, in GRID wei", "10000000000")
    .option("-r, --redundancy <n>", "how many workers run the job", "1")
    .option("--temperature <t>", "sampling temperature (0 = greedy)")
    .option("--top-p <p>", "nucleus sampling")
    .option("--top-k <k>", "top-k sampling")
    .option("--stop <text...>", "stop sequences")
    .option("--chat", "send the prompt as a user chat message (chat template)", false)
    .option("--wait <what>", "result | finalized", "result")
    .option(
      "--input <features>",
      "zk models: comma-separated features, kept private (Poseidon-committed, proven with Groth16)",
    )
    .addHelpText(
      "after",
      '\nExamples:\n  INFERGRID_PRIVATE_KEY=0x... infergrid job run "Tell me a story" --model tiny-gpt2 --max-tokens 32\n  INFERGRID_PRIVATE_KEY=0x... infergrid job run --model iris-mlp --input 5.1,3.5,1.4,0.2',
    )
    .action(
      async (
        prompt: string | undefined,
        opts: Record<string, string | boolean | string[] | undefined>,
        cmd: Command,
      ) => {
        const g = globals(cmd);
        if (opts.input !== undefined) {
          const s = await session(g);
          return runZkJobCommand({ ...s, json: g.json }, opts);
        }
        if (prompt === undefined) throw new CliError("job run needs a prompt (or --input for a zk model)");
        const s = await session(g);
        await runJobCommand({ ...s, rpc: g.rpc, json: g.json }, prompt, opts);
      },
    );

  const stakeCmd = (name: string, description: string) =>
    program
      .command(`${name} <amount>`)
      .description(description)
      .option("--validator", "the validator stake instead of the worker stake", false);

  stakeCmd("stake", "add GRID to your worker (or validator) stake")
    .addHelpText("after", "\nExample:\n  infergrid stake 1000")
    .action(async (amount: string, opts: { validator: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const wei = parseGrid(amount);
      const s = await session(g);
      const c = s.contracts;
      const registry = opts.validator ? c.ValidatorRegistry : c.WorkerRegistry;
      await write(s, { ...c.GridToken, functionName: "approve", args: [registry.address, wei] });
      const r = opts.validator
        ? await write(s, { ...c.ValidatorRegistry, functionName: "stake", args: [wei] })
        : await write(s, { ...c.WorkerRegistry, functionName: "stake", args: [wei] });
      output(
        g,
        { staked: wei, tx: r.transactionHash },
        `staked ${amount} GRID (${opts.validator ? "validator" : "worker"}), tx ${r.transactionHash}`,
      );
    });

  stakeCmd("unstake", "start unbonding GRID from your stake (withdraw it after the unbonding period)")
    .addHelpText(
      "after",
      "\nExample:\n  infergrid unstake 500 && infergrid withdraw --unbonded   # after the unbonding period",
    )
    .action(async (amount: string, opts: { validator: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const wei = parseGrid(amount);
      const s = await session(g);
      const c = s.contracts;
      const r = opts.validator
        ? await write(s, { ...c.ValidatorRegistry, functionName: "requestUnbond", args: [wei] })
        : await write(s, { ...c.WorkerRegistry, functionName: "requestUnbond", args: [wei] });
      output(g, { unbonding: wei, tx: r.transactionHash }, `unbonding ${amount} GRID, tx ${r.transactionHash}`);
    });

  program
    .command("withdraw")
    .description("withdraw your earnings and refunds from the market (or unbonded stake with --unbonded)")
    .option("--unbonded", "withdraw unbonded stake instead", false)
    .option("--validator", "with --unbonded: the validator stake", false)
    .addHelpText("after", "\nExample:\n  infergrid withdraw")
    .action(async (opts: { unbonded: boolean; validator: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const s = await session(g);
      if (opts.unbonded) {
        const c = s.contracts;
        const r = opts.validator
          ? await write(s, { ...c.ValidatorRegistry, functionName: "withdrawUnbonded" })
          : await write(s, { ...c.WorkerRegistry, functionName: "withdrawUnbonded" });
        output(g, { tx: r.transactionHash }, `withdrew unbonded stake, tx ${r.transactionHash}`);
        return;
      }
      const credited = await s.publicClient.readContract({
        ...s.contracts.JobMarket,
        functionName: "balanceOf",
        args: [s.account.address],
      });
      if (credited === 0n)
        throw new CliError(`nothing to withdraw: ${s.account.address} has no credited balance in the market`);
      const r = await write(s, { ...s.contracts.JobMarket, functionName: "withdraw" });
      output(
        g,
        { withdrawn: credited, tx: r.transactionHash },
        `withdrew ${formatEther(credited)} GRID, tx ${r.transactionHash}`,
      );
    });

  program
    .command("status [address]")
    .description("balances, stakes, Elo and counters of an account (default: yours)")
    .addHelpText("after", "\nExample:\n  infergrid status 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json")
    .action(async (address: string | undefined, _opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const publicClient = createPublicClient({ transport: http(g.rpc, { retryCount: 1, timeout: 8_000 }) });
      const chainId = await publicClient.getChainId().catch(() => {
        throw new CliError(`cannot reach the chain at ${g.rpc}; is it running (make up)?`);
      });
      const c = getContractConfigs(readDeployment(chainId, undefined, g.deploymentId));
      let who = address as Address | undefined;
      if (!who)
        who = privateKeyToAccount(
          await loadPrivateKey({ privateKeyEnv: g.keyEnv, passwordEnv: "INFERGRID_KEYSTORE_PASSWORD" }),
        ).address;
      const [grid, credited, w, stats, v] = await Promise.all([
        publicClient.readContract({ ...c.GridToken, functionName: "balanceOf", args: [who] }),
        publicClient.readContract({ ...c.JobMarket, functionName: "balanceOf", args: [who] }),
        publicClient.readContract({ ...c.WorkerRegistry, functionName: "worker", args: [who] }),
        publicClient.readContract({ ...c.WorkerRegistry, functionName: "stats", args: [who] }),
        publicClient.readContract({ ...c.ValidatorRegistry, functionName: "validator", args: [who] }),
      ]);
      const status = { address: who, chainId, grid, credited, worker: { ...w, ...stats }, validator: v };
      output(
        g,
        status,
        [
          `account      ${who} (chain ${chainId})`,
          `GRID         ${formatEther(grid)}`,
          `withdrawable ${formatEther(credited)} (infergrid withdraw)`,
          `worker       ${w.registered ? `stake ${formatEther(w.stake)}, unbonding ${formatEther(w.unbonding)}, Elo ${w.elo}, jobs ${stats.jobsDone} done / ${stats.jobsFailed} failed, ${stats.tokensServed} tokens, ${w.activeJobs} active` : "not registered"}`,
          `validator    stake ${formatEther(v.stake)}, unbonding ${formatEther(v.unbonding)}, ${v.activeCases} open cases`,
        ].join("\n"),
      );
    });

  return program;
}

/** Starts a daemon and stops it cleanly on SIGINT/SIGTERM. */
async function runUntilSignal(start: () => Promise<{ stop: () => Promise<void> }>) {
  const running = await start();
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void running.stop().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

if (import.meta.main) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      const err = e as Error;
      const json = process.argv.includes("--json");
      if (json) console.error(JSON.stringify({ error: err.name, message: err.message }));
      else console.error(`infergrid: ${err.message}`);
      process.exit(1);
    });
}
