import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, keccak256, toHex, zeroHash, type Address, type Hex } from "viem";
import {
  CHALLENGE_WINDOW,
  DECLINE_WINDOW,
  GRID,
  PRICE_IN,
  PRICE_OUT,
  REVEAL_WINDOW,
  SLASH_MISSED_BPS,
  STAKE,
  commitmentOf,
  connectProtocol,
  sealOf,
  type Protocol,
} from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, load, now } = await connectProtocol();
const { poster, w1, w2, w3, creator, other, w4 } = accounts;
const { assertions } = viem;

const MAX_IN = 100;
const MAX_OUT = 200;
const MAX_PRICE_IN = 3_000_000_000n;
const MAX_PRICE_OUT = 6_000_000_000n;
const PER_WORKER_ESCROW = BigInt(MAX_IN) * MAX_PRICE_IN + BigInt(MAX_OUT) * MAX_PRICE_OUT;

const Status = { None: 0, Open: 1, Challenge: 2, Disputed: 3, Finalized: 4, Refunded: 5 } as const;
const Work = { Assigned: 0, Declined: 1, Committed: 2, Delivered: 3, TimedOut: 4 } as const;

type PostOptions = {
  workers?: Address[];
  deadlineIn?: bigint;
  modelId?: bigint;
  maxIn?: number;
  maxOut?: number;
  maxPriceIn?: bigint;
  maxPriceOut?: bigint;
  inputs?: Hex[];
  inputURI?: string;
  inputHash?: Hex;
};

async function request(o: PostOptions = {}) {
  const workers = o.workers ?? [w1.account.address];
  return {
    modelId: o.modelId ?? 1n,
    workers,
    inputHash: o.inputHash ?? keccak256(toHex("prompt")),
    encryptedInputs: o.inputs ?? workers.map((_, i) => toHex(`ciphertext-${i}`)),
    inputURI: o.inputURI ?? "",
    maxInputTokens: o.maxIn ?? MAX_IN,
    maxOutputTokens: o.maxOut ?? MAX_OUT,
    maxPricePerInputToken: o.maxPriceIn ?? MAX_PRICE_IN,
    maxPricePerOutputToken: o.maxPriceOut ?? MAX_PRICE_OUT,
    deadline: Number((await now()) + (o.deadlineIn ?? 600n)),
  };
}

async function post(c: Protocol, o: PostOptions = {}): Promise<bigint> {
  const id = await c.jobMarket.read.nextJobId();
  await c.jobMarket.write.postJob([await request(o)], { account: poster.account });
  return id;
}

const fee = (inTok: bigint, outTok: bigint) => inTok * PRICE_IN + outTok * PRICE_OUT;

async function balances(c: Protocol, addrs: Address[]) {
  return Promise.all(addrs.map((a) => c.jobMarket.read.balanceOf([a])));
}

async function assertFundsConserved(c: Protocol, openJobIds: bigint[], accountsToSum: Address[]) {
  let escrow = 0n;
  for (const id of openJobIds) escrow += (await c.jobMarket.read.job([id])).escrow;
  let credited = 0n;
  for (const a of new Set(accountsToSum)) credited += await c.jobMarket.read.balanceOf([a]);
  assert.equal(await c.token.read.balanceOf([c.jobMarket.address]), escrow + credited);
}

