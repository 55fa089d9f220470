import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, keccak256, toHex, zeroHash, type Address, type Hex } from "viem";
import {
  CHALLENGE_WINDOW,
  GRID,
  Param as P,
  PRICE_IN,
  PRICE_OUT,
  STAKE,
  commitmentOf,
  connectProtocol,
  sealOf,
  type Protocol,
} from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, validators, load, now, stakeValidators, setParams } = await connectProtocol();
const { poster, w1, w2, w3, creator, other } = accounts;
const { assertions } = viem;

const Status = { None: 0, Open: 1, Challenge: 2, Disputed: 3, Finalized: 4, Refunded: 5, Audit: 6 } as const;
const CaseStatus = { None: 0, AwaitingDraw: 1, Voting: 2, Resolved: 3 } as const;
const V_STAKE = 10_000n * GRID;
const FRAUD_SLASH = (STAKE * 5_000n) / 10_000n;
const V_SLASH = (V_STAKE * 1_000n) / 10_000n;
const BOND = 100n * GRID;
const fee = (i: bigint, o: bigint) => i * PRICE_IN + o * PRICE_OUT;
const byAddress = new Map(validators.map((v) => [getAddress(v.account.address), v]));

// A validator's seal has the same shape as a worker's: (verdict, validator, salt).
const voteSeal = sealOf;

/** The protocol with `n` validators staked and the given parameters. */
async function setup(n: number, params: [number, bigint][] = []) {
  const c = await load();
  await stakeValidators(c, n, V_STAKE);
  await setParams(c, params);
  await c.token.write.approve([c.jobMarket.address, 10n ** 30n], { account: poster.account });
  return c;
}

async function postR(c: Protocol, workers: Address[]) {
  const id = await c.jobMarket.read.nextJobId();
  await c.jobMarket.write.postJob(
    [
      {
        modelId: 1n,
        workers,
        inputHash: keccak256(toHex("prompt")),
        encryptedInputs: workers.map(() => "0x01"),
        inputURI: "",
        maxInputTokens: 100,
        maxOutputTokens: 200,
        maxPricePerInputToken: PRICE_IN,
        maxPricePerOutputToken: PRICE_OUT,
        deadline: Number((await now()) + 600n),
      },
    ],
    { account: poster.account },
  );
  return id;
}
const ESCROW_PER_WORKER = 100n * PRICE_IN + 200n * PRICE_OUT;

async function submittedR1(c: Protocol, commitment: Hex, tokens: [number, number] = [10, 20]) {
  const id = await postR(c, [w1.account.address]);
  await c.jobMarket.write.submitResult([id, commitment, "ref", ...tokens], { account: w1.account });
  return id;
}

/** Three workers with commitments A/B per worker, committed and revealed. */
async function revealedR3(c: Protocol, commitments: Hex[]) {
  const ws = [w1, w2, w3];
  const id = await postR(
    c,
    ws.map((w) => w.account.address),
  );
  const salt = keccak256(toHex("s"));
  for (const [i, w] of ws.entries()) {
    await c.jobMarket.write.commitResult([id, sealOf(commitments[i], w.account.address, salt)], { account: w.account });
  }
  for (const [i, w] of ws.entries()) {
    await c.jobMarket.write.revealResult([id, commitments[i], salt, "ref", 10, 20], { account: w.account });
  }
  return id;
}

async function drawn(c: Protocol, id: bigint): Promise<Address[]> {
  return (await c.court.read.ballots([id])).map((b) => b.validator);
}

/** Each listed validator commits its verdict, then all reveal. */
async function voteAll(c: Protocol, id: bigint, votes: Map<Address, Hex>, revealToo = true) {
  const salt = keccak256(toHex("vote-salt"));
  for (const [addr, verdict] of votes) {
    await c.court.write.commitVote([id, voteSeal(verdict, addr, salt)], { account: byAddress.get(addr)!.account });
  }
  if (!revealToo) return;
  for (const [addr, verdict] of votes) {
    await c.court.write.revealVote([id, verdict, salt], { account: byAddress.get(addr)!.account });
  }
}

async function finalizeToAudit(c: Protocol, id: bigint) {
  await networkHelpers.time.increase(CHALLENGE_WINDOW);
  await assertions.emit(c.jobMarket.write.finalize([id]), c.court, "AuditRequested");
  assert.equal((await c.jobMarket.read.job([id])).status, Status.Audit);
}

