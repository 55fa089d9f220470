import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, keccak256, toHex, zeroAddress, zeroHash, type Hex } from "viem";
import { GRID, PRICE_IN, PRICE_OUT, STAKE, connectProtocol } from "../../testing/fixture.ts";

const { viem, networkHelpers, accounts, load, now } = await connectProtocol();
const { w1, w2, w4, other, creator, deployer } = accounts;
const { assertions } = viem;

const profile = (endpoint = "http://127.0.0.1:9000") => ({
  endpoint,
  encryptionKey: keccak256(toHex("k")) as Hex,
  region: 840,
  capacity: 2,
  minJobDuration: 30,
});

async function asMarket() {
  const c = await load();
  await networkHelpers.impersonateAccount(c.jobMarket.address);
  await networkHelpers.setBalance(c.jobMarket.address, 10n ** 18n);
  return c;
}

describe("WorkerRegistry", () => {
  it("test_stakeAndRegister_setsEloAndProfile_andEmits", async () => {
    const c = await load();
    const r = c.workerRegistry;
    await c.token.write.approve([r.address, 5_000n * GRID], { account: w4.account });
    await assertions.emitWithArgs(r.write.stake([5_000n * GRID], { account: w4.account }), r, "Staked", [
      getAddress(w4.account.address),
      5_000n * GRID,
      5_000n * GRID,
    ]);
    const p = profile();
    await assertions.emitWithArgs(r.write.register([p], { account: w4.account }), r, "WorkerRegistered", [
      getAddress(w4.account.address),
      p.endpoint,
      p.encryptionKey,
      p.region,
      p.capacity,
      p.minJobDuration,
    ]);
    const w = await r.read.worker([w4.account.address]);
    assert.equal(w.stake, 5_000n * GRID);
    assert.equal(w.elo, 1500);
    assert.equal(w.capacity, 2);
    assert.equal(w.registered, true);
    assert.deepEqual(await r.read.profile([w4.account.address]), p);
    assert.equal(await r.read.workerCount(), 4n);
    const page = await r.read.workers([2n, 10n]);
    assert.deepEqual(page, [getAddress(accounts.w3.account.address), getAddress(w4.account.address)]);
    assert.deepEqual(await r.read.workers([10n, 10n]), []);
    await assertions.revertWithCustomErrorWithArgs(
      r.write.register([p], { account: w4.account }),
      r,
      "AlreadyRegistered",
      [getAddress(w4.account.address)],
    );
  });

  it("test_stakeWithPermit_worksWithoutApproval", async () => {
    const c = await load();
    const r = c.workerRegistry;
    const value = 2_000n * GRID;
    const deadline = (await now()) + 3600n;
    const chainId = await (await viem.getPublicClient()).getChainId();
    const sig = await other.signTypedData({
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
      message: { owner: other.account.address, spender: r.address, value, nonce: 0n, deadline },
    });
    const v = Number.parseInt(sig.slice(130, 132), 16);
    await r.write.stakeWithPermit([value, deadline, v, `0x${sig.slice(2, 66)}`, `0x${sig.slice(66, 130)}`], {
      account: other.account,
    });
    assert.equal((await r.read.worker([other.account.address])).stake, value);
  });

  it("test_registry_invalidInputs_revert", async () => {
    const c = await load();
    const r = c.workerRegistry;
    await assertions.revertWithCustomError(r.write.stake([0n], { account: w4.account }), r, "ZeroAmount");
    await assertions.revertWithCustomError(
      r.write.register([profile("")], { account: w4.account }),
      r,
      "InvalidEndpoint",
    );
    await assertions.revertWithCustomError(
      r.write.register([profile("x".repeat(257))], { account: w4.account }),
      r,
      "InvalidEndpoint",
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.register([{ ...profile(), capacity: 0 }], { account: w4.account }),
      r,
      "InvalidCapacity",
      [0n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.updateProfile([profile()], { account: w4.account }),
      r,
      "NotRegistered",
      [getAddress(w4.account.address)],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.setModelPrice([1n, 1n, 1n], { account: w4.account }),
      r,
      "NotRegistered",
      [getAddress(w4.account.address)],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.setPaused([true], { account: w4.account }),
      r,
      "NotRegistered",
      [getAddress(w4.account.address)],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.setModelPrice([7n, 1n, 1n], { account: w1.account }),
      c.modelRegistry,
      "UnknownModel",
      [7n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.removeModel([7n], { account: w1.account }),
      r,
      "ModelNotServed",
      [getAddress(w1.account.address), 7n],
    );
    await assertions.revertWithCustomError(r.write.requestUnbond([0n], { account: w1.account }), r, "ZeroAmount");
    await assertions.revertWithCustomErrorWithArgs(
      r.write.requestUnbond([STAKE + 1n], { account: w1.account }),
      r,
      "UnbondExceedsStake",
      [STAKE + 1n, STAKE],
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.withdrawUnbonded({ account: w1.account }),
      r,
      "NothingUnbonding",
      [getAddress(w1.account.address)],
    );
  });

  it("test_profileAndModels_updates_emit", async () => {
    const c = await load();
    const r = c.workerRegistry;
    const p = { ...profile("https://w1.example"), capacity: 9 };
    await assertions.emit(r.write.updateProfile([p], { account: w1.account }), r, "ProfileUpdated");
    assert.equal((await r.read.worker([w1.account.address])).capacity, 9);
    await c.modelRegistry.write.register(["m2", keccak256(toHex("m2")), "", "text-generation/onnx"], {
      account: creator.account,
    });
    await assertions.emitWithArgs(r.write.setModelPrice([2n, 7n, 8n], { account: w1.account }), r, "ModelPriceSet", [
      getAddress(w1.account.address),
      2n,
      7n,
      8n,
    ]);
    assert.deepEqual(await r.read.modelsOf([w1.account.address]), [1n, 2n]);
    assert.deepEqual(await r.read.modelPrice([w1.account.address, 2n]), {
      pricePerInputToken: 7n,
      pricePerOutputToken: 8n,
      served: true,
    });
    await assertions.emitWithArgs(r.write.removeModel([1n], { account: w1.account }), r, "ModelRemoved", [
      getAddress(w1.account.address),
      1n,
    ]);
    assert.deepEqual(await r.read.modelsOf([w1.account.address]), [2n]);
    assert.equal((await r.read.modelPrice([w1.account.address, 1n])).served, false);
    await assertions.emitWithArgs(r.write.setPaused([true], { account: w1.account }), r, "PausedSet", [
      getAddress(w1.account.address),
      true,
    ]);
    assert.equal((await r.read.worker([w1.account.address])).paused, true);
  });

  it("test_setModelPrice_inactiveModel_andTooManyModels_revert", async () => {
    const c = await load();
    const r = c.workerRegistry;
    await networkHelpers.impersonateAccount(c.timelock.address);
    await networkHelpers.setBalance(c.timelock.address, 10n ** 18n);
    await c.modelRegistry.write.register(["off", keccak256(toHex("off")), "", "f"], { account: creator.account });
    await c.modelRegistry.write.setActive([2n, false], { account: c.timelock.address });
    await assertions.revertWithCustomErrorWithArgs(
      r.write.setModelPrice([2n, 1n, 1n], { account: w1.account }),
      r,
      "ModelInactive",
      [2n],
    );
    for (let i = 0; i < 32; i++) {
      await c.modelRegistry.write.register([`m${i}`, keccak256(toHex(`many-${i}`)), "", "f"], {
        account: creator.account,
      });
    }
    // w1 already serves model 1: 31 more fit, the 33rd does not.
    for (let id = 3n; id < 34n; id++) await r.write.setModelPrice([id, 1n, 1n], { account: w1.account });
    await assertions.revertWithCustomErrorWithArgs(
      r.write.setModelPrice([34n, 1n, 1n], { account: w1.account }),
      r,
      "TooManyModels",
      [getAddress(w1.account.address), 32n],
    );
    // Changing the price of a served model is still fine at the limit.
    await r.write.setModelPrice([1n, PRICE_IN + 1n, PRICE_OUT], { account: w1.account });
  });

  it("test_unbond_waitsForPeriod_andForActiveJobs", async () => {
    const c = await asMarket();
    const r = c.workerRegistry;
    const amount = 4_000n * GRID;
    const tx = r.write.requestUnbond([amount], { account: w1.account });
    await assertions.emit(tx, r, "UnbondRequested");
    const w = await r.read.worker([w1.account.address]);
    assert.equal(w.stake, STAKE - amount);
    assert.equal(w.unbonding, amount);
    const readyAt = w.unbondingReadyAt;
    assert.equal(readyAt, (await now()) + 7n * 86_400n);
    await assertions.revertWithCustomError(r.write.withdrawUnbonded({ account: w1.account }), r, "UnbondingNotReady");
    await r.write.reserve([w1.account.address, 1n, PRICE_IN, PRICE_OUT, 600n], { account: c.jobMarket.address });
    await networkHelpers.time.increaseTo(readyAt);
    await assertions.revertWithCustomErrorWithArgs(
      r.write.withdrawUnbonded({ account: w1.account }),
      r,
      "HasActiveJobs",
      [getAddress(w1.account.address), 1n],
    );
    await r.write.release([w1.account.address], { account: c.jobMarket.address });
    const before = await c.token.read.balanceOf([w1.account.address]);
    await assertions.emitWithArgs(r.write.withdrawUnbonded({ account: w1.account }), r, "UnbondWithdrawn", [
      getAddress(w1.account.address),
      amount,
    ]);
    assert.equal(await c.token.read.balanceOf([w1.account.address]), before + amount);
    assert.equal((await r.read.worker([w1.account.address])).unbonding, 0n);
  });

  it("test_marketHooks_onlyMarketRole", async () => {
    const c = await load();
    const r = c.workerRegistry;
    const role = await r.read.MARKET_ROLE();
    await assertions.revertWithCustomErrorWithArgs(
      r.write.reserve([w1.account.address, 1n, 1n, 1n, 1n], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
      [getAddress(other.account.address), role],
    );
    await assertions.revertWithCustomError(
      r.write.release([w1.account.address], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
    );
    await assertions.revertWithCustomError(
      r.write.recordOutcome([w1.account.address, true, 1n], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
    );
    await assertions.revertWithCustomErrorWithArgs(
      r.write.slash([w1.account.address, 100n, other.account.address], { account: other.account }),
      r,
      "AccessControlUnauthorizedAccount",
      [getAddress(other.account.address), await r.read.SLASHER_ROLE()],
    );
    // The deployer kept no admin right; the timelock has it.
    assert.equal(await r.read.hasRole([zeroHash, deployer.account.address]), false);
    assert.equal(await r.read.hasRole([zeroHash, c.timelock.address]), true);
  });

  it("test_slash_takesBondedThenUnbonding_neverMoreThanStake", async () => {
    const c = await asMarket();
    const r = c.workerRegistry;
    await r.write.requestUnbond([STAKE - 1_000n * GRID], { account: w1.account });
    const to = other.account.address;
    const before = await c.token.read.balanceOf([to]);
    // 50% of 10,000 = 5,000: 1,000 from stake, 4,000 from unbonding.
    await assertions.emitWithArgs(
      r.write.slash([w1.account.address, 5_000n, to], { account: c.jobMarket.address }),
      r,
      "Slashed",
      [getAddress(w1.account.address), 5_000n * GRID, 5_000n, getAddress(to)],
    );
    let w = await r.read.worker([w1.account.address]);
    assert.equal(w.stake, 0n);
    assert.equal(w.unbonding, 5_000n * GRID);
    await r.write.slash([w1.account.address, 10_000n, to], { account: c.jobMarket.address });
    w = await r.read.worker([w1.account.address]);
    assert.equal(w.stake + w.unbonding, 0n);
    assert.equal(await c.token.read.balanceOf([to]), before + STAKE);
    // Nothing left: a further slash moves nothing.
    await r.write.slash([w1.account.address, 10_000n, to], { account: c.jobMarket.address });
    assert.equal(await c.token.read.balanceOf([to]), before + STAKE);
    await assertions.revertWithCustomErrorWithArgs(
      r.write.slash([w2.account.address, 10_001n, to], { account: c.jobMarket.address }),
      r,
      "InvalidBps",
      [10_001n],
    );
    await assertions.revertWithCustomError(
      r.write.slash([w2.account.address, 1n, zeroAddress], { account: c.jobMarket.address }),
      r,
      "ZeroAddress",
    );
  });

  it("test_recordOutcome_updatesCountersAndElo", async () => {
    const c = await asMarket();
    const r = c.workerRegistry;
    await assertions.emitWithArgs(
      r.write.recordOutcome([w1.account.address, true, 50n], { account: c.jobMarket.address }),
      r,
      "OutcomeRecorded",
      [getAddress(w1.account.address), true, 50n, 1500, 1516],
    );
    await r.write.recordOutcome([w1.account.address, false, 0n], { account: c.jobMarket.address });
    const s = await r.read.stats([w1.account.address]);
    assert.deepEqual(s, { jobsDone: 1n, jobsFailed: 1n, tokensServed: 50n });
    // 1516 vs 1500: expected 0.523, loss of round(32 * 0.523) = 17.
    assert.equal((await r.read.worker([w1.account.address])).elo, 1499);
    // release below zero is a no-op rather than an underflow.
    await r.write.release([w2.account.address], { account: c.jobMarket.address });
    assert.equal((await r.read.worker([w2.account.address])).activeJobs, 0);
  });
});
