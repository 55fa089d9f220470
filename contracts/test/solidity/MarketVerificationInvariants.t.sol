// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IProtocolConfig} from "../../src/interfaces/IProtocolConfig.sol";
import {GridToken} from "../../src/token/GridToken.sol";
import {ProtocolConfig} from "../../src/governance/ProtocolConfig.sol";
import {WorkerRegistry} from "../../src/registry/WorkerRegistry.sol";
import {JobMarket} from "../../src/market/JobMarket.sol";
import {InferGridFixture} from "./utils/InferGridFixture.sol";
import {MarketHandler} from "./handlers/MarketHandler.sol";
import {VerifyingMarketHandler} from "./handlers/VerifyingMarketHandler.sol";

/// @dev Declared in this file so the invariant fuzzer can match the deployed handler to an artifact.
contract VerifyingMarketHandlerTarget is VerifyingMarketHandler {
    constructor(
        GridToken grid_,
        ProtocolConfig config_,
        WorkerRegistry registry_,
        JobMarket market_,
        uint256 modelId_,
        address creator_,
        address[] memory posters_,
        address[] memory workers_
    ) VerifyingMarketHandler(grid_, config_, registry_, market_, modelId_, creator_, posters_, workers_) {}
}

/// @notice The same invariants with the market's verification hooks live (the handler is the
/// randomness source and the court): audit draws, audits, challenge bonds, verdicts that pay,
/// slash and refund, and absorbed validator slashes. The market's GRID then equals open escrows
/// plus challenge bonds plus credits, and every job is paid at most once, by finalize or by a verdict.
contract MarketVerificationInvariantsTest is InferGridFixture {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 private constant STEPS = 24;

    VerifyingMarketHandler internal handler;

    function setUp() public {
        _deployProtocol();
        handler = new VerifyingMarketHandlerTarget(grid, config, registry, market, modelId, creator, posters, workers);
        config.setVerifier(address(handler));
        config.setRandomness(address(handler));
        config.setParam(IProtocolConfig.Param.AuditRateBps, 5_000); // audits often, not always
        config.transferOwnership(address(handler));
        registry.grantRole(registry.SLASHER_ROLE(), address(handler));
        // The court's funds for the validator slashes it reports.
        grid.transfer(address(handler), 1_000_000 * GRID);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory s = new bytes4[](14);
        s[0] = MarketHandler.postJob.selector;
        s[1] = MarketHandler.decline.selector;
        s[2] = MarketHandler.submitResult.selector;
        s[3] = MarketHandler.commitResult.selector;
        s[4] = MarketHandler.revealResult.selector;
        s[5] = MarketHandler.claimTimeout.selector;
        s[6] = MarketHandler.finalize.selector;
        s[7] = MarketHandler.finalizeBatch.selector;
        s[8] = MarketHandler.withdraw.selector;
        s[9] = MarketHandler.warp.selector;
        s[10] = VerifyingMarketHandler.challenge.selector;
        s[11] = VerifyingMarketHandler.resolveCase.selector;
        s[12] = VerifyingMarketHandler.absorbSlashed.selector;
        s[13] = MarketHandler.setParam.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), s);
    }

    // ------------------------------------------------------------------ invariants

    function invariant_withVerification_marketBalanceEqualsEscrowsBondsAndCredits() public view {
        handler.checkExpectations();
        handler.checkMarketConservation();
        handler.checkJobs();
    }

    function invariant_withVerification_noJobPaidTwice() public view {
        handler.checkExpectations();
        handler.checkNoDoublePay();
        handler.checkStakeAccounting();
    }

    function afterInvariant() public view {
        assertGt(handler.useful(), 0, "useful actions in the run");
    }

    // ------------------------------------------------------------------ stateful fuzz

    /// @dev Heavy like its core twin, so its run count is fixed here.
    /// hardhat-config: fuzz.runs = 400
    function testFuzz_withVerification_randomSequence_conservesFundsAndPaysOnce(uint256 seed) public {
        handler.postJob(seed, seed >> 8, seed >> 16, seed >> 24, seed >> 32);
        for (uint256 i; i < STEPS; ++i) {
            handler.step(uint256(keccak256(abi.encode(seed, i))));
            handler.checkAll();
        }
        _settleAndCheck();
    }

    function test_withVerification_handlerExercisesEveryPath() public {
        uint256 steps = 500;
        for (uint256 i; i < steps; ++i) {
            handler.step(uint256(keccak256(abi.encode("verification coverage", i))));
            if (i % 8 == 0) handler.checkAll();
        }
        handler.checkAll();
        MarketHandler.Counts memory c = handler.counts();
        assertGt(c.finalized + c.batchFinalized, 0, "jobs paid by finalize");
        assertGt(c.audits, 0, "jobs drawn for audit");
        assertGt(c.renewals, 0, "expired audit draws renewed");
        assertGt(c.challenges, 0, "challenges with a bond");
        assertGt(c.resolved, 0, "cases resolved");
        assertGt(c.disputed, 0, "disputes between workers");
        assertGt(handler.absorbs(), 0, "absorbed validator slashes");
        assertGe(handler.useful(), steps / 3, "at least a third of the steps did something");
        _settleAndCheck();
    }

    /// @dev With a court every job settles: after draining, the market is empty.
    function _settleAndCheck() internal {
        handler.drain();
        handler.checkAll();
        uint256[] memory ids = handler.jobIds();
        for (uint256 k; k < ids.length; ++k) {
            IJobMarket.JobStatus st = market.job(ids[k]).status;
            assertTrue(
                st == IJobMarket.JobStatus.Finalized || st == IJobMarket.JobStatus.Refunded, "every job settled"
            );
            assertEq(market.bondOf(ids[k]), 0, "no bond left");
            assertLe(handler.payouts(ids[k]), 1, "paid at most once");
        }
        assertEq(grid.balanceOf(address(market)), 0, "market empty once everything is settled and withdrawn");
        assertEq(handler.ghostEventFees(), handler.ghostExpectedFees(), "fees paid vs fees of paid jobs");
        assertGt(handler.counts().posted, 0, "at least one job posted");
    }
}
