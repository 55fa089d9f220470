// The running network end to end: `devnet/src/up.ts` on a spare port (real Hardhat node, real
// Ignition deployment, three worker daemons and a validator daemon as separate processes),
// jobs through the SDK, a worker killed mid-job, a cheater caught by an audit, and bad input.
import assert from "node:assert/strict";
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  createPublicClient,
  createTestClient,
  getAddress,
  http,
  parseEventLogs,
  walletActions,
  type Address,
  type Hex,
  type Abi,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  createInferGridClient,
  deriveEncryptionKeyPair,
  encodeJobInput,
  jobInputHash,
  jobMarketAbi,
  readDeployment,
  seal,
  type Deployment,
  getContractConfigs,
  type InferGridContractConfigs,
  JobStatus,
} from "@infergrid/sdk";
import { ROOT, cli, keyOf, start, waitUntil, type Proc, testPort } from "../src/process.ts";

const PORT = testPort(19_045);
const RPC = `http://127.0.0.1:${PORT}`;
const DEPLOYMENT_ID = `local-${PORT}`;
const RUN_DIR = join(ROOT, ".infergrid", DEPLOYMENT_ID);
const poster = privateKeyToAccount(keyOf(1));
const publicClient = createPublicClient({ chain: hardhat, transport: http(RPC) });
const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport: http(RPC) }).extend(walletActions);
const AUDIT_RATE = 10;

let network: Proc;
let d: Deployment;
let c: InferGridContractConfigs;
const extra: Proc[] = [];

const read = <T>(contract: { address: Address; abi: Abi }, functionName: string, args: unknown[] = []) =>
  publicClient.readContract({ ...contract, functionName, args } as never) as Promise<T>;
const marketBalance = (a: Address) => read<bigint>(c.JobMarket, "balanceOf", [a]);
type Job = { status: number; deadline: number; challengeEndsAt: number; escrow: bigint };
const jobOf = (id: bigint) => read<Job>(c.JobMarket, "job", [id]);

async function setParam(param: number, value: bigint) {
  const timelock = d.GridTimelock;
  await testClient.impersonateAccount({ address: timelock });
  await testClient.setBalance({ address: timelock, value: 10n ** 18n });
  const hash = await testClient.writeContract({
    account: timelock,
    ...c.ProtocolConfig,
    functionName: "setParam",
    args: [param, value],
    chain: hardhat,
  });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A worker daemon of the test's own, with settings the default network does not use. */
async function extraWorker(
  name: string,
  account: number,
  port: number,
  testing: Record<string, unknown>,
): Promise<Proc> {
  const base = JSON.parse(readFileSync(join(RUN_DIR, "worker-1.json"), "utf8")) as Record<string, unknown>;
  const file = join(RUN_DIR, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      ...base,
      stateFile: join(RUN_DIR, `${name}.state.json`),
      listen: { host: "127.0.0.1", port },
      endpoint: `http://127.0.0.1:${port}`,
      testing,
    }),
  );
  const p = start(["worker/src/cli.ts", "worker", "start", "--config", file], { INFERGRID_DAEMON_KEY: keyOf(account) });
  const log = createWriteStream(join(ROOT, ".infergrid", "logs", `${name}.log`), { flags: "a" });
  p.child.stdout.pipe(log);
  p.child.stderr.pipe(log);
  extra.push(p);
  await p.waitFor(/"msg":"serving"/);
  return p;
}

