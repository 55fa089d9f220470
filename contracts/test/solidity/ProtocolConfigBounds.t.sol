// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ProtocolConfig} from "../../src/governance/ProtocolConfig.sol";
import {IProtocolConfig} from "../../src/interfaces/IProtocolConfig.sol";
import {InferGridFixture} from "./utils/InferGridFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @notice ProtocolConfig parameters never leave their bounds: setParam either stores a value
/// within paramBounds or reverts with ParamOutOfBounds naming the bounds; setFeeSplit keeps the
/// shares summing to 10000 within their bounds; nobody but the owner changes anything.
contract ProtocolConfigBoundsTest is InferGridFixture {
    uint256 private constant BPS = 10_000;

    function setUp() public {
        config = new ProtocolConfig(address(this), treasury, _defaultParams(), _defaultVerificationParams());
    }

    function testFuzz_setParam_revertsExactlyOutsideBounds(uint256 paramSeed, uint256 mode, uint256 raw) public {
        IProtocolConfig.Param param = IProtocolConfig.Param(paramSeed % config.paramCount());
        (uint256 lo, uint256 hi) = config.paramBounds(param);
        uint256 value = _pick(lo, hi, mode, raw);
        uint256 old = config.getParam(param);

        if (_isFeeShare(param)) {
            vm.expectRevert(abi.encodeWithSelector(IProtocolConfig.FeeShareNeedsSetFeeSplit.selector, param));
            config.setParam(param, value);
            assertEq(config.getParam(param), old, "fee share unchanged by setParam");
        } else if (value < lo || value > hi) {
            vm.expectRevert(abi.encodeWithSelector(IProtocolConfig.ParamOutOfBounds.selector, param, value, lo, hi));
            config.setParam(param, value);
            assertEq(config.getParam(param), old, "refused value left the parameter unchanged");
        } else {
            config.setParam(param, value);
            assertEq(config.getParam(param), value, "in-bounds value stored exactly");
        }
        _assertAllWithinBounds();
    }

    function testFuzz_setFeeSplit_keepsSumAndBounds(uint16 workerBps, uint16 creatorBps, uint16 treasuryBps, bool derive)
        public
    {
        // Half the runs derive the treasury share so the sum is 10000 and the bounds decide.
        if (derive) {
            uint256 rest = BPS - (uint256(workerBps) % (BPS + 1));
            workerBps = uint16(BPS - rest);
            creatorBps = uint16(uint256(creatorBps) % (rest + 1));
            treasuryBps = uint16(rest - creatorBps);
        }
        bool valid = uint256(workerBps) + creatorBps + treasuryBps == BPS && workerBps >= 5_000 && creatorBps <= 5_000
            && treasuryBps <= 5_000;
        IProtocolConfig.Params memory before = config.params();
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(IProtocolConfig.InvalidFeeSplit.selector, workerBps, creatorBps, treasuryBps)
            );
        }
        config.setFeeSplit(workerBps, creatorBps, treasuryBps);
        IProtocolConfig.Params memory p = config.params();
        if (valid) {
            assertEq(p.workerShareBps, workerBps, "worker share stored");
            assertEq(p.creatorShareBps, creatorBps, "creator share stored");
            assertEq(p.treasuryShareBps, treasuryBps, "treasury share stored");
        } else {
            assertEq(p.workerShareBps, before.workerShareBps, "worker share unchanged");
            assertEq(p.creatorShareBps, before.creatorShareBps, "creator share unchanged");
            assertEq(p.treasuryShareBps, before.treasuryShareBps, "treasury share unchanged");
        }
        assertEq(uint256(p.workerShareBps) + p.creatorShareBps + p.treasuryShareBps, BPS, "shares sum to 10000");
        _assertAllWithinBounds();
    }

    function testFuzz_nonOwner_cannotChangeParams(address caller, uint256 paramSeed, uint256 value) public {
        vm.assume(caller != address(this));
        IProtocolConfig.Param param = IProtocolConfig.Param(paramSeed % config.paramCount());
        (uint256 lo, uint256 hi) = config.paramBounds(param);
        value = bound(value, lo, hi); // even a valid value is refused
        bytes memory unauthorized = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);

        vm.prank(caller);
        vm.expectRevert(unauthorized);
        config.setParam(param, value);

        vm.prank(caller);
        vm.expectRevert(unauthorized);
        config.setFeeSplit(8_000, 1_000, 1_000);

        vm.prank(caller);
        vm.expectRevert(unauthorized);
        config.setTreasury(caller == address(0) ? address(1) : caller);

        assertEq(config.treasury(), treasury, "treasury unchanged");
        _assertAllWithinBounds();
    }

    /// @dev A random sequence of governance changes, valid and not, never moves any parameter out of bounds.
    function testFuzz_paramSequence_staysWithinBounds(uint256 seed) public {
        uint256 n = config.paramCount();
        uint256 stored;
        for (uint256 i; i < 16; ++i) {
            uint256 x = uint256(keccak256(abi.encode(seed, i)));
            IProtocolConfig.Param param = IProtocolConfig.Param(x % n);
            if (_isFeeShare(param)) {
                uint16 w = uint16(4_000 + (x >> 8) % 6_500);
                uint16 c = uint16((x >> 24) % 6_000);
                uint16 t = uint16(BPS > uint256(w) + c ? BPS - w - c : (x >> 40) % 6_000);
                try config.setFeeSplit(w, c, t) {
                    stored++;
                } catch {}
            } else {
                (uint256 lo, uint256 hi) = config.paramBounds(param);
                uint256 value = _pick(lo, hi, x >> 64, x >> 128);
                try config.setParam(param, value) {
                    assertEq(config.getParam(param), value, "stored value");
                    assertTrue(value >= lo && value <= hi, "setParam accepted an out-of-bounds value");
                    stored++;
                } catch (bytes memory err) {
                    assertTrue(value < lo || value > hi, "setParam refused an in-bounds value");
                    assertEq(
                        keccak256(err),
                        keccak256(
                            abi.encodeWithSelector(IProtocolConfig.ParamOutOfBounds.selector, param, value, lo, hi)
                        ),
                        "ParamOutOfBounds(param, value, min, max)"
                    );
                }
            }
            _assertAllWithinBounds();
        }
        assertGt(stored, 0, "some changes were accepted");
    }

    // ------------------------------------------------------------------ helpers

    /// @dev In bounds, at or just past a bound, or the raw fuzzed value (mostly far out of bounds).
    function _pick(uint256 lo, uint256 hi, uint256 mode, uint256 raw) internal pure returns (uint256) {
        uint256 m = mode % 8;
        if (m < 3) return bound(raw, lo, hi);
        if (m == 3) return lo;
        if (m == 4) return hi;
        if (m == 5) return lo == 0 ? hi + 1 : lo - 1;
        if (m == 6) return hi + 1 + raw % 1e30;
        return raw;
    }

    function _isFeeShare(IProtocolConfig.Param p) internal pure returns (bool) {
        return p == IProtocolConfig.Param.WorkerShareBps || p == IProtocolConfig.Param.CreatorShareBps
            || p == IProtocolConfig.Param.TreasuryShareBps;
    }

    function _assertAllWithinBounds() internal view {
        uint256 n = config.paramCount();
        for (uint256 i; i < n; ++i) {
            IProtocolConfig.Param p = IProtocolConfig.Param(i);
            (uint256 lo, uint256 hi) = config.paramBounds(p);
            uint256 v = config.getParam(p);
            assertGe(v, lo, string.concat("param ", _str(i), " at or above its minimum"));
            assertLe(v, hi, string.concat("param ", _str(i), " at or below its maximum"));
        }
        IProtocolConfig.Params memory ps = config.params();
        assertEq(uint256(ps.workerShareBps) + ps.creatorShareBps + ps.treasuryShareBps, BPS, "fee shares sum");
    }
}
