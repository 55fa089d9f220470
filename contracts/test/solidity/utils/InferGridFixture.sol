// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GridToken} from "../../../src/token/GridToken.sol";
import {ProtocolConfig} from "../../../src/governance/ProtocolConfig.sol";
import {ModelRegistry} from "../../../src/registry/ModelRegistry.sol";
import {WorkerRegistry} from "../../../src/registry/WorkerRegistry.sol";
import {JobMarket} from "../../../src/market/JobMarket.sol";
import {IProtocolConfig} from "../../../src/interfaces/IProtocolConfig.sol";
import {IWorkerRegistry} from "../../../src/interfaces/IWorkerRegistry.sol";
import {IModelRegistry} from "../../../src/interfaces/IModelRegistry.sol";
import {vm} from "./Vm.sol";
import {Asserts} from "./Asserts.sol";

/// @notice Deploys the whole protocol with `new` (no timelock: the test contract owns the config
/// and the model registry and administers the worker registry), registers a model and stakes and
/// registers four workers with different prices.
abstract contract InferGridFixture is Asserts {
    uint256 internal constant GRID = 1e18;
    uint256 internal constant N_WORKERS = 4;
    uint256 internal constant WORKER_STAKE = 10_000 * GRID;
    uint256 internal constant WORKER_FUNDS = 1_000_000 * GRID;
    uint256 internal constant POSTER_FUNDS = 1_000_000 * GRID;
    uint16 internal constant WORKER_CAPACITY = 6;
    uint32 internal constant MIN_JOB_DURATION = 60;
    uint256 internal constant START_TIME = 1_800_000_000;

    GridToken internal grid;
    ProtocolConfig internal config;
    ModelRegistry internal models;
    WorkerRegistry internal registry;
    JobMarket internal market;
    uint256 internal modelId;

    address internal treasury = address(uint160(uint256(keccak256("infergrid.treasury"))));
    address internal creator = address(uint160(uint256(keccak256("infergrid.creator"))));
    address[] internal posters;
    address[] internal workers;

    function _defaultParams() internal pure returns (IProtocolConfig.Params memory) {
        return IProtocolConfig.Params({
            minWorkerStake: uint128(1_000 * GRID),
            unbondingPeriod: 1 hours,
            jobTimeout: 1 days,
            challengeWindow: 10 minutes,
            declineWindow: 120,
            revealWindow: 600,
            maxRedundancy: 4,
            slashMissedBps: 500,
            slashFraudBps: 5_000,
            eloK: 32,
            auditRateBps: 100,
            workerShareBps: 8_333, // odd shares so the rounding dust is exercised
            creatorShareBps: 1_111,
            treasuryShareBps: 556
        });
    }

    function _defaultVerificationParams() internal pure returns (IProtocolConfig.VerificationParams memory) {
        return IProtocolConfig.VerificationParams({
            minValidatorStake: uint128(1_000 * GRID),
            challengeBond: uint96(100 * GRID),
            voteCommitWindow: 1 hours,
            voteRevealWindow: 1 hours,
            validatorsPerAudit: 3,
            validatorsPerDispute: 5,
            validatorSlashBps: 1_000,
            auditFeeBps: 500,
            slashRewardBps: 5_000,
            challengerRewardBps: 2_000
        });
    }

    /// @dev Worker `i`'s prices for the model (different per worker, odd so splits round).
    function _workerPrices(uint256 i) internal pure returns (uint64 priceIn, uint64 priceOut) {
        priceIn = uint64((i + 1) * 1_000_000_007);
        priceOut = uint64((i + 2) * 2_000_000_011);
    }

    function _deployProtocol() internal {
        vm.warp(START_TIME);
        grid = new GridToken(address(this), 1_000_000_000 * GRID);
        config = new ProtocolConfig(address(this), treasury, _defaultParams(), _defaultVerificationParams());
        models = new ModelRegistry(address(this));
        registry = new WorkerRegistry(IERC20(address(grid)), config, models, address(this));
        market = new JobMarket(IERC20(address(grid)), config, models, registry);
        registry.grantRole(registry.MARKET_ROLE(), address(market));
        registry.grantRole(registry.SLASHER_ROLE(), address(market));

        vm.prank(creator);
        modelId = models.register("tiny-gpt2", keccak256("tiny-gpt2 manifest"), "ipfs://tiny", "text-generation/onnx");

        posters.push(address(uint160(uint256(keccak256("infergrid.poster.0")))));
        posters.push(address(uint160(uint256(keccak256("infergrid.poster.1")))));
        for (uint256 i; i < posters.length; ++i) {
            grid.transfer(posters[i], POSTER_FUNDS);
            vm.prank(posters[i]);
            grid.approve(address(market), type(uint256).max);
        }
        for (uint256 i; i < N_WORKERS; ++i) {
            address w = address(uint160(uint256(keccak256(abi.encode("infergrid.worker", i)))));
            workers.push(w);
            grid.transfer(w, WORKER_FUNDS);
            vm.startPrank(w);
            grid.approve(address(registry), type(uint256).max);
            registry.stake(WORKER_STAKE);
            registry.register(
                IWorkerRegistry.Profile({
                    endpoint: "https://worker.example",
                    encryptionKey: keccak256(abi.encode("key", i)),
                    region: 276,
                    capacity: WORKER_CAPACITY,
                    minJobDuration: MIN_JOB_DURATION
                })
            );
            (uint64 priceIn, uint64 priceOut) = _workerPrices(i);
            registry.setModelPrice(modelId, priceIn, priceOut);
            vm.stopPrank();
        }
    }
}