describe("JobMarket", () => {
  describe("postJob", () => {
    it("test_postJob_escrowsMaxFeeForEveryWorker_andEmits", async () => {
      const c = await load();
      const before = await c.token.read.balanceOf([poster.account.address]);
      const req = await request({ workers: [w1.account.address, w2.account.address, w3.account.address] });
      const tx = c.jobMarket.write.postJob([req], { account: poster.account });
      await assertions.emitWithArgs(tx, c.jobMarket, "JobPosted", [
        1n,
        getAddress(poster.account.address),
        1n,
        req.inputHash,
        "",
        MAX_IN,
        MAX_OUT,
        MAX_PRICE_IN,
        MAX_PRICE_OUT,
        req.deadline,
        3n * PER_WORKER_ESCROW,
        req.workers.map((w) => getAddress(w)),
      ]);
      assert.equal(await c.token.read.balanceOf([poster.account.address]), before - 3n * PER_WORKER_ESCROW);
      assert.equal(await c.token.read.balanceOf([c.jobMarket.address]), 3n * PER_WORKER_ESCROW);
      const job = await c.jobMarket.read.job([1n]);
      assert.equal(job.status, Status.Open);
      assert.equal(job.redundancy, 3);
      const list = await c.jobMarket.read.assignments([1n]);
      assert.deepEqual(
        list.map((a) => [a.worker, a.pricePerInputToken, a.pricePerOutputToken, a.status]),
        req.workers.map((w) => [getAddress(w), PRICE_IN, PRICE_OUT, Work.Assigned]),
      );
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).activeJobs, 1);
    });

    it("test_postJob_emitsJobAssignedPerWorkerWithItsCiphertext", async () => {
      const c = await load();
      const req = await request({ workers: [w1.account.address, w2.account.address] });
      const tx = c.jobMarket.write.postJob([req], { account: poster.account });
      await assertions.emitWithArgs(tx, c.jobMarket, "JobAssigned", [
        1n,
        w2.account.address,
        1n,
        PRICE_IN,
        PRICE_OUT,
        req.encryptedInputs[1],
      ]);
    });

    it("test_postJob_withInputURIAndNoInlineInputs_succeeds", async () => {
      const c = await load();
      const id = await post(c, { inputs: [], inputURI: "ipfs://bafy-inputs" });
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Open);
    });

    it("test_postJobWithPermit_paysEscrowWithoutApproval", async () => {
      const c = await load();
      const { deployer } = accounts;
      // `other` has never approved the market: only the permit can pay.
      const req = await request();
      const value = PER_WORKER_ESCROW;
      const deadline = (await now()) + 3600n;
      const nonce = await c.token.read.nonces([other.account.address]);
      const chainId = await (await viem.getPublicClient()).getChainId();
      const signature = await other.signTypedData({
        account: other.account,
        domain: { name: "InferGrid", version: "1", chainId, verifyingContract: c.token.address },
        types: {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        primaryType: "Permit",
        message: { owner: other.account.address, spender: c.jobMarket.address, value, nonce, deadline },
      });
      const r = `0x${signature.slice(2, 66)}` as Hex;
      const s = `0x${signature.slice(66, 130)}` as Hex;
      const v = Number.parseInt(signature.slice(130, 132), 16);
      const before = await c.token.read.balanceOf([other.account.address]);
      await c.jobMarket.write.postJobWithPermit([req, deadline, v, r, s], { account: other.account });
      assert.equal(await c.token.read.balanceOf([other.account.address]), before - value);
      assert.equal((await c.jobMarket.read.job([1n])).poster, getAddress(other.account.address));
      assert.ok(deployer);
    });

    it("test_postJob_invalidRequests_revertWithExactErrors", async () => {
      const c = await load();
      const m = c.jobMarket;
      const send = async (o: PostOptions) => m.write.postJob([await request(o)], { account: poster.account });
      await assertions.revertWithCustomErrorWithArgs(send({ workers: [] }), m, "InvalidRedundancy", [0n, 5n]);
      const six = [w1, w2, w3, w4, other, creator].map((a) => a.account.address);
      await assertions.revertWithCustomErrorWithArgs(send({ workers: six }), m, "InvalidRedundancy", [6n, 5n]);
      await assertions.revertWithCustomError(send({ maxIn: 0 }), m, "ZeroMaxTokens");
      await assertions.revertWithCustomError(send({ maxOut: 0 }), m, "ZeroMaxTokens");
      await assertions.revertWithCustomError(send({ inputHash: zeroHash }), m, "ZeroInputHash");
      await assertions.revertWithCustomErrorWithArgs(send({ inputs: [] }), m, "InputsMismatch", [0n, 1n]);
      await assertions.revertWithCustomErrorWithArgs(send({ inputs: ["0x01", "0x02"] }), m, "InputsMismatch", [2n, 1n]);
      await assertions.revertWithCustomError(send({ deadlineIn: 0n }), m, "DeadlineOutOfRange");
      await assertions.revertWithCustomError(send({ deadlineIn: 2n * 86_400n }), m, "DeadlineOutOfRange");
      await assertions.revertWithCustomErrorWithArgs(send({ modelId: 9n }), m, "ModelNotActive", [9n]);
      await assertions.revertWithCustomErrorWithArgs(
        send({ workers: [w1.account.address, w1.account.address] }),
        m,
        "DuplicateWorker",
        [w1.account.address],
      );
      await assertions.revertWithCustomErrorWithArgs(send({ workers: [poster.account.address] }), m, "PosterIsWorker", [
        poster.account.address,
      ]);
    });

    it("test_postJob_ineligibleWorker_revertsWithRegistryError", async () => {
      const c = await load();
      const r = c.workerRegistry;
      const send = async (o: PostOptions) => c.jobMarket.write.postJob([await request(o)], { account: poster.account });
      await assertions.revertWithCustomErrorWithArgs(send({ workers: [w4.account.address] }), r, "WorkerUnavailable", [
        w4.account.address,
      ]);
      await assertions.revertWithCustomErrorWithArgs(send({ maxPriceIn: PRICE_IN - 1n }), r, "PriceAboveMax", [
        w1.account.address,
        1n,
        PRICE_IN,
        PRICE_IN - 1n,
      ]);
      await assertions.revertWithCustomErrorWithArgs(send({ maxPriceOut: 1n }), r, "PriceAboveMax", [
        w1.account.address,
        1n,
        PRICE_OUT,
        1n,
      ]);
      await assertions.revertWithCustomError(send({ deadlineIn: 30n }), r, "JobDurationTooShort");
      for (let i = 0; i < 4; i++) await post(c);
      await assertions.revertWithCustomErrorWithArgs(send({}), r, "WorkerAtCapacity", [w1.account.address, 4n]);
      await c.workerRegistry.write.setPaused([true], { account: w2.account });
      await assertions.revertWithCustomErrorWithArgs(send({ workers: [w2.account.address] }), r, "WorkerUnavailable", [
        w2.account.address,
      ]);
      await c.workerRegistry.write.removeModel([1n], { account: w3.account });
      await assertions.revertWithCustomErrorWithArgs(send({ workers: [w3.account.address] }), r, "ModelNotServed", [
        w3.account.address,
        1n,
      ]);
    });

    it("test_postJob_underStakedWorker_reverts", async () => {
      const c = await load();
      await c.workerRegistry.write.requestUnbond([STAKE - 1n], { account: w1.account });
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.postJob([await request()], { account: poster.account }),
        c.workerRegistry,
        "InsufficientStake",
        [w1.account.address, 1n, 1_000n * GRID],
      );
    });
  });

  describe("R = 1 lifecycle", () => {
    it("test_fullJob_R1_pays70_20_10OfFeeOwed_andRefundsRest_toTheWei", async () => {
      const c = await load();
      const id = await post(c);
      const inTok = 37n;
      const outTok = 150n;
      const commitment = commitmentOf("output");
      await assertions.emitWithArgs(
        c.jobMarket.write.submitResult([id, commitment, "http://127.0.0.1:7101/jobs/1/output", 37, 150], {
          account: w1.account,
        }),
        c.jobMarket,
        "ResultSubmitted",
        [id, w1.account.address, commitment, "http://127.0.0.1:7101/jobs/1/output", 37, 150],
      );
      const job = await c.jobMarket.read.job([id]);
      assert.equal(job.status, Status.Challenge);
      assert.equal(job.challengeEndsAt, Number((await now()) + CHALLENGE_WINDOW));
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "ChallengeWindowOpen",
        [id, BigInt(job.challengeEndsAt)],
      );
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      const owed = fee(inTok, outTok);
      const treasury = c.timelock.address;
      const tx = c.jobMarket.write.finalize([id], { account: other.account });
      await assertions.emitWithArgs(tx, c.jobMarket, "JobFinalized", [
        id,
        owed,
        (owed * 7000n) / 10000n,
        (owed * 2000n) / 10000n,
        owed - (owed * 7000n) / 10000n - (owed * 2000n) / 10000n,
        PER_WORKER_ESCROW - owed,
      ]);
      const [worker, creatorBal, treasuryBal, posterBal] = await balances(c, [
        w1.account.address,
        creator.account.address,
        treasury,
        poster.account.address,
      ]);
      assert.equal(worker, (owed * 7000n) / 10000n);
      assert.equal(creatorBal, (owed * 2000n) / 10000n);
      assert.equal(treasuryBal, owed - worker - creatorBal);
      assert.equal(worker + creatorBal + treasuryBal, owed);
      assert.equal(posterBal, PER_WORKER_ESCROW - owed);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
      assert.equal((await c.jobMarket.read.job([id])).escrow, 0n);
      const stats = await c.workerRegistry.read.stats([w1.account.address]);
      assert.equal(stats.jobsDone, 1n);
      assert.equal(stats.tokensServed, inTok + outTok);
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).elo, 1516);
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).activeJobs, 0);

      // Withdraw: tokens move exactly once.
      const walletBefore = await c.token.read.balanceOf([w1.account.address]);
      await assertions.emitWithArgs(c.jobMarket.write.withdraw({ account: w1.account }), c.jobMarket, "Withdrawn", [
        w1.account.address,
        worker,
      ]);
      assert.equal(await c.token.read.balanceOf([w1.account.address]), walletBefore + worker);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.withdraw({ account: w1.account }),
        c.jobMarket,
        "NothingToWithdraw",
        [w1.account.address],
      );
      const treasuryWallet = await c.token.read.balanceOf([treasury]);
      await c.jobMarket.write.withdrawFor([treasury], { account: other.account });
      assert.equal(await c.token.read.balanceOf([treasury]), treasuryWallet + treasuryBal);
      await c.jobMarket.write.withdraw({ account: creator.account });
      await c.jobMarket.write.withdraw({ account: poster.account });
      assert.equal(await c.token.read.balanceOf([c.jobMarket.address]), 0n);

      // No job is paid twice.
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "JobNotInChallenge",
        [id, Status.Finalized],
      );
    });

    it("test_submitResult_reverts", async () => {
      const c = await load();
      const id = await post(c);
      const m = c.jobMarket;
      const C = commitmentOf("o");
      await assertions.revertWithCustomErrorWithArgs(
        m.write.submitResult([id, C, "", 1, 1], { account: w2.account }),
        m,
        "NotAssigned",
        [id, w2.account.address],
      );
      await assertions.revertWithCustomErrorWithArgs(
        m.write.submitResult([99n, C, "", 1, 1], { account: w1.account }),
        m,
        "UnknownJob",
        [99n],
      );
      await assertions.revertWithCustomError(
        m.write.submitResult([id, zeroHash, "", 1, 1], { account: w1.account }),
        m,
        "ZeroCommitment",
      );
      await assertions.revertWithCustomErrorWithArgs(
        m.write.submitResult([id, C, "", MAX_IN + 1, 1], { account: w1.account }),
        m,
        "TokenCountAboveMax",
        [id, BigInt(MAX_IN + 1), 1n],
      );
      await assertions.revertWithCustomErrorWithArgs(
        m.write.submitResult([id, C, "", 1, MAX_OUT + 1], { account: w1.account }),
        m,
        "TokenCountAboveMax",
        [id, 1n, BigInt(MAX_OUT + 1)],
      );
      await assertions.revertWithCustomErrorWithArgs(
        m.write.commitResult([id, C], { account: w1.account }),
        m,
        "SingleStepRequired",
        [id],
      );
      await m.write.submitResult([id, C, "", 1, 1], { account: w1.account });
      await assertions.revertWithCustomErrorWithArgs(
        m.write.submitResult([id, C, "", 1, 1], { account: w1.account }),
        m,
        "JobNotOpen",
        [id, Status.Challenge],
      );
    });

    it("test_submitResult_afterDeadline_reverts", async () => {
      const c = await load();
      const id = await post(c, { deadlineIn: 120n });
      const { deadline } = await c.jobMarket.read.job([id]);
      await networkHelpers.time.increaseTo(BigInt(deadline) + 1n);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.submitResult([id, commitmentOf("o"), "", 1, 1], { account: w1.account }),
        c.jobMarket,
        "DeadlinePassed",
        [id, BigInt(deadline)],
      );
    });

    it("test_finalize_unknownOrOpenJob_reverts", async () => {
      const c = await load();
      const id = await post(c);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "JobNotInChallenge",
        [id, Status.Open],
      );
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([42n]),
        c.jobMarket,
        "JobNotInChallenge",
        [42n, Status.None],
      );
    });
  });

  describe("R = 3 lifecycle (commit, reveal)", () => {
    const three = () => [w1.account.address, w2.account.address, w3.account.address];
    const salts = [1, 2, 3].map((i) => keccak256(toHex(`salt-${i}`)));

    async function commitAll(c: Protocol, id: bigint, commitments: Hex[]) {
      for (const [i, w] of [w1, w2, w3].entries()) {
        await c.jobMarket.write.commitResult([id, sealOf(commitments[i], w.account.address, salts[i])], {
          account: w.account,
        });
      }
    }

    it("test_fullJob_R3_eachWorkerPaidItsOwnFee_split70_20_10_toTheWei", async () => {
      const c = await load();
      const id = await post(c, { workers: three() });
      const C = commitmentOf("agreed");
      await commitAll(c, id, [C, C, C]);
      const tokens: [number, number][] = [
        [40, 120],
        [40, 120],
        [40, 119],
      ];
      for (const [i, w] of [w1, w2, w3].entries()) {
        await c.jobMarket.write.revealResult([id, C, salts[i], `out-${i}`, tokens[i][0], tokens[i][1]], {
          account: w.account,
        });
      }
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Challenge);
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      await c.jobMarket.write.finalize([id]);
      const fees = tokens.map(([a, b]) => fee(BigInt(a), BigInt(b)));
      const total = fees.reduce((x, y) => x + y);
      const workerParts = fees.map((f) => (f * 7000n) / 10000n);
      for (const [i, w] of [w1, w2, w3].entries()) {
        assert.equal(await c.jobMarket.read.balanceOf([w.account.address]), workerParts[i]);
      }
      const creatorPart = (total * 2000n) / 10000n;
      assert.equal(await c.jobMarket.read.balanceOf([creator.account.address]), creatorPart);
      const treasuryPart = total - workerParts.reduce((x, y) => x + y) - creatorPart;
      assert.equal(await c.jobMarket.read.balanceOf([c.timelock.address]), treasuryPart);
      assert.equal(await c.jobMarket.read.balanceOf([poster.account.address]), 3n * PER_WORKER_ESCROW - total);
      await assertFundsConserved(
        c,
        [id],
        [...three(), creator.account.address, c.timelock.address, poster.account.address],
      );
      assert.equal(await c.token.read.balanceOf([c.jobMarket.address]), 3n * PER_WORKER_ESCROW);
    });

    it("test_revealResult_copiedSeal_cannotBeRevealed", async () => {
      const c = await load();
      const id = await post(c, { workers: three() });
      const C = commitmentOf("honest");
      const sealW1 = sealOf(C, w1.account.address, salts[0]);
      await c.jobMarket.write.commitResult([id, sealW1], { account: w1.account });
      // w2 copies w1's seal from the chain and, after w1 reveals, tries to open it with w1's data.
      await c.jobMarket.write.commitResult([id, sealW1], { account: w2.account });
      await c.jobMarket.write.commitResult([id, sealOf(C, w3.account.address, salts[2])], { account: w3.account });
      await c.jobMarket.write.revealResult([id, C, salts[0], "", 10, 10], { account: w1.account });
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.revealResult([id, C, salts[0], "", 10, 10], { account: w2.account }),
        c.jobMarket,
        "SealMismatch",
        [id, w2.account.address],
      );
    });

    it("test_revealResult_beforeAllCommitted_reverts_thenOpensAfterDeadline", async () => {
      const c = await load();
      const id = await post(c, { workers: three() });
      const C = commitmentOf("x");
      await c.jobMarket.write.commitResult([id, sealOf(C, w1.account.address, salts[0])], { account: w1.account });
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.revealResult([id, C, salts[0], "", 1, 1], { account: w1.account }),
        c.jobMarket,
        "RevealNotOpen",
        [id],
      );
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.revealResult([id, C, salts[1], "", 1, 1], { account: w2.account }),
        c.jobMarket,
        "NotCommitted",
        [id, w2.account.address],
      );
      const { deadline } = await c.jobMarket.read.job([id]);
      await networkHelpers.time.increaseTo(BigInt(deadline) + 1n);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.commitResult([id, sealOf(C, w2.account.address, salts[1])], { account: w2.account }),
        c.jobMarket,
        "DeadlinePassed",
        [id, BigInt(deadline)],
      );
      // Reveal window open: w1 may reveal; a timeout claim must wait for it to close.
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.claimTimeout([id]),
        c.jobMarket,
        "TimeoutNotReached",
        [id, BigInt(deadline) + REVEAL_WINDOW + 1n],
      );
      await c.jobMarket.write.revealResult([id, C, salts[0], "", 1, 1], { account: w1.account });
      // w1 revealed, w2 and w3 never committed: the claim settles at once on w1's result.
      await c.jobMarket.write.claimTimeout([id]);
      const job = await c.jobMarket.read.job([id]);
      assert.equal(job.status, Status.Challenge);
      assert.equal(job.escrow, PER_WORKER_ESCROW);
      assert.equal(await c.jobMarket.read.balanceOf([poster.account.address]), 2n * PER_WORKER_ESCROW);
    });

    it("test_revealResult_afterRevealWindow_reverts", async () => {
      const c = await load();
      const id = await post(c, { workers: three() });
      const C = commitmentOf("x");
      await c.jobMarket.write.commitResult([id, sealOf(C, w1.account.address, salts[0])], { account: w1.account });
      const { deadline } = await c.jobMarket.read.job([id]);
      await networkHelpers.time.increaseTo(BigInt(deadline) + REVEAL_WINDOW + 1n);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.revealResult([id, C, salts[0], "", 1, 1], { account: w1.account }),
        c.jobMarket,
        "RevealWindowClosed",
        [id, BigInt(deadline) + REVEAL_WINDOW],
      );
    });

    it("test_commitResult_reverts", async () => {
      const c = await load();
      const id1 = await post(c);
      const id3 = await post(c, { workers: three() });
      const m = c.jobMarket;
      await assertions.revertWithCustomErrorWithArgs(
        m.write.submitResult([id3, commitmentOf("x"), "", 1, 1], { account: w1.account }),
        m,
        "CommitRevealRequired",
        [id3],
      );
      await assertions.revertWithCustomError(
        m.write.commitResult([id3, zeroHash], { account: w1.account }),
        m,
        "ZeroCommitment",
      );
      await m.write.commitResult([id3, commitmentOf("seal")], { account: w1.account });
      await assertions.revertWithCustomErrorWithArgs(
        m.write.commitResult([id3, commitmentOf("seal")], { account: w1.account }),
        m,
        "AlreadyActed",
        [id3, w1.account.address, Work.Committed],
      );
      assert.ok(id1);
    });

    it("test_unequalCommitments_moveJobToDisputed_andHoldEscrow", async () => {
      const c = await load();
      const id = await post(c, { workers: three() });
      const A = commitmentOf("A");
      const B = commitmentOf("B");
      await commitAll(c, id, [A, A, B]);
      await c.jobMarket.write.revealResult([id, A, salts[0], "", 5, 5], { account: w1.account });
      await c.jobMarket.write.revealResult([id, A, salts[1], "", 5, 5], { account: w2.account });
      await assertions.emitWithArgs(
        c.jobMarket.write.revealResult([id, B, salts[2], "", 5, 5], { account: w3.account }),
        c.jobMarket,
        "JobDisputed",
        [id, 3],
      );
      const job = await c.jobMarket.read.job([id]);
      assert.equal(job.status, Status.Disputed);
      assert.equal(job.escrow, 3n * PER_WORKER_ESCROW);
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "JobNotInChallenge",
        [id, Status.Disputed],
      );
    });
  });

  describe("decline", () => {
    it("test_decline_withinWindow_refundsShareWithoutPenalty", async () => {
      const c = await load();
      const id = await post(c, { workers: [w1.account.address, w2.account.address] });
      const stakeBefore = (await c.workerRegistry.read.worker([w1.account.address])).stake;
      await assertions.emitWithArgs(
        c.jobMarket.write.decline([id], { account: w1.account }),
        c.jobMarket,
        "JobDeclined",
        [id, w1.account.address, PER_WORKER_ESCROW],
      );
      const w = await c.workerRegistry.read.worker([w1.account.address]);
      assert.equal(w.stake, stakeBefore);
      assert.equal(w.elo, 1500);
      assert.equal(w.activeJobs, 0);
      assert.equal(await c.jobMarket.read.balanceOf([poster.account.address]), PER_WORKER_ESCROW);
      const job = await c.jobMarket.read.job([id]);
      assert.equal(job.status, Status.Open);
      assert.equal(job.escrow, PER_WORKER_ESCROW);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.decline([id], { account: w1.account }),
        c.jobMarket,
        "AlreadyActed",
        [id, w1.account.address, Work.Declined],
      );
      // The remaining worker alone now decides the result (it commits, then may reveal at once).
      const C = commitmentOf("solo");
      const salt = keccak256(toHex("s"));
      await c.jobMarket.write.commitResult([id, sealOf(C, w2.account.address, salt)], { account: w2.account });
      await c.jobMarket.write.revealResult([id, C, salt, "", 3, 4], { account: w2.account });
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Challenge);
    });

    it("test_decline_byEveryWorker_refundsWholeEscrow", async () => {
      const c = await load();
      const id = await post(c);
      await assertions.emitWithArgs(
        c.jobMarket.write.decline([id], { account: w1.account }),
        c.jobMarket,
        "JobRefunded",
        [id, 0n],
      );
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Refunded);
      assert.equal((await c.jobMarket.read.job([id])).escrow, 0n);
      assert.equal(await c.jobMarket.read.balanceOf([poster.account.address]), PER_WORKER_ESCROW);
    });

    it("test_decline_afterWindow_reverts", async () => {
      const c = await load();
      const id = await post(c);
      const { postedAt } = await c.jobMarket.read.job([id]);
      await networkHelpers.time.increaseTo(BigInt(postedAt) + DECLINE_WINDOW + 1n);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.decline([id], { account: w1.account }),
        c.jobMarket,
        "DeclineWindowClosed",
        [id, BigInt(postedAt) + DECLINE_WINDOW],
      );
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.decline([id], { account: w2.account }),
        c.jobMarket,
        "NotAssigned",
        [id, w2.account.address],
      );
    });
  });

  describe("claimTimeout", () => {
    it("test_claimTimeout_nobodySubmitted_slashesToTreasury_refundsPosterExactly", async () => {
      const c = await load();
      const posterWallet = await c.token.read.balanceOf([poster.account.address]);
      const treasuryWallet = await c.token.read.balanceOf([c.timelock.address]);
      const id = await post(c, { deadlineIn: 120n });
      await assertions.revertWithCustomError(c.jobMarket.write.claimTimeout([id]), c.jobMarket, "TimeoutNotReached");
      await networkHelpers.time.increase(121n);
      const slash = (STAKE * SLASH_MISSED_BPS) / 10_000n;
      await assertions.emitWithArgs(
        c.jobMarket.write.claimTimeout([id], { account: poster.account }),
        c.jobMarket,
        "WorkerTimedOut",
        [id, w1.account.address, slash, PER_WORKER_ESCROW],
      );
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Refunded);
      const w = await c.workerRegistry.read.worker([w1.account.address]);
      assert.equal(w.stake, STAKE - slash);
      assert.equal(w.elo, 1484);
      assert.equal(w.activeJobs, 0);
      assert.equal((await c.workerRegistry.read.stats([w1.account.address])).jobsFailed, 1n);
      // Griefing: the poster ends exactly where it started; the slash went to the treasury.
      await c.jobMarket.write.withdraw({ account: poster.account });
      assert.equal(await c.token.read.balanceOf([poster.account.address]), posterWallet);
      assert.equal(await c.token.read.balanceOf([c.timelock.address]), treasuryWallet + slash);
      await assertions.revertWithCustomErrorWithArgs(c.jobMarket.write.claimTimeout([id]), c.jobMarket, "JobNotOpen", [
        id,
        Status.Refunded,
      ]);
    });

    it("test_claimTimeout_R3_oneSilent_slashesOnlyIt_settlesWithTheOthers", async () => {
      const c = await load();
      const ws = [w1, w2, w3];
      const id = await post(c, { workers: ws.map((w) => w.account.address), deadlineIn: 300n });
      const C = commitmentOf("c");
      const salt = keccak256(toHex("s"));
      for (const w of [w1, w2]) {
        await c.jobMarket.write.commitResult([id, sealOf(C, w.account.address, salt)], { account: w.account });
      }
      await networkHelpers.time.increase(301n);
      for (const w of [w1, w2]) await c.jobMarket.write.revealResult([id, C, salt, "", 10, 20], { account: w.account });
      await c.jobMarket.write.claimTimeout([id]);
      const job = await c.jobMarket.read.job([id]);
      assert.equal(job.status, Status.Challenge);
      assert.equal(job.escrow, 2n * PER_WORKER_ESCROW);
      assert.equal(
        (await c.workerRegistry.read.worker([w3.account.address])).stake,
        STAKE - (STAKE * SLASH_MISSED_BPS) / 10_000n,
      );
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).stake, STAKE);
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      await c.jobMarket.write.finalize([id]);
      const f = fee(10n, 20n);
      assert.equal(
        await c.jobMarket.read.balanceOf([poster.account.address]),
        PER_WORKER_ESCROW + 2n * (PER_WORKER_ESCROW - f),
      );
    });

    it("test_claimTimeout_committedButNeverRevealed_isSlashedAfterRevealWindow", async () => {
      const c = await load();
      const id = await post(c, { workers: [w1.account.address, w2.account.address], deadlineIn: 300n });
      const salt = keccak256(toHex("s"));
      for (const w of [w1, w2]) {
        await c.jobMarket.write.commitResult([id, sealOf(commitmentOf("c"), w.account.address, salt)], {
          account: w.account,
        });
      }
      await c.jobMarket.write.revealResult([id, commitmentOf("c"), salt, "", 1, 1], { account: w1.account });
      await networkHelpers.time.increase(300n + REVEAL_WINDOW + 1n);
      await c.jobMarket.write.claimTimeout([id]);
      const list = await c.jobMarket.read.assignments([id]);
      assert.deepEqual(
        list.map((a) => a.status),
        [Work.Delivered, Work.TimedOut],
      );
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Challenge);
    });
  });

  describe("finalizeBatch", () => {
    it("test_finalizeBatch_paysFinalizableJobs_skipsOthers_neverTwice", async () => {
      const c = await load();
      const ids: bigint[] = [];
      for (let i = 0; i < 3; i++) {
        const id = await post(c);
        await c.jobMarket.write.submitResult([id, commitmentOf(`o${i}`), "", 10, 10], { account: w1.account });
        ids.push(id);
      }
      const open = await post(c, { workers: [w2.account.address] });
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      const count = await c.jobMarket.simulate.finalizeBatch([[...ids, open, ids[0], 999n]]);
      assert.equal(count.result, 3n);
      await c.jobMarket.write.finalizeBatch([[...ids, open, ids[0], 999n]]);
      const f = fee(10n, 10n);
      assert.equal(await c.jobMarket.read.balanceOf([w1.account.address]), 3n * ((f * 7000n) / 10000n));
      assert.equal(
        await c.jobMarket.read.balanceOf([c.timelock.address]),
        3n * (f - (f * 7000n) / 10000n - (f * 2000n) / 10000n),
      );
      const again = await c.jobMarket.simulate.finalizeBatch([ids]);
      assert.equal(again.result, 0n);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalizeBatch([Array.from({ length: 101 }, (_, i) => BigInt(i))]),
        c.jobMarket,
        "BatchTooLarge",
        [101n, 100n],
      );
    });
  });

  it("test_creatorTransfer_redirectsFutureRoyalties", async () => {
    const c = await load();
    const id = await post(c);
    await c.jobMarket.write.submitResult([id, commitmentOf("o"), "", 10, 10], { account: w1.account });
    await c.modelRegistry.write.transferCreator([1n, other.account.address], { account: creator.account });
    await networkHelpers.time.increase(CHALLENGE_WINDOW);
    await c.jobMarket.write.finalize([id]);
    assert.equal(await c.jobMarket.read.balanceOf([other.account.address]), (fee(10n, 10n) * 2000n) / 10000n);
    assert.equal(await c.jobMarket.read.balanceOf([creator.account.address]), 0n);
  });
});
