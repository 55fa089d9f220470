// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IRandomness
/// @notice A source of seeds that nobody involved in a job can know when they act: requested when
/// the last result arrives, read later. Small on purpose, so the DAO can replace the blockhash
/// source with a VRF (request starts the VRF call; read returns its fulfilled word).
interface IRandomness {
    enum Status {
        Pending, // not available yet
        Ready, // `seed` is final
        Expired // can no longer be read; request again
    }

    /// @notice Asks for a future seed.
    /// @return requestId What to pass to `read`: never 0, and below 2^40, because the market and
    /// the court store it in 40 bits (an adapter for a source with larger ids keeps its own map).
    function request() external returns (uint256 requestId);

    /// @notice The state of a request and, when Ready, its seed.
    function read(uint256 requestId) external view returns (Status status, bytes32 seed);
}
