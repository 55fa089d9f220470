// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {GridToken} from "../../src/token/GridToken.sol";
import {ProtocolConfig} from "../../src/governance/ProtocolConfig.sol";
import {WorkerRegistry} from "../../src/registry/WorkerRegistry.sol";
import {JobMarket} from "../../src/market/JobMarket.sol";
import {InferGridFixture} from "./utils/InferGridFixture.sol";
import {MarketHandler} from "./handlers/MarketHandler.sol";
import {vm} from "./utils/Vm.sol";

/// @notice Invariants of the market and the worker registry under random sequences of every
/// action (see MarketHandler), checked two ways: by Hardhat's invariant fuzzer calling the
/// handler's actions, and by stateful fuzz tests that drive the handler from a seed and check
/// every invariant after every step, then settle everything and check what is left.
/// @dev Declared in this file so the invariant fuzzer can match the deployed handler to an artifact
/// (Hardhat only hands it the artifacts of the test files being run).
contract MarketHandlerTarget is MarketHandler {
    constructor(
        GridToken grid_,
        ProtocolConfig config_,
        WorkerRegistry registry_,
        JobMarket market_,
        uint256 modelId_,
        address creator_,
        address[] memory posters_,
        address[] memory workers_
    ) MarketHandler(grid_, config_, registry_, market_, modelId_, creator_, posters_, workers_) {}
}

contract MarketInvariantsTest is InferGridFixture {
    /// @dev Foundry's struct for `targetSelectors`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 private constant STEPS = 24;

    MarketHandler internal handler;

    function setUp() public {
        _deployProtocol();
        handler = new MarketHandlerTarget(grid, config, registry, market, modelId, creator, posters, workers);
        // The handler stands in for the timelock (config owner) and the verification layer (slasher).
        config.transferOwnership(address(handler));
        registry.grantRole(registry.SLASHER_ROLE(), address(handler));
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory s = new bytes4[](15);
        s[0] = MarketHandler.postJob.selector;
        s[1] = MarketHandler.decline.selector;
        s[2] = MarketHandler.submitResult.selector;
        s[3] = MarketHandler.commitResult.selector;
        s[4] = MarketHandler.revealResult.selector;
        s[5] = MarketHandler.claimTimeout.selector;
        s[6] = MarketHandler.finalize.selector;
        s[7] = MarketHandler.finalizeBatch.selector;
        s[8] = MarketHandler.withdraw.selector;
        s[9] = MarketHandler.stake.selector;
        s[10] = MarketHandler.requestUnbond.selector;
        s[11] = MarketHandler.withdrawUnbonded.selector;
        s[12] = MarketHandler.slash.selector;
        s[13] = MarketHandler.setParam.selector;
        s[14] = MarketHandler.warp.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), s);
    }

    // ------------------------------------------------------------------ invariants

    function invariant_marketBalanceEqualsEscrowPlusCredits() public view {
        handler.checkExpectations();
        handler.checkMarketConservation();
        handler.checkJobs();
    }

    function invariant_noJobPaidTwice() public view {
        handler.checkExpectations();
        handler.checkNoDoublePay();
    }

    function invariant_slashNeverExceedsStake() public view {
        handler.checkExpectations();
        handler.checkStakeAccounting();
    }

    function invariant_paramsStayWithinBounds() public view {
        handler.checkExpectations();
        handler.checkParamBounds();
    }

    /// @dev After every invariant run: the handler did real work, not only no-ops.
    function afterInvariant() public view {
        assertGt(handler.useful(), 0, "useful actions in the run");
    }

    // ------------------------------------------------------------------ stateful fuzz

    /// @dev 25 actions and 26 full checks per run: the suite's heaviest test, so its run count is
    /// fixed here (the cheap fuzz tests take FUZZ_RUNS).
    /// hardhat-config: fuzz.runs = 1000
    function testFuzz_randomActionSequence_conservesFundsAndPaysOnce(uint256 seed) public {
        handler.postJob(seed, seed >> 8, seed >> 16, seed >> 24, seed >> 32);
        handler.checkAll();
        for (uint256 i; i < STEPS; ++i) {
            handler.step(uint256(keccak256(abi.encode(seed, i))));
            handler.checkAll();
        }
        _settleAndCheck();
    }

    function test_handlerExercisesEveryAction() public {
        uint256 steps = 400;
        for (uint256 i; i < steps; ++i) {
            handler.step(uint256(keccak256(abi.encode("coverage", i))));
            if (i % 8 == 0) handler.checkAll();
        }
        handler.checkAll();
        MarketHandler.Counts memory c = handler.counts();
        assertGt(c.posted, 0, "posted");
        assertGt(c.postedRedundant, 0, "posted with R > 1");
        assertGt(c.declined, 0, "declined");
        assertGt(c.submitted, 0, "submitted (R = 1)");
        assertGt(c.committed, 0, "committed (R > 1)");
        assertGt(c.revealed, 0, "revealed (R > 1)");
        assertGt(c.timeouts, 0, "claimTimeout");
        assertGt(c.workersTimedOut, 0, "workers slashed for timeouts");
        assertGt(c.challenged, 0, "jobs in the challenge window");
        assertGt(c.disputed, 0, "disputed jobs");
        assertGt(c.refunded, 0, "refunded jobs");
        assertGt(c.finalized, 0, "finalize");
        assertGt(c.batchFinalized, 0, "finalizeBatch");
        assertGt(c.repeatFinalizeRejected, 0, "finalize on a finalized job refused");
        assertGt(c.withdrawn, 0, "withdrawals");
        assertGt(c.staked, 0, "stake");
        assertGt(c.unbondRequested, 0, "requestUnbond");
        assertGt(c.unbondWithdrawn, 0, "withdrawUnbonded");
        assertGt(c.slashes, 0, "direct slashes");
        assertGt(c.paramsSet, 0, "parameter changes");
        assertGt(c.rejected, 0, "verified rejections");
        assertGe(handler.useful(), steps / 2, "at least half the steps did something");
        _settleAndCheck();
    }

    /// @dev Settles everything, then only disputed jobs may still hold GRID in the market.
    function _settleAndCheck() internal {
        handler.drain();
        handler.checkAll();
        uint256[] memory ids = handler.jobIds();
        uint256 disputedEscrow;
        uint256 finalized;
        for (uint256 k; k < ids.length; ++k) {
            IJobMarket.Job memory j = market.job(ids[k]);
            assertTrue(
                j.status == IJobMarket.JobStatus.Finalized || j.status == IJobMarket.JobStatus.Refunded
                    || j.status == IJobMarket.JobStatus.Disputed,
                "every job settled"
            );
            if (j.status == IJobMarket.JobStatus.Disputed) disputedEscrow += j.escrow;
            if (j.status == IJobMarket.JobStatus.Finalized) finalized++;
            assertEq(handler.finalizedEvents(ids[k]), j.status == IJobMarket.JobStatus.Finalized ? 1 : 0, "events");
        }
        address[] memory accts = handler.accounts();
        for (uint256 i; i < accts.length; ++i) {
            assertEq(market.balanceOf(accts[i]), 0, "every credit withdrawn");
        }
        assertEq(grid.balanceOf(address(market)), disputedEscrow, "market GRID after settlement == disputed escrow");
        assertEq(handler.ghostEventFees(), handler.ghostExpectedFees(), "fees paid vs fees of finalized jobs");
        assertGt(handler.counts().posted, 0, "at least one job posted");
        MarketHandler.Counts memory c = handler.counts();
        assertEq(finalized, uint256(c.finalized) + c.batchFinalized, "finalized jobs vs finalize calls");
    }
}
