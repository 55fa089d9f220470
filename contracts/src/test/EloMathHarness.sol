// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EloMath} from "../libraries/EloMath.sol";

/// @title EloMathHarness
/// @notice Exposes EloMath so tests can compare it with a floating-point reference. Test only;
/// never deployed by the Ignition module.
contract EloMathHarness {
    /// @notice EloMath.update for every rating in `ratings` against `opponent`.
    function updateMany(uint256[] calldata ratings, uint256 opponent, bool won, uint256 k)
        external
        pure
        returns (uint256[] memory out)
    {
        out = new uint256[](ratings.length);
        for (uint256 i; i < ratings.length; ++i) {
            out[i] = EloMath.update(ratings[i], opponent, won, k);
        }
    }

    /// @notice EloMath.expectedScoreBps.
    function expectedScoreBps(uint256 rating, uint256 opponent) external pure returns (uint256) {
        return EloMath.expectedScoreBps(rating, opponent);
    }
}
