// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title GridTimelock
/// @notice OpenZeppelin's TimelockController under a project name, so deployments and ABIs
/// refer to it like every other contract. It owns every parameter and holds the treasury.
contract GridTimelock is TimelockController {
    /// @param minDelay Seconds between queueing and executing an operation.
    /// @param proposers Accounts that may schedule (the governor).
    /// @param executors Accounts that may execute; address(0) lets anyone execute.
    /// @param admin Optional admin for the initial wiring; renounced right after deployment.
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
