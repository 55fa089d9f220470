// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EloMath} from "../../src/libraries/EloMath.sol";
import {Asserts} from "./utils/Asserts.sol";

/// @dev Exposes the library's internal functions.
contract EloMathFuzzHarness {
    function update(uint256 rating, uint256 opponent, bool won, uint256 k) external pure returns (uint256) {
        return EloMath.update(rating, opponent, won, k);
    }

    function expectedScoreBps(uint256 rating, uint256 opponent) external pure returns (uint256) {
        return EloMath.expectedScoreBps(rating, opponent);
    }
}

/// @notice EloMath keeps ratings in [100, 4000], moves them the right way by at most K, and its
/// expected scores are complementary and monotone.
contract EloMathTest is Asserts {
    uint256 private constant MIN = 100;
    uint256 private constant MAX = 4000;

    EloMathFuzzHarness private elo;

    function setUp() public {
        elo = new EloMathFuzzHarness();
    }

    function testFuzz_update_staysWithinBoundsAndMovesTheRightWay(uint256 rating, uint256 opponent, bool won, uint256 k)
        public
        view
    {
        rating = bound(rating, MIN, MAX);
        opponent = bound(opponent, MIN, MAX);
        k = bound(k, 1, 64);
        uint256 next = elo.update(rating, opponent, won, k);
        assertGe(next, MIN, "rating at or above 100");
        assertLe(next, MAX, "rating at or below 4000");
        if (won) {
            assertGe(next, rating, "a win never lowers the rating");
            assertLe(next - rating, k, "a win gains at most K");
        } else {
            assertLe(next, rating, "a loss never raises the rating");
            assertLe(rating - next, k, "a loss costs at most K");
        }
    }

    /// @dev The worker registry's use: every outcome against the 1500 reference, repeated.
    function testFuzz_update_repeatedOutcomesStayWithinBounds(uint256 outcomes, uint256 k) public view {
        k = bound(k, 1, 64);
        uint256 rating = 1500;
        for (uint256 i; i < 64; ++i) {
            bool won = (outcomes >> i) & 1 == 1;
            uint256 next = elo.update(rating, 1500, won, k);
            assertGe(next, MIN, "rating at or above 100");
            assertLe(next, MAX, "rating at or below 4000");
            if (won) assertGe(next, rating, "a win never lowers the rating");
            else assertLe(next, rating, "a loss never raises the rating");
            rating = next;
        }
    }

    function testFuzz_expectedScore_complementsToOneWithinOneBp(uint256 a, uint256 b) public view {
        a = bound(a, 0, 10_000);
        b = bound(b, 0, 10_000);
        uint256 ab = elo.expectedScoreBps(a, b);
        uint256 ba = elo.expectedScoreBps(b, a);
        assertLe(ab, 10_000, "expected score at most 10000 bps");
        assertApproxEq(ab + ba, 10_000, 1, "E(a,b) + E(b,a) within 1 of 10000");
        if (a == b) assertApproxEq(ab, 5_000, 1, "equal ratings expect 5000");
    }

    function testFuzz_expectedScore_monotoneInTheGap(uint256 rating, uint256 opponent, uint256 delta) public view {
        rating = bound(rating, MIN, MAX);
        opponent = bound(opponent, MIN, MAX);
        delta = bound(delta, 0, MAX);
        // A stronger opponent never raises the expected score; a higher own rating never lowers it.
        assertLe(elo.expectedScoreBps(rating, opponent + delta), elo.expectedScoreBps(rating, opponent), "opponent");
        assertGe(elo.expectedScoreBps(rating + delta, opponent), elo.expectedScoreBps(rating, opponent), "rating");
    }
}
