// The sdk's protocol facts against the contracts themselves, on Hardhat's in-process EDR chain
// (@infergrid/contracts/testing): seals made with commitRevealSeal open on chain (a worker's
// result, a validator's vote), escrows and payouts the market computes equal jobEscrow,
// workerFee and feeSplit to the wei (odd prices, so every share rounds and the treasury gets
// the dust), and the enum values the contracts report are the sdk's names.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { getAddress, keccak256, parseEventLogs, toHex, type Hash, type Hex } from "viem";
import {
  BallotStatus,
  CaseStatus,
  commitRevealSeal,
  feeSplit,
  jobEscrow,
  jobMarketAbi,
  JobStatus,
  WorkStatus,
  workerFee,
} from "@infergrid/sdk";
import { CHALLENGE_WINDOW, Param, commitmentOf, connectProtocol, type Protocol } from "@infergrid/contracts/testing";

const fx = await connectProtocol();
const { accounts, validators, publicClient, networkHelpers } = fx;
const { poster, w1, w2, w3 } = accounts;
const workers = [w1, w2, w3];
// Prices that are not multiples of 10, so 70 / 20 / 10 % of a fee never divides evenly.
const prices = [
  { in: 3n, out: 7n },
  { in: 5n, out: 11n },
  { in: 13n, out: 17n },
];
const MAX_IN = 29n;
const MAX_OUT = 31n;
let c: Protocol;

async function mined(hash: Promise<Hash>) {
  const r = await publicClient.waitForTransactionReceipt({ hash: await hash });
  assert.equal(r.status, "success");
  return r;
}

async function post(n: number, maxInputTokens: number, maxOutputTokens: number) {
  const request = {
    modelId: 1n,
    workers: workers.slice(0, n).map((w) => w.account.address),
    inputHash: keccak256(toHex(`prompt ${n} ${maxInputTokens}`)),
    encryptedInputs: workers.slice(0, n).map(() => "0x01" as Hex),
    inputURI: "",
    maxInputTokens,
    maxOutputTokens,
    maxPricePerInputToken: MAX_IN,
    maxPricePerOutputToken: MAX_OUT,
    deadline: Number((await fx.now()) + 600n),
  };
  const receipt = await mined(c.jobMarket.write.postJob([request], { account: poster.account }));
  const [posted] = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "JobPosted" });
  return { id: posted!.args.jobId, escrow: posted!.args.escrow, request };
}

/** R = 3: every worker commits the sdk's seal of the same commitment, then reveals it with its own token counts. */
async function commitAndReveal(id: bigint, commitment: Hex, tokens: readonly [number, number][]) {
  const salt = keccak256(toHex(`salt ${id}`));
  for (const w of workers)
    await mined(
      c.jobMarket.write.commitResult([id, commitRevealSeal(commitment, w.account.address, salt)], {
        account: w.account,
      }),
    );
  for (const [i, w] of workers.entries()) {
    const [inputTokens, outputTokens] = tokens[i]!;
    await mined(
      c.jobMarket.write.revealResult([id, commitment, salt, "ref", inputTokens, outputTokens], { account: w.account }),
    );
  }
}

/** Finalizes after the challenge window; returns the market's own payout events. */
async function finalize(id: bigint) {
  await networkHelpers.time.increase(CHALLENGE_WINDOW);
  const receipt = await mined(c.jobMarket.write.finalize([id]));
  const paid = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "WorkerPaid" });
  const [finalized] = parseEventLogs({ abi: jobMarketAbi, logs: receipt.logs, eventName: "JobFinalized" });
  return { paid, finalized: finalized!.args };
}

before(async () => {
  c = await fx.load();
  // No sampled audits unless a test asks: the default rate would make finalize's outcome random.
  await fx.setParams(c, [[Param.AuditRateBps, 0n]]);
  for (const [i, w] of workers.entries())
    await mined(c.workerRegistry.write.setModelPrice([1n, prices[i]!.in, prices[i]!.out], { account: w.account }));
});

