// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IWorkerRegistry} from "../../src/interfaces/IWorkerRegistry.sol";
import {InferGridFixture} from "./utils/InferGridFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice A slash never exceeds the stake: WorkerRegistry.slash(worker, bps) moves exactly
/// floor((stake + unbonding) * bps / 10000), bonded stake first, and the registry's GRID always
/// equals the stakes plus unbonding amounts of its workers.
contract WorkerRegistrySlashTest is InferGridFixture {
    uint256 private constant BPS = 10_000;
    address private slasher = address(uint160(uint256(keccak256("infergrid.verifier"))));
    address private recipient = address(uint160(uint256(keccak256("infergrid.slash-recipient"))));

    function setUp() public {
        _deployProtocol();
        registry.grantRole(registry.SLASHER_ROLE(), slasher);
    }

    function testFuzz_slash_movesExactlyBpsOfStakePlusUnbonding(
        uint256 workerSeed,
        uint256 extraStake,
        uint256 unbond,
        uint256 bps
    ) public {
        address w = workers[workerSeed % N_WORKERS];
        extraStake = bound(extraStake, 0, WORKER_FUNDS - WORKER_STAKE);
        if (extraStake != 0) {
            vm.prank(w);
            registry.stake(extraStake);
        }
        unbond = bound(unbond, 0, WORKER_STAKE + extraStake);
        if (unbond != 0) {
            vm.prank(w);
            registry.requestUnbond(unbond);
        }
        bps = bound(bps, 0, BPS);
        _slashAndCheck(w, bps);
        _assertRegistryHoldsStakes();
    }

    /// @dev Repeated slashes, interleaved with staking and unbonding, never take more than was staked.
    function testFuzz_repeatedSlashes_neverExceedStake(uint256 seed) public {
        address w = workers[seed % N_WORKERS];
        uint256 deposited = WORKER_STAKE;
        uint256 slashed;
        for (uint256 i; i < 12; ++i) {
            uint256 x = uint256(keccak256(abi.encode(seed, i)));
            IWorkerRegistry.Worker memory info = registry.worker(w);
            uint256 op = x % 4;
            if (op == 0) {
                uint256 amount = bound(x >> 8, 1, 10_000 * GRID);
                vm.prank(w);
                registry.stake(amount);
                deposited += amount;
            } else if (op == 1 && info.stake != 0) {
                vm.prank(w);
                registry.requestUnbond(bound(x >> 8, 1, info.stake));
            } else {
                // Mostly partial, sometimes the whole stake.
                uint256 bps = (x >> 8) % 5 == 0 ? BPS : bound(x >> 16, 0, BPS);
                slashed += _slashAndCheck(w, bps);
            }
            info = registry.worker(w);
            assertEq(uint256(info.stake) + info.unbonding + slashed, deposited, "stake + unbonding + slashed == deposited");
            _assertRegistryHoldsStakes();
        }
        assertLe(slashed, deposited, "slashed at most what was deposited");
    }

    function testFuzz_slash_aboveFullBpsReverts(uint256 workerSeed, uint256 bps) public {
        address w = workers[workerSeed % N_WORKERS];
        bps = bound(bps, BPS + 1, type(uint256).max);
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IWorkerRegistry.InvalidBps.selector, bps));
        registry.slash(w, bps, recipient);
        assertEq(registry.worker(w).stake, WORKER_STAKE, "stake untouched");
    }

    function testFuzz_slash_onlySlasherRole(address caller, uint256 workerSeed, uint256 bps) public {
        vm.assume(caller != slasher && caller != address(market));
        address w = workers[workerSeed % N_WORKERS];
        bps = bound(bps, 0, BPS);
        bytes32 role = registry.SLASHER_ROLE();
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
        registry.slash(w, bps, recipient);
        assertEq(registry.worker(w).stake, WORKER_STAKE, "stake untouched");
    }

    /// @dev Slashing an account that never staked moves nothing.
    function testFuzz_slash_unstakedAccountMovesNothing(address account, uint256 bps) public {
        for (uint256 i; i < N_WORKERS; ++i) {
            vm.assume(account != workers[i]);
        }
        bps = bound(bps, 0, BPS);
        uint256 held = grid.balanceOf(address(registry));
        vm.prank(slasher);
        uint256 amount = registry.slash(account, bps, recipient);
        assertEq(amount, 0, "nothing slashed");
        assertEq(grid.balanceOf(address(registry)), held, "registry GRID unchanged");
    }

    // ------------------------------------------------------------------ helpers

    function _slashAndCheck(address w, uint256 bps) internal returns (uint256 amount) {
        IWorkerRegistry.Worker memory before = registry.worker(w);
        uint256 total = uint256(before.stake) + before.unbonding;
        uint256 expected = (total * bps) / BPS;
        uint256 recipientBefore = grid.balanceOf(recipient);
        uint256 registryBefore = grid.balanceOf(address(registry));

        vm.prank(slasher);
        amount = registry.slash(w, bps, recipient);

        IWorkerRegistry.Worker memory info = registry.worker(w);
        assertEq(amount, expected, "slash == floor((stake + unbonding) * bps / 10000)");
        assertLe(amount, total, "slash <= stake + unbonding");
        uint256 fromStake = expected <= before.stake ? expected : before.stake;
        assertEq(info.stake, before.stake - fromStake, "bonded stake slashed first");
        assertEq(info.unbonding, before.unbonding - (expected - fromStake), "then the unbonding amount");
        assertEq(grid.balanceOf(recipient), recipientBefore + expected, "recipient received the slash");
        assertEq(grid.balanceOf(address(registry)), registryBefore - expected, "registry GRID -= slash");
    }

    function _assertRegistryHoldsStakes() internal view {
        uint256 total;
        for (uint256 i; i < N_WORKERS; ++i) {
            IWorkerRegistry.Worker memory info = registry.worker(workers[i]);
            total += uint256(info.stake) + info.unbonding;
        }
        assertEq(grid.balanceOf(address(registry)), total, "registry GRID == sum of stakes + unbonding");
    }
}
