// Model resolution, the router and revert decoding against a real local chain
// (devnet/src/up.ts --chain-only) with workers registered the way operators do it, and tiny real
// HTTP /health servers standing in for their endpoints.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { keccak256, parseEther, toHex, type Address } from "viem";
import {
  ContractRevertError,
  decodeRevert,
  getContracts,
  withRevertDecoding,
  generateEncryptionKeyPair,
  NoEligibleWorkerError,
  UnknownModelError,
  listModels,
  resolveModel,
  eligibleWorkers,
  pickWorkers,
  scoreWorker,
} from "@infergrid/sdk";
import { testPort } from "../src/process.ts";
import {
  healthServer,
  registerModel,
  setUpWorker,
  startLocalChain,
  testAccount,
  type LocalChain,
  type TinyServer,
} from "../src/chain.ts";

const PORT = testPort(18_845);
const MAX_IN = 100n;
const MAX_OUT = 200n;

let chain: LocalChain;
const servers: TinyServer[] = [];
let modelId: bigint;
let otherModelId: bigint;
const w: Record<
  | "fast"
  | "cheapSlow"
  | "paused"
  | "overpriced"
  | "unreachable"
  | "degraded"
  | "understaked"
  | "otherModel"
  | "slowDeadline",
  Address
> = {} as never;

before(async () => {
  chain = await startLocalChain(PORT);
  const creator = testAccount(5);
  modelId = (await registerModel(chain, creator, "Tiny-GPT2")).id;
  otherModelId = (await registerModel(chain, creator, "other-model")).id;

  const key = () => generateEncryptionKeyPair().publicKey;
  const health = async (i: number, opts?: { status?: string; delayMs?: number }) => {
    const s = await healthServer(testAccount(i).address, opts);
    servers.push(s);
    return s.url;
  };
  const priced = (priceIn: bigint, priceOut: bigint) => [{ id: modelId, priceIn, priceOut }];
  // A port nobody listens on: a server started and closed again.
  const closed = await healthServer(testAccount(14).address);
  await closed.close();

  const specs = [
    ["fast", 10, { endpoint: await health(10), models: priced(10n, 20n) }],
    ["cheapSlow", 11, { endpoint: await health(11, { delayMs: 120 }), models: priced(1n, 2n) }],
    ["paused", 12, { endpoint: await health(12), models: priced(1n, 1n), paused: true }],
    ["overpriced", 13, { endpoint: await health(13), models: priced(5n, 500n) }],
    ["unreachable", 14, { endpoint: closed.url, models: priced(1n, 1n) }],
    ["degraded", 15, { endpoint: await health(15, { status: "degraded" }), models: priced(1n, 1n) }],
    ["understaked", 16, { endpoint: await health(16), models: priced(1n, 1n), stake: parseEther("1") }],
    ["otherModel", 17, { endpoint: await health(17), models: [{ id: otherModelId, priceIn: 1n, priceOut: 1n }] }],
    ["slowDeadline", 18, { endpoint: await health(18), models: priced(1n, 1n), minJobDuration: 7200 }],
  ] as const;
  // Sequential per account is required, parallel across accounts is fine.
  await Promise.all(
    specs.map(async ([name, index, spec]) => {
      w[name] = await setUpWorker(chain, { account: testAccount(index), encryptionKey: key(), ...spec });
    }),
  );
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await chain?.stop();
});

const ctx = () => ({ publicClient: chain.publicClient, deployment: chain.deployment });
const request = () => ({ modelId, maxPricePerInputToken: MAX_IN, maxPricePerOutputToken: MAX_OUT, minDuration: 600 });

