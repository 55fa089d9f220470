import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { GRID, connectProtocol } from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, validators, load, now } = await connectProtocol();
const { other, deployer } = accounts;
const { assertions } = viem;
const MIN = 1_000n * GRID;

async function staked(amounts: bigint[]) {
  const c = await load();
  for (const [i, amount] of amounts.entries()) {
    const v = validators[i];
    await c.token.write.approve([c.validatorRegistry.address, amount], { account: v.account });
    await c.validatorRegistry.write.stake([amount], { account: v.account });
  }
  await networkHelpers.impersonateAccount(c.court.address);
  await networkHelpers.setBalance(c.court.address, 10n ** 18n);
  return c;
}

describe("ValidatorRegistry", () => {
  it("test_stake_listsAtMinimum_andEmits", async () => {
    const c = await staked([]);
    const r = c.validatorRegistry;
    const v = validators[0];
    await c.token.write.approve([r.address, MIN], { account: v.account });
    await assertions.emitWithArgs(r.write.stake([MIN / 2n], { account: v.account }), r, "ValidatorStaked", [
      getAddress(v.account.address),
      MIN / 2n,
      MIN / 2n,
    ]);
    assert.deepEqual(await r.read.validators(), [], "under the minimum: not listed");
    await assertions.emitWithArgs(r.write.stake([MIN / 2n], { account: v.account }), r, "ValidatorListed", [
      getAddress(v.account.address),
    ]);
    assert.deepEqual(await r.read.validators(), [getAddress(v.account.address)]);
    assert.equal((await r.read.validator([v.account.address])).stake, MIN);
    await assertions.revertWithCustomError(r.write.stake([0n], { account: v.account }), r, "ZeroAmount");
  });

  it("test_stakeWithPermit_worksWithoutApproval", async () => {
    const c = await staked([]);
    const r = c.validatorRegistry;
    const v = validators[1];
    const deadline = (await now()) + 3600n;
    const chainId = await (await viem.getPublicClient()).getChainId();
    const sig = await v.signTypedData({
      account: v.account,
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
      message: { owner: v.account.address, spender: r.address, value: MIN, nonce: 0n, deadline },
    });
    await r.write.stakeWithPermit(
      [MIN, deadline, Number.parseInt(sig.slice(130, 132), 16), `0x${sig.slice(2, 66)}`, `0x${sig.slice(66, 130)}`],
      {
        account: v.account,
      },
    );
    assert.equal((await r.read.validator([v.account.address])).stake, MIN);
  });

  it("test_unbond_waitsForPeriodAndOpenCases_thenDelists", async () => {
    const c = await staked([MIN * 2n]);
    const r = c.validatorRegistry;
    const v = validators[0];
    await assertions.revertWithCustomError(r.write.requestUnbond([0n], { account: v.account }), r, "ZeroAmount");
    await assertions.revertWithCustomErrorWithArgs(
      r.write.requestUnbond([MIN * 3n], { account: v.account }),
      r,
      "UnbondExceedsStake",
      [MIN * 3n, MIN * 2n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.withdrawUnbonded({ account: v.account }),
      r,
      "NothingUnbonding",
      [getAddress(v.account.address)],
    );
    await assertions.emit(r.write.requestUnbond([MIN * 2n], { account: v.account }), r, "ValidatorUnbondRequested");
    const { unbondingReadyAt } = await r.read.validator([v.account.address]);
    await assertions.revertWithCustomError(r.write.withdrawUnbonded({ account: v.account }), r, "UnbondingNotReady");
    await assertions.emitWithArgs(
      r.write.assign([v.account.address], { account: c.court.address }),
      r,
      "CaseAssigned",
      [getAddress(v.account.address), 1n],
    );
    await networkHelpers.time.increaseTo(unbondingReadyAt);
    await assertions.revertWithCustomErrorWithArgs(
      r.write.withdrawUnbonded({ account: v.account }),
      r,
      "HasActiveCases",
      [getAddress(v.account.address), 1n],
    );
    await assertions.emitWithArgs(
      r.write.release([v.account.address], { account: c.court.address }),
      r,
      "CaseReleased",
      [getAddress(v.account.address), 0n],
    );
    const before = await c.token.read.balanceOf([v.account.address]);
    const tx = r.write.withdrawUnbonded({ account: v.account });
    await assertions.emitWithArgs(tx, r, "ValidatorDelisted", [getAddress(v.account.address)]);
    assert.equal(await c.token.read.balanceOf([v.account.address]), before + MIN * 2n);
    assert.deepEqual(await r.read.validators(), []);
    // Release below zero is a no-op.
    await r.write.release([v.account.address], { account: c.court.address });
  });

  it("test_slash_neverExceedsStake_andPrune_freesTheListPlace", async () => {
    const c = await staked([MIN, MIN * 3n]);
    const r = c.validatorRegistry;
    const [a, b] = validators;
    await assertions.emitWithArgs(
      r.write.slash([a.account.address, 5_000n, other.account.address], { account: c.court.address }),
      r,
      "ValidatorSlashed",
      [getAddress(a.account.address), MIN / 2n, 5_000n, getAddress(other.account.address)],
    );
    await r.write.slash([a.account.address, 10_000n, other.account.address], { account: c.court.address });
    assert.equal((await r.read.validator([a.account.address])).stake, 0n);
    await r.write.slash([a.account.address, 10_000n, other.account.address], { account: c.court.address });
    await assertions.revertWithCustomErrorWithArgs(
      r.write.slash([b.account.address, 10_001n, other.account.address], { account: c.court.address }),
      r,
      "InvalidBps",
      [10_001n],
    );
    await assertions.revertWithCustomError(
      r.write.slash([b.account.address, 1n, zeroAddress], { account: c.court.address }),
      r,
      "ZeroAddress",
    );
    await assertions.revertWithCustomErrorWithArgs(r.write.prune([b.account.address]), r, "NotPrunable", [
      getAddress(b.account.address),
    ]);
    await assertions.emitWithArgs(
      r.write.prune([a.account.address], { account: other.account }),
      r,
      "ValidatorDelisted",
      [getAddress(a.account.address)],
    );
    assert.deepEqual(await r.read.validators(), [getAddress(b.account.address)]);
    // Slashed from unbonding too.
    await r.write.requestUnbond([MIN * 3n], { account: b.account });
    await r.write.slash([b.account.address, 5_000n, other.account.address], { account: c.court.address });
    assert.equal((await r.read.validator([b.account.address])).unbonding, (MIN * 3n) / 2n);
  });

  it("test_select_isStakeWeighted_distinct_andHonoursExclusions", async () => {
    const c = await staked([MIN, MIN * 9n, MIN, MIN / 2n]);
    const r = c.validatorRegistry;
    const [a, heavy, b, under] = validators.map((v) => getAddress(v.account.address));
    const counts = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const [pick] = await r.read.select([keccak256(toHex(`seed-${i}`)), 1n, []]);
      counts.set(pick, (counts.get(pick) ?? 0) + 1);
    }
    // Heavy has 9 / 11 of the eligible stake.
    assert.ok((counts.get(heavy) ?? 0) > 130, `heavy drawn ${counts.get(heavy)} of 200`);
    assert.ok(!counts.has(under), "a validator under the minimum is never drawn");
    const three = await r.read.select([zeroHash, 3n, []]);
    assert.equal(new Set(three).size, 3);
    assert.deepEqual([...three].sort(), [a, heavy, b].sort());
    const excluded = await r.read.select([zeroHash, 3n, [heavy]]);
    assert.deepEqual([...excluded].sort(), [a, b].sort());
  });

  it("test_setIsBounded_andHooksAreRoleGated", async () => {
    const c = await staked([]);
    const r = c.validatorRegistry;
    await assertions.revertWithCustomError(
      r.write.assign([other.account.address], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
    );
    await assertions.revertWithCustomError(
      r.write.release([other.account.address], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
    );
    await assertions.revertWithCustomError(
      r.write.slash([other.account.address, 1n, other.account.address], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
    );
    assert.equal(await r.read.hasRole([zeroHash, deployer.account.address]), false);
    assert.equal(await r.read.MAX_VALIDATORS(), 64n);
  });

  it("test_stake_whenSetIsFull_reverts", async () => {
    const c = await staked([]);
    const r = c.validatorRegistry;
    const filler = Array.from({ length: 64 }, (_, i) => getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`));
    for (const a of filler) {
      await networkHelpers.impersonateAccount(a);
      await networkHelpers.setBalance(a, 10n ** 18n);
      await c.token.write.transfer([a, MIN]);
      await c.token.write.approve([r.address, MIN], { account: a });
      await r.write.stake([MIN], { account: a });
    }
    const v = validators[0];
    await c.token.write.approve([r.address, MIN], { account: v.account });
    await assertions.revertWithCustomErrorWithArgs(
      r.write.stake([MIN], { account: v.account }),
      r,
      "ValidatorSetFull",
      [64n],
    );
    // Under the minimum it is not listed, so it is not refused either.
    await r.write.stake([MIN / 2n], { account: v.account });
  });
});
