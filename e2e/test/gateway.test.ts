// The OpenAI-compatible gateway end to end: `devnet/src/up.ts` on a spare port (real Hardhat node,
// real deployment, three worker daemons and a validator), the gateway started in-process, and
// the official `openai` npm client talking to it. Every request is a real on-chain job.
import assert from "node:assert/strict";
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import OpenAI, { APIError } from "openai";
import {
  createPublicClient,
  createTestClient,
  getAddress,
  http,
  parseEventLogs,
  walletActions,
  type Address,
  type Hash,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  jobMarketAbi,
  readDeployment,
  type Deployment,
  getContractConfigs,
  type InferGridContractConfigs,
  JobStatus,
  WorkStatus,
} from "@infergrid/sdk";
import { startGateway, type GatewayHandle } from "@infergrid/worker/gateway";
import { ROOT, keyOf, start, waitUntil, type Proc, testPort } from "../src/process.ts";

const PORT = testPort(19_545);
const RPC = `http://127.0.0.1:${PORT}`;
const DEPLOYMENT_ID = `local-${PORT}`;
const RUN_DIR = join(ROOT, ".infergrid", DEPLOYMENT_ID);
const API_KEY = "sk-infergrid-test-key";
const OPERATOR = 12; // a funded test account that nothing else in this network uses
const MAX_PRICE = 10n ** 10n;

const publicClient = createPublicClient({ chain: hardhat, transport: http(RPC) });
const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport: http(RPC) }).extend(walletActions);

type Assignment = {
  worker: Address;
  status: number;
  pricePerInputToken: bigint;
  pricePerOutputToken: bigint;
  inputTokens: number;
  outputTokens: number;
};
type InferGridInfo = {
  job_id: string;
  transaction: Hash;
  cost: string;
  verified: boolean;
  status: string;
  workers: { address: string }[];
};

let network: Proc;
let d: Deployment;
let c: InferGridContractConfigs;
let gateway: GatewayHandle;
let openai: OpenAI;
const closers: (() => Promise<void>)[] = [];
const extra: Proc[] = [];

const assignments = (jobId: bigint) =>
  publicClient.readContract({
    ...c.JobMarket,
    functionName: "assignments",
    args: [jobId],
  }) as Promise<readonly Assignment[]>;
const jobStatus = async (jobId: bigint) =>
  (
    (await publicClient.readContract({
      ...c.JobMarket,
      functionName: "job",
      args: [jobId],
    })) as { status: number }
  ).status;
const nextJobId = () => publicClient.readContract({ ...c.JobMarket, functionName: "nextJobId" }) as Promise<bigint>;
const gridOf = (a: Address) =>
  publicClient.readContract({
    ...c.GridToken,
    functionName: "balanceOf",
    args: [a],
  }) as Promise<bigint>;
const infoOf = (body: object): InferGridInfo => (body as { infergrid: InferGridInfo }).infergrid;

/** The job's usage and cost as the chain has them: tokens at each worker's snapshotted prices. */
async function onChainBill(jobId: bigint) {
  const list = await assignments(jobId);
  const delivered = list.filter((a) => a.status === WorkStatus.Delivered);
  assert.ok(delivered.length > 0, `job ${jobId} has a delivered result`);
  return {
    inputTokens: delivered[0]!.inputTokens,
    outputTokens: delivered[0]!.outputTokens,
    cost: delivered.reduce(
      (s, a) => s + BigInt(a.inputTokens) * a.pricePerInputToken + BigInt(a.outputTokens) * a.pricePerOutputToken,
      0n,
    ),
    workers: delivered.map((a) => getAddress(a.worker)),
  };
}

/** Status, param and code of an OpenAI client error. */
async function apiError(p: Promise<unknown>): Promise<APIError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof APIError) return e;
    throw e;
  }
  assert.fail("the request succeeded but should have failed");
}

/** Fields the openai package's types do not know; it sends them in the body as given. */
const withExtra = <T extends object>(body: T, extraFields: Record<string, unknown>): T => ({ ...body, ...extraFields });