/** Posts a job straight to one worker (the router would pick the best-ranked one instead). */
async function postTo(worker: Address, prompt: string, maxTokens: number, deadlineIn = 120n): Promise<bigint> {
  const profile = await read<{ encryptionKey: Hex }>(c.WorkerRegistry, "profile", [worker]);
  const model = await read<{ manifestHash: Hex }>(c.ModelRegistry, "model", [1n]);
  const reply = deriveEncryptionKeyPair(keyOf(1));
  const bytes = encodeJobInput({
    version: 1,
    modelHash: model.manifestHash,
    prompt,
    sampling: { maxTokens },
    replyKey: reply.publicKey,
  });
  const now = (await publicClient.getBlock()).timestamp;
  const hash = await testClient.writeContract({
    account: poster,
    chain: hardhat,
    ...c.JobMarket,
    functionName: "postJob",
    args: [
      {
        modelId: 1n,
        workers: [worker],
        inputHash: jobInputHash(bytes),
        encryptedInputs: [seal(profile.encryptionKey, bytes)],
        inputURI: "",
        maxInputTokens: 256,
        maxOutputTokens: maxTokens,
        maxPricePerInputToken: 10n ** 10n,
        maxPricePerOutputToken: 10n ** 10n,
        deadline: Number(now + deadlineIn),
      },
    ],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "JobPosted" })[0]!.args.jobId;
}

async function skip(seconds: number) {
  await testClient.increaseTime({ seconds });
  await testClient.mine({ blocks: 1 });
}

before(async () => {
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
  ]);
  await network.waitFor(/InferGrid local network is up/);
  d = readDeployment(hardhat.id, undefined, DEPLOYMENT_ID);
  c = getContractConfigs(d);
  await testClient.writeContract({
    account: poster,
    chain: hardhat,
    address: d.GridToken,
    abi: [
      {
        type: "function",
        name: "approve",
        stateMutability: "nonpayable",
        inputs: [{ type: "address" }, { type: "uint256" }],
        outputs: [{ type: "bool" }],
      },
    ],
    functionName: "approve",
    args: [d.JobMarket, 2n ** 255n],
  });
});

after(async () => {
  for (const p of extra) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  if (network && network.child.exitCode === null) {
    network.child.kill("SIGINT");
    await network.exited;
  }
});

