// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {GridToken} from "../../../src/token/GridToken.sol";
import {ProtocolConfig} from "../../../src/governance/ProtocolConfig.sol";
import {WorkerRegistry} from "../../../src/registry/WorkerRegistry.sol";
import {JobMarket} from "../../../src/market/JobMarket.sol";
import {IJobMarket} from "../../../src/interfaces/IJobMarket.sol";
import {IProtocolConfig} from "../../../src/interfaces/IProtocolConfig.sol";
import {IWorkerRegistry} from "../../../src/interfaces/IWorkerRegistry.sol";
import {IRandomness} from "../../../src/interfaces/IRandomness.sol";
import {IVerificationCourt} from "../../../src/interfaces/IVerificationCourt.sol";
import {vm} from "../utils/Vm.sol";
import {MarketHandler} from "./MarketHandler.sol";

/// @notice MarketHandler with the market's verification hooks live: the handler itself is the
/// config's randomness source and verifier (court), so that audit draws (ready, pending, expired),
/// audits, poster challenges with bonds, verdicts (matching some, all or no worker, with and
/// without slashed validators) and absorbed validator slashes all happen in random sequences.
/// As the court it transfers the validators' slashed stake to the market before reporting it,
/// which is what the market's accounting assumes of a court.
contract VerifyingMarketHandler is MarketHandler {
    uint256 public requests;
    mapping(uint256 requestId => uint256) public requestedAt;
    mapping(uint256 jobId => uint256) public casesOpened;
    uint256 public absorbs;

    struct VerdictCalc {
        uint256 totalFee;
        uint256 workerTotal;
        uint256 workerSlashed;
        uint256 matches;
        uint256 toTreasury;
        uint256 auditFee;
        uint256 challengerReward;
        uint256 bond;
        bool agreed;
        bytes32 agreedCommitment;
    }

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

    // =====================================================================================
    // IRandomness and the court's side of IVerificationCourt, as the market calls them
    // =====================================================================================

    function request() external returns (uint256 id) {
        id = ++requests;
        requestedAt[id] = block.timestamp;
    }

    function read(uint256 id) external view returns (IRandomness.Status, bytes32) {
        return _read(id);
    }

    /// @dev Ready one second after the request, except every fourth request, which expires.
    function _read(uint256 id) internal view returns (IRandomness.Status, bytes32) {
        if (id % 4 == 0) return (IRandomness.Status.Expired, bytes32(0));
        if (block.timestamp > requestedAt[id]) return (IRandomness.Status.Ready, keccak256(abi.encode("seed", id)));
        return (IRandomness.Status.Pending, bytes32(0));
    }

    /// @dev An audit draws no validator a third of the time (the market then pays as usual).
    function openCase(uint256 jobId, IVerificationCourt.CaseKind kind, bytes32 seed) external returns (uint256) {
        if (msg.sender != address(market)) revert("handler: only the market opens cases");
        if (kind == IVerificationCourt.CaseKind.Audit && uint256(seed) % 3 == 0) return 0;
        casesOpened[jobId] += 1;
        return 3;
    }

    // =====================================================================================
    // actions
    // =====================================================================================

    function challenge(uint256 jobSeed, uint256 callerSeed) external tracked {
        _challenge(jobSeed, callerSeed);
    }

    function resolveCase(uint256 jobSeed, uint256 verdictSeed, uint256 slashSeed) external tracked {
        (uint256 id, bool ok) = _findUnderReview(jobSeed);
        if (!ok) return _noop();
        _resolve(id, verdictSeed, slashSeed);
    }

    function absorbSlashed(uint256 jobSeed, uint256 amountSeed) external tracked {
        _absorb(jobSeed, amountSeed);
    }

    function _step(uint256 seed) internal override {
        uint256 a = seed % 12;
        uint256 s1 = uint256(keccak256(abi.encode(seed, "v1")));
        uint256 s2 = uint256(keccak256(abi.encode(seed, "v2")));
        if (a == 0) _challenge(s1, s2);
        else if (a == 1) {
            (uint256 id, bool ok) = _findUnderReview(s1);
            if (ok) _resolve(id, s2, uint256(keccak256(abi.encode(seed, "v3"))));
            else _noop();
        } else if (a == 2 && s1 % 4 == 0) {
            _absorb(s1, s2);
        } else {
            super._step(uint256(keccak256(abi.encode(seed, "core"))));
        }
    }

    // =====================================================================================
    // verification actions
    // =====================================================================================

    function _challenge(uint256 jobSeed, uint256 callerSeed) internal {
        uint256 n = _jobIds.length;
        uint256 id;
        for (uint256 k; k < n; ++k) {
            uint256 c = _jobIds[(jobSeed % n + k) % n];
            IJobMarket.Job memory cj = market.job(c);
            if (cj.status == IJobMarket.JobStatus.Challenge && block.timestamp < cj.challengeEndsAt) {
                id = c;
                break;
            }
        }
        if (id == 0) return _noop();
        IJobMarket.Job memory j = market.job(id);
        if (callerSeed % 4 == 0) {
            // Only the poster may challenge.
            address other = _workers[callerSeed % _workers.length];
            vm.prank(other);
            try market.challenge(id) {
                _fail("challenge: accepted from someone other than the poster");
            } catch (bytes memory err) {
                _expectErr(err, abi.encodeWithSelector(IJobMarket.NotPoster.selector, id, other), "challenge by other");
                _c.rejected++;
            }
        }
        uint256 bond = config.verificationParams().challengeBond;
        uint256 posterGrid = grid.balanceOf(j.poster);
        uint256 marketGrid = grid.balanceOf(address(market));
        uint256 cases = casesOpened[id];
        vm.prank(j.poster);
        try market.challenge(id) {
            _eq(grid.balanceOf(j.poster), posterGrid - bond, "challenge: poster GRID -= bond");
            _eq(grid.balanceOf(address(market)), marketGrid + bond, "challenge: market GRID += bond");
            _eq(market.bondOf(id), bond, "challenge: bond held");
            _check(market.job(id).status == IJobMarket.JobStatus.Disputed, "challenge: job under review");
            _eq(casesOpened[id], cases + 1, "challenge: case opened");
            ghostEscrowIn += bond;
            _c.challenges++;
        } catch (bytes memory err) {
            _failCall("challenge", err);
        }
    }

    function _findUnderReview(uint256 seed) internal view returns (uint256, bool) {
        uint256 n = _jobIds.length;
        if (n == 0) return (0, false);
        for (uint256 k; k < n; ++k) {
            uint256 id = _jobIds[(seed % n + k) % n];
            IJobMarket.JobStatus st = market.job(id).status;
            if (st == IJobMarket.JobStatus.Audit || st == IJobMarket.JobStatus.Disputed) return (id, true);
        }
        return (0, false);
    }

    function _resolve(uint256 id, uint256 verdictSeed, uint256 slashSeed) internal {
        if (verdictSeed % 8 == 1) {
            // Only the verifier may resolve.
            address other = _posters[0];
            vm.prank(other);
            try market.resolveCase(id, false, bytes32(0), new address[](0), 0) {
                _fail("resolveCase: accepted from someone other than the verifier");
            } catch (bytes memory err) {
                _expectErr(err, abi.encodeWithSelector(IJobMarket.NotVerifier.selector, other), "resolve by other");
                _c.rejected++;
            }
        }
        Resolution memory r;
        r.hasVerdict = verdictSeed % 5 != 0;
        r.verdict = _pickVerdict(id, verdictSeed >> 8);
        r.majority = _pickMajority(verdictSeed >> 16);
        // The court slashed some validators to the market before reporting it.
        r.validatorSlashed = slashSeed % 3 == 0 ? bound(slashSeed >> 8, 1, 1_000e18) : 0;
        if (r.validatorSlashed != 0) {
            grid.transfer(address(market), r.validatorSlashed);
            ghostEscrowIn += r.validatorSlashed;
        }
        r.expected = _creditSnapshot();
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        r.named = new address[](as_.length);
        r.totalsAfter = new uint256[](as_.length);
        for (uint256 i; i < as_.length; ++i) {
            r.named[i] = as_[i].worker;
            IWorkerRegistry.Worker memory w = registry.worker(as_[i].worker);
            r.totalsAfter[i] = uint256(w.stake) + w.unbonding;
        }
        _expectResolution(id, r);
        r.marketGrid = grid.balanceOf(address(market));

        try market.resolveCase(id, r.hasVerdict, r.verdict, r.majority, r.validatorSlashed) {
            _checkResolved(id, r);
        } catch (bytes memory err) {
            _failCall("resolveCase", err);
            return;
        }
        // A case resolves once.
        try market.resolveCase(id, r.hasVerdict, r.verdict, r.majority, 0) {
            _fail("resolveCase: resolved a job twice");
        } catch (bytes memory err) {
            _expectErr(
                err,
                abi.encodeWithSelector(IJobMarket.JobNotUnderReview.selector, id, market.job(id).status),
                "second resolveCase"
            );
        }
    }

    struct Resolution {
        bool hasVerdict;
        bytes32 verdict;
        address[] majority;
        uint256 validatorSlashed;
        uint256[] expected;
        address[] named;
        uint256[] totalsAfter;
        uint256 fee;
        bool paid;
        uint256 slashedIn;
        uint256 marketGrid;
    }

    function _checkResolved(uint256 id, Resolution memory r) internal {
        _checkCredits(r.expected, "resolveCase");
        _eq(grid.balanceOf(address(market)), r.marketGrid + r.slashedIn, "resolveCase: market GRID += fraud slashes");
        IJobMarket.Job memory j = market.job(id);
        _eq(j.escrow, 0, "resolveCase: escrow settled");
        _eq(market.bondOf(id), 0, "resolveCase: bond settled");
        _check(
            j.status == (r.paid ? IJobMarket.JobStatus.Finalized : IJobMarket.JobStatus.Refunded),
            "resolveCase: paid when some worker matched, refunded otherwise"
        );
        for (uint256 i; i < r.named.length; ++i) {
            IWorkerRegistry.Worker memory w = registry.worker(r.named[i]);
            _eq(uint256(w.stake) + w.unbonding, r.totalsAfter[i], "resolveCase: fraud slash of a worker");
        }
        ghostExpectedFees += r.fee;
        _c.resolved++;
    }

    /// @dev The agreed (first delivered) result, the last delivered one, or one nobody delivered.
    function _pickVerdict(uint256 id, uint256 seed) internal view returns (bytes32) {
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        bytes32 first;
        bytes32 last;
        for (uint256 i; i < as_.length; ++i) {
            if (!_gDelivered[id][i]) continue;
            bytes32 res = _gResult[id][as_[i].worker];
            if (first == bytes32(0)) first = res;
            last = res;
        }
        uint256 m = seed % 5;
        if (m < 2) return first;
        if (m < 4) return last;
        return keccak256(abi.encode("nobody's result", id));
    }

    function _pickMajority(uint256 seed) internal view returns (address[] memory majority) {
        uint256 k = seed % 4;
        majority = new address[](k);
        for (uint256 i; i < k; ++i) {
            majority[i] = _validators[(seed / 4 + i) % _validators.length];
        }
    }

    /// @dev Credits (into r.expected), stakes after fraud slashes (into r.totalsAfter), the fee and
    /// the GRID slashed into the market that resolving `id` must produce, recomputed from the
    /// handler's own record of each delivery.
    function _expectResolution(uint256 id, Resolution memory r) internal view {
        IJobMarket.Job memory j = market.job(id);
        VerdictCalc memory v;
        v.bond = market.bondOf(id);
        (v.agreed, v.agreedCommitment) = _ghostAgreement(id);
        uint256 posterIx = _accountIndex(j.poster);
        if (!r.hasVerdict) {
            // An agreed result stands, a dispute between workers is refunded; the bond goes back.
            if (v.agreed) {
                r.fee = _addFinalizeDeltas(id, r.expected);
                r.paid = true;
            } else {
                r.expected[posterIx] += j.escrow;
            }
            r.expected[posterIx] += v.bond;
            r.expected[_accountIndex(treasury)] += r.validatorSlashed;
            return;
        }
        _verdictWorkers(id, r.verdict, v, r.expected, r.totalsAfter);
        IProtocolConfig.VerificationParams memory vp = config.verificationParams();
        uint256 toCreator = (v.totalFee * config.params().creatorShareBps) / BPS;
        r.expected[_accountIndex(creator)] += toCreator;
        v.toTreasury = v.totalFee - v.workerTotal - toCreator;
        v.auditFee = (v.totalFee * vp.auditFeeBps) / BPS;
        if (v.auditFee > v.toTreasury) v.auditFee = v.toTreasury;
        v.toTreasury -= v.auditFee;
        if (v.bond != 0) {
            if (v.agreed && r.verdict != v.agreedCommitment) {
                // Upheld: the bond back with a share of the slashed stake.
                v.challengerReward = (v.workerSlashed * vp.challengerRewardBps) / BPS;
                r.expected[posterIx] += v.bond + v.challengerReward;
            } else {
                _splitBond(id, r.verdict, v, r.expected);
            }
        }
        _expectCourtShares(r, v, vp.slashRewardBps);
        r.expected[posterIx] += j.escrow - v.totalFee;
        r.fee = v.totalFee;
        r.paid = v.matches != 0;
        r.slashedIn = v.workerSlashed;
    }

    /// @dev The majority validators share the audit fee and a part of the slashed stake; the
    /// treasury keeps the rest (and the split's dust).
    function _expectCourtShares(Resolution memory r, VerdictCalc memory v, uint256 slashRewardBps) internal view {
        uint256 pool = v.workerSlashed + r.validatorSlashed - v.challengerReward;
        uint256 toValidators = v.auditFee + (pool * slashRewardBps) / BPS;
        uint256 validatorsPaid;
        uint256 k = r.majority.length;
        if (k != 0 && toValidators != 0) {
            for (uint256 i; i < k; ++i) {
                r.expected[_accountIndex(r.majority[i])] += toValidators / k;
            }
            validatorsPaid = (toValidators / k) * k;
        }
        r.expected[_accountIndex(treasury)] += v.toTreasury + pool + v.auditFee - validatorsPaid;
    }

    /// @dev Matching workers earn their fee's worker share; the others lose slashFraudBps of their stake.
    function _verdictWorkers(
        uint256 id,
        bytes32 verdict,
        VerdictCalc memory v,
        uint256[] memory deltas,
        uint256[] memory totalsAfter
    ) internal view {
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        uint256 workerBps = config.params().workerShareBps;
        uint256 fraudBps = config.params().slashFraudBps;
        for (uint256 i; i < as_.length; ++i) {
            if (!_gDelivered[id][i]) continue;
            address w = as_[i].worker;
            if (_gResult[id][w] == verdict) {
                uint256 f = _gIn[id][i] * _gPriceIn[id][i] + _gOut[id][i] * _gPriceOut[id][i];
                deltas[_accountIndex(w)] += (f * workerBps) / BPS;
                v.workerTotal += (f * workerBps) / BPS;
                v.totalFee += f;
                v.matches++;
            } else {
                uint256 slashed = (totalsAfter[i] * fraudBps) / BPS;
                v.workerSlashed += slashed;
                totalsAfter[i] -= slashed;
            }
        }
    }

    /// @dev A challenge that fails pays the bond to the matching workers, the first taking the dust.
    function _splitBond(uint256 id, bytes32 verdict, VerdictCalc memory v, uint256[] memory deltas) internal view {
        if (v.matches == 0) revert("handler: failed challenge without a matching worker");
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        uint256 each = v.bond / v.matches;
        uint256 dust = v.bond - each * v.matches;
        for (uint256 i; i < as_.length; ++i) {
            if (!_gDelivered[id][i] || _gResult[id][as_[i].worker] != verdict) continue;
            deltas[_accountIndex(as_[i].worker)] += each + dust;
            dust = 0;
        }
    }

    function _ghostAgreement(uint256 id) internal view returns (bool agreed, bytes32 first) {
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        agreed = true;
        for (uint256 i; i < as_.length; ++i) {
            if (!_gDelivered[id][i]) continue;
            bytes32 res = _gResult[id][as_[i].worker];
            if (first == bytes32(0)) first = res;
            else if (res != first) agreed = false;
        }
    }

    function _absorb(uint256 jobSeed, uint256 amountSeed) internal {
        uint256 n = _jobIds.length;
        if (n == 0) return _noop();
        uint256 id = _jobIds[jobSeed % n];
        uint256 amount = bound(amountSeed, 0, 500e18);
        uint256 treasuryCredit = market.balanceOf(treasury);
        grid.transfer(address(market), amount);
        ghostEscrowIn += amount;
        try market.absorbSlashed(id, amount) {
            _eq(market.balanceOf(treasury), treasuryCredit + amount, "absorbSlashed: treasury credited");
            absorbs++;
        } catch (bytes memory err) {
            _failCall("absorbSlashed", err);
        }
    }

    // =====================================================================================
    // hooks
    // =====================================================================================

    function _drawOutcome(uint256 id) internal view override returns (Draw) {
        IJobMarket.Job memory j = market.job(id);
        if (j.auditRequest == 0) return Draw.Pay;
        (IRandomness.Status st, bytes32 seed) = _read(j.auditRequest);
        if (st == IRandomness.Status.Pending) return Draw.Pending;
        if (st == IRandomness.Status.Expired) return Draw.Renew;
        uint256 draw = uint256(keccak256(abi.encode(seed, id)));
        if (draw % BPS < config.params().auditRateBps && config.verifier() != address(0) && draw % 3 != 0) {
            return Draw.Audit;
        }
        return Draw.Pay;
    }

    function _drainCases() internal override {
        for (uint256 k; k < _jobIds.length; ++k) {
            uint256 id = _jobIds[k];
            IJobMarket.JobStatus st = market.job(id).status;
            if (st == IJobMarket.JobStatus.Audit || st == IJobMarket.JobStatus.Disputed) {
                _resolve(id, uint256(keccak256(abi.encode("drain", k))), k);
            }
        }
    }
}
