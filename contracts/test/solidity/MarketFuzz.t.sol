// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IProtocolConfig} from "../../src/interfaces/IProtocolConfig.sol";
import {IWorkerRegistry} from "../../src/interfaces/IWorkerRegistry.sol";
import {InferGridFixture} from "./utils/InferGridFixture.sol";
import {vm, Vm} from "./utils/Vm.sol";

/// @notice One job at a time, every input fuzzed: finalization pays exactly once and exactly the
/// fees of what was delivered; timeouts slash exactly the configured share of each silent worker's
/// stake and refund exactly its share of the escrow; declines refund exactly one share; disputed
/// jobs hold their escrow. After each, the market holds exactly the open escrows plus credits.
contract MarketFuzzTest is InferGridFixture {
    uint256 private constant BPS = 10_000;

    struct Posted {
        uint256 id;
        uint256 per; // escrow per named worker
        address poster;
        address[] named;
    }

    function setUp() public {
        _deployProtocol();
    }

    // ------------------------------------------------------------------ finalize

    function testFuzz_finalize_neverPaysTwice(uint256 seed, uint256 maxIn, uint256 maxOut, bool viaBatch) public {
        uint256 r = 1 + seed % N_WORKERS;
        Posted memory j = _post(seed, r, bound(maxIn, 1, 1_000_000), bound(maxOut, 1, 1_000_000));
        // Some named workers decline first (never all of them).
        uint256 declines = r > 1 ? (seed >> 8) % r : 0;
        for (uint256 i; i < declines; ++i) {
            vm.prank(j.named[i]);
            market.decline(j.id);
        }
        (uint256[] memory inTok, uint256[] memory outTok) = _tokenCounts(j, seed);
        _deliverAll(j, declines, inTok, outTok, bytes32(0));
        IJobMarket.Job memory job = market.job(j.id);
        assertEq(uint256(job.status), uint256(IJobMarket.JobStatus.Challenge), "agreed results: challenge window");
        assertEq(job.escrow, j.per * (r - declines), "escrow of the delivering workers");
        vm.warp(job.challengeEndsAt);

        (address[] memory accts, uint256[] memory expected) = _expectedAfterFinalize(j, declines, inTok, outTok);

        vm.recordLogs();
        if (viaBatch) {
            uint256[] memory ids = new uint256[](3);
            ids[0] = j.id;
            ids[1] = j.id; // a duplicate in the same batch is skipped
            ids[2] = j.id + 1; // unknown
            assertEq(market.finalizeBatch(ids), 1, "one job finalized");
        } else {
            market.finalize(j.id);
        }
        assertEq(_finalizedEvents(j.id), 1, "exactly one JobFinalized");
        _assertCredits(accts, expected, "first finalize");
        assertEq(market.job(j.id).escrow, 0, "escrow emptied");
        _assertConservation(j.id);

        // Again, both ways: refused or skipped, and nothing moves.
        uint256 held = grid.balanceOf(address(market));
        vm.expectRevert(
            abi.encodeWithSelector(IJobMarket.JobNotInChallenge.selector, j.id, IJobMarket.JobStatus.Finalized)
        );
        market.finalize(j.id);
        uint256[] memory again = new uint256[](2);
        again[0] = j.id;
        again[1] = j.id;
        vm.recordLogs();
        assertEq(market.finalizeBatch(again), 0, "a finalized job is skipped");
        assertEq(_finalizedEvents(j.id), 0, "no second JobFinalized");
        _assertCredits(accts, expected, "repeated finalize");
        assertEq(grid.balanceOf(address(market)), held, "market GRID unchanged by repeated finalize");

        // Everyone withdraws: the market ends empty, having paid out exactly what was posted.
        _withdrawAll(accts);
        assertEq(grid.balanceOf(address(market)), 0, "market empty after withdrawals");
    }

    // ------------------------------------------------------------------ timeouts

    struct TimeoutCase {
        Posted j;
        uint256[] act; // per worker: 0 silent, 1 committed but never revealed, 2 delivered
        uint256[] total; // stake + unbonding before the timeout
        uint256 slashBps;
        bool divergent;
        uint256 silent;
        uint256 expectedSlash;
        uint256 treasuryGrid;
        uint256 registryGrid;
        uint256 posterCredit;
    }

    function testFuzz_claimTimeout_slashesExactlyAndRefundsShares(
        uint256 seed,
        uint256 slashBps,
        uint256 unbondSeed,
        uint256 pattern
    ) public {
        TimeoutCase memory c;
        c.slashBps = bound(slashBps, 0, 5_000);
        config.setParam(IProtocolConfig.Param.SlashMissedBps, c.slashBps);
        uint256 r = 1 + seed % N_WORKERS;
        c.j = _post(seed, r, 1 + (seed >> 16) % 50_000, 1 + (seed >> 40) % 50_000);
        c.act = new uint256[](r);
        for (uint256 i; i < r; ++i) {
            c.act[i] = r == 1 ? ((pattern & 1) * 2) : (pattern >> (2 * i)) % 3;
            // Stake and unbonding are both slashable: some workers unbond part of their stake.
            uint256 x = uint256(keccak256(abi.encode(unbondSeed, i)));
            if (x % 2 == 0) {
                vm.prank(c.j.named[i]);
                registry.requestUnbond(bound(x >> 8, 1, WORKER_STAKE));
            }
        }
        c.divergent = (pattern >> 20) % 3 == 0;
        _act(c.j, c.act, c.divergent);
        _expectEarlyTimeoutRefused(c.j.id);

        c.total = new uint256[](r);
        for (uint256 i; i < r; ++i) {
            IWorkerRegistry.Worker memory w = registry.worker(c.j.named[i]);
            c.total[i] = uint256(w.stake) + w.unbonding;
            if (c.act[i] != 2) {
                c.silent++;
                c.expectedSlash += (c.total[i] * c.slashBps) / BPS;
            }
        }
        c.treasuryGrid = grid.balanceOf(treasury);
        c.registryGrid = grid.balanceOf(address(registry));
        c.posterCredit = market.balanceOf(c.j.poster);

        if (c.silent == 0) {
            // Everyone delivered: the job already settled, there is nothing to time out.
            IJobMarket.JobStatus status = market.job(c.j.id).status;
            vm.expectRevert(abi.encodeWithSelector(IJobMarket.JobNotOpen.selector, c.j.id, status));
            market.claimTimeout(c.j.id);
        } else {
            market.claimTimeout(c.j.id);
            _checkTimeout(c);
        }
        _assertConservation(c.j.id);
        _assertRegistryHoldsStakes();
    }

    /// @dev Before its time a timeout is refused, naming when it opens.
    function _expectEarlyTimeoutRefused(uint256 id) internal {
        IJobMarket.Job memory job = market.job(id);
        if (job.status != IJobMarket.JobStatus.Open) return;
        uint256 closesAt = uint256(job.deadline) + config.params().revealWindow;
        uint256 opensAt = job.committed > job.delivered ? closesAt + 1 : uint256(job.deadline) + 1;
        if (block.timestamp >= opensAt) return;
        try market.claimTimeout(id) {
            revert("claimTimeout accepted before the deadline / reveal window");
        } catch (bytes memory err) {
            // The error names when the timeout opens: the true time, or (as the market does before
            // the deadline) deadline + 1 even while seals keep it closed longer.
            bool exact = keccak256(err)
                == keccak256(abi.encodeWithSelector(IJobMarket.TimeoutNotReached.selector, id, opensAt));
            bool deadlineHint = block.timestamp <= job.deadline
                && keccak256(err)
                    == keccak256(
                        abi.encodeWithSelector(IJobMarket.TimeoutNotReached.selector, id, uint256(job.deadline) + 1)
                    );
            assertTrue(exact || deadlineHint, "TimeoutNotReached(jobId, when it opens)");
        }
        vm.warp(opensAt);
    }

    function _checkTimeout(TimeoutCase memory c) internal view {
        uint256 r = c.act.length;
        for (uint256 i; i < r; ++i) {
            IWorkerRegistry.Worker memory w = registry.worker(c.j.named[i]);
            uint256 slashed = c.act[i] == 2 ? 0 : (c.total[i] * c.slashBps) / BPS;
            assertEq(uint256(w.stake) + w.unbonding, c.total[i] - slashed, "stake + unbonding after the timeout");
            assertLe(slashed, c.total[i], "slash never exceeds the stake");
            assertEq(w.activeJobs, 0, "capacity released");
        }
        assertEq(grid.balanceOf(treasury), c.treasuryGrid + c.expectedSlash, "slashes go to the treasury");
        assertEq(grid.balanceOf(address(registry)), c.registryGrid - c.expectedSlash, "registry GRID -= slashes");
        assertEq(
            market.balanceOf(c.j.poster), c.posterCredit + c.silent * c.j.per, "one share refunded per silent worker"
        );
        IJobMarket.Job memory job = market.job(c.j.id);
        uint256 delivered = r - c.silent;
        if (delivered == 0) {
            assertEq(uint256(job.status), uint256(IJobMarket.JobStatus.Refunded), "nobody delivered: refunded");
            assertEq(job.escrow, 0, "refunded escrow");
        } else {
            assertEq(job.escrow, c.j.per * delivered, "escrow of the delivering workers");
            bool disputed = c.divergent && delivered > 1 && c.act[r - 1] == 2;
            assertEq(
                uint256(job.status),
                uint256(disputed ? IJobMarket.JobStatus.Disputed : IJobMarket.JobStatus.Challenge),
                "status after the timeout"
            );
        }
    }

    // ------------------------------------------------------------------ declines and disputes

    function testFuzz_decline_refundsExactlyOneShare(uint256 seed, uint256 declines) public {
        uint256 r = 1 + seed % N_WORKERS;
        Posted memory j = _post(seed, r, 1 + (seed >> 16) % 50_000, 1 + (seed >> 40) % 50_000);
        declines = bound(declines, 1, r);
        vm.warp(block.timestamp + (seed >> 64) % (config.params().declineWindow + 1));
        for (uint256 i; i < declines; ++i) {
            uint256 before = market.balanceOf(j.poster);
            vm.prank(j.named[i]);
            market.decline(j.id);
            assertEq(market.balanceOf(j.poster), before + j.per, "one share refunded");
            assertEq(registry.worker(j.named[i]).activeJobs, 0, "capacity released");
        }
        IJobMarket.Job memory job = market.job(j.id);
        assertEq(job.escrow, j.per * (r - declines), "escrow of the others");
        if (declines == r) assertEq(uint256(job.status), uint256(IJobMarket.JobStatus.Refunded), "all declined");
        _assertConservation(j.id);
        // After the window nobody may decline any more.
        if (declines < r) {
            uint256 closesAt = uint256(job.postedAt) + config.params().declineWindow;
            vm.warp(closesAt + 1);
            vm.prank(j.named[declines]);
            vm.expectRevert(abi.encodeWithSelector(IJobMarket.DeclineWindowClosed.selector, j.id, closesAt));
            market.decline(j.id);
        }
    }

    function testFuzz_disputedJob_holdsEscrowAndPaysNothing(uint256 seed, uint256 odd) public {
        uint256 r = 2 + seed % (N_WORKERS - 1);
        Posted memory j = _post(seed, r, 1 + (seed >> 16) % 50_000, 1 + (seed >> 40) % 50_000);
        uint256[] memory inTok = new uint256[](r);
        uint256[] memory outTok = new uint256[](r);
        IJobMarket.Job memory posted = market.job(j.id);
        for (uint256 i; i < r; ++i) {
            inTok[i] = (seed >> (8 * i)) % (uint256(posted.maxInputTokens) + 1);
            outTok[i] = (seed >> (8 * i + 4)) % (uint256(posted.maxOutputTokens) + 1);
        }
        // One worker (any) reveals a result that differs from the others'.
        _deliverAll(j, 0, inTok, outTok, bytes32(odd % r + 1));
        IJobMarket.Job memory job = market.job(j.id);
        assertEq(uint256(job.status), uint256(IJobMarket.JobStatus.Disputed), "differing results: disputed");
        assertEq(job.escrow, j.per * r, "the whole escrow is held");
        address[] memory accts = _accounts();
        uint256[] memory expected = _credits(accts);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(IJobMarket.JobNotInChallenge.selector, j.id, IJobMarket.JobStatus.Disputed)
        );
        market.finalize(j.id);
        uint256[] memory ids = new uint256[](1);
        ids[0] = j.id;
        assertEq(market.finalizeBatch(ids), 0, "a disputed job is never batch-finalized");
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.JobNotOpen.selector, j.id, IJobMarket.JobStatus.Disputed));
        market.claimTimeout(j.id);
        _assertCredits(accts, expected, "nothing paid on a disputed job");
        _assertConservation(j.id);
    }

    // ------------------------------------------------------------------ helpers

    function _post(uint256 seed, uint256 r, uint256 maxIn, uint256 maxOut) internal returns (Posted memory j) {
        j.poster = posters[(seed >> 128) % posters.length];
        j.named = new address[](r);
        uint64 maxPin;
        uint64 maxPout;
        for (uint256 i; i < r; ++i) {
            uint256 wi = (seed % N_WORKERS + i) % N_WORKERS;
            j.named[i] = workers[wi];
            (uint64 pin, uint64 pout) = _workerPrices(wi);
            if (pin > maxPin) maxPin = pin;
            if (pout > maxPout) maxPout = pout;
        }
        IJobMarket.JobRequest memory req;
        req.modelId = modelId;
        req.workers = j.named;
        req.inputHash = keccak256(abi.encode("input", seed));
        req.inputURI = "ipfs://encrypted-inputs";
        req.maxInputTokens = uint24(maxIn);
        req.maxOutputTokens = uint24(maxOut);
        req.maxPricePerInputToken = maxPin + uint64((seed >> 160) % 1e9);
        req.maxPricePerOutputToken = maxPout + uint64((seed >> 192) % 1e9);
        req.deadline = uint32(block.timestamp + 600 + (seed >> 224) % 3000);
        j.per = maxIn * req.maxPricePerInputToken + maxOut * req.maxPricePerOutputToken;
        uint256 held = grid.balanceOf(address(market));
        vm.prank(j.poster);
        j.id = market.postJob(req);
        assertEq(grid.balanceOf(address(market)), held + j.per * r, "escrow pulled in");
    }

    /// @dev Workers from `from` on deliver: R = 1 submits, R > 1 commits (all) then reveals (all).
    /// `oddOne` (1-based index, 0 for none) reveals a different result.
    function _deliverAll(
        Posted memory j,
        uint256 from,
        uint256[] memory inTok,
        uint256[] memory outTok,
        bytes32 oddOne
    ) internal {
        uint256 r = j.named.length;
        bytes32 result = keccak256(abi.encode("result", j.id));
        if (r == 1) {
            vm.prank(j.named[0]);
            market.submitResult(j.id, result, "ipfs://out", uint32(inTok[0]), uint32(outTok[0]));
            return;
        }
        for (uint256 i = from; i < r; ++i) {
            bytes32 res = uint256(oddOne) == i + 1 ? keccak256("different") : result;
            vm.prank(j.named[i]);
            market.commitResult(j.id, keccak256(abi.encode(res, j.named[i], bytes32(i))));
        }
        for (uint256 i = from; i < r; ++i) {
            bytes32 res = uint256(oddOne) == i + 1 ? keccak256("different") : result;
            vm.prank(j.named[i]);
            market.revealResult(j.id, res, bytes32(i), "ipfs://out", uint32(inTok[i]), uint32(outTok[i]));
        }
    }

    /// @dev act[i]: 0 silent, 1 commit only, 2 deliver. With `divergent`, the last worker's result differs.
    function _act(Posted memory j, uint256[] memory act, bool divergent) internal {
        uint256 r = act.length;
        bytes32 result = keccak256(abi.encode("result", j.id));
        if (r == 1) {
            if (act[0] == 2) {
                vm.prank(j.named[0]);
                market.submitResult(j.id, result, "ipfs://out", 1, 1);
            }
            return;
        }
        for (uint256 i; i < r; ++i) {
            if (act[i] == 0) continue;
            bytes32 res = divergent && i == r - 1 ? keccak256("different") : result;
            vm.prank(j.named[i]);
            market.commitResult(j.id, keccak256(abi.encode(res, j.named[i], bytes32(i))));
        }
        // Reveals open at the deadline unless everyone committed.
        vm.warp(uint256(market.job(j.id).deadline) + 1);
        for (uint256 i; i < r; ++i) {
            if (act[i] != 2) continue;
            bytes32 res = divergent && i == r - 1 ? keccak256("different") : result;
            vm.prank(j.named[i]);
            market.revealResult(j.id, res, bytes32(i), "ipfs://out", 1, 1);
        }
    }

    /// @dev Fuzzed token counts up to the job's maxima, the maxima themselves included.
    function _tokenCounts(Posted memory j, uint256 seed)
        internal
        view
        returns (uint256[] memory inTok, uint256[] memory outTok)
    {
        uint256 r = j.named.length;
        inTok = new uint256[](r);
        outTok = new uint256[](r);
        IJobMarket.Job memory job = market.job(j.id);
        for (uint256 i; i < r; ++i) {
            uint256 x = uint256(keccak256(abi.encode(seed, "tokens", i)));
            inTok[i] = x % 4 == 0 ? job.maxInputTokens : bound(x >> 8, 0, job.maxInputTokens);
            outTok[i] = x % 5 == 0 ? job.maxOutputTokens : bound(x >> 40, 0, job.maxOutputTokens);
        }
    }

    /// @dev Every credit after finalizing, from the token counts and the workers' quoted prices.
    function _expectedAfterFinalize(Posted memory j, uint256 declines, uint256[] memory inTok, uint256[] memory outTok)
        internal
        view
        returns (address[] memory accts, uint256[] memory expected)
    {
        accts = _accounts();
        expected = _credits(accts);
        IProtocolConfig.Params memory p = config.params();
        uint256 totalFee;
        uint256 workerTotal;
        for (uint256 i = declines; i < j.named.length; ++i) {
            uint256 fee = _fee(j.named[i], inTok[i], outTok[i]);
            expected[_index(accts, j.named[i])] += (fee * p.workerShareBps) / BPS;
            workerTotal += (fee * p.workerShareBps) / BPS;
            totalFee += fee;
        }
        uint256 toCreator = (totalFee * p.creatorShareBps) / BPS;
        expected[_index(accts, creator)] += toCreator;
        expected[_index(accts, treasury)] += totalFee - workerTotal - toCreator;
        expected[_index(accts, j.poster)] += j.per * (j.named.length - declines) - totalFee;
    }

    function _fee(address w, uint256 inTok, uint256 outTok) internal view returns (uint256) {
        (uint64 pin, uint64 pout) = _workerPrices(_workerIndex(w));
        return inTok * pin + outTok * pout;
    }

    function _accounts() internal view returns (address[] memory a) {
        a = new address[](posters.length + N_WORKERS + 2);
        uint256 k;
        for (uint256 i; i < posters.length; ++i) {
            a[k++] = posters[i];
        }
        for (uint256 i; i < N_WORKERS; ++i) {
            a[k++] = workers[i];
        }
        a[k++] = creator;
        a[k++] = treasury;
    }

    function _credits(address[] memory accts) internal view returns (uint256[] memory c) {
        c = new uint256[](accts.length);
        for (uint256 i; i < accts.length; ++i) {
            c[i] = market.balanceOf(accts[i]);
        }
    }

    function _assertCredits(address[] memory accts, uint256[] memory expected, string memory what) internal view {
        for (uint256 i; i < accts.length; ++i) {
            assertEq(market.balanceOf(accts[i]), expected[i], string.concat(what, ": credit of account ", _str(i)));
        }
    }

    function _withdrawAll(address[] memory accts) internal {
        for (uint256 i; i < accts.length; ++i) {
            uint256 credit = market.balanceOf(accts[i]);
            if (credit == 0) continue;
            uint256 before = grid.balanceOf(accts[i]);
            vm.prank(accts[i]);
            market.withdraw();
            assertEq(grid.balanceOf(accts[i]), before + credit, "withdrawn credit");
            assertEq(market.balanceOf(accts[i]), 0, "credit zeroed");
        }
    }

    /// @dev The market's GRID == escrows of jobs 1..id + every credited balance.
    function _assertConservation(uint256 lastId) internal view {
        uint256 sum;
        for (uint256 id = 1; id <= lastId; ++id) {
            sum += market.job(id).escrow + market.bondOf(id);
        }
        address[] memory accts = _accounts();
        for (uint256 i; i < accts.length; ++i) {
            sum += market.balanceOf(accts[i]);
        }
        assertEq(grid.balanceOf(address(market)), sum, "market GRID == escrows + bonds + credits");
    }

    function _assertRegistryHoldsStakes() internal view {
        uint256 total;
        for (uint256 i; i < N_WORKERS; ++i) {
            IWorkerRegistry.Worker memory w = registry.worker(workers[i]);
            total += uint256(w.stake) + w.unbonding;
        }
        assertEq(grid.balanceOf(address(registry)), total, "registry GRID == stakes + unbonding");
    }

    function _finalizedEvents(uint256 id) internal returns (uint256 n) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (
                logs[i].emitter == address(market) && logs[i].topics.length > 1
                    && logs[i].topics[0] == IJobMarket.JobFinalized.selector && uint256(logs[i].topics[1]) == id
            ) n++;
        }
    }

    function _index(address[] memory accts, address a) internal pure returns (uint256) {
        for (uint256 i; i < accts.length; ++i) {
            if (accts[i] == a) return i;
        }
        revert("untracked account");
    }

    function _workerIndex(address w) internal view returns (uint256) {
        for (uint256 i; i < N_WORKERS; ++i) {
            if (workers[i] == w) return i;
        }
        revert("unknown worker");
    }
}
