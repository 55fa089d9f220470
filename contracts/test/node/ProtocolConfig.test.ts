import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, zeroAddress } from "viem";
import { GRID, connectProtocol } from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, load } = await connectProtocol();
const { other } = accounts;
const { assertions } = viem;

// Mirrors IProtocolConfig.Param.
const P = {
  MinWorkerStake: 0,
  UnbondingPeriod: 1,
  JobTimeout: 2,
  ChallengeWindow: 3,
  DeclineWindow: 4,
  RevealWindow: 5,
  MaxRedundancy: 6,
  SlashMissedBps: 7,
  SlashFraudBps: 8,
  EloK: 9,
  AuditRateBps: 10,
  WorkerShareBps: 11,
  CreatorShareBps: 12,
  TreasuryShareBps: 13,
  MinValidatorStake: 14,
  ChallengeBond: 15,
  VoteCommitWindow: 16,
  VoteRevealWindow: 17,
  ValidatorsPerAudit: 18,
  ValidatorsPerDispute: 19,
  ValidatorSlashBps: 20,
  AuditFeeBps: 21,
  SlashRewardBps: 22,
  ChallengerRewardBps: 23,
} as const;
const FEE_SHARES: number[] = [P.WorkerShareBps, P.CreatorShareBps, P.TreasuryShareBps];
const SETTABLE = Object.values(P).filter((id) => !FEE_SHARES.includes(id));

const DEFAULTS: Record<keyof typeof P, bigint> = {
  MinWorkerStake: 1_000n * GRID,
  UnbondingPeriod: 7n * 86_400n,
  JobTimeout: 86_400n,
  ChallengeWindow: 3_600n,
  DeclineWindow: 120n,
  RevealWindow: 600n,
  MaxRedundancy: 5n,
  SlashMissedBps: 500n,
  SlashFraudBps: 5_000n,
  EloK: 32n,
  AuditRateBps: 100n,
  WorkerShareBps: 7_000n,
  CreatorShareBps: 2_000n,
  TreasuryShareBps: 1_000n,
  MinValidatorStake: 1_000n * GRID,
  ChallengeBond: 100n * GRID,
  VoteCommitWindow: 600n,
  VoteRevealWindow: 600n,
  ValidatorsPerAudit: 1n,
  ValidatorsPerDispute: 3n,
  ValidatorSlashBps: 1_000n,
  AuditFeeBps: 500n,
  SlashRewardBps: 5_000n,
  ChallengerRewardBps: 2_000n,
};

async function asTimelock() {
  const c = await load();
  await networkHelpers.impersonateAccount(c.timelock.address);
  await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
  return c;
}

