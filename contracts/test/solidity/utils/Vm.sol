// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice The subset of the Foundry-compatible cheatcodes that Hardhat 3's Solidity test runner
/// (EDR) serves at the standard cheatcode address, declared here because forge-std cannot be
/// installed on our offline machines (it is only published on GitHub; the npm package of that
/// name is an unofficial 2022 repack).
interface Vm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function roll(uint256 blockNumber) external;
    function assume(bool condition) external;
    function expectRevert() external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertSelector) external;
    function deal(address account, uint256 balance) external;
    function label(address account, string calldata newLabel) external;
    function addr(uint256 privateKey) external pure returns (address);
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function snapshotState() external returns (uint256 snapshotId);
    function revertToState(uint256 snapshotId) external returns (bool success);
}

/// @dev keccak256("hevm cheat code"), the address every Foundry-style runner serves cheatcodes at.
Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