describe("the sdk's protocol formulas against the contracts", () => {
  it("seals every worker's commitment so that the market opens it, and enum values match the sdk's names", async () => {
    const { id } = await post(3, 40, 50);
    assert.equal((await c.jobMarket.read.job([id])).status, JobStatus.Open);
    const commitment = commitmentOf(`seal ${id}`);
    const salt = keccak256(toHex("another salt"));
    // A seal over another party's address does not open: the party is inside the hash.
    await mined(
      c.jobMarket.write.commitResult([id, commitRevealSeal(commitment, w2.account.address, salt)], {
        account: w1.account,
      }),
    );
    assert.equal((await c.jobMarket.read.assignments([id]))[0]!.status, WorkStatus.Committed);
    for (const w of [w2, w3])
      await mined(
        c.jobMarket.write.commitResult([id, commitRevealSeal(commitment, w.account.address, salt)], {
          account: w.account,
        }),
      );
    await assert.rejects(
      c.jobMarket.write.revealResult([id, commitment, salt, "ref", 1, 1], { account: w1.account }),
      /SealMismatch/,
    );
    for (const w of [w2, w3])
      await mined(c.jobMarket.write.revealResult([id, commitment, salt, "ref", 1, 1], { account: w.account }));
    const statuses = (await c.jobMarket.read.assignments([id])).map((a) => a.status);
    assert.deepEqual(statuses, [WorkStatus.Committed, WorkStatus.Delivered, WorkStatus.Delivered]);
  });

  it("escrows R x (maxIn x priceIn + maxOut x priceOut) and pays each worker, the creator and the treasury as feeSplit says", async () => {
    const tokens: [number, number][] = [
      [13, 11],
      [17, 19],
      [23, 29],
    ];
    const { id, escrow, request } = await post(3, 40, 50);
    assert.equal(
      escrow,
      jobEscrow({
        redundancy: request.workers.length,
        maxInputTokens: request.maxInputTokens,
        maxOutputTokens: request.maxOutputTokens,
        maxPricePerInputToken: request.maxPricePerInputToken,
        maxPricePerOutputToken: request.maxPricePerOutputToken,
      }),
    );
    await commitAndReveal(id, commitmentOf(`fees ${id}`), tokens);
    assert.equal((await c.jobMarket.read.job([id])).status, JobStatus.Challenge);
    const fees = tokens.map(([i, o], k) =>
      workerFee({
        inputTokens: i,
        outputTokens: o,
        pricePerInputToken: prices[k]!.in,
        pricePerOutputToken: prices[k]!.out,
      }),
    );
    const params = await c.config.read.params();
    const expected = feeSplit({
      fees,
      workerShareBps: params.workerShareBps,
      creatorShareBps: params.creatorShareBps,
      escrow,
    });
    // The default split, and shares that do not divide evenly: the test covers rounding.
    assert.deepEqual([params.workerShareBps, params.creatorShareBps, params.treasuryShareBps], [7000, 2000, 1000]);
    assert.notEqual(
      expected.treasury,
      (expected.totalFee * 1000n) / 10_000n,
      "some rounding dust reaches the treasury",
    );

    const { paid, finalized } = await finalize(id);
    assert.equal((await c.jobMarket.read.job([id])).status, JobStatus.Finalized);
    assert.deepEqual(
      paid.map((p) => [p.args.worker, p.args.fee, p.args.workerAmount]),
      workers.map((w, k) => [getAddress(w.account.address), fees[k], expected.workers[k]]),
    );
    assert.deepEqual(finalized, {
      jobId: id,
      totalFee: expected.totalFee,
      workerAmount: expected.workerTotal,
      creatorAmount: expected.creator,
      treasuryAmount: expected.treasury,
      refund: expected.refund,
    });
  });

  it("follows a changed fee split", async () => {
    await networkHelpers.impersonateAccount(c.timelock.address);
    await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
    await mined(c.config.write.setFeeSplit([6_999, 2_001, 1_000], { account: c.timelock.address }));
    const { id, escrow } = await post(1, 7, 9);
    await mined(
      c.jobMarket.write.submitResult([id, commitmentOf(`split ${id}`), "ref", 7, 9], { account: w1.account }),
    );
    const fee = workerFee({ inputTokens: 7, outputTokens: 9, pricePerInputToken: 3n, pricePerOutputToken: 7n });
    const expected = feeSplit({ fees: [fee], workerShareBps: 6_999, creatorShareBps: 2_001, escrow });
    const { paid, finalized } = await finalize(id);
    assert.equal(paid[0]!.args.workerAmount, expected.workers[0]);
    assert.deepEqual(
      [finalized.totalFee, finalized.workerAmount, finalized.creatorAmount, finalized.treasuryAmount, finalized.refund],
      [expected.totalFee, expected.workerTotal, expected.creator, expected.treasury, expected.refund],
    );
  });

  it("seals validators' verdicts so that the court opens them; case and ballot statuses match the sdk's names", async () => {
    await fx.stakeValidators(c, 3);
    await fx.setParams(c, [[Param.AuditRateBps, 10_000n]]);
    const { id } = await post(1, 5, 5);
    const commitment = commitmentOf(`audit ${id}`);
    await mined(c.jobMarket.write.submitResult([id, commitment, "ref", 5, 5], { account: w1.account }));
    await networkHelpers.time.increase(CHALLENGE_WINDOW);
    await mined(c.jobMarket.write.finalize([id]));
    assert.equal((await c.jobMarket.read.job([id])).status, JobStatus.Audit);
    assert.equal((await c.court.read.getCase([id])).status, CaseStatus.Voting);
    const byAddress = new Map(validators.map((v) => [v.account.address.toLowerCase(), v]));
    const judges = (await c.court.read.ballots([id])).map((b) => byAddress.get(b.validator.toLowerCase())!);
    assert.ok(judges.length > 0);
    const salt = keccak256(toHex(`vote ${id}`));
    for (const j of judges)
      await mined(
        c.court.write.commitVote([id, commitRevealSeal(commitment, j.account.address, salt)], { account: j.account }),
      );
    assert.ok((await c.court.read.ballots([id])).every((b) => b.status === BallotStatus.Committed));
    for (const j of judges) await mined(c.court.write.revealVote([id, commitment, salt], { account: j.account }));
    assert.ok((await c.court.read.ballots([id])).every((b) => b.status === BallotStatus.Revealed));
    await mined(c.court.write.resolve([id]));
    assert.equal((await c.court.read.getCase([id])).status, CaseStatus.Resolved);
    assert.equal((await c.jobMarket.read.job([id])).status, JobStatus.Finalized);
  });
});