describe("ProtocolConfig", () => {
  it("test_defaults_matchTheDesign_andLieWithinBounds", async () => {
    const c = await load();
    assert.equal(await c.config.read.paramCount(), 24n);
    for (const [name, id] of Object.entries(P)) {
      const v = await c.config.read.getParam([id]);
      assert.equal(v, DEFAULTS[name as keyof typeof P], name);
      const [min, max] = await c.config.read.paramBounds([id]);
      assert.ok(v >= min && v <= max, `${name} ${v} outside [${min}, ${max}]`);
    }
    const all = await c.config.read.params();
    assert.equal(all.maxRedundancy, 5);
    assert.equal(all.workerShareBps + all.creatorShareBps + all.treasuryShareBps, 10_000);
    const v = await c.config.read.verificationParams();
    assert.equal(v.validatorsPerDispute, 3);
    assert.equal(v.challengeBond, 100n * GRID);
    assert.equal(await c.config.read.treasury(), c.timelock.address);
    assert.equal(await c.config.read.owner(), c.timelock.address);
    assert.equal(await c.config.read.verifier(), c.court.address);
    assert.equal(await c.config.read.randomness(), c.randomness.address);
  });

  it("test_setParam_byTimelock_withinBounds_setsAndEmits", async () => {
    const c = await asTimelock();
    await assertions.emitWithArgs(
      c.config.write.setParam([P.AuditRateBps, 250n], { account: c.timelock.address }),
      c.config,
      "ParamChanged",
      [P.AuditRateBps, 100n, 250n],
    );
    assert.equal(await c.config.read.getParam([P.AuditRateBps]), 250n);
    // Each bound itself is accepted.
    for (const id of SETTABLE) {
      const [min, max] = await c.config.read.paramBounds([id]);
      await c.config.write.setParam([id, min], { account: c.timelock.address });
      await c.config.write.setParam([id, max], { account: c.timelock.address });
      assert.equal(await c.config.read.getParam([id]), max);
    }
  });

  it("test_setParam_outOfBounds_revertsNamingParamAndBounds", async () => {
    const c = await asTimelock();
    for (const id of SETTABLE) {
      const [min, max] = await c.config.read.paramBounds([id]);
      await assertions.revertWithCustomErrorWithArgs(
        c.config.write.setParam([id, max + 1n], { account: c.timelock.address }),
        c.config,
        "ParamOutOfBounds",
        [id, max + 1n, min, max],
      );
      if (min > 0n) {
        await assertions.revertWithCustomErrorWithArgs(
          c.config.write.setParam([id, min - 1n], { account: c.timelock.address }),
          c.config,
          "ParamOutOfBounds",
          [id, min - 1n, min, max],
        );
      }
    }
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setParam([P.WorkerShareBps, 8_000n], { account: c.timelock.address }),
      c.config,
      "FeeShareNeedsSetFeeSplit",
      [P.WorkerShareBps],
    );
  });

  it("test_setFeeSplit_mustSumTo10000_andStayInBounds", async () => {
    const c = await asTimelock();
    await assertions.emitWithArgs(
      c.config.write.setFeeSplit([8_000, 1_500, 500], { account: c.timelock.address }),
      c.config,
      "FeeSplitChanged",
      [8_000, 1_500, 500],
    );
    assert.equal(await c.config.read.getParam([P.WorkerShareBps]), 8_000n);
    assert.equal(await c.config.read.getParam([P.CreatorShareBps]), 1_500n);
    assert.equal(await c.config.read.getParam([P.TreasuryShareBps]), 500n);
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setFeeSplit([7_000, 2_000, 999], { account: c.timelock.address }),
      c.config,
      "InvalidFeeSplit",
      [7_000n, 2_000n, 999n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setFeeSplit([4_000, 5_000, 1_000], { account: c.timelock.address }),
      c.config,
      "InvalidFeeSplit",
      [4_000n, 5_000n, 1_000n],
    );
  });

  it("test_setters_fromAnyOtherAccount_revert", async () => {
    const c = await load();
    const who = getAddress(other.account.address);
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setParam([P.EloK, 16n], { account: other.account }),
      c.config,
      "OwnableUnauthorizedAccount",
      [who],
    );
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setFeeSplit([7_000, 2_000, 1_000], { account: other.account }),
      c.config,
      "OwnableUnauthorizedAccount",
      [who],
    );
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setTreasury([who], { account: other.account }),
      c.config,
      "OwnableUnauthorizedAccount",
      [who],
    );
  });

  it("test_setVerifierAndRandomness_onlyTimelock_emit_rejectZero", async () => {
    const c = await asTimelock();
    const who = getAddress(other.account.address);
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setVerifier([who], { account: other.account }),
      c.config,
      "OwnableUnauthorizedAccount",
      [who],
    );
    await assertions.revertWithCustomErrorWithArgs(
      c.config.write.setRandomness([who], { account: other.account }),
      c.config,
      "OwnableUnauthorizedAccount",
      [who],
    );
    await assertions.revertWithCustomError(
      c.config.write.setVerifier([zeroAddress], { account: c.timelock.address }),
      c.config,
      "ZeroAddress",
    );
    await assertions.revertWithCustomError(
      c.config.write.setRandomness([zeroAddress], { account: c.timelock.address }),
      c.config,
      "ZeroAddress",
    );
    await assertions.emitWithArgs(
      c.config.write.setVerifier([who], { account: c.timelock.address }),
      c.config,
      "VerifierChanged",
      [c.court.address, who],
    );
    await assertions.emitWithArgs(
      c.config.write.setRandomness([who], { account: c.timelock.address }),
      c.config,
      "RandomnessChanged",
      [c.randomness.address, who],
    );
    assert.equal(await c.config.read.verifier(), who);
    assert.equal(await c.config.read.randomness(), who);
  });

  it("test_setTreasury_byTimelock_emits_rejectsZero", async () => {
    const c = await asTimelock();
    await assertions.revertWithCustomError(
      c.config.write.setTreasury([zeroAddress], { account: c.timelock.address }),
      c.config,
      "ZeroAddress",
    );
    await assertions.emitWithArgs(
      c.config.write.setTreasury([other.account.address], { account: c.timelock.address }),
      c.config,
      "TreasuryChanged",
      [c.timelock.address, getAddress(other.account.address)],
    );
    assert.equal(await c.config.read.treasury(), getAddress(other.account.address));
  });

  it("test_constructor_outOfBoundsInitialValue_reverts", async () => {
    const c = await load();
    const params = await c.config.read.params();
    const vparams = await c.config.read.verificationParams();
    const me = other.account.address;
    await assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("ProtocolConfig", [me, me, { ...params, maxRedundancy: 9 }, vparams]),
      c.config,
      "ParamOutOfBounds",
      [P.MaxRedundancy, 9n, 1n, 8n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("ProtocolConfig", [me, me, params, { ...vparams, validatorsPerDispute: 0 }]),
      c.config,
      "ParamOutOfBounds",
      [P.ValidatorsPerDispute, 0n, 1n, 7n],
    );
    await assertions.revertWithCustomError(
      viem.deployContract("ProtocolConfig", [me, zeroAddress, params, vparams]),
      c.config,
      "ZeroAddress",
    );
  });
});