before(async () => {
  // Capacity 3 per worker: 50 concurrent requests are more than the network takes at once, so
  // the gateway must route around full workers and wait for free slots.
  network = start([
    "devnet/src/up.ts",
    "--port",
    String(PORT),
    "--workers",
    "3",
    "--validators",
    "1",
    "--token-delay-ms",
    "10",
    "--capacity",
    "3",
  ]);
  await network.waitFor(/InferGrid local network is up/);
  d = readDeployment(hardhat.id, undefined, DEPLOYMENT_ID);
  c = getContractConfigs(d);
  gateway = await startGateway(
    {
      rpcUrl: RPC,
      deploymentId: DEPLOYMENT_ID,
      key: { privateKeyEnv: "GATEWAY_TEST_KEY" },
      listen: { host: "127.0.0.1", port: 0 },
      apiKeys: [API_KEY],
      maxPricePerToken: MAX_PRICE,
      defaultMaxTokens: 16,
      pollIntervalMs: 100,
      logLevel: process.env.GATEWAY_TEST_LOG === "debug" ? "debug" : "warn",
    },
    { env: { GATEWAY_TEST_KEY: keyOf(OPERATOR) } },
  );
  closers.push(() => gateway.close());
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
});

after(async () => {
  for (const close of closers) await close().catch(() => undefined);
  for (const p of extra) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  if (network && network.child.exitCode === null) {
    network.child.kill("SIGINT");
    await network.exited;
  }
});

