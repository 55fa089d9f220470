// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {GridToken} from "../../../src/token/GridToken.sol";
import {ProtocolConfig} from "../../../src/governance/ProtocolConfig.sol";
import {WorkerRegistry} from "../../../src/registry/WorkerRegistry.sol";
import {JobMarket} from "../../../src/market/JobMarket.sol";
import {IJobMarket} from "../../../src/interfaces/IJobMarket.sol";
import {IProtocolConfig} from "../../../src/interfaces/IProtocolConfig.sol";
import {IWorkerRegistry} from "../../../src/interfaces/IWorkerRegistry.sol";
import {vm, Vm} from "../utils/Vm.sol";
import {Asserts} from "../utils/Asserts.sol";

/// @notice Drives the market, the worker registry and the config through realistic actions:
/// posting at R = 1..4, declines, R = 1 submissions, R > 1 commits and reveals (some of them
/// disagreeing, which disputes the job), timeouts with slashing, finalize / finalizeBatch (also on
/// jobs that are not finalizable), withdrawals, staking, unbonding, direct slashes, governance
/// parameter changes and time passing.
///
/// Inputs are bounded so that most actions succeed. The handler never reverts: an action whose
/// precondition does not hold anywhere is a no-op, and a call that should succeed but reverts,
/// or whose effect differs from the handler's own bookkeeping, is recorded in `failure`, which
/// every check reports. (Invariant runs use failOnRevert = false, so a revert would go unseen.)
///
/// Independent bookkeeping: the handler snapshots each worker's prices when a job is posted and the
/// token counts when it delivers, and recomputes every refund, slash and payout from those.
contract MarketHandler is Asserts {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MIN_DURATION = 60;

    enum Kind {
        Declinable,
        Submittable,
        Committable,
        Revealable,
        Open,
        Expired, // open, and claimTimeout can settle it now
        InChallenge
    }

    /// @notice How often each action did something (successful calls and verified rejections).
    struct Counts {
        uint64 posted;
        uint64 postedRedundant; // R > 1
        uint64 declined;
        uint64 submitted;
        uint64 committed;
        uint64 revealed;
        uint64 timeouts; // claimTimeout calls
        uint64 workersTimedOut;
        uint64 challenged; // jobs that reached the challenge window
        uint64 disputed;
        uint64 refunded;
        uint64 finalized; // jobs finalized through finalize
        uint64 batchFinalized; // jobs finalized through finalizeBatch
        uint64 repeatFinalizeRejected; // finalize on an already finalized job, rejected without effect
        uint64 withdrawn;
        uint64 staked;
        uint64 unbondRequested;
        uint64 unbondWithdrawn;
        uint64 slashes; // direct slashes by the verifier role
        uint64 paramsSet;
        uint64 rejected; // other calls that had to revert and did, with the right error
        uint64 warps;
        uint64 noops;
        uint64 renewals; // finalize renewed an expired audit draw
        uint64 audits; // finalize drew the job for audit
        uint64 challenges; // posters challenged an agreed result with a bond
        uint64 resolved; // cases the verifier resolved
    }

    /// @notice What finalizing a job in its challenge state does now.
    enum Draw {
        Pay, // no audit draw pending, or the draw did not pick it: pays out
        Pending, // the draw's randomness is not ready: finalize reverts, a batch skips it
        Renew, // the draw's randomness expired: a new request replaces it, nothing paid
        Audit // drawn for audit: handed to the court, nothing paid
    }

    GridToken public immutable grid;
    ProtocolConfig public immutable config;
    WorkerRegistry public immutable registry;
    JobMarket public immutable market;
    uint256 public immutable modelId;
    address public immutable creator;
    address public immutable treasury;

    address[] internal _posters;
    address[] internal _workers;
    /// @dev Every account the market can credit: posters, workers, the model creator, the treasury.
    address[] internal _accounts;
    /// @dev Validators the verification layer may reward (credited by resolveCase).
    address[] internal _validators;
    uint256[] internal _jobIds;

    Counts internal _c;
    /// @notice The first broken expectation, empty while everything matched.
    string public failure;

    // ---- ghost state, kept by the handler alone
    mapping(uint256 jobId => uint256) public finalizedEvents; // JobFinalized events
    mapping(uint256 jobId => uint256) public payouts; // JobFinalized + CaseSettled-with-verdict events
    mapping(uint256 jobId => uint256) internal _perWorker;
    mapping(uint256 jobId => mapping(uint256 index => uint256)) internal _gPriceIn;
    mapping(uint256 jobId => mapping(uint256 index => uint256)) internal _gPriceOut;
    mapping(uint256 jobId => mapping(uint256 index => uint256)) internal _gIn;
    mapping(uint256 jobId => mapping(uint256 index => uint256)) internal _gOut;
    mapping(uint256 jobId => mapping(uint256 index => bool)) internal _gDelivered;
    mapping(uint256 jobId => mapping(address worker => bytes32)) internal _gResult;
    mapping(uint256 jobId => mapping(address worker => bytes32)) internal _gSalt;

    uint256 public ghostEscrowIn; // GRID into the market: escrows, bonds, slashed stake
    uint256 public ghostWithdrawn; // GRID withdrawn from the market
    uint256 public ghostExpectedFees; // fees of finalized jobs, recomputed by the handler
    uint256 public ghostEventFees; // totalFee summed over JobFinalized and CaseSettled events
    uint256 public ghostFinalizedFees; // totalFee summed over JobFinalized events
    uint256 public ghostEventPaid; // worker + creator + treasury amounts summed over JobFinalized events
    uint256 public ghostStakeIn; // GRID staked into the registry (setup included)
    uint256 public ghostSlashed; // GRID slashed out of the registry (Slashed events)
    uint256 public ghostUnbondOut; // GRID withdrawn from the registry after unbonding
    uint256 public ghostTreasuryIn; // GRID received by the treasury (slashes + withdrawals)

    constructor(
        GridToken grid_,
        ProtocolConfig config_,
        WorkerRegistry registry_,
        JobMarket market_,
        uint256 modelId_,
        address creator_,
        address[] memory posters_,
        address[] memory workers_
    ) {
        grid = grid_;
        config = config_;
        registry = registry_;
        market = market_;
        modelId = modelId_;
        creator = creator_;
        treasury = config_.treasury();
        _posters = posters_;
        _workers = workers_;
        for (uint256 i; i < posters_.length; ++i) {
            _accounts.push(posters_[i]);
        }
        for (uint256 i; i < workers_.length; ++i) {
            _accounts.push(workers_[i]);
        }
        _accounts.push(creator_);
        _accounts.push(treasury);
        for (uint256 i; i < 3; ++i) {
            address v = address(uint160(uint256(keccak256(abi.encode("infergrid.validator", i)))));
            _validators.push(v);
            _accounts.push(v);
        }
        ghostStakeIn = grid_.balanceOf(address(registry_));
        ghostTreasuryIn = grid_.balanceOf(treasury);
    }

    modifier tracked() {
        vm.recordLogs();
        _;
        _scanLogs();
    }

    // =====================================================================================
    // actions (the invariant fuzzer calls these; `step` picks one from a seed)
    // =====================================================================================

    function postJob(uint256 posterSeed, uint256 workerSeed, uint256 sizeSeed, uint256 priceSeed, uint256 timeSeed)
        external
        tracked
    {
        _postJob(posterSeed, workerSeed, sizeSeed, priceSeed, timeSeed);
    }

    function decline(uint256 jobSeed, uint256 workerSeed) external tracked {
        _decline(jobSeed, workerSeed);
    }

    function submitResult(uint256 jobSeed, uint256 inSeed, uint256 outSeed) external tracked {
        _submitResult(jobSeed, inSeed, outSeed);
    }

    function commitResult(uint256 jobSeed, uint256 workerSeed, uint256 resultSeed) external tracked {
        _commitResult(jobSeed, workerSeed, resultSeed);
    }

    function revealResult(uint256 jobSeed, uint256 workerSeed, uint256 inSeed, uint256 outSeed) external tracked {
        _revealResult(jobSeed, workerSeed, inSeed, outSeed);
    }

    function claimTimeout(uint256 jobSeed, uint256 warpSeed) external tracked {
        _claimTimeout(jobSeed, warpSeed);
    }

    function finalize(uint256 jobSeed, uint256 warpSeed) external tracked {
        _finalize(jobSeed, warpSeed);
    }

    function finalizeBatch(uint256 listSeed, uint256 warpSeed) external tracked {
        _finalizeBatch(listSeed, warpSeed);
    }

    function withdraw(uint256 accountSeed, uint256 callerSeed) external tracked {
        _withdraw(accountSeed, callerSeed);
    }

    function stake(uint256 workerSeed, uint256 amountSeed) external tracked {
        _stake(workerSeed, amountSeed);
    }

    function requestUnbond(uint256 workerSeed, uint256 amountSeed) external tracked {
        _requestUnbond(workerSeed, amountSeed);
    }

    function withdrawUnbonded(uint256 workerSeed, uint256 warpSeed) external tracked {
        _withdrawUnbonded(workerSeed, warpSeed);
    }

    function slash(uint256 workerSeed, uint256 bpsSeed) external tracked {
        _slash(workerSeed, bpsSeed);
    }

    function setParam(uint256 paramSeed, uint256 valueSeed) external tracked {
        _setParam(paramSeed, valueSeed);
    }

    function warp(uint256 secondsSeed) external tracked {
        _warp(secondsSeed);
    }

    /// @notice One action chosen from `seed`, weighted towards the job life cycle.
    function step(uint256 seed) external tracked {
        _step(seed);
    }

    function _step(uint256 seed) internal virtual {
        uint256 a = seed % 28;
        uint256 s1 = uint256(keccak256(abi.encode(seed, 1)));
        uint256 s2 = uint256(keccak256(abi.encode(seed, 2)));
        uint256 s3 = uint256(keccak256(abi.encode(seed, 3)));
        uint256 s4 = uint256(keccak256(abi.encode(seed, 4)));
        if (a < 3) _postJob(s1, s2, s3, s4, uint256(keccak256(abi.encode(seed, 5))));
        else if (a < 4) _decline(s1, s2);
        else if (a < 7) _submitResult(s1, s2, s3);
        else if (a < 11) _commitResult(s1, s2, s3);
        else if (a < 15) _revealResult(s1, s2, s3, s4);
        else if (a < 16) _claimTimeout(s1, s2);
        else if (a < 18) _finalize(s1, s2);
        else if (a < 19) _finalizeBatch(s1, s2);
        else if (a < 20) _withdraw(s1, s2);
        else if (a < 21) _stake(s1, s2);
        else if (a < 22) _requestUnbond(s1, s2);
        else if (a < 23) _withdrawUnbonded(s1, s2);
        else if (a < 24) _slash(s1, s2);
        else if (a < 25) _setParam(s1, s2);
        else _warp(s1);
    }

    /// @notice Settles everything that can be settled: times out every open job, finalizes every
    /// job in its challenge window (one keeper batch, then one by one), resolves what the
    /// verification layer holds (when there is one) and withdraws every credit and unbonded stake.
    function drain() external tracked {
        uint256 n = _jobIds.length;
        for (uint256 k; k < n; ++k) {
            uint256 id = _jobIds[k];
            if (market.job(id).status == IJobMarket.JobStatus.Open) _claimTimeoutOn(id, k);
        }
        uint256 latest = block.timestamp;
        for (uint256 k; k < n; ++k) {
            IJobMarket.Job memory j = market.job(_jobIds[k]);
            if (j.status == IJobMarket.JobStatus.Challenge && j.challengeEndsAt > latest) latest = j.challengeEndsAt;
        }
        vm.warp(latest);
        for (uint256 from; from < n; from += 100) {
            uint256 len = n - from < 100 ? n - from : 100;
            uint256[] memory batch = new uint256[](len);
            for (uint256 k; k < len; ++k) {
                batch[k] = _jobIds[from + k];
            }
            _runBatch(batch);
        }
        for (uint256 k; k < n; ++k) {
            uint256 id = _jobIds[k];
            for (uint256 t; t < 4 && market.job(id).status == IJobMarket.JobStatus.Challenge; ++t) {
                if (_drawOutcome(id) == Draw.Pending) vm.warp(block.timestamp + 1);
                _finalizeOne(id);
            }
        }
        _drainCases();
        for (uint256 i; i < _accounts.length; ++i) {
            if (market.balanceOf(_accounts[i]) != 0) _withdrawAccount(i, i);
        }
        // With every job settled no worker owes one, so every unbonding amount can leave.
        for (uint256 i; i < _workers.length; ++i) {
            IWorkerRegistry.Worker memory info = registry.worker(_workers[i]);
            _eq(info.activeJobs, 0, "drain: no active jobs once every job is settled");
            if (info.unbonding != 0) _withdrawUnbonded(i, 2);
        }
    }

    // =====================================================================================
    // checks (view; revert with a message naming the values)
    // =====================================================================================

    function checkExpectations() public view {
        if (bytes(failure).length != 0) revert(failure);
    }

    /// @notice GRID held by the market == open escrows + credited balances, and == in - out.
    function checkMarketConservation() public view {
        uint256 held = grid.balanceOf(address(market));
        uint256 escrows;
        for (uint256 k; k < _jobIds.length; ++k) {
            escrows += market.job(_jobIds[k]).escrow + market.bondOf(_jobIds[k]);
        }
        uint256 credits;
        for (uint256 i; i < _accounts.length; ++i) {
            credits += market.balanceOf(_accounts[i]);
        }
        assertEq(held, escrows + credits, "market GRID vs escrows + bonds + credits");
        assertEq(held, ghostEscrowIn - ghostWithdrawn, "market GRID vs paid in - withdrawn");
    }

    /// @notice Every job finalized at most once (by its events), exactly the finalized ones, and the
    /// fees paid equal the fees of the finalized jobs.
    function checkNoDoublePay() public view {
        for (uint256 k; k < _jobIds.length; ++k) {
            uint256 id = _jobIds[k];
            string memory label = string.concat(" of job ", _str(id));
            assertLe(finalizedEvents[id], 1, string.concat("JobFinalized events", label));
            assertLe(payouts[id], 1, string.concat("payouts", label));
            IJobMarket.JobStatus st = market.job(id).status;
            if (st == IJobMarket.JobStatus.Finalized) assertEq(payouts[id], 1, string.concat("finalized, paid", label));
            else if (st != IJobMarket.JobStatus.Refunded) assertEq(payouts[id], 0, string.concat("unsettled", label));
        }
        assertEq(ghostEventFees, ghostExpectedFees, "fees in settlement events vs recomputed fees");
        assertEq(ghostEventPaid, ghostFinalizedFees, "worker + creator + treasury amounts vs total fees");
    }

    /// @notice The registry holds exactly the stakes plus unbonding amounts of its workers.
    function checkStakeAccounting() public view {
        uint256 total;
        for (uint256 i; i < _workers.length; ++i) {
            IWorkerRegistry.Worker memory w = registry.worker(_workers[i]);
            total += uint256(w.stake) + w.unbonding;
            assertGe(w.elo, 100, "Elo above the floor");
            assertLe(w.elo, 4000, "Elo below the ceiling");
        }
        uint256 held = grid.balanceOf(address(registry));
        assertEq(held, total, "registry GRID vs stakes + unbonding");
        assertEq(held, ghostStakeIn - ghostSlashed - ghostUnbondOut, "registry GRID vs staked - slashed - withdrawn");
        assertEq(grid.balanceOf(treasury), ghostTreasuryIn, "treasury GRID vs slashes + withdrawals");
    }

    /// @notice Each job's escrow matches its status, and each worker's active jobs match the
    /// open assignments it still owes.
    function checkJobs() public view {
        uint256 nw = _workers.length;
        uint256[] memory owed = new uint256[](nw);
        for (uint256 k; k < _jobIds.length; ++k) {
            uint256 id = _jobIds[k];
            IJobMarket.Job memory j = market.job(id);
            uint256 per = _perWorker[id];
            string memory label = string.concat("escrow of job ", _str(id));
            if (j.status == IJobMarket.JobStatus.Open) {
                assertEq(j.escrow, per * (j.redundancy - j.declined), label);
                IJobMarket.Assignment[] memory as_ = market.assignments(id);
                for (uint256 i; i < as_.length; ++i) {
                    IJobMarket.WorkStatus s = as_[i].status;
                    if (s == IJobMarket.WorkStatus.Assigned || s == IJobMarket.WorkStatus.Committed) {
                        owed[_workerIndex(as_[i].worker)] += 1;
                    }
                }
            } else if (
                j.status == IJobMarket.JobStatus.Challenge || j.status == IJobMarket.JobStatus.Disputed
                    || j.status == IJobMarket.JobStatus.Audit
            ) {
                assertEq(j.escrow, per * j.delivered, label);
            } else {
                assertEq(j.escrow, 0, label);
            }
        }
        for (uint256 i; i < nw; ++i) {
            assertEq(registry.worker(_workers[i]).activeJobs, owed[i], "active jobs vs open assignments");
        }
    }

    /// @notice Every parameter lies within its bounds and the fee shares sum to 10000.
    function checkParamBounds() public view {
        uint256 n = config.paramCount();
        for (uint256 i; i < n; ++i) {
            IProtocolConfig.Param p = IProtocolConfig.Param(i);
            (uint256 lo, uint256 hi) = config.paramBounds(p);
            uint256 v = config.getParam(p);
            assertGe(v, lo, string.concat("param ", _str(i), " above its minimum"));
            assertLe(v, hi, string.concat("param ", _str(i), " below its maximum"));
        }
        IProtocolConfig.Params memory ps = config.params();
        assertEq(
            uint256(ps.workerShareBps) + ps.creatorShareBps + ps.treasuryShareBps, BPS, "fee shares sum to 10000"
        );
    }

    function checkAll() external view {
        checkExpectations();
        checkMarketConservation();
        checkNoDoublePay();
        checkStakeAccounting();
        checkJobs();
        checkParamBounds();
    }

    // ---- views for the tests

    function counts() external view returns (Counts memory) {
        return _c;
    }

    function jobIds() external view returns (uint256[] memory) {
        return _jobIds;
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    /// @notice Successful and verified-rejected actions, everything except no-ops and warps.
    function useful() external view returns (uint256) {
        Counts memory c = _c;
        return uint256(c.posted) + c.declined + c.submitted + c.committed + c.revealed + c.timeouts + c.finalized
            + c.batchFinalized + c.repeatFinalizeRejected + c.withdrawn + c.staked + c.unbondRequested
            + c.unbondWithdrawn + c.slashes + c.paramsSet + c.rejected;
    }

    // =====================================================================================
    // posting
    // =====================================================================================

    function _postJob(uint256 posterSeed, uint256 workerSeed, uint256 sizeSeed, uint256 priceSeed, uint256 timeSeed)
        internal
    {
        IProtocolConfig.Params memory p = config.params();
        uint256 maxDuration = p.jobTimeout < 2 hours ? p.jobTimeout : 2 hours;
        // Mostly 5 to 30 minutes, so that work, declines and timeouts all happen within a sequence.
        uint256 duration = timeSeed % 4 == 0
            ? bound(timeSeed >> 8, MIN_DURATION, maxDuration)
            : bound(timeSeed >> 8, 300 < maxDuration ? 300 : maxDuration, 1800 < maxDuration ? 1800 : maxDuration);
        (address[] memory chosen, uint256 maxPin, uint256 maxPout) = _chooseWorkers(p, workerSeed, sizeSeed, duration);
        if (chosen.length == 0) return _noop();
        IJobMarket.JobRequest memory req = _request(chosen, sizeSeed, priceSeed, maxPin, maxPout);
        req.deadline = uint32(block.timestamp + duration);
        _post(_posters[posterSeed % _posters.length], req);
    }

    /// @dev Up to 1 + sizeSeed % maxRedundancy distinct workers that can take the job now.
    function _chooseWorkers(IProtocolConfig.Params memory p, uint256 workerSeed, uint256 sizeSeed, uint256 duration)
        internal
        view
        returns (address[] memory chosen, uint256 maxPin, uint256 maxPout)
    {
        uint256 nw = _workers.length;
        uint256 maxR = p.maxRedundancy < nw ? p.maxRedundancy : nw;
        uint256 want = 1 + (sizeSeed % maxR);
        chosen = new address[](want);
        uint256 r;
        for (uint256 k; k < nw && r < want; ++k) {
            address w = _workers[(workerSeed % nw + k) % nw];
            if (!_canTake(w, p, duration)) continue;
            chosen[r++] = w;
            IWorkerRegistry.ModelPrice memory mp = registry.modelPrice(w, modelId);
            if (mp.pricePerInputToken > maxPin) maxPin = mp.pricePerInputToken;
            if (mp.pricePerOutputToken > maxPout) maxPout = mp.pricePerOutputToken;
        }
        assembly {
            mstore(chosen, r)
        }
    }

    function _request(address[] memory chosen, uint256 sizeSeed, uint256 priceSeed, uint256 maxPin, uint256 maxPout)
        internal
        view
        returns (IJobMarket.JobRequest memory req)
    {
        uint256 r = chosen.length;
        req.modelId = modelId;
        req.workers = chosen;
        req.inputHash = keccak256(abi.encode("input", sizeSeed));
        if ((priceSeed >> 200) % 2 == 0) {
            req.encryptedInputs = new bytes[](r);
            for (uint256 i; i < r; ++i) {
                req.encryptedInputs[i] = abi.encodePacked("ciphertext", i);
            }
        } else {
            req.inputURI = "ipfs://encrypted-inputs";
        }
        req.maxInputTokens = uint24(1 + ((sizeSeed >> 8) % 20_000));
        req.maxOutputTokens = uint24(1 + ((sizeSeed >> 40) % 20_000));
        // Exactly the highest price named, or a little above it.
        req.maxPricePerInputToken = uint64(maxPin + (priceSeed % 3 == 0 ? 0 : (priceSeed >> 8) % 1e9));
        req.maxPricePerOutputToken = uint64(maxPout + (priceSeed % 5 == 0 ? 0 : (priceSeed >> 64) % 1e9));
    }

    function _post(address poster, IJobMarket.JobRequest memory req) internal {
        uint256 r = req.workers.length;
        uint256 per = uint256(req.maxInputTokens) * req.maxPricePerInputToken
            + uint256(req.maxOutputTokens) * req.maxPricePerOutputToken;
        uint256 marketBefore = grid.balanceOf(address(market));
        uint256 expectedId = market.nextJobId();

        vm.prank(poster);
        try market.postJob(req) returns (uint256 id) {
            _eq(id, expectedId, "postJob: job id");
            _eq(grid.balanceOf(address(market)), marketBefore + per * r, "postJob: market GRID += escrow");
            IJobMarket.Job memory j = market.job(id);
            _eq(j.escrow, per * r, "postJob: job escrow");
            _eq(j.redundancy, r, "postJob: redundancy");
            _check(j.poster == poster && j.status == IJobMarket.JobStatus.Open, "postJob: poster and status");
            _snapshotPrices(id, req.workers);
            _jobIds.push(id);
            _perWorker[id] = per;
            ghostEscrowIn += per * r;
            _c.posted++;
            if (r > 1) _c.postedRedundant++;
        } catch (bytes memory err) {
            _failCall("postJob", err);
        }
    }

    /// @dev The handler's own copy of the prices each worker quoted when the job was posted.
    function _snapshotPrices(uint256 id, address[] memory chosen) internal {
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        for (uint256 i; i < chosen.length; ++i) {
            IWorkerRegistry.ModelPrice memory mp = registry.modelPrice(chosen[i], modelId);
            _gPriceIn[id][i] = mp.pricePerInputToken;
            _gPriceOut[id][i] = mp.pricePerOutputToken;
            _check(as_[i].worker == chosen[i], "postJob: assignment order");
            _eq(as_[i].pricePerInputToken, mp.pricePerInputToken, "postJob: input price snapshot");
            _eq(as_[i].pricePerOutputToken, mp.pricePerOutputToken, "postJob: output price snapshot");
        }
    }

    function _canTake(address w, IProtocolConfig.Params memory p, uint256 duration) internal view returns (bool) {
        IWorkerRegistry.Worker memory info = registry.worker(w);
        return info.registered && !info.paused && info.stake >= p.minWorkerStake && info.activeJobs < info.capacity
            && info.minJobDuration <= duration && registry.modelPrice(w, modelId).served;
    }

    // =====================================================================================
    // worker actions
    // =====================================================================================

    function _decline(uint256 jobSeed, uint256 workerSeed) internal {
        (uint256 id, bool ok) = _findJob(jobSeed, Kind.Declinable);
        if (!ok) return _noop();
        (address w,) = _pickWorker(id, workerSeed, IJobMarket.WorkStatus.Assigned);
        IJobMarket.Job memory before = market.job(id);
        uint256 posterCredit = market.balanceOf(before.poster);
        uint256 active = registry.worker(w).activeJobs;

        vm.prank(w);
        try market.decline(id) {
            IJobMarket.Job memory j = market.job(id);
            _eq(before.escrow - j.escrow, _perWorker[id], "decline: refund is one worker's share");
            _eq(market.balanceOf(before.poster), posterCredit + _perWorker[id], "decline: poster credited the share");
            _eq(registry.worker(w).activeJobs, active - 1, "decline: capacity released");
            _checkProgress(id, j);
            _c.declined++;
        } catch (bytes memory err) {
            _failCall("decline", err);
        }
    }

    function _submitResult(uint256 jobSeed, uint256 inSeed, uint256 outSeed) internal {
        (uint256 id, bool ok) = _findJob(jobSeed, Kind.Submittable);
        if (!ok) return _noop();
        IJobMarket.Job memory before = market.job(id);
        address w = market.assignments(id)[0].worker;
        uint256 inTok = bound(inSeed, 0, before.maxInputTokens);
        uint256 outTok = bound(outSeed, 0, before.maxOutputTokens);
        bytes32 result = _canonical(id);

        if (inSeed % 16 == 0) {
            // More tokens than the job allows must never be accepted (it would exceed the escrow).
            vm.prank(w);
            try market.submitResult(id, result, "ipfs://out", before.maxInputTokens + 1, uint32(outTok)) {
                _fail("submitResult: accepted more input tokens than the maximum");
            } catch (bytes memory err) {
                _expectErr(
                    err,
                    abi.encodeWithSelector(
                        IJobMarket.TokenCountAboveMax.selector, id, uint256(before.maxInputTokens) + 1, outTok
                    ),
                    "submitResult above max"
                );
            }
        }

        uint256 active = registry.worker(w).activeJobs;
        vm.prank(w);
        try market.submitResult(id, result, "ipfs://out", uint32(inTok), uint32(outTok)) {
            _gIn[id][0] = inTok;
            _gOut[id][0] = outTok;
            _gDelivered[id][0] = true;
            _gResult[id][w] = result;
            _eq(registry.worker(w).activeJobs, active - 1, "submitResult: capacity released");
            _checkProgress(id, market.job(id));
            _c.submitted++;
        } catch (bytes memory err) {
            _failCall("submitResult", err);
        }
    }

    function _commitResult(uint256 jobSeed, uint256 workerSeed, uint256 resultSeed) internal {
        (uint256 id, bool ok) = _findJob(jobSeed, Kind.Committable);
        if (!ok) return _noop();
        (address w,) = _pickWorker(id, workerSeed, IJobMarket.WorkStatus.Assigned);
        // One commit in five disagrees with the others, which disputes the job.
        bytes32 result = resultSeed % 5 == 0 ? keccak256(abi.encode("divergent", id, w)) : _canonical(id);
        bytes32 salt = keccak256(abi.encode("salt", resultSeed));
        bytes32 seal = keccak256(abi.encode(result, w, salt));
        uint256 committed = market.job(id).committed;

        vm.prank(w);
        try market.commitResult(id, seal) {
            _gResult[id][w] = result;
            _gSalt[id][w] = salt;
            _eq(market.job(id).committed, committed + 1, "commitResult: committed count");
            _c.committed++;
        } catch (bytes memory err) {
            _failCall("commitResult", err);
        }
    }

    function _revealResult(uint256 jobSeed, uint256 workerSeed, uint256 inSeed, uint256 outSeed) internal {
        (uint256 id, bool ok) = _findJob(jobSeed, Kind.Revealable);
        if (!ok) return _noop();
        (address w, uint256 index) = _pickWorker(id, workerSeed, IJobMarket.WorkStatus.Committed);
        IJobMarket.Job memory before = market.job(id);
        uint256 inTok = bound(inSeed, 0, before.maxInputTokens);
        uint256 outTok = bound(outSeed, 0, before.maxOutputTokens);
        bytes32 result = _gResult[id][w];
        bytes32 salt = _gSalt[id][w];

        if (inSeed % 16 == 1) {
            // A seal opens only with the salt it was made with.
            vm.prank(w);
            try market.revealResult(id, result, ~salt, "ipfs://out", uint32(inTok), uint32(outTok)) {
                _fail("revealResult: opened a seal with the wrong salt");
            } catch (bytes memory err) {
                _expectErr(err, abi.encodeWithSelector(IJobMarket.SealMismatch.selector, id, w), "reveal wrong salt");
            }
        }

        uint256 active = registry.worker(w).activeJobs;
        vm.prank(w);
        try market.revealResult(id, result, salt, "ipfs://out", uint32(inTok), uint32(outTok)) {
            _gIn[id][index] = inTok;
            _gOut[id][index] = outTok;
            _gDelivered[id][index] = true;
            IJobMarket.Job memory j = market.job(id);
            _eq(j.delivered, before.delivered + 1, "revealResult: delivered count");
            _eq(registry.worker(w).activeJobs, active - 1, "revealResult: capacity released");
            _checkProgress(id, j);
            _c.revealed++;
        } catch (bytes memory err) {
            _failCall("revealResult", err);
        }
    }

    // =====================================================================================
    // timeouts
    // =====================================================================================

    struct TimeoutSnap {
        uint128[] stakes;
        uint128[] unbonding;
        uint16[] elo;
        uint256 slashBps;
        uint256 treasuryGrid;
        uint256 registryGrid;
        uint256 posterCredit;
        uint256 expectedSlash;
        uint256 expectedRefund;
        uint256 timedOut;
    }

    /// @dev Claims a job whose time is up; only sometimes lets time run out on a job that is not.
    function _claimTimeout(uint256 jobSeed, uint256 warpSeed) internal {
        (uint256 id, bool ok) = _findJob(jobSeed, Kind.Expired);
        if (!ok) {
            if (warpSeed % 8 != 0) return _noop();
            (id, ok) = _findJob(jobSeed, Kind.Open);
            if (!ok) return _noop();
        }
        _claimTimeoutOn(id, warpSeed);
    }

    function _claimTimeoutOn(uint256 id, uint256 warpSeed) internal {
        IJobMarket.Job memory before = market.job(id);
        IProtocolConfig.Params memory p = config.params();
        uint256 readyAt = uint256(before.deadline) + 1;
        if (before.committed > before.delivered) readyAt = uint256(before.deadline) + p.revealWindow + 1;
        if (block.timestamp < readyAt) {
            if (warpSeed % 8 == 0) {
                try market.claimTimeout(id) {
                    _fail("claimTimeout: accepted before the deadline / reveal window");
                } catch (bytes memory err) {
                    // The error names when the timeout opens: the true time, or (as the market does
                    // before the deadline) deadline + 1 even while seals keep it closed longer.
                    bytes memory exact = abi.encodeWithSelector(IJobMarket.TimeoutNotReached.selector, id, readyAt);
                    if (block.timestamp <= before.deadline && keccak256(err) != keccak256(exact)) {
                        exact = abi.encodeWithSelector(
                            IJobMarket.TimeoutNotReached.selector, id, uint256(before.deadline) + 1
                        );
                    }
                    _expectErr(err, exact, "early timeout");
                    _c.rejected++;
                }
            }
            vm.warp(readyAt + (warpSeed >> 8) % 120);
        }

        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        uint256 r = as_.length;
        TimeoutSnap memory s;
        s.stakes = new uint128[](r);
        s.unbonding = new uint128[](r);
        s.elo = new uint16[](r);
        s.slashBps = p.slashMissedBps;
        s.treasuryGrid = grid.balanceOf(treasury);
        s.registryGrid = grid.balanceOf(address(registry));
        s.posterCredit = market.balanceOf(before.poster);
        for (uint256 i; i < r; ++i) {
            IJobMarket.WorkStatus ws = as_[i].status;
            if (ws != IJobMarket.WorkStatus.Assigned && ws != IJobMarket.WorkStatus.Committed) continue;
            IWorkerRegistry.Worker memory info = registry.worker(as_[i].worker);
            s.stakes[i] = info.stake;
            s.unbonding[i] = info.unbonding;
            s.elo[i] = info.elo;
            s.expectedSlash += ((uint256(info.stake) + info.unbonding) * s.slashBps) / BPS;
            s.expectedRefund += _perWorker[id];
            s.timedOut++;
        }

        try market.claimTimeout(id) {
            for (uint256 i; i < r; ++i) {
                IJobMarket.WorkStatus ws = as_[i].status;
                if (ws != IJobMarket.WorkStatus.Assigned && ws != IJobMarket.WorkStatus.Committed) continue;
                _checkSlashed(as_[i].worker, s.stakes[i], s.unbonding[i], s.slashBps, "claimTimeout");
                _check(registry.worker(as_[i].worker).elo <= s.elo[i], "claimTimeout: a loss raised the Elo");
            }
            _eq(grid.balanceOf(treasury), s.treasuryGrid + s.expectedSlash, "claimTimeout: treasury GRID += slashes");
            _eq(
                grid.balanceOf(address(registry)),
                s.registryGrid - s.expectedSlash,
                "claimTimeout: registry GRID -= slashes"
            );
            _eq(market.balanceOf(before.poster), s.posterCredit + s.expectedRefund, "claimTimeout: poster refunds");
            ghostTreasuryIn += s.expectedSlash;
            IJobMarket.Job memory j = market.job(id);
            _check(j.delivered + j.declined == j.redundancy, "claimTimeout: every worker counted");
            _checkProgress(id, j);
            _c.timeouts++;
            _c.workersTimedOut += uint64(s.timedOut);
        } catch (bytes memory err) {
            _failCall("claimTimeout", err);
        }
    }

    /// @dev Exactly floor((stake + unbonding) * bps / 10000) left, bonded stake first.
    function _checkSlashed(address w, uint256 stakeBefore, uint256 unbondingBefore, uint256 bps, string memory what)
        internal
    {
        uint256 total = stakeBefore + unbondingBefore;
        uint256 amount = (total * bps) / BPS;
        IWorkerRegistry.Worker memory info = registry.worker(w);
        uint256 fromStake = amount <= stakeBefore ? amount : stakeBefore;
        _eq(info.stake, stakeBefore - fromStake, string.concat(what, ": stake after slash"));
        _eq(info.unbonding, unbondingBefore - (amount - fromStake), string.concat(what, ": unbonding after slash"));
        _check(amount <= total, string.concat(what, ": slash above stake"));
    }

    // =====================================================================================
    // settlement
    // =====================================================================================

    function _finalize(uint256 jobSeed, uint256 warpSeed) internal {
        (uint256 id, bool ok) = _findJob(jobSeed, Kind.InChallenge);
        if (!ok) {
            // Nothing to finalize: finalize must refuse any other job (or an unknown id) and move nothing.
            uint256 n = _jobIds.length;
            uint256 target = n == 0 || jobSeed % 7 == 0 ? market.nextJobId() + (jobSeed % 3) : _jobIds[jobSeed % n];
            _expectFinalizeRejected(target);
            return;
        }
        IJobMarket.Job memory j = market.job(id);
        if (block.timestamp < j.challengeEndsAt) {
            if (warpSeed % 4 == 0) {
                try market.finalize(id) {
                    _fail("finalize: paid during the challenge window");
                } catch (bytes memory err) {
                    _expectErr(
                        err,
                        abi.encodeWithSelector(IJobMarket.ChallengeWindowOpen.selector, id, j.challengeEndsAt),
                        "finalize in window"
                    );
                    _c.rejected++;
                }
            }
            vm.warp(uint256(j.challengeEndsAt) + (warpSeed >> 8) % 60);
        }
        _finalizeOne(id);
        // A second finalize of a paid (or audited) job must be refused and move nothing.
        if (market.job(id).status != IJobMarket.JobStatus.Challenge) _expectFinalizeRejected(id);
    }

    function _finalizeOne(uint256 id) internal {
        Draw d = _drawOutcome(id);
        uint256[] memory expected = _creditSnapshot();
        uint256 marketGrid = grid.balanceOf(address(market));
        uint256 req = market.job(id).auditRequest;
        uint256 fee = d == Draw.Pay ? _addFinalizeDeltas(id, expected) : 0;
        if (d == Draw.Pending) {
            try market.finalize(id) {
                _fail("finalize: went ahead before the audit draw's randomness was ready");
            } catch (bytes memory err) {
                _expectErr(
                    err, abi.encodeWithSelector(IJobMarket.RandomnessNotReady.selector, id, req), "finalize pending"
                );
                _c.rejected++;
            }
            _checkCredits(expected, "finalize pending");
            return;
        }
        try market.finalize(id) {
            _checkCredits(expected, "finalize");
            _eq(grid.balanceOf(address(market)), marketGrid, "finalize: market GRID unchanged");
            IJobMarket.Job memory j = market.job(id);
            if (d == Draw.Pay) {
                _check(j.status == IJobMarket.JobStatus.Finalized, "finalize: status Finalized");
                _eq(j.escrow, 0, "finalize: escrow emptied");
                ghostExpectedFees += fee;
                _c.finalized++;
            } else if (d == Draw.Renew) {
                _check(j.status == IJobMarket.JobStatus.Challenge, "finalize: renewed draw keeps the job");
                _check(j.auditRequest != req && j.auditRequest != 0, "finalize: audit draw renewed");
                _c.renewals++;
            } else {
                _check(j.status == IJobMarket.JobStatus.Audit, "finalize: drawn for audit");
                _c.audits++;
            }
        } catch (bytes memory err) {
            _failCall("finalize", err);
        }
    }

    function _expectFinalizeRejected(uint256 id) internal {
        IJobMarket.JobStatus status = market.job(id).status;
        uint256[] memory expected = _creditSnapshot();
        uint256 marketGrid = grid.balanceOf(address(market));
        try market.finalize(id) {
            _fail(string.concat("finalize: accepted job ", _str(id), " outside its challenge state"));
        } catch (bytes memory err) {
            _expectErr(
                err, abi.encodeWithSelector(IJobMarket.JobNotInChallenge.selector, id, status), "finalize rejected"
            );
            if (status == IJobMarket.JobStatus.Finalized) _c.repeatFinalizeRejected++;
            else _c.rejected++;
        }
        _checkCredits(expected, "rejected finalize");
        _eq(grid.balanceOf(address(market)), marketGrid, "rejected finalize: market GRID unchanged");
    }

    function _finalizeBatch(uint256 listSeed, uint256 warpSeed) internal {
        uint256 n = _jobIds.length;
        if (n == 0) return _noop();
        // Let part of a challenge window pass, or not.
        if (warpSeed % 3 != 0) vm.warp(block.timestamp + bound(warpSeed >> 8, 1, config.params().challengeWindow));
        uint256 len = 1 + listSeed % 8;
        uint256[] memory ids = new uint256[](len + 8);
        for (uint256 i; i < len; ++i) {
            uint256 x = uint256(keccak256(abi.encode(listSeed, i)));
            // Mostly known jobs (duplicates, finalized and open ones included), sometimes unknown ids.
            ids[i] = x % 10 == 0 ? market.nextJobId() + x % 5 : _jobIds[x % n];
        }
        if ((listSeed >> 128) % 2 == 0) {
            // A keeper's batch: also every job in its challenge window (some of them not over yet).
            for (uint256 k; k < n && len < ids.length; ++k) {
                if (market.job(_jobIds[k]).status == IJobMarket.JobStatus.Challenge) ids[len++] = _jobIds[k];
            }
        }
        assembly {
            mstore(ids, len)
        }
        _runBatch(ids);
    }

    function _runBatch(uint256[] memory ids) internal {
        uint256[] memory expected = _creditSnapshot();
        uint256 marketGrid = grid.balanceOf(address(market));
        uint256 len = ids.length;
        uint256[] memory done = new uint256[](len);
        Draw[] memory draws = new Draw[](len);
        uint256 nd;
        uint256 expectedCount;
        uint256 fees;
        for (uint256 i; i < len; ++i) {
            IJobMarket.Job memory j = market.job(ids[i]);
            if (j.status != IJobMarket.JobStatus.Challenge || block.timestamp < j.challengeEndsAt) continue;
            bool seen;
            for (uint256 k; k < nd; ++k) {
                if (done[k] == ids[i]) seen = true;
            }
            if (seen) continue; // the first occurrence settles it; duplicates must be skipped
            draws[nd] = _drawOutcome(ids[i]);
            done[nd++] = ids[i];
            if (draws[nd - 1] == Draw.Pay) {
                expectedCount++;
                fees += _addFinalizeDeltas(ids[i], expected);
            }
        }
        try market.finalizeBatch(ids) returns (uint256 count) {
            _eq(count, expectedCount, "finalizeBatch: count");
            _checkCredits(expected, "finalizeBatch");
            _eq(grid.balanceOf(address(market)), marketGrid, "finalizeBatch: market GRID unchanged");
            for (uint256 k; k < nd; ++k) {
                IJobMarket.JobStatus st = market.job(done[k]).status;
                if (draws[k] == Draw.Pay) _check(st == IJobMarket.JobStatus.Finalized, "finalizeBatch: paid");
                else if (draws[k] == Draw.Audit) _check(st == IJobMarket.JobStatus.Audit, "finalizeBatch: audit");
                else _check(st == IJobMarket.JobStatus.Challenge, "finalizeBatch: draw pending or renewed");
                if (draws[k] == Draw.Audit) _c.audits++;
                if (draws[k] == Draw.Renew) _c.renewals++;
            }
            ghostExpectedFees += fees;
            _c.batchFinalized += uint64(count);
            if (count == 0) _c.rejected++;
        } catch (bytes memory err) {
            _failCall("finalizeBatch", err);
        }
    }

    /// @dev Adds the credits finalizing `id` now must make to `deltas` (indexed like _accounts),
    /// from the handler's own snapshot of prices and token counts. Returns the job's total fee.
    function _addFinalizeDeltas(uint256 id, uint256[] memory deltas) internal view returns (uint256 totalFee) {
        IJobMarket.Job memory j = market.job(id);
        IProtocolConfig.Params memory p = config.params();
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        uint256 workerTotal;
        uint256 delivered;
        for (uint256 i; i < as_.length; ++i) {
            if (!_gDelivered[id][i]) continue;
            delivered++;
            uint256 fee = _gIn[id][i] * _gPriceIn[id][i] + _gOut[id][i] * _gPriceOut[id][i];
            uint256 toWorker = (fee * p.workerShareBps) / BPS;
            deltas[_accountIndex(as_[i].worker)] += toWorker;
            totalFee += fee;
            workerTotal += toWorker;
        }
        uint256 toCreator = (totalFee * p.creatorShareBps) / BPS;
        deltas[_accountIndex(creator)] += toCreator;
        deltas[_accountIndex(treasury)] += totalFee - workerTotal - toCreator;
        uint256 escrow = _perWorker[id] * delivered;
        if (escrow < totalFee) revert("handler: fee above escrow"); // cannot happen: tokens are bounded
        deltas[_accountIndex(j.poster)] += escrow - totalFee;
    }

    // =====================================================================================
    // withdrawals
    // =====================================================================================

    function _withdraw(uint256 accountSeed, uint256 callerSeed) internal {
        uint256 n = _accounts.length;
        for (uint256 k; k < n; ++k) {
            uint256 i = (accountSeed % n + k) % n;
            if (market.balanceOf(_accounts[i]) != 0) return _withdrawAccount(i, callerSeed);
        }
        // Nobody has a credit: withdrawing must be refused.
        address a = _accounts[accountSeed % n];
        vm.prank(a);
        try market.withdraw() {
            _fail("withdraw: paid an empty balance");
        } catch (bytes memory err) {
            _expectErr(err, abi.encodeWithSelector(IJobMarket.NothingToWithdraw.selector, a), "empty withdraw");
            _c.rejected++;
        }
    }

    function _withdrawAccount(uint256 i, uint256 callerSeed) internal {
        address a = _accounts[i];
        uint256 credit = market.balanceOf(a);
        uint256 gridBefore = grid.balanceOf(a);
        uint256 marketGrid = grid.balanceOf(address(market));
        bool ok;
        bytes memory err;
        if (callerSeed % 2 == 0) {
            vm.prank(a);
            try market.withdraw() {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        } else {
            // Anyone may flush an account to its owner.
            vm.prank(_accounts[callerSeed % _accounts.length]);
            try market.withdrawFor(a) {
                ok = true;
            } catch (bytes memory e) {
                err = e;
            }
        }
        if (!ok) return _failCall("withdraw", err);
        _eq(market.balanceOf(a), 0, "withdraw: credit zeroed");
        _eq(grid.balanceOf(a), gridBefore + credit, "withdraw: account GRID += credit");
        _eq(grid.balanceOf(address(market)), marketGrid - credit, "withdraw: market GRID -= credit");
        ghostWithdrawn += credit;
        if (a == treasury) ghostTreasuryIn += credit;
        _c.withdrawn++;
    }

    // =====================================================================================
    // stake
    // =====================================================================================

    function _stake(uint256 workerSeed, uint256 amountSeed) internal {
        address w = _workers[workerSeed % _workers.length];
        uint256 amount = bound(amountSeed, 1, 5_000e18);
        uint256 before = registry.worker(w).stake;
        if (registry.worker(w).paused) {
            // A worker that left and stakes again comes back online.
            vm.prank(w);
            registry.setPaused(false);
        }
        vm.prank(w);
        try registry.stake(amount) {
            _eq(registry.worker(w).stake, before + amount, "stake: stake += amount");
            ghostStakeIn += amount;
            _c.staked++;
        } catch (bytes memory err) {
            _failCall("stake", err);
        }
    }

    function _requestUnbond(uint256 workerSeed, uint256 amountSeed) internal {
        address w = _workers[workerSeed % _workers.length];
        IWorkerRegistry.Worker memory before = registry.worker(w);
        if (before.stake == 0) return _noop();
        // Mostly small parts of the stake, sometimes all of it, sometimes too much (refused).
        uint256 sel = amountSeed % 8;
        uint256 amount = sel == 0 ? before.stake : bound(amountSeed >> 8, 1, before.stake / 4 + 1);
        if (amount > before.stake) amount = before.stake;
        if (sel == 1) {
            vm.prank(w);
            try registry.requestUnbond(uint256(before.stake) + 1) {
                _fail("requestUnbond: unbonded more than the stake");
            } catch (bytes memory err) {
                _expectErr(
                    err,
                    abi.encodeWithSelector(
                        IWorkerRegistry.UnbondExceedsStake.selector, uint256(before.stake) + 1, before.stake
                    ),
                    "unbond above stake"
                );
                _c.rejected++;
            }
        }
        vm.prank(w);
        try registry.requestUnbond(amount) {
            if (sel == 0) {
                // Unbonding everything: the worker is leaving, so it stops taking jobs.
                vm.prank(w);
                registry.setPaused(true);
            }
            IWorkerRegistry.Worker memory info = registry.worker(w);
            _eq(info.stake, before.stake - amount, "requestUnbond: stake -= amount");
            _eq(info.unbonding, before.unbonding + amount, "requestUnbond: unbonding += amount");
            _eq(info.unbondingReadyAt, block.timestamp + config.params().unbondingPeriod, "requestUnbond: ready at");
            _c.unbondRequested++;
        } catch (bytes memory err) {
            _failCall("requestUnbond", err);
        }
    }

    function _withdrawUnbonded(uint256 workerSeed, uint256 warpSeed) internal {
        uint256 nw = _workers.length;
        address w;
        IWorkerRegistry.Worker memory info;
        for (uint256 k; k < nw; ++k) {
            address c = _workers[(workerSeed % nw + k) % nw];
            IWorkerRegistry.Worker memory ci = registry.worker(c);
            if (ci.unbonding == 0) continue;
            if (ci.activeJobs != 0) {
                if (block.timestamp >= ci.unbondingReadyAt && warpSeed % 2 == 0) {
                    // Stake stays slashable while the worker owes a job.
                    vm.prank(c);
                    try registry.withdrawUnbonded() {
                        _fail("withdrawUnbonded: withdrew with open jobs");
                    } catch (bytes memory err) {
                        _expectErr(
                            err,
                            abi.encodeWithSelector(IWorkerRegistry.HasActiveJobs.selector, c, ci.activeJobs),
                            "withdrawUnbonded with jobs"
                        );
                        _c.rejected++;
                    }
                }
                continue;
            }
            w = c;
            info = ci;
            break;
        }
        if (w == address(0)) return _noop();
        if (block.timestamp < info.unbondingReadyAt) {
            if (warpSeed % 4 == 1) {
                vm.prank(w);
                try registry.withdrawUnbonded() {
                    _fail("withdrawUnbonded: withdrew before the unbonding period");
                } catch (bytes memory err) {
                    _expectErr(
                        err,
                        abi.encodeWithSelector(
                            IWorkerRegistry.UnbondingNotReady.selector, info.unbondingReadyAt, block.timestamp
                        ),
                        "withdrawUnbonded early"
                    );
                    _c.rejected++;
                }
                return;
            }
            vm.warp(info.unbondingReadyAt);
        }
        uint256 gridBefore = grid.balanceOf(w);
        vm.prank(w);
        try registry.withdrawUnbonded() {
            _eq(grid.balanceOf(w), gridBefore + info.unbonding, "withdrawUnbonded: worker GRID += unbonding");
            _eq(registry.worker(w).unbonding, 0, "withdrawUnbonded: unbonding zeroed");
            ghostUnbondOut += info.unbonding;
            _c.unbondWithdrawn++;
        } catch (bytes memory err) {
            _failCall("withdrawUnbonded", err);
        }
    }

    /// @dev The handler holds SLASHER_ROLE, standing in for the verification layer.
    function _slash(uint256 workerSeed, uint256 bpsSeed) internal {
        address w = _workers[workerSeed % _workers.length];
        uint256 sel = bpsSeed % 16;
        if (sel == 0) {
            uint256 bad = BPS + 1 + ((bpsSeed >> 8) % 1e6);
            try registry.slash(w, bad, treasury) {
                _fail("slash: accepted more than 10000 bps");
            } catch (bytes memory err) {
                _expectErr(err, abi.encodeWithSelector(IWorkerRegistry.InvalidBps.selector, bad), "slash bps");
                _c.rejected++;
            }
            return;
        }
        // Mostly fraud-sized slashes, rarely a whole stake.
        uint256 bps = sel == 1 ? BPS : bound(bpsSeed >> 8, 0, 2_000);
        IWorkerRegistry.Worker memory before = registry.worker(w);
        uint256 treasuryGrid = grid.balanceOf(treasury);
        try registry.slash(w, bps, treasury) returns (uint256 amount) {
            uint256 expected = ((uint256(before.stake) + before.unbonding) * bps) / BPS;
            _eq(amount, expected, "slash: amount");
            _checkSlashed(w, before.stake, before.unbonding, bps, "slash");
            _eq(grid.balanceOf(treasury), treasuryGrid + expected, "slash: recipient GRID += amount");
            ghostTreasuryIn += expected;
            _c.slashes++;
        } catch (bytes memory err) {
            _failCall("slash", err);
        }
    }

    // =====================================================================================
    // governance and time
    // =====================================================================================

    /// @dev The handler owns the config here, standing in for the timelock.
    function _setParam(uint256 paramSeed, uint256 valueSeed) internal {
        uint256 i = paramSeed % config.paramCount();
        IProtocolConfig.Param param = IProtocolConfig.Param(i);
        if (
            param == IProtocolConfig.Param.WorkerShareBps || param == IProtocolConfig.Param.CreatorShareBps
                || param == IProtocolConfig.Param.TreasuryShareBps
        ) {
            uint256 ws = bound(valueSeed, 5_000, BPS);
            uint256 cs = bound(valueSeed >> 32, 0, BPS - ws);
            uint256 ts = BPS - ws - cs;
            try config.setFeeSplit(uint16(ws), uint16(cs), uint16(ts)) {
                IProtocolConfig.Params memory p = config.params();
                _check(
                    p.workerShareBps == ws && p.creatorShareBps == cs && p.treasuryShareBps == ts, "setFeeSplit: stored"
                );
                _c.paramsSet++;
            } catch (bytes memory err) {
                _failCall("setFeeSplit", err);
            }
            return;
        }
        (uint256 lo, uint256 hi) = config.paramBounds(param);
        uint256 old = config.getParam(param);
        if (valueSeed % 8 == 0) {
            // Out of bounds: refused with the bounds named, nothing changes.
            uint256 bad = (valueSeed >> 8) % 2 == 0 || lo == 0 ? hi + 1 + ((valueSeed >> 16) % 1e18) : lo - 1;
            try config.setParam(param, bad) {
                _fail("setParam: accepted a value out of bounds");
            } catch (bytes memory err) {
                _expectErr(
                    err,
                    abi.encodeWithSelector(IProtocolConfig.ParamOutOfBounds.selector, param, bad, lo, hi),
                    "setParam out of bounds"
                );
                _c.rejected++;
            }
            _eq(config.getParam(param), old, "setParam refused: value unchanged");
            return;
        }
        // Keep the market moving: cap times and the minimum stake well inside their bounds.
        if (param == IProtocolConfig.Param.MinWorkerStake) hi = 5_000e18;
        else if (param == IProtocolConfig.Param.UnbondingPeriod) hi = 4 hours;
        else if (param == IProtocolConfig.Param.ChallengeWindow) hi = 2 hours;
        else if (param == IProtocolConfig.Param.RevealWindow) hi = 1 hours;
        else if (param == IProtocolConfig.Param.ChallengeBond) hi = 1_000e18;
        uint256 value = bound(valueSeed >> 8, lo, hi);
        try config.setParam(param, value) {
            _eq(config.getParam(param), value, "setParam: stored");
            _c.paramsSet++;
        } catch (bytes memory err) {
            _failCall("setParam", err);
        }
    }

    function _warp(uint256 secondsSeed) internal {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 10 minutes));
        _c.warps++;
    }

    // =====================================================================================
    // hooks for a verification layer (none in the core market)
    // =====================================================================================

    /// @dev What finalizing `id` does now; without a randomness source there is no audit draw.
    function _drawOutcome(uint256) internal view virtual returns (Draw) {
        return Draw.Pay;
    }

    /// @dev Resolves whatever the verification layer holds; the core market holds disputes.
    function _drainCases() internal virtual {}

    // =====================================================================================
    // internals
    // =====================================================================================

    /// @dev After a step that may have counted the last worker in: the job's status must follow
    /// from the handler's own record of who delivered what.
    function _checkProgress(uint256 id, IJobMarket.Job memory j) internal {
        if (j.delivered + j.declined < j.redundancy) {
            _check(j.status == IJobMarket.JobStatus.Open, "progress: job still open");
            return;
        }
        if (j.delivered == 0) {
            _check(j.status == IJobMarket.JobStatus.Refunded, "progress: nobody delivered, refunded");
            _eq(j.escrow, 0, "progress: refunded escrow");
            _c.refunded++;
            return;
        }
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        bytes32 first;
        bool agreed = true;
        for (uint256 i; i < as_.length; ++i) {
            if (!_gDelivered[id][i]) continue;
            bytes32 res = _gResult[id][as_[i].worker];
            if (first == bytes32(0)) first = res;
            else if (res != first) agreed = false;
        }
        if (agreed) {
            _check(j.status == IJobMarket.JobStatus.Challenge, "progress: agreed results start the challenge window");
            _eq(j.challengeEndsAt, block.timestamp + config.params().challengeWindow, "progress: challenge end");
            _c.challenged++;
        } else {
            _check(j.status == IJobMarket.JobStatus.Disputed, "progress: differing results dispute the job");
            _c.disputed++;
        }
    }

    function _findJob(uint256 seed, Kind kind) internal view returns (uint256, bool) {
        uint256 n = _jobIds.length;
        if (n == 0) return (0, false);
        uint256 start = seed % n;
        IProtocolConfig.Params memory p = config.params();
        for (uint256 k; k < n; ++k) {
            uint256 id = _jobIds[(start + k) % n];
            if (_matches(id, kind, p)) return (id, true);
        }
        return (0, false);
    }

    function _matches(uint256 id, Kind kind, IProtocolConfig.Params memory p) internal view returns (bool) {
        IJobMarket.Job memory j = market.job(id);
        if (kind == Kind.InChallenge) return j.status == IJobMarket.JobStatus.Challenge;
        if (j.status != IJobMarket.JobStatus.Open) return false;
        if (kind == Kind.Open) return true;
        uint256 t = block.timestamp;
        if (kind == Kind.Expired) {
            if (j.committed > j.delivered) return t > uint256(j.deadline) + p.revealWindow;
            return t > j.deadline;
        }
        if (kind == Kind.Declinable) {
            // Within the decline window and (so the tests do not depend on declines after the
            // deadline, which dodge the missed-deadline slash) before the deadline.
            return t <= uint256(j.postedAt) + p.declineWindow && t <= j.deadline
                && _has(id, IJobMarket.WorkStatus.Assigned);
        }
        if (kind == Kind.Submittable) return j.redundancy == 1 && t <= j.deadline;
        if (kind == Kind.Committable) {
            return j.redundancy > 1 && t <= j.deadline && _has(id, IJobMarket.WorkStatus.Assigned);
        }
        // Revealable: nobody can still commit (or time is up), and the reveal window is open.
        if (j.redundancy == 1 || t > uint256(j.deadline) + p.revealWindow) return false;
        if (j.committed + j.declined < j.redundancy && t <= j.deadline) return false;
        return _has(id, IJobMarket.WorkStatus.Committed);
    }

    function _has(uint256 id, IJobMarket.WorkStatus s) internal view returns (bool) {
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        for (uint256 i; i < as_.length; ++i) {
            if (as_[i].status == s) return true;
        }
        return false;
    }

    function _pickWorker(uint256 id, uint256 seed, IJobMarket.WorkStatus s) internal view returns (address, uint256) {
        IJobMarket.Assignment[] memory as_ = market.assignments(id);
        uint256 r = as_.length;
        for (uint256 k; k < r; ++k) {
            uint256 i = (seed % r + k) % r;
            if (as_[i].status == s) return (as_[i].worker, i);
        }
        revert("handler: no worker in that state"); // _findJob checked there is one
    }

    function _canonical(uint256 id) internal pure returns (bytes32) {
        return keccak256(abi.encode("result", id));
    }

    function _creditSnapshot() internal view returns (uint256[] memory credits) {
        uint256 n = _accounts.length;
        credits = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            credits[i] = market.balanceOf(_accounts[i]);
        }
    }

    function _checkCredits(uint256[] memory expected, string memory what) internal {
        for (uint256 i; i < expected.length; ++i) {
            _eq(market.balanceOf(_accounts[i]), expected[i], string.concat(what, ": credit of account ", _str(i)));
        }
    }

    function _accountIndex(address a) internal view returns (uint256) {
        for (uint256 i; i < _accounts.length; ++i) {
            if (_accounts[i] == a) return i;
        }
        revert("handler: untracked account");
    }

    function _workerIndex(address a) internal view returns (uint256) {
        for (uint256 i; i < _workers.length; ++i) {
            if (_workers[i] == a) return i;
        }
        revert("handler: unknown worker");
    }

    /// @dev Counts events the market and the registry emitted during the action.
    function _scanLogs() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory l = logs[i];
            if (l.topics.length == 0) continue;
            bytes32 sig = l.topics[0];
            if (l.emitter == address(market) && sig == IJobMarket.JobFinalized.selector) {
                uint256 id = uint256(l.topics[1]);
                finalizedEvents[id] += 1;
                payouts[id] += 1;
                (uint256 totalFee, uint256 toWorkers, uint256 toCreator, uint256 toTreasury,) =
                    abi.decode(l.data, (uint256, uint256, uint256, uint256, uint256));
                ghostEventFees += totalFee;
                ghostFinalizedFees += totalFee;
                ghostEventPaid += toWorkers + toCreator + toTreasury;
            } else if (l.emitter == address(market) && sig == IJobMarket.CaseSettled.selector) {
                (bool hasVerdict,, uint256 totalFee,,,,) =
                    abi.decode(l.data, (bool, bytes32, uint256, uint256, uint256, uint256, uint256));
                if (hasVerdict) {
                    payouts[uint256(l.topics[1])] += 1;
                    ghostEventFees += totalFee;
                }
            } else if (l.emitter == address(registry) && sig == IWorkerRegistry.Slashed.selector) {
                (uint256 amount,) = abi.decode(l.data, (uint256, uint256));
                ghostSlashed += amount;
                // Fraud slashes are paid to the market, which credits them in the same call.
                if (address(uint160(uint256(l.topics[2]))) == address(market)) ghostEscrowIn += amount;
            }
        }
    }

    function _noop() internal {
        _c.noops++;
    }

    function _fail(string memory what) internal {
        if (bytes(failure).length == 0) failure = what;
    }

    function _failCall(string memory what, bytes memory err) internal {
        _fail(string.concat(what, " reverted unexpectedly: ", _hexBytes(err)));
    }

    function _check(bool ok, string memory what) internal {
        if (!ok) _fail(what);
    }

    function _eq(uint256 a, uint256 b, string memory what) internal {
        if (a != b) _fail(string.concat(what, ": expected ", _str(b), ", got ", _str(a)));
    }

    function _expectErr(bytes memory err, bytes memory expected, string memory what) internal {
        if (keccak256(err) != keccak256(expected)) {
            _fail(string.concat(what, ": expected revert ", _hexBytes(expected), ", got ", _hexBytes(err)));
        }
    }

    function _hexBytes(bytes memory b) internal pure returns (string memory) {
        bytes memory out = new bytes(2 + 2 * b.length);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i; i < b.length; ++i) {
            uint8 v = uint8(b[i]);
            out[2 + 2 * i] = bytes1(v >> 4 < 10 ? 48 + (v >> 4) : 87 + (v >> 4));
            out[3 + 2 * i] = bytes1(v & 15 < 10 ? 48 + (v & 15) : 87 + (v & 15));
        }
        return string(out);
    }
}