describe("the running network", () => {
  it("runs 20 jobs at R=1 and 5 at R=3 through the SDK, streams before results, and splits 70/20/10 to the wei", async () => {
    await setParam(AUDIT_RATE, 0n); // this test checks the plain split; audits have their own test
    const client = createInferGridClient({ rpcUrl: RPC, account: poster, deployment: d, pollIntervalMs: 100 });
    const creator = privateKeyToAccount(keyOf(5)).address;
    const workers = (await read<Address[]>(c.WorkerRegistry, "workers", [0n, 10n])).slice(0, 3);
    const parties = [...workers, creator, d.GridTimelock, poster.address];
    const before = await Promise.all(parties.map(marketBalance));
    const results = [];
    for (let i = 0; i < 25; i++) {
      let streamed = "";
      const r = await client.runJob({
        model: "tiny-gpt2",
        prompt: `Job ${i}: tell me something`,
        maxTokens: 12,
        maxPricePerToken: 10n ** 10n,
        redundancy: i < 20 ? 1 : 3,
        onToken: (t) => (streamed += t),
      });
      assert.equal(r.verified, true, `job ${r.jobId} verified`);
      assert.equal(r.streamedBeforeResult, true, `job ${r.jobId}: tokens streamed before the result was on chain`);
      assert.equal(streamed, r.text);
      assert.equal(r.workers.length, i < 20 ? 1 : 3);
      results.push(r);
    }
    await skip(31);
    const ids = results.map((r) => r.jobId);
    await waitUntil(
      "every job finalized by its workers",
      async () => (await Promise.all(ids.map(jobOf))).every((j) => j.status === JobStatus.Finalized),
      120_000,
    );

    // Expected credits, from the snapshotted prices and the token counts on chain.
    const expected = new Map<string, bigint>(parties.map((p) => [getAddress(p), 0n]));
    const add = (a: Address, v: bigint) => expected.set(getAddress(a), expected.get(getAddress(a))! + v);
    for (const id of ids) {
      const list = await read<
        {
          worker: Address;
          pricePerInputToken: bigint;
          pricePerOutputToken: bigint;
          inputTokens: number;
          outputTokens: number;
        }[]
      >(c.JobMarket, "assignments", [id]);
      let total = 0n;
      let workerTotal = 0n;
      for (const a of list) {
        const fee = BigInt(a.inputTokens) * a.pricePerInputToken + BigInt(a.outputTokens) * a.pricePerOutputToken;
        const w = (fee * 7000n) / 10000n;
        add(a.worker, w);
        total += fee;
        workerTotal += w;
      }
      const creatorPart = (total * 2000n) / 10000n;
      add(creator, creatorPart);
      add(d.GridTimelock, total - workerTotal - creatorPart);
      const escrow = results.find((r) => r.jobId === id)!.escrow;
      add(poster.address, escrow - total);
    }
    const afterBalances = await Promise.all(parties.map(marketBalance));
    for (const [i, p] of parties.entries()) {
      assert.equal(afterBalances[i]! - before[i]!, expected.get(getAddress(p)), `credit of ${p}`);
    }
  });

  it("survives a worker killed mid-job: the job times out and is refunded, others keep serving, the restart resumes without a second submission", async () => {
    const slowAccount = 6;
    const slow = privateKeyToAccount(keyOf(slowAccount)).address;
    let proc = await extraWorker("slow-worker", slowAccount, PORT + 80, { tokenDelayMs: 300 });
    const id = await postTo(slow, "A long answer please", 40);
    await waitUntil("the slow worker to start the job", async () => /"msg":"job assigned"/.test(proc.output()));
    await new Promise((r) => setTimeout(r, 500));
    proc.child.kill("SIGKILL");
    await proc.exited;
    assert.equal((await jobOf(id)).status, JobStatus.Open);

    // The others keep serving while it is down.
    const client = createInferGridClient({ rpcUrl: RPC, account: poster, deployment: d, pollIntervalMs: 100 });
    const other = await client.runJob({
      model: "tiny-gpt2",
      prompt: "still there?",
      maxTokens: 8,
      maxPricePerToken: 10n ** 10n,
    });
    assert.equal(other.verified, true);
    assert.ok(!other.workers.some((w) => w.address === slow), "the dead worker is not routed to");

    const job = await jobOf(id);
    await skip(job.deadline - Number((await publicClient.getBlock()).timestamp) + 1);
    const hash = await testClient.writeContract({
      account: poster,
      chain: hardhat,
      ...c.JobMarket,
      functionName: "claimTimeout",
      args: [id],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal((await jobOf(id)).status, JobStatus.Refunded);
    // Other jobs settle while time jumps, so read this job's refund from its own event.
    const [timedOut] = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "WorkerTimedOut" });
    assert.equal(timedOut!.args.worker, slow);
    assert.equal(timedOut!.args.refund, job.escrow, "the poster gets the whole escrow back");
    assert.ok(timedOut!.args.slashed > 0n, "the silent worker is slashed");

    const stateFile = join(RUN_DIR, "slow-worker.state.json");
    const lastBefore = BigInt(
      (JSON.parse(readFileSync(stateFile, "utf8")) as { lastProcessedBlock: string }).lastProcessedBlock,
    );
    proc = await extraWorker("slow-worker", slowAccount, PORT + 80, { tokenDelayMs: 300 });
    await waitUntil("the restarted worker to catch up", async () => {
      const s = JSON.parse(readFileSync(stateFile, "utf8")) as {
        lastProcessedBlock: string;
        jobs: Record<string, { phase: string }>;
      };
      return BigInt(s.lastProcessedBlock) > lastBefore && s.jobs[id.toString()]?.phase === "done";
    });
    const submitted = await publicClient.getContractEvents({
      ...c.JobMarket,
      eventName: "ResultSubmitted",
      args: { jobId: id },
      fromBlock: 0n,
    });
    assert.equal(submitted.length, 0, "no result was submitted for the timed-out job");
    assert.doesNotMatch(proc.output(), /"msg":"job assigned"/, "the restart did not process its old assignment again");
    // Take it out of rotation for the tests that follow.
    await testClient.writeContract({
      account: privateKeyToAccount(keyOf(slowAccount)),
      chain: hardhat,
      ...c.WorkerRegistry,
      functionName: "setPaused",
      args: [true],
    });
    proc.child.kill("SIGTERM");
    await proc.exited;
  });

  it("catches a cheating worker with an audit through the real validator daemon: slashed, Elo down", async () => {
    const cheatAccount = 7;
    const cheater = privateKeyToAccount(keyOf(cheatAccount)).address;
    const proc = await extraWorker("cheater", cheatAccount, PORT + 81, { perturbOutput: true });
    await setParam(AUDIT_RATE, 10_000n);
    const before = await read<{ stake: bigint; elo: number }>(c.WorkerRegistry, "worker", [cheater]);
    const id = await postTo(cheater, "Please answer honestly", 10);
    await waitUntil("the cheater's result", async () => (await jobOf(id)).status === JobStatus.Challenge);
    await skip(31);
    // The cheater finalizes its own job to get paid; the draw sends it to the validator instead.
    await waitUntil("the audit to settle", async () => (await jobOf(id)).status === JobStatus.Refunded, 180_000, 500);
    const afterWorker = await read<{ stake: bigint; elo: number }>(c.WorkerRegistry, "worker", [cheater]);
    assert.equal(afterWorker.stake, before.stake / 2n, "slashed the fraud share (50%)");
    assert.ok(afterWorker.elo < before.elo, `Elo dropped from ${before.elo} to ${afterWorker.elo}`);
    await setParam(AUDIT_RATE, 0n);
    await testClient.writeContract({
      account: privateKeyToAccount(keyOf(cheatAccount)),
      chain: hardhat,
      ...c.WorkerRegistry,
      functionName: "setPaused",
      args: [true],
    });
    proc.child.kill("SIGTERM");
    await proc.exited;
  });

  it("refuses malformed input through the CLI and the SDK with clear errors and moves no funds", async () => {
    const wallet = () => read<bigint>(c.GridToken, "balanceOf", [poster.address]);
    const walletBefore = await wallet();
    const nextBefore = await read<bigint>(c.JobMarket, "nextJobId");
    const env = { INFERGRID_PRIVATE_KEY: keyOf(1) };
    const base = ["--rpc", RPC, "--deployment-id", DEPLOYMENT_ID, "job", "run", "hi"];
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[...base, "--model", "no-such-model"], env, /no-such-model|unknown model/i],
      [[...base, "--model", "tiny-gpt2", "--max-tokens", "0"], env, /max-tokens must be an integer >= 1/],
      [[...base, "--model", "tiny-gpt2", "--max-price", "1"], env, /eligible|price/i],
      [[...base, "--model", "tiny-gpt2"], { INFERGRID_PRIVATE_KEY: "0x1234" }, /not a 0x-prefixed 32-byte private key/],
      [
        ["--rpc", "http://127.0.0.1:1", "job", "run", "hi", "--model", "tiny-gpt2"],
        env,
        /cannot reach the chain at http:\/\/127\.0\.0\.1:1/,
      ],
    ];
    for (const [args, e, pattern] of cases) {
      const { code, out } = await cli(args, e);
      assert.equal(code, 1, `${args.join(" ")} should fail:\n${out}`);
      assert.match(out, pattern);
    }
    const client = createInferGridClient({ rpcUrl: RPC, account: poster, deployment: d });
    await assert.rejects(
      client.runJob({ model: "no-such-model", prompt: "x", maxTokens: 4, maxPricePerToken: 10n ** 10n }),
      /no-such-model/,
    );
    await assert.rejects(
      client.runJob({ model: "tiny-gpt2", prompt: "x", maxTokens: 0, maxPricePerToken: 10n ** 10n }),
      /maxTokens/,
    );
    await assert.rejects(
      client.runJob({ model: "tiny-gpt2", prompt: "x", maxTokens: 4, maxPricePerToken: 1n }),
      /eligible/i,
    );
    const offline = createInferGridClient({ rpcUrl: "http://127.0.0.1:1", account: poster, deployment: d });
    await assert.rejects(
      offline.runJob({ model: "tiny-gpt2", prompt: "x", maxTokens: 4, maxPricePerToken: 10n ** 10n }),
    );
    assert.equal(await wallet(), walletBefore, "no GRID left the wallet");
    assert.equal(await read<bigint>(c.JobMarket, "nextJobId"), nextBefore, "no job was posted");
  });
});