describe("the OpenAI-compatible gateway", () => {
  it("lists the registered model that has eligible workers", async () => {
    const models = await openai.models.list();
    const ids = models.data.map((m) => m.id);
    assert.deepEqual(ids, ["tiny-gpt2"]);
    assert.equal(models.data[0]!.object, "model");
  });

  // First, while the workers' Elo ratings are still equal: the router ranks by Elo, so later
  // on the best-rated workers would take nearly every job whenever they have a free slot.
  it("serves 50 concurrent requests across the 3 workers, each with usage and cost as on chain", async (t) => {
    const workers = (
      (await publicClient.readContract({
        ...c.WorkerRegistry,
        functionName: "workers",
        args: [0n, 3n],
      })) as Address[]
    ).map((a) => getAddress(a));
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const { data, response } = await openai.chat.completions
          .create({
            model: "tiny-gpt2",
            messages: [{ role: "user", content: `Request ${i}: say something` }],
            max_tokens: 6,
          })
          .withResponse();
        return { data, cost: response.headers.get("x-infergrid-cost") };
      }),
    );
    const used = new Map<string, number>();
    const ids = new Set<string>();
    for (const { data, cost } of results) {
      const info = infoOf(data);
      ids.add(info.job_id);
      const bill = await onChainBill(BigInt(info.job_id));
      assert.deepEqual(data.usage, {
        prompt_tokens: bill.inputTokens,
        completion_tokens: bill.outputTokens,
        total_tokens: bill.inputTokens + bill.outputTokens,
      });
      assert.equal(BigInt(info.cost), bill.cost, `cost of job ${info.job_id}`);
      assert.equal(cost, info.cost);
      assert.equal(info.verified, true);
      for (const w of bill.workers) used.set(w, (used.get(w) ?? 0) + 1);
    }
    assert.equal(ids.size, 50, "one job per request");
    t.diagnostic(`jobs per worker: ${JSON.stringify(Object.fromEntries(used))}`);
    assert.deepEqual(
      [...used.keys()].sort(),
      [...workers].sort(),
      `every worker took some of the jobs: ${JSON.stringify(Object.fromEntries(used))}`,
    );
  });

  it("answers a chat completion with usage, cost, job id and transaction from the chain", async () => {
    const { data, response } = await openai.chat.completions
      .create({
        model: "tiny-gpt2",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hello, gateway" },
        ],
        max_tokens: 12,
        temperature: 0,
        seed: 7,
        user: "test",
      })
      .withResponse();
    assert.equal(data.object, "chat.completion");
    assert.equal(data.choices[0]!.message.role, "assistant");
    assert.equal(typeof data.choices[0]!.message.content, "string");
    assert.ok(["stop", "length"].includes(data.choices[0]!.finish_reason));
    const info = infoOf(data);
    const jobId = BigInt(info.job_id);
    assert.equal(response.headers.get("x-infergrid-job-id"), info.job_id);
    assert.equal(response.headers.get("x-infergrid-tx"), info.transaction);
    assert.equal(response.headers.get("x-infergrid-cost"), info.cost);
    assert.equal(response.headers.get("x-infergrid-verified"), "true");
    assert.equal(info.verified, true);
    const receipt = await publicClient.getTransactionReceipt({ hash: info.transaction });
    assert.equal(
      parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "JobPosted" })[0]!.args.jobId,
      jobId,
    );
    const bill = await onChainBill(jobId);
    assert.deepEqual(data.usage, {
      prompt_tokens: bill.inputTokens,
      completion_tokens: bill.outputTokens,
      total_tokens: bill.inputTokens + bill.outputTokens,
    });
    assert.equal(BigInt(info.cost), bill.cost);
  });

  it("streams chat chunks in OpenAI's format before the job is final, then finish_reason, usage and [DONE]", async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({
        model: "tiny-gpt2",
        messages: [{ role: "user", content: "Tell me a story" }],
        max_tokens: 24,
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    const jobId = BigInt(response.headers.get("x-infergrid-job-id") ?? "0");
    assert.ok(jobId > 0n, "the stream's headers carry the job id");
    assert.match(response.headers.get("x-infergrid-tx") ?? "", /^0x[0-9a-f]{64}$/);
    let statusAtFirstChunk: number | undefined;
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      statusAtFirstChunk ??= await jobStatus(jobId);
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    assert.notEqual(statusAtFirstChunk, JobStatus.Finalized, "the first chunk arrived before the job was final");
    assert.ok(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === `chatcmpl-${jobId}`));
    assert.equal(chunks[0]!.choices[0]!.delta.role, "assistant");
    const finish = chunks.at(-2)!;
    assert.ok(["stop", "length"].includes(finish.choices[0]!.finish_reason ?? ""));
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    const bill = await onChainBill(jobId);
    assert.deepEqual(last.usage, {
      prompt_tokens: bill.inputTokens,
      completion_tokens: bill.outputTokens,
      total_tokens: bill.inputTokens + bill.outputTokens,
    });
    const info = infoOf(last);
    assert.equal(info.job_id, jobId.toString());
    assert.equal(BigInt(info.cost), bill.cost);
    assert.equal(info.verified, true);
    assert.ok(text.length > 0);
  });

  it("answers a legacy completion, streamed and not", async () => {
    const c = await openai.completions.create({ model: "tiny-gpt2", prompt: "Once upon a time", max_tokens: 8 });
    assert.equal(c.object, "text_completion");
    assert.equal(typeof c.choices[0]!.text, "string");
    const bill = await onChainBill(BigInt(infoOf(c).job_id));
    assert.equal(c.usage?.completion_tokens, bill.outputTokens);
    let streamed = "";
    let finish: string | null = null;
    for await (const chunk of await openai.completions.create({
      model: "tiny-gpt2",
      prompt: "Once upon a time",
      max_tokens: 8,
      stream: true,
    })) {
      streamed += chunk.choices[0]?.text ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(streamed, c.choices[0]!.text, "same prompt, same greedy output");
    assert.ok(finish);

    // A stop sequence is cut from the answer, and a stream never shows it either.
    const output = c.choices[0]!.text;
    const stop = output.slice(2, 5);
    assert.ok(
      stop.trim().length > 0 && output.indexOf(stop) > 0,
      `a stop sequence inside the output ${JSON.stringify(output)}`,
    );
    const cut = await openai.completions.create({
      model: "tiny-gpt2",
      prompt: "Once upon a time",
      max_tokens: 8,
      stop,
    });
    assert.equal(cut.choices[0]!.finish_reason, "stop");
    assert.equal(cut.choices[0]!.text, output.slice(0, output.indexOf(stop)));
    let cutStreamed = "";
    for await (const chunk of await openai.completions.create({
      model: "tiny-gpt2",
      prompt: "Once upon a time",
      max_tokens: 8,
      stop,
      stream: true,
    })) {
      cutStreamed += chunk.choices[0]?.text ?? "";
    }
    assert.equal(cutStreamed, cut.choices[0]!.text);
  });

  it("answers errors in OpenAI's format: 404 unknown model, 400 naming the parameter (no funds moved), 401 bad key, 503 no eligible worker", async () => {
    const operator = privateKeyToAccount(keyOf(OPERATOR)).address;
    const gridBefore = await gridOf(operator);
    const jobsBefore = await nextJobId();
    const ask = { model: "tiny-gpt2", messages: [{ role: "user" as const, content: "hi" }], max_tokens: 4 };

    const notFound = await apiError(openai.chat.completions.create({ ...ask, model: "no-such-model" }));
    assert.equal(notFound.status, 404);
    assert.equal(notFound.code, "model_not_found");
    assert.equal(notFound.param, "model");

    for (const [body, param] of [
      [{ ...ask, temperature: 5 }, "temperature"],
      [{ ...ask, max_tokens: 0 }, "max_tokens"],
      [{ ...ask, messages: [{ role: "tool", content: "x" }] }, "messages[0].role"],
      [withExtra(ask, { infergrid: { redundancy: 0 } }), "infergrid.redundancy"],
    ] as const) {
      const bad = await apiError(openai.chat.completions.create(body as typeof ask));
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.param, param);
      assert.equal(bad.type, "invalid_request_error");
    }
    assert.equal(
      (await apiError(openai.completions.create({ model: "tiny-gpt2", prompt: "", max_tokens: 4 }))).param,
      "prompt",
    );

    const wrongKey = new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: "sk-not-a-key-of-this-gateway",
      maxRetries: 0,
    });
    const unauthorized = await apiError(wrongKey.chat.completions.create(ask));
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.code, "invalid_api_key");
    const noKey = await fetch(`${gateway.url}/v1/models`);
    assert.equal(noKey.status, 401);
    assert.equal(((await noKey.json()) as { error: { code: string } }).error.code, "missing_api_key");

    const unavailable = await apiError(openai.chat.completions.create(withExtra(ask, { max_price_per_token: 1 })));
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.code, "no_eligible_worker");

    assert.equal(await gridOf(operator), gridBefore, "no GRID moved");
    assert.equal(await nextJobId(), jobsBefore, "no job was posted");
  });

  it("answers 402 when the operator's account cannot pay (a fresh key without GRID)", async () => {
    const broke = await startGateway(
      {
        rpcUrl: RPC,
        deploymentId: DEPLOYMENT_ID,
        key: { privateKeyEnv: "BROKE_KEY" },
        listen: { port: 0 },
        apiKeys: [API_KEY],
        maxPricePerToken: MAX_PRICE,
        logLevel: "silent",
      },
      { env: { BROKE_KEY: generatePrivateKey() } },
    );
    closers.push(() => broke.close());
    const client = new OpenAI({ baseURL: `${broke.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
    const e = await apiError(
      client.chat.completions.create({
        model: "tiny-gpt2",
        messages: [{ role: "user", content: "hi" }],
        max_tokens: 4,
      }),
    );
    assert.equal(e.status, 402);
    assert.equal(e.code, "insufficient_balance");
    assert.match(e.message, /No funds moved/);
  });

  it("answers 504 when the deadline passes before any worker delivers (a slow worker, a short deadline, chain time moved past it); the escrow comes back", async () => {
    // The only worker within max_price_per_token 1: a test worker of its own at 1 wei per
    // token that takes 3 s per token and accepts any deadline.
    const slowAccount = 13;
    const slow = privateKeyToAccount(keyOf(slowAccount));
    const base = JSON.parse(readFileSync(join(RUN_DIR, "worker-1.json"), "utf8")) as { models: { dir: string }[] };
    const file = join(RUN_DIR, "gateway-slow-worker.json");
    const port = PORT + 90;
    writeFileSync(
      file,
      JSON.stringify({
        ...base,
        stateFile: join(RUN_DIR, "gateway-slow-worker.state.json"),
        listen: { host: "127.0.0.1", port },
        endpoint: `http://127.0.0.1:${port}`,
        models: base.models.map((m) => ({ ...m, pricePerInputToken: "1", pricePerOutputToken: "1" })),
        minJobDuration: 0,
        testing: { tokenDelayMs: 3_000 },
      }),
    );
    const proc = start(["worker/src/cli.ts", "worker", "start", "--config", file], {
      INFERGRID_DAEMON_KEY: keyOf(slowAccount),
    });
    proc.child.stdout.pipe(
      createWriteStream(join(ROOT, ".infergrid", "logs", "gateway-slow-worker.log"), { flags: "a" }),
    );
    extra.push(proc);
    await proc.waitFor(/"msg":"serving"/);

    const operator = privateKeyToAccount(keyOf(OPERATOR)).address;
    const creditBefore = (await publicClient.readContract({
      ...c.JobMarket,
      functionName: "balanceOf",
      args: [operator],
    })) as bigint;
    const first = await nextJobId();
    const pending = apiError(
      openai.chat.completions.create(
        withExtra(
          { model: "tiny-gpt2", messages: [{ role: "user" as const, content: "Take your time" }], max_tokens: 20 },
          { infergrid: { max_price_per_token: 1, deadline_seconds: 5 } },
        ),
      ),
    );
    const jobId = await waitUntil(
      "the job posted to the slow worker",
      async () => ((await nextJobId()) > first ? first : undefined),
      60_000,
    );
    assert.equal(getAddress((await assignments(jobId))[0]!.worker), slow.address);
    // The worker is mid-generation; move the chain past the deadline (5 s + the SDK's 30 s slack).
    await testClient.increaseTime({ seconds: 120 });
    await testClient.mine({ blocks: 1 });
    const e = await pending;
    assert.equal(e.status, 504);
    assert.equal(e.code, "deadline_passed");
    assert.equal(await jobStatus(jobId), JobStatus.Refunded);
    const creditAfter = (await publicClient.readContract({
      ...c.JobMarket,
      functionName: "balanceOf",
      args: [operator],
    })) as bigint;
    assert.ok(creditAfter > creditBefore, "the escrow was credited back to the operator");
    // Out of rotation for what follows.
    const hash = await testClient.writeContract({
      account: slow,
      chain: hardhat,
      ...c.WorkerRegistry,
      functionName: "setPaused",
      args: [true],
    });
    await publicClient.waitForTransactionReceipt({ hash });
    proc.child.kill("SIGTERM");
    await proc.exited;
  });

  it("keeps running a job whose streaming client went away; it settles on chain as usual", async () => {
    const controller = new AbortController();
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "tiny-gpt2",
        messages: [{ role: "user", content: "A long one, please" }],
        max_tokens: 60,
        stream: true,
      }),
      signal: controller.signal,
    });
    assert.equal(res.status, 200);
    const jobId = BigInt(res.headers.get("x-infergrid-job-id") ?? "0");
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => undefined);
    // Challenge, or Audit when the 1 % audit draw picks it: either way the worker's result is on chain.
    await waitUntil(
      "the abandoned job's result on chain",
      async () => ([JobStatus.Challenge, JobStatus.Audit] as number[]).includes(await jobStatus(jobId)),
      60_000,
    );
    const bill = await onChainBill(jobId);
    assert.ok(bill.outputTokens > 0);
  });
});