describe("models", () => {
  it("resolves by exact name in any case, by id, by decimal string and by manifest hash", async () => {
    const byName = await resolveModel(ctx(), "tiny-gpt2");
    assert.equal(byName.id, modelId);
    assert.equal(byName.name, "Tiny-GPT2");
    assert.equal(byName.manifestHash, keccak256(toHex("manifest:Tiny-GPT2")));
    assert.equal((await resolveModel(ctx(), modelId)).name, "Tiny-GPT2");
    assert.equal((await resolveModel(ctx(), String(otherModelId))).name, "other-model");
    assert.equal((await resolveModel(ctx(), byName.manifestHash)).id, modelId);
    assert.deepEqual(
      (await listModels(ctx())).map((m) => m.name),
      ["Tiny-GPT2", "other-model"],
    );
  });

  it("names the registered models when nothing matches", async () => {
    await assert.rejects(resolveModel(ctx(), "tiny"), (e: unknown) => {
      assert.ok(e instanceof UnknownModelError);
      assert.match(e.message, /unknown model "tiny" \(registered: Tiny-GPT2 \(#1\), other-model \(#2\)\)/);
      return true;
    });
    await assert.rejects(resolveModel(ctx(), 99n), UnknownModelError);
    await assert.rejects(resolveModel(ctx(), keccak256(toHex("nope"))), UnknownModelError);
  });
});

describe("router", () => {
  it("keeps only workers that can take the job and ranks them by the documented score", async () => {
    const { ranked, exclusions } = await eligibleWorkers(ctx(), request());
    assert.deepEqual(
      ranked.map((r) => r.address),
      [w.fast, w.cheapSlow],
      `ranked: ${JSON.stringify(ranked.map((r) => [r.address, r.score, r.rttMs]))}`,
    );
    for (const r of ranked) assert.equal(r.score, scoreWorker(r, request()));
    const cheap = ranked[1]!;
    assert.ok(cheap.rttMs >= 100, `the slow server's round trip (${cheap.rttMs} ms) includes its 120 ms delay`);
    assert.equal(ranked[0]!.pricePerOutputToken, 20n);
    assert.equal(ranked[0]!.elo, 1500);

    const reason = (a: Address) => exclusions.find((e) => e.worker === a)?.reason ?? "(not excluded)";
    assert.match(reason(w.paused), /paused/);
    assert.match(reason(w.overpriced), /output price 500 wei\/token is above your max 200/);
    assert.match(reason(w.unreachable), /unreachable/);
    assert.match(reason(w.degraded), /health status is "degraded"/);
    assert.match(
      reason(w.understaked),
      /stake 1000000000000000000 wei is below the minimum 1000000000000000000000 wei/,
    );
    assert.match(reason(w.otherModel), new RegExp(`does not serve model ${modelId}`));
    assert.match(reason(w.slowDeadline), /needs at least 7200 s to the deadline, the job gives 600 s/);
    assert.equal(exclusions.length, 7);
  });

  it("excludes the poster itself, and pickWorkers explains who was left out and why", async () => {
    const { ranked } = await eligibleWorkers(ctx(), { ...request(), exclude: [w.fast] });
    assert.deepEqual(
      ranked.map((r) => r.address),
      [w.cheapSlow],
    );

    const { picked } = await pickWorkers(ctx(), 1, request());
    assert.deepEqual(
      picked.map((p) => p.address),
      [w.fast],
    );

    await assert.rejects(pickWorkers(ctx(), 3, request()), (e: unknown) => {
      assert.ok(e instanceof NoEligibleWorkerError);
      assert.equal(e.found, 2);
      assert.equal(e.exclusions.length, 7);
      assert.match(e.message, /need 3 eligible worker\(s\) for model 1, found 2/);
      assert.match(e.message, new RegExp(`${w.paused} \\(http://127\\.0\\.0\\.1:\\d+\\): paused by its operator`));
      assert.match(e.message, /No funds moved/);
      return true;
    });
  });

  it("a price cap below every worker leaves nobody, each with its price reason", async () => {
    await assert.rejects(pickWorkers(ctx(), 1, { ...request(), maxPricePerInputToken: 0n }), (e: unknown) => {
      assert.ok(e instanceof NoEligibleWorkerError);
      assert.match(e.message, new RegExp(`${w.fast} \\([^)]*\\): input price 10 wei/token is above your max 0`));
      return true;
    });
  });
});

describe("revert decoding", () => {
  it("turns a real postJob revert from the registry into a sentence that says what to do", async () => {
    const poster = testAccount(1);
    const now = Number((await chain.publicClient.getBlock()).timestamp);
    const req = {
      modelId,
      workers: [w.overpriced],
      inputHash: keccak256(toHex("prompt")),
      encryptedInputs: [toHex("ciphertext")],
      inputURI: "",
      maxInputTokens: 10,
      maxOutputTokens: 10,
      maxPricePerInputToken: MAX_IN,
      maxPricePerOutputToken: MAX_OUT,
      deadline: now + 600,
    };
    const failure = await chain.publicClient
      .simulateContract({
        account: poster,
        ...chain.contracts.JobMarket,
        functionName: "postJob",
        args: [req],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(failure, "the simulation reverts");
    const decoded = decodeRevert(failure);
    assert.ok(decoded instanceof ContractRevertError);
    assert.equal(decoded.errorName, "PriceAboveMax");
    assert.deepEqual(decoded.args, [w.overpriced, modelId, 500n, MAX_OUT]);
    assert.equal(decoded.functionName, "postJob");
    assert.match(
      decoded.message,
      new RegExp(
        `worker ${w.overpriced} charges 500 wei per token for model ${modelId}, above your max 200; raise --max-price`,
      ),
    );

    // The same through a contract instance and withRevertDecoding, and an error of the market itself.
    const c = getContracts({ publicClient: chain.publicClient, deployment: chain.deployment });
    await assert.rejects(
      withRevertDecoding("finalize", () => c.JobMarket.simulate.finalize([42n], { account: poster })),
      (e: unknown) =>
        e instanceof ContractRevertError && e.errorName === "JobNotInChallenge" && /job 42 is None/.test(e.message),
    );
    await assert.rejects(
      withRevertDecoding("withdraw", () => c.JobMarket.simulate.withdraw({ account: poster })),
      (e: unknown) =>
        e instanceof ContractRevertError &&
        e.errorName === "NothingToWithdraw" &&
        /nothing to withdraw/.test(e.message),
    );
  });
});
