// Protocol overhead and throughput of the running network, on a local chain with real worker
// processes (devnet/src/up.ts). Run: npm run bench:network   (writes bench/results/network.json)
//
// - overhead: from the post transaction being mined to the result event being visible, minus
//   the engine's own time for that job (read from the worker's /metrics histogram sum), for
//   sequential jobs through the real engine.
// - throughput: jobs per second through chain + workers whose engine is the test-only null
//   engine (fixed output), with posters sending concurrently.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { testPort } from "@infergrid/e2e/process";
import {
  bytesToHex,
  createPublicClient,
  createWalletClient,
  http,
  maxUint256,
  parseEventLogs,
  type Address,
  type Hex,
} from "viem";
import { mnemonicToAccount, nonceManager, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  deriveEncryptionKeyPair,
  encodeJobInput,
  jobInputHash,
  jobMarketAbi,
  readDeployment,
  seal,
  getContractConfigs,
} from "@infergrid/sdk";
import { report } from "./lib/report.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = testPort(19_345);
const RPC = `http://127.0.0.1:${PORT}`;
const ID = `local-${PORT}`;
const MNEMONIC = "test test test test test test test test test test test junk";
const keyOf = (i: number): Hex => bytesToHex(mnemonicToAccount(MNEMONIC, { addressIndex: i }).getHdKey().privateKey!);
const OVERHEAD_JOBS = 40;
const THROUGHPUT_JOBS = 300;
const POSTERS = 6;

const children: ChildProcess[] = [];
function run(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; waitFor: (re: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const waitFor = async (re: RegExp) => {
    const t0 = Date.now();
    while (!re.test(out)) {
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited:\n${out.slice(-3000)}`);
      if (Date.now() - t0 > 240_000) throw new Error(`timed out waiting for ${re}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  return { child, waitFor };
}
const cleanup = () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGINT");
};
process.on("exit", cleanup);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

console.log("bench:network: starting a local network (chain, 3 workers) ...");
const net = run(["devnet/src/up.ts", "--port", String(PORT), "--workers", "3", "--validators", "0", "--poll-ms", "20"]);
await net.waitFor(/InferGrid local network is up/);
const d = readDeployment(hardhat.id, undefined, ID);
const c = getContractConfigs(d);
const publicClient = createPublicClient({ chain: hardhat, transport: http(RPC), pollingInterval: 5 });
const model = await publicClient.readContract({
  ...c.ModelRegistry,
  functionName: "model",
  args: [1n],
});
const reply = deriveEncryptionKeyPair(keyOf(1));

async function profileOf(w: Address) {
  return publicClient.readContract({
    ...c.WorkerRegistry,
    functionName: "profile",
    args: [w],
  });
}

function poster(index: number) {
  const account = privateKeyToAccount(keyOf(index), { nonceManager });
  const wallet = createWalletClient({ account, chain: hardhat, transport: http(RPC) });
  return { account, wallet };
}

async function postTo(
  p: ReturnType<typeof poster>,
  worker: { address: Address; key: Hex },
  prompt: string,
): Promise<Hex> {
  const bytes = encodeJobInput({
    version: 1,
    modelHash: model.manifestHash,
    prompt,
    sampling: { maxTokens: 16 },
    replyKey: reply.publicKey,
  });
  return p.wallet.writeContract({
    ...c.JobMarket,
    functionName: "postJob",
    args: [
      {
        modelId: 1n,
        workers: [worker.address],
        inputHash: jobInputHash(bytes),
        encryptedInputs: [seal(worker.key, bytes)],
        inputURI: "",
        maxInputTokens: 64,
        maxOutputTokens: 16,
        maxPricePerInputToken: 10n ** 10n,
        maxPricePerOutputToken: 10n ** 10n,
        deadline: Math.floor(Date.now() / 1000) + 3_000,
      },
    ],
  });
}

async function engineSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^infergrid_engine_seconds_sum\{[^}]*\} ([0-9.e+-]+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

// ---------------------------------------------------------------- overhead (real engine)
const processes = JSON.parse(readFileSync(join(ROOT, ".infergrid", ID, "processes.json"), "utf8")) as {
  daemons: { url: string }[];
};
const workers = (
  await publicClient.readContract({
    ...c.WorkerRegistry,
    functionName: "workers",
    args: [0n, 10n],
  })
).slice(0, 3);
const targets = await Promise.all(
  workers.map(async (address) => ({ address, key: (await profileOf(address)).encryptionKey })),
);
// Registration order is not start order: match each worker's metrics URL by the address it reports.
const urlOf = new Map<string, string>();
for (const dm of processes.daemons) {
  const h = (await (await fetch(`${dm.url}/health`)).json()) as { address: string };
  urlOf.set(h.address.toLowerCase(), dm.url);
}
const p1 = poster(1);
await publicClient.waitForTransactionReceipt({
  hash: await p1.wallet.writeContract({
    ...c.GridToken,
    functionName: "approve",
    args: [d.JobMarket, maxUint256],
  }),
});
const overheads: number[] = [];
const engineMs: number[] = [];
for (let i = 0; i < OVERHEAD_JOBS; i++) {
  const w = i % 3;
  const url = urlOf.get(targets[w]!.address.toLowerCase())!;
  const engineBefore = await engineSeconds(url);
  const hash = await postTo(p1, targets[w]!, `overhead job ${i}`);
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 2 });
  const posted = performance.now();
  const jobId = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "JobPosted" })[0]!.args.jobId;
  for (;;) {
    const logs = await publicClient.getContractEvents({
      ...c.JobMarket,
      eventName: "ResultSubmitted",
      args: { jobId },
      fromBlock: receipt.blockNumber,
    });
    if (logs.length) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const total = performance.now() - posted;
  // The engine histogram is observed just before the result is sent: read it once it has landed.
  const engine = ((await engineSeconds(url)) - engineBefore) * 1000;
  engineMs.push(engine);
  overheads.push(total - engine);
}

