// Time to first token through the OpenAI-compatible gateway, minus the engine's own time to
// first token. Run: npm run bench:gateway   (writes bench/results/gateway.json)
//
// A local network (devnet/src/up.ts: chain, 1 worker on the real engine and models/tiny-gpt2,
// worker polling every 50 ms) and the gateway in-process (SDK polling every 50 ms). Each round
// sends one streamed /v1/completions request with the official `openai` client and times the
// first content chunk; the same prompt also runs through the engine in this process
// (`loadModel` + `generate` with `onToken`), timed from the call to the first token. The two
// sides alternate which goes first. The overhead of a round is gateway TTFT - engine TTFT:
// routing (chain reads + worker health check), the post transaction, the worker noticing the
// job, decrypting it, and the encrypted token stream back through the SDK and the gateway.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { bytesToHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { loadModel } from "@infergrid/engine";
import { startGateway } from "@infergrid/worker/gateway";
import { report } from "./lib/report.ts";
import { testPort } from "@infergrid/e2e/process";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = testPort(19_645);
const ROUNDS = 30;
const WARMUP = 3;
const MAX_TOKENS = 16;
const PROMPT = "The quick brown fox jumps over the lazy dog, and then";
const MNEMONIC = "test test test test test test test test test test test junk";
const keyOf = (i: number): Hex => bytesToHex(mnemonicToAccount(MNEMONIC, { addressIndex: i }).getHdKey().privateKey!);

const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGINT");
});

async function startNetwork(): Promise<void> {
  const child = spawn(
    process.execPath,
    ["devnet/src/up.ts", "--port", String(PORT), "--workers", "1", "--validators", "0", "--poll-ms", "50"],
    { cwd: ROOT },
  );
  children.push(child);
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  while (!/InferGrid local network is up/.test(out)) {
    if (child.exitCode !== null) throw new Error(`devnet/src/up.ts exited:\n${out.slice(-3000)}`);
    if (Date.now() - t0 > 240_000) throw new Error("timed out waiting for the local network");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

console.log("bench:gateway: starting a local network (chain, 1 worker) ...");
await startNetwork();
const gateway = await startGateway(
  {
    rpcUrl: `http://127.0.0.1:${PORT}`,
    deploymentId: `local-${PORT}`,
    key: { privateKeyEnv: "BENCH_GATEWAY_KEY" },
    listen: { port: 0 },
    apiKeys: ["sk-bench-gateway"],
    maxPricePerToken: 10n ** 10n,
    pollIntervalMs: 50,
    logLevel: "warn",
  },
  { env: { BENCH_GATEWAY_KEY: keyOf(12) } },
);
const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "sk-bench-gateway", maxRetries: 0 });
const model = await loadModel(join(ROOT, "models", "tiny-gpt2"), { intraOpNumThreads: 1, interOpNumThreads: 1 });

async function gatewayTtft(): Promise<number> {
  const t0 = performance.now();
  let first: number | undefined;
  const stream = await openai.completions.create({
    model: "tiny-gpt2",
    prompt: PROMPT,
    max_tokens: MAX_TOKENS,
    stream: true,
  });
  for await (const chunk of stream)
    if (first === undefined && (chunk.choices[0]?.text ?? "") !== "") first = performance.now() - t0;
  if (first === undefined) throw new Error("the gateway streamed no text");
  return first;
}

let n = 0;
async function engineTtft(): Promise<number> {
  const jobId = bytesToHex(new Uint8Array(32).fill(++n % 250), { size: 32 });
  const t0 = performance.now();
  let first: number | undefined;
  await model.generate({
    jobId,
    prompt: PROMPT,
    maxTokens: MAX_TOKENS,
    onToken: () => void (first ??= performance.now() - t0),
  });
  if (first === undefined) throw new Error("the engine produced no token");
  return first;
}

const gw: number[] = [];
const eng: number[] = [];
const overhead: number[] = [];
for (let i = 0; i < WARMUP + ROUNDS; i++) {
  let g: number;
  let e: number;
  if (i % 2 === 0) {
    g = await gatewayTtft();
    e = await engineTtft();
  } else {
    e = await engineTtft();
    g = await gatewayTtft();
  }
  if (i < WARMUP) continue;
  gw.push(g);
  eng.push(e);
  overhead.push(g - e);
}
await gateway.close();
await model.close();

report("gateway", [
  { metric: "ttft_overhead_p50_ms", value: round1(pct(overhead, 50)), unit: "ms" },
  { metric: "ttft_overhead_p95_ms", value: round1(pct(overhead, 95)), unit: "ms" },
  { metric: "gateway_ttft_p50_ms", value: round1(pct(gw, 50)), unit: "ms" },
  { metric: "gateway_ttft_p95_ms", value: round1(pct(gw, 95)), unit: "ms" },
  { metric: "engine_ttft_p50_ms", value: round1(pct(eng, 50)), unit: "ms" },
  { metric: "engine_ttft_p95_ms", value: round1(pct(eng, 95)), unit: "ms" },
  { metric: "rounds", value: ROUNDS, unit: "count" },
]);
process.exit(0);
