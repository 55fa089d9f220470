// `npm run bench:subgraph`: the local indexer on a chain from devnet/src/up.ts --chain-only, filled
// with the subgraph test scenario plus a batch of R = 1 jobs (left in their challenge window). Measures how long after a mined
// block the GraphQL endpoint reports it (`_meta.block.number`), and the latency of every query
// the web app sends (sdk/src/subgraph/queries.ts), interleaved.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak256, toHex } from "viem";
import { readDeployment, getContractConfigs } from "@infergrid/sdk";
import { subgraphQueries, type SubgraphQueryName } from "@infergrid/sdk/subgraph";
import { startIndexer } from "@infergrid/indexer";
import { actors, PRICE_IN, PRICE_OUT, readAs, recorder, runScenario } from "@infergrid/e2e/scenario";
import { report, type Metric } from "./lib/report.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PORT = Number(process.env.BENCH_SUBGRAPH_PORT ?? 18_746);
const RPC = `http://127.0.0.1:${PORT}`;
const EXTRA_JOBS = 60;
const LAG_SAMPLES = 25;
const QUERY_ROUNDS = 40;
const POLL_MS = 500; // the CLI default, and graph-node's default polling interval for a local chain

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const round = (x: number) => Math.round(x * 10) / 10;

async function startChain(): Promise<ChildProcessWithoutNullStreams> {
  const up = spawn(process.execPath, ["devnet/src/up.ts", "--port", String(PORT), "--chain-only"], { cwd: ROOT });
  let out = "";
  up.stdout.on("data", (b: Buffer) => (out += b.toString()));
  up.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const t0 = Date.now();
  while (!/InferGrid local network is up/.test(out)) {
    if (up.exitCode !== null) throw new Error(`devnet/src/up.ts exited ${up.exitCode}:\n${out}`);
    if (Date.now() - t0 > 180_000) throw new Error(`devnet/src/up.ts did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return up;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "subgraph", "build", "subgraph.yaml"))) {
    const r = spawnSync("npm", ["run", "build", "-w", "subgraph", "--silent"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("npm run build -w subgraph failed");
  }
  console.log(`starting a chain on ${RPC} ...`);
  const up = await startChain();
  const deploymentId = `local-${PORT}`;
  const stateDir = mkdtempSync(join(tmpdir(), "infergrid-bench-indexer-"));
  try {
    const d = readDeployment(31337, undefined, deploymentId);
    const c = getContractConfigs(d);
    console.log("running the scenario and posting jobs ...");
    await runScenario(RPC, d);
    const { send, publicClient } = recorder(RPC);
    const [w1, w2, w3] = actors.workers;
    for (let i = 0; i < EXTRA_JOBS; i++) {
      const worker = [w1, w2, w3][i % 3];
      const id = await readAs<bigint>(publicClient, c.JobMarket, "nextJobId");
      const ts = (await publicClient.getBlock()).timestamp;
      await send(actors.poster, c.JobMarket, "postJob", [
        {
          modelId: 1n,
          workers: [worker.address],
          inputHash: keccak256(toHex(`bench ${i}`)),
          encryptedInputs: ["0x01"],
          inputURI: "",
          maxInputTokens: 100,
          maxOutputTokens: 200,
          maxPricePerInputToken: PRICE_IN,
          maxPricePerOutputToken: PRICE_OUT,
          deadline: Number(ts + 600n),
        },
      ]);
      await send(worker, c.JobMarket, "submitResult", [
        id,
        keccak256(toHex(`out ${i}`)),
        "ref",
        10 + (i % 7),
        20 + (i % 11),
      ]);
    }

    const t0 = performance.now();
    const running = await startIndexer({
      rpc: RPC,
      deploymentId,
      port: 0,
      stateDir,
      pollIntervalMs: POLL_MS,
      quiet: true,
    });
    const catchUpMs = performance.now() - t0;
    const head = Number(await publicClient.getBlockNumber());
    console.log(`indexer caught up to block ${head} in ${Math.round(catchUpMs)} ms: ${running.url}`);

    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as {
        errors?: { message: string }[];
        data?: { _meta?: { block: { number: number } } };
      };
      if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
      return body.data;
    };

    // Indexing lag: from a receipt in hand to the endpoint reporting its block.
    const lags: number[] = [];
    for (let i = 0; i < LAG_SAMPLES; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * POLL_MS));
      const worker = [w1, w2, w3][i % 3];
      const receipt = await send(worker, c.WorkerRegistry, "setModelPrice", [1n, PRICE_IN, PRICE_OUT - BigInt(i)]);
      const start = performance.now();
      for (;;) {
        const data = await post("{ _meta { block { number } } }");
        if ((data?._meta?.block.number ?? 0) >= Number(receipt.blockNumber)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      lags.push(performance.now() - start);
    }

    // Query latency, every named query in turn.
    const variables: Record<SubgraphQueryName, Record<string, unknown>> = {
      NETWORK_STATS: {},
      MODELS: {},
      WORKERS_BY_ELO: {},
      WORKERS_BY_EARNINGS: {},
      WORKER: { id: w1.address },
      JOBS_BY_POSTER: { poster: actors.poster.address.toLowerCase() },
      JOB: { id: "3" },
      PROPOSALS: {},
      PARAM_CHANGES: {},
      JOB_DETAIL: { id: "3" },
      GOVERNANCE_PROPOSALS: {},
      MY_NODE: { id: w1.address.toLowerCase(), account: w1.address.toLowerCase(), worker: w1.address.toLowerCase() },
      MY_MODELS: { creator: actors.poster.address.toLowerCase() },
    };
    const names = Object.keys(subgraphQueries) as SubgraphQueryName[];
    const times = new Map<SubgraphQueryName, number[]>(names.map((n) => [n, []]));
    for (const n of names) await post(subgraphQueries[n], variables[n]); // warm-up
    for (let r = 0; r < QUERY_ROUNDS; r++) {
      for (const n of names) {
        const s = performance.now();
        await post(subgraphQueries[n], variables[n]);
        times.get(n)!.push(performance.now() - s);
      }
    }
    await running.close();

    const all = [...times.values()].flat();
    const jobs = Number(await readAs<bigint>(publicClient, c.JobMarket, "nextJobId")) - 1;
    const metrics: Metric[] = [
      { metric: "indexing_lag_p50_ms", value: round(percentile(lags, 50)), unit: "ms", goal: "<= 1000" },
      { metric: "indexing_lag_p95_ms", value: round(percentile(lags, 95)), unit: "ms" },
      { metric: "query_latency_p50_ms", value: round(percentile(all, 50)), unit: "ms", goal: "<= 50" },
      { metric: "query_latency_p95_ms", value: round(percentile(all, 95)), unit: "ms", goal: "<= 200" },
      ...names.map(
        (n): Metric => ({
          metric: `query_${n.toLowerCase()}_p95_ms`,
          value: round(percentile(times.get(n)!, 95)),
          unit: "ms",
        }),
      ),
      { metric: "catch_up_ms", value: Math.round(catchUpMs), unit: "ms" },
      { metric: "catch_up_blocks", value: head, unit: "blocks" },
      { metric: "jobs_indexed", value: jobs, unit: "jobs" },
      { metric: "poll_interval_ms", value: POLL_MS, unit: "ms" },
    ];
    report("subgraph", metrics);
  } finally {
    up.kill("SIGINT");
    await new Promise((r) => up.once("exit", r));
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(join(ROOT, "contracts", "ignition", "deployments", deploymentId), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench:subgraph: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