// ---------------------------------------------------------------- throughput (null engine)
// Pause the real workers and start three null-engine workers with room for many jobs.
const base = JSON.parse(readFileSync(join(ROOT, ".infergrid", ID, "worker-1.json"), "utf8")) as Record<string, unknown>;
const nullWorkers: { address: Address; key: Hex }[] = [];
for (let i = 0; i < 3; i++) {
  const account = 10 + i;
  const port = PORT + 90 + i;
  const file = join(ROOT, ".infergrid", ID, `null-${i}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      ...base,
      stateFile: join(ROOT, ".infergrid", ID, `null-${i}.state.json`),
      listen: { host: "127.0.0.1", port },
      endpoint: `http://127.0.0.1:${port}`,
      capacity: 400,
      testing: { nullEngine: true },
    }),
  );
  await run(["worker/src/cli.ts", "worker", "start", "--config", file], {
    INFERGRID_DAEMON_KEY: keyOf(account),
  }).waitFor(/"msg":"serving"/);
  const address = privateKeyToAccount(keyOf(account)).address;
  nullWorkers.push({ address, key: (await profileOf(address)).encryptionKey });
}
const posters = Array.from({ length: POSTERS }, (_, i) => poster(14 + i));
for (const p of posters) {
  await publicClient.waitForTransactionReceipt({
    hash: await p.wallet.writeContract({
      ...c.GridToken,
      functionName: "approve",
      args: [d.JobMarket, maxUint256],
    }),
  });
}
const startBlock = await publicClient.getBlockNumber({ cacheTime: 0 });
const t0 = performance.now();
await Promise.all(
  posters.map(async (p, pi) => {
    for (let j = pi; j < THROUGHPUT_JOBS; j += POSTERS) await postTo(p, nullWorkers[j % 3]!, `throughput ${j}`);
  }),
);
const postSeconds = (performance.now() - t0) / 1000;
console.log(`posted ${THROUGHPUT_JOBS} jobs in ${postSeconds.toFixed(1)} s`);
let done = 0;
while (done < THROUGHPUT_JOBS) {
  done = (
    await publicClient.getContractEvents({
      ...c.JobMarket,
      eventName: "ResultSubmitted",
      fromBlock: startBlock,
    })
  ).length;
  if (performance.now() - t0 > 180_000) throw new Error(`only ${done} of ${THROUGHPUT_JOBS} results after 180 s`);
  await new Promise((r) => setTimeout(r, 20));
}
const seconds = (performance.now() - t0) / 1000;
cleanup();

report("network", [
  { metric: "protocol_overhead_p50_ms", value: Math.round(pct(overheads, 50)), unit: "ms", goal: "<= 100" },
  { metric: "protocol_overhead_p95_ms", value: Math.round(pct(overheads, 95)), unit: "ms" },
  { metric: "engine_time_p50_ms", value: Math.round(pct(engineMs, 50)), unit: "ms" },
  {
    metric: "null_engine_jobs_per_second",
    value: Math.round((THROUGHPUT_JOBS / seconds) * 10) / 10,
    unit: "jobs/s",
    goal: ">= 100",
  },
  {
    metric: "post_transactions_per_second",
    value: Math.round((THROUGHPUT_JOBS / postSeconds) * 10) / 10,
    unit: "tx/s",
  },
]);
process.exit(0);