async function openDisputeDrawn(c: Protocol, id: bigint) {
  await networkHelpers.mine(1);
  await c.court.write.drawValidators([id], { account: other.account });
  const list = await drawn(c, id);
  return list;
}

const bal = (c: Protocol, a: Address) => c.jobMarket.read.balanceOf([a]);

async function marketHoldsEverything(c: Protocol, ids: bigint[], holders: Address[]) {
  let held = 0n;
  for (const id of ids) held += (await c.jobMarket.read.job([id])).escrow + (await c.jobMarket.read.bondOf([id]));
  for (const a of new Set(holders.map((h) => getAddress(h)))) held += await bal(c, a);
  assert.equal(await c.token.read.balanceOf([c.jobMarket.address]), held, "market balance = escrow + bonds + credits");
}

describe("Verification", () => {
  describe("sampled audits", () => {
    it("test_audit_passed_paysWorkerCreatorValidatorTreasury_toTheWei", async () => {
      const c = await setup(3, [[P.AuditRateBps, 10_000n]]);
      const C = commitmentOf("honest");
      const id = await submittedR1(c, C);
      await finalizeToAudit(c, id);
      const [judge] = await drawn(c, id);
      assert.equal((await drawn(c, id)).length, 1);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "JobNotInChallenge",
        [id, Status.Audit],
      );
      await voteAll(c, id, new Map([[judge, C]]));
      await c.court.write.resolve([id], { account: other.account });
      const f = fee(10n, 20n);
      const workerPart = (f * 7000n) / 10000n;
      const creatorPart = (f * 2000n) / 10000n;
      const auditFee = (f * 500n) / 10000n;
      assert.equal(await bal(c, w1.account.address), workerPart);
      assert.equal(await bal(c, creator.account.address), creatorPart);
      assert.equal(await bal(c, judge), auditFee);
      assert.equal(await bal(c, c.timelock.address), f - workerPart - creatorPart - auditFee);
      assert.equal(await bal(c, poster.account.address), ESCROW_PER_WORKER - f);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).stake, STAKE);
      assert.equal((await c.validatorRegistry.read.validator([judge])).activeCases, 0);
      await marketHoldsEverything(
        c,
        [id],
        [w1.account.address, creator.account.address, judge, c.timelock.address, poster.account.address],
      );
      // Paid exactly once.
      await assertions.revertWithCustomErrorWithArgs(c.court.write.resolve([id]), c.court, "WrongCaseStatus", [
        id,
        CaseStatus.Resolved,
      ]);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "JobNotInChallenge",
        [id, Status.Finalized],
      );
    });

    it("test_audit_failed_slashesWorker_refundsPoster_rewardsValidator_toTheWei", async () => {
      const c = await setup(3, [[P.AuditRateBps, 10_000n]]);
      const id = await submittedR1(c, commitmentOf("perturbed"));
      const eloBefore = (await c.workerRegistry.read.worker([w1.account.address])).elo;
      await finalizeToAudit(c, id);
      const [judge] = await drawn(c, id);
      await voteAll(c, id, new Map([[judge, commitmentOf("the real output")]]));
      const tx = c.court.write.resolve([id]);
      await assertions.emitWithArgs(tx, c.jobMarket, "WorkerSlashedForFraud", [
        id,
        getAddress(w1.account.address),
        FRAUD_SLASH,
      ]);
      const w = await c.workerRegistry.read.worker([w1.account.address]);
      assert.equal(w.stake, STAKE - FRAUD_SLASH);
      assert.ok(w.elo < eloBefore, "Elo drops");
      assert.equal((await c.workerRegistry.read.stats([w1.account.address])).jobsFailed, 1n);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Refunded);
      assert.equal(await bal(c, poster.account.address), ESCROW_PER_WORKER);
      assert.equal(await bal(c, w1.account.address), 0n);
      assert.equal(await bal(c, creator.account.address), 0n);
      const toJudge = (FRAUD_SLASH * 5000n) / 10000n;
      assert.equal(await bal(c, judge), toJudge);
      assert.equal(await bal(c, c.timelock.address), FRAUD_SLASH - toJudge);
      await marketHoldsEverything(c, [id], [w1.account.address, judge, c.timelock.address, poster.account.address]);
    });

    it("test_audit_noEligibleValidator_isSkipped_andPaid", async () => {
      const c = await setup(0, [[P.AuditRateBps, 10_000n]]);
      const id = await submittedR1(c, commitmentOf("o"));
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      await assertions.emitWithArgs(c.jobMarket.write.finalize([id]), c.jobMarket, "AuditSkipped", [id]);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
    });

    it("test_auditRateZero_neverAudits", async () => {
      const c = await setup(3, [[P.AuditRateBps, 0n]]);
      const id = await submittedR1(c, commitmentOf("o"));
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      await c.jobMarket.write.finalize([id]);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
      assert.equal((await c.court.read.getCase([id])).status, CaseStatus.None);
    });

    it("test_expiredRandomness_rearmsTheDraw_thenAudits", async () => {
      const c = await setup(3, [[P.AuditRateBps, 10_000n]]);
      const id = await submittedR1(c, commitmentOf("o"));
      const req = (await c.jobMarket.read.job([id])).auditRequest;
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      await networkHelpers.mine(300);
      const tx = c.jobMarket.write.finalize([id]);
      await assertions.emit(tx, c.jobMarket, "AuditDrawExpired");
      const job = await c.jobMarket.read.job([id]);
      assert.equal(job.status, Status.Challenge);
      assert.ok(job.auditRequest > req);
      // The renewed request is for a block after the re-arming one: not readable in it.
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.finalize([id]),
        c.jobMarket,
        "RandomnessNotReady",
        [id, BigInt(job.auditRequest)],
      );
      await networkHelpers.mine(1);
      await c.jobMarket.write.finalize([id]);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Audit);
    });

    it("test_finalizeBatch_skipsPendingDraws_andStartsAudits", async () => {
      const c = await setup(3, [[P.AuditRateBps, 10_000n]]);
      const a = await submittedR1(c, commitmentOf("a"));
      await networkHelpers.time.increase(CHALLENGE_WINDOW);
      const count = await c.jobMarket.simulate.finalizeBatch([[a]]);
      assert.equal(count.result, 0n);
      await c.jobMarket.write.finalizeBatch([[a]]);
      assert.equal((await c.jobMarket.read.job([a])).status, Status.Audit);
    });
  });

  describe("disputes between workers", () => {
    it("test_dispute_2vs1_slashesTheOddWorker_paysTheOthers_toTheWei", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const A = commitmentOf("A");
      const B = commitmentOf("B");
      const id = await revealedR3(c, [A, A, B]);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Disputed);
      assert.equal((await c.court.read.getCase([id])).status, CaseStatus.AwaitingDraw);
      await assertions.revertWithCustomError(c.court.write.drawValidators([id]), c.court, "RandomnessPending");
      const judges = await openDisputeDrawn(c, id);
      assert.equal(judges.length, 3);
      for (const w of [w1, w2, w3]) assert.ok(!judges.includes(getAddress(w.account.address)));
      await voteAll(c, id, new Map(judges.map((j) => [j, A])));
      await c.court.write.resolve([id]);
      const f = fee(10n, 20n);
      const workerPart = (f * 7000n) / 10000n;
      assert.equal(await bal(c, w1.account.address), workerPart);
      assert.equal(await bal(c, w2.account.address), workerPart);
      assert.equal(await bal(c, w3.account.address), 0n);
      assert.equal((await c.workerRegistry.read.worker([w3.account.address])).stake, STAKE - FRAUD_SLASH);
      const total = 2n * f;
      const creatorPart = (total * 2000n) / 10000n;
      const treasuryPart = total - 2n * workerPart - creatorPart;
      const auditFee = (total * 500n) / 10000n;
      const pool = auditFee + (FRAUD_SLASH * 5000n) / 10000n;
      const each = pool / 3n;
      for (const j of judges) assert.equal(await bal(c, j), each);
      assert.equal(await bal(c, creator.account.address), creatorPart);
      assert.equal(await bal(c, c.timelock.address), treasuryPart - auditFee + FRAUD_SLASH + auditFee - 3n * each);
      assert.equal(await bal(c, poster.account.address), 3n * ESCROW_PER_WORKER - total);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
      await marketHoldsEverything(
        c,
        [id],
        [
          w1.account.address,
          w2.account.address,
          w3.account.address,
          ...judges,
          creator.account.address,
          c.timelock.address,
          poster.account.address,
        ],
      );
    });

    it("test_collidingMinorityOfValidators_loses_andIsSlashed", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const honest = commitmentOf("honest");
      const forged = commitmentOf("forged");
      const id = await revealedR3(c, [honest, honest, forged]);
      const judges = await openDisputeDrawn(c, id);
      // One judge colludes with the forging worker.
      await voteAll(c, id, new Map(judges.map((j, i) => [j, i === 0 ? forged : honest])));
      await assertions.emitWithArgs(c.court.write.resolve([id]), c.court, "ValidatorPenalized", [
        id,
        judges[0],
        V_SLASH,
        true,
      ]);
      assert.equal((await c.validatorRegistry.read.validator([judges[0]])).stake, V_STAKE - V_SLASH);
      assert.equal(await bal(c, judges[0]), 0n);
      assert.ok((await bal(c, judges[1])) > 0n);
      assert.equal((await c.workerRegistry.read.worker([w3.account.address])).stake, STAKE - FRAUD_SLASH);
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).stake, STAKE);
    });

    it("test_validatorWhoNeverReveals_isSlashed_majorityOfRevealedWins", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const A = commitmentOf("A");
      const id = await revealedR3(c, [A, A, commitmentOf("B")]);
      const judges = await openDisputeDrawn(c, id);
      const salt = keccak256(toHex("x"));
      for (const j of judges)
        await c.court.write.commitVote([id, voteSeal(A, j, salt)], { account: byAddress.get(j)!.account });
      for (const j of judges.slice(0, 2))
        await c.court.write.revealVote([id, A, salt], { account: byAddress.get(j)!.account });
      const { revealEndsAt } = await c.court.read.getCase([id]);
      await assertions.revertWithCustomErrorWithArgs(c.court.write.resolve([id]), c.court, "VotingNotOver", [
        id,
        BigInt(revealEndsAt),
      ]);
      await networkHelpers.time.increaseTo(BigInt(revealEndsAt) + 1n);
      await assertions.emitWithArgs(c.court.write.resolve([id]), c.court, "ValidatorPenalized", [
        id,
        judges[2],
        V_SLASH,
        false,
      ]);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
      assert.equal((await c.validatorRegistry.read.validator([judges[2]])).stake, V_STAKE - V_SLASH);
    });

    it("test_noMajority_redrawsOnce_thenRefundsAndSlashesNoWorker", async () => {
      const c = await setup(6, [[P.AuditRateBps, 0n]]);
      const ws = [w1, w2];
      const id = await postR(
        c,
        ws.map((w) => w.account.address),
      );
      const salt = keccak256(toHex("s"));
      const commits = [commitmentOf("A"), commitmentOf("B")];
      for (const [i, w] of ws.entries()) {
        await c.jobMarket.write.commitResult([id, sealOf(commits[i], w.account.address, salt)], { account: w.account });
      }
      for (const [i, w] of ws.entries())
        await c.jobMarket.write.revealResult([id, commits[i], salt, "", 1, 1], { account: w.account });
      for (let round = 0; round < 2; round++) {
        const judges = await openDisputeDrawn(c, id);
        await voteAll(c, id, new Map(judges.map((j, i) => [j, commitmentOf(`split-${i}`)])));
        const tx = c.court.write.resolve([id]);
        if (round === 0) await assertions.emit(tx, c.court, "CaseRedrawn");
        else await assertions.emitWithArgs(tx, c.court, "CaseResolved", [id, false, zeroHash, 1n, 3n]);
      }
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Refunded);
      assert.equal(await bal(c, poster.account.address), 2n * ESCROW_PER_WORKER);
      for (const w of ws) assert.equal((await c.workerRegistry.read.worker([w.account.address])).stake, STAKE);
    });

    it("test_nobodyReveals_twice_fallsBack_slashesNonRevealers", async () => {
      const c = await setup(3, [[P.AuditRateBps, 10_000n]]);
      const id = await submittedR1(c, commitmentOf("o"));
      await finalizeToAudit(c, id);
      const [judge] = await drawn(c, id);
      const { revealEndsAt } = await c.court.read.getCase([id]);
      await networkHelpers.time.increaseTo(BigInt(revealEndsAt) + 1n);
      await c.court.write.resolve([id]);
      assert.equal((await c.validatorRegistry.read.validator([judge])).stake, V_STAKE - V_SLASH);
      await openDisputeDrawn(c, id);
      const second = await c.court.read.getCase([id]);
      await networkHelpers.time.increaseTo(BigInt(second.revealEndsAt) + 1n);
      await c.court.write.resolve([id]);
      // An audit that never got a vote lets the agreed result stand: the worker is paid.
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
      assert.equal(await bal(c, w1.account.address), (fee(10n, 20n) * 7000n) / 10000n);
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).stake, STAKE);
    });

    it("test_expiredValidatorDraw_isRenewed", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const id = await revealedR3(c, [commitmentOf("A"), commitmentOf("A"), commitmentOf("B")]);
      await networkHelpers.mine(300);
      await assertions.emit(c.court.write.drawValidators([id]), c.court, "RandomnessExpired");
      assert.equal((await c.court.read.getCase([id])).status, CaseStatus.AwaitingDraw);
      await networkHelpers.mine(1);
      await c.court.write.drawValidators([id]);
      assert.equal((await c.court.read.getCase([id])).status, CaseStatus.Voting);
    });

    it("test_disputeWithoutAnyValidator_isRefunded", async () => {
      const c = await setup(0, [[P.AuditRateBps, 0n]]);
      const id = await revealedR3(c, [commitmentOf("A"), commitmentOf("A"), commitmentOf("B")]);
      await networkHelpers.mine(1);
      await c.court.write.drawValidators([id]);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Refunded);
      assert.equal(await bal(c, poster.account.address), 3n * ESCROW_PER_WORKER);
    });

    it("test_validatorThatIsAlsoAWorker_isNeverDrawnForItsOwnJob", async () => {
      const c = await setup(3, [
        [P.AuditRateBps, 0n],
        [P.ValidatorsPerDispute, 7n],
      ]);
      // w1 also stakes as a validator (separate stake).
      await c.token.write.approve([c.validatorRegistry.address, V_STAKE], { account: w1.account });
      await c.validatorRegistry.write.stake([V_STAKE], { account: w1.account });
      assert.equal((await c.workerRegistry.read.worker([w1.account.address])).stake, STAKE);
      const id = await revealedR3(c, [commitmentOf("A"), commitmentOf("A"), commitmentOf("B")]);
      const judges = await openDisputeDrawn(c, id);
      assert.equal(judges.length, 3, "only the three validators who are not in the job");
      assert.ok(!judges.includes(getAddress(w1.account.address)));
    });
  });

  describe("user challenges", () => {
    it("test_challenge_upheld_returnsBondWithReward_toTheWei", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const id = await submittedR1(c, commitmentOf("wrong"));
      const wallet = await c.token.read.balanceOf([poster.account.address]);
      await assertions.emitWithArgs(
        c.jobMarket.write.challenge([id], { account: poster.account }),
        c.jobMarket,
        "JobChallenged",
        [id, getAddress(poster.account.address), BOND],
      );
      assert.equal(await c.token.read.balanceOf([poster.account.address]), wallet - BOND);
      assert.equal(await c.jobMarket.read.bondOf([id]), BOND);
      const judges = await openDisputeDrawn(c, id);
      const truth = commitmentOf("right");
      await voteAll(c, id, new Map(judges.map((j) => [j, truth])));
      await c.court.write.resolve([id]);
      const reward = (FRAUD_SLASH * 2000n) / 10000n;
      assert.equal(await bal(c, poster.account.address), ESCROW_PER_WORKER + BOND + reward);
      const pool = ((FRAUD_SLASH - reward) * 5000n) / 10000n;
      for (const j of judges) assert.equal(await bal(c, j), pool / 3n);
      assert.equal(await bal(c, c.timelock.address), FRAUD_SLASH - reward - 3n * (pool / 3n));
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Refunded);
      assert.equal(await c.jobMarket.read.bondOf([id]), 0n);
      await marketHoldsEverything(c, [id], [poster.account.address, ...judges, c.timelock.address, w1.account.address]);
    });

    it("test_challenge_rejected_bondGoesToWorker_whoIsPaid", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const C = commitmentOf("right");
      const id = await submittedR1(c, C);
      await c.jobMarket.write.challenge([id], { account: poster.account });
      const judges = await openDisputeDrawn(c, id);
      await voteAll(c, id, new Map(judges.map((j) => [j, C])));
      await assertions.emitWithArgs(c.court.write.resolve([id]), c.jobMarket, "BondSettled", [id, false, 0n, BOND]);
      const f = fee(10n, 20n);
      assert.equal(await bal(c, w1.account.address), (f * 7000n) / 10000n + BOND);
      assert.equal(await bal(c, poster.account.address), ESCROW_PER_WORKER - f);
      assert.equal((await c.jobMarket.read.job([id])).status, Status.Finalized);
    });

    it("test_challenge_reverts", async () => {
      const c = await setup(3, [[P.AuditRateBps, 0n]]);
      const id = await submittedR1(c, commitmentOf("o"));
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.challenge([id], { account: other.account }),
        c.jobMarket,
        "NotPoster",
        [id, getAddress(other.account.address)],
      );
      const open = await postR(c, [w2.account.address]);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.challenge([open], { account: poster.account }),
        c.jobMarket,
        "JobNotInChallenge",
        [open, Status.Open],
      );
      const { challengeEndsAt } = await c.jobMarket.read.job([id]);
      await networkHelpers.time.increaseTo(BigInt(challengeEndsAt));
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.challenge([id], { account: poster.account }),
        c.jobMarket,
        "ChallengeWindowClosed",
        [id, BigInt(challengeEndsAt)],
      );
    });
  });

  describe("court rules", () => {
    it("test_courtAndMarketHooks_onlyTheirCallers", async () => {
      const c = await setup(1);
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.openCase([1n, 1, zeroHash], { account: other.account }),
        c.court,
        "NotMarket",
        [getAddress(other.account.address)],
      );
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.resolveCase([1n, false, zeroHash, [], 0n], { account: other.account }),
        c.jobMarket,
        "NotVerifier",
        [getAddress(other.account.address)],
      );
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.absorbSlashed([1n, 1n], { account: other.account }),
        c.jobMarket,
        "NotVerifier",
        [getAddress(other.account.address)],
      );
      await networkHelpers.impersonateAccount(c.court.address);
      await networkHelpers.setBalance(c.court.address, 10n ** 18n);
      await assertions.revertWithCustomErrorWithArgs(
        c.jobMarket.write.resolveCase([7n, false, zeroHash, [], 0n], { account: c.court.address }),
        c.jobMarket,
        "JobNotUnderReview",
        [7n, Status.None],
      );
    });

    it("test_voting_reverts_withExactErrors", async () => {
      const c = await setup(5, [[P.AuditRateBps, 0n]]);
      const A = commitmentOf("A");
      const id = await revealedR3(c, [A, A, commitmentOf("B")]);
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.commitVote([id, A], { account: validators[0].account }),
        c.court,
        "WrongCaseStatus",
        [id, CaseStatus.AwaitingDraw],
      );
      await assertions.revertWithCustomErrorWithArgs(c.court.write.resolve([id]), c.court, "WrongCaseStatus", [
        id,
        CaseStatus.AwaitingDraw,
      ]);
      const judges = await openDisputeDrawn(c, id);
      await assertions.revertWithCustomErrorWithArgs(c.court.write.drawValidators([id]), c.court, "WrongCaseStatus", [
        id,
        CaseStatus.Voting,
      ]);
      const outsider = validators.find((v) => !judges.includes(getAddress(v.account.address)))!;
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.commitVote([id, A], { account: outsider.account }),
        c.court,
        "NotDrawn",
        [id, getAddress(outsider.account.address)],
      );
      const [j0, j1] = judges.map((j) => byAddress.get(j)!);
      const salt = keccak256(toHex("s"));
      await c.court.write.commitVote([id, voteSeal(A, j0.account.address, salt)], { account: j0.account });
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.commitVote([id, A], { account: j0.account }),
        c.court,
        "AlreadyVoted",
        [id, getAddress(j0.account.address), 1],
      );
      const cs = await c.court.read.getCase([id]);
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.revealVote([id, A, salt], { account: j0.account }),
        c.court,
        "RevealNotOpen",
        [id, BigInt(cs.commitEndsAt)],
      );
      // j1 copies j0's seal: it can never open it.
      await c.court.write.commitVote([id, voteSeal(A, j0.account.address, salt)], { account: j1.account });
      await networkHelpers.time.increaseTo(BigInt(cs.commitEndsAt) + 1n);
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.commitVote([id, A], { account: byAddress.get(judges[2])!.account }),
        c.court,
        "CommitWindowClosed",
        [id, BigInt(cs.commitEndsAt)],
      );
      // A judge that never committed has nothing to reveal.
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.revealVote([id, A, salt], { account: byAddress.get(judges[2])!.account }),
        c.court,
        "AlreadyVoted",
        [id, judges[2], 0],
      );
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.revealVote([id, A, salt], { account: j1.account }),
        c.court,
        "SealMismatch",
        [id, getAddress(j1.account.address)],
      );
      await networkHelpers.time.increaseTo(BigInt(cs.revealEndsAt) + 1n);
      await assertions.revertWithCustomErrorWithArgs(
        c.court.write.revealVote([id, A, salt], { account: j0.account }),
        c.court,
        "RevealWindowClosed",
        [id, BigInt(cs.revealEndsAt)],
      );
    });
  });
});
