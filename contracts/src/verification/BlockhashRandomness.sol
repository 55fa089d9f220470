// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IRandomness} from "../interfaces/IRandomness.sol";

/// @title BlockhashRandomness
/// @notice Seeds from the hash of the block after the request.
/// @dev Trade-offs, for the DAO deciding whether to move to a VRF:
/// - Nobody knows the hash of a future block when they submit, so a worker cannot tell at
///   submission whether it will be audited or who would judge it.
/// - The producer of that block can influence its hash (withhold the block at the cost of its
///   reward). Acceptable while a block reward exceeds what an audit draw is worth.
/// - The EVM keeps only the last 256 block hashes. A request not read in time reports Expired
///   and the caller requests again; the market re-arms the draw. A party that sees a draw it
///   dislikes can try to let it expire instead of acting on it, so the protocol relies on at
///   least one live party (validators are paid to be) acting within 256 blocks. A VRF removes
///   both the producer's influence and the expiry.
contract BlockhashRandomness is IRandomness {
    /// @notice The request id is the number of the block whose hash becomes the seed.
    function request() external view returns (uint256 requestId) {
        return block.number + 1;
    }

    /// @inheritdoc IRandomness
    function read(uint256 requestId) external view returns (Status status, bytes32 seed) {
        if (requestId >= block.number) return (Status.Pending, bytes32(0));
        bytes32 h = blockhash(requestId);
        if (h == bytes32(0)) return (Status.Expired, bytes32(0));
        return (Status.Ready, h);
    }
}
