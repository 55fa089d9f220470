import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";

const { viem } = await network.create();

const floatUpdate = (r: number, opp: number, won: boolean, k: number) => {
  const e = 1 / (1 + 10 ** ((opp - r) / 400));
  return Math.min(4000, Math.max(100, r + k * ((won ? 1 : 0) - e)));
};

describe("EloMath", () => {
  it("test_update_withinOnePointOfFloatReference_overAGridOfRatings", async () => {
    const elo = await viem.deployContract("src/test/EloMathHarness.sol:EloMathHarness");
    const ratings = Array.from({ length: 79 }, (_, i) => BigInt(100 + i * 50)); // 100 .. 4000
    let worst = 0;
    let checked = 0;
    for (const opponent of [100, 700, 1200, 1500, 1800, 2400, 3000, 4000]) {
      for (const k of [1, 16, 32, 64]) {
        for (const won of [true, false]) {
          const got = await elo.read.updateMany([ratings, BigInt(opponent), won, BigInt(k)]);
          for (const [i, r] of ratings.entries()) {
            const want = floatUpdate(Number(r), opponent, won, k);
            const diff = Math.abs(Number(got[i]) - want);
            worst = Math.max(worst, diff);
            checked++;
            assert.ok(
              diff <= 1,
              `rating ${r} vs ${opponent}, k ${k}, won ${won}: ${got[i]} vs float ${want.toFixed(3)}`,
            );
          }
        }
      }
    }
    assert.ok(checked > 5_000);
    assert.ok(worst <= 1, `worst deviation ${worst}`);
  });

  it("test_expectedScore_isSymmetric_andMonotone", async () => {
    const elo = await viem.deployContract("src/test/EloMathHarness.sol:EloMathHarness");
    let previous = 10_001n;
    for (let d = -1500; d <= 1500; d += 37) {
      const e = await elo.read.expectedScoreBps([2000n, BigInt(2000 + d)]);
      const mirror = await elo.read.expectedScoreBps([BigInt(2000 + d), 2000n]);
      assert.ok(e + mirror >= 9_999n && e + mirror <= 10_001n, `E(${d}) + E(${-d}) = ${e + mirror}`);
      assert.ok(e <= previous, "a stronger opponent never raises the expected score");
      previous = e;
    }
  });
});
