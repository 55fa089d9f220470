// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {IProtocolConfig} from "../interfaces/IProtocolConfig.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IWorkerRegistry} from "../interfaces/IWorkerRegistry.sol";

/// @title JobMarket
/// @notice Jobs, escrow, result commitments, the challenge window and payouts.
/// @dev Funds: the market's GRID balance always equals the sum of `escrow` over unsettled jobs
/// plus the sum of credited balances. Tokens enter only in `postJob` and leave only in
/// `withdraw`; every other step moves value between escrow and credited balances.
/// Disputes stop at `Disputed` with their escrow held: `_onDisputed` is the hook the
/// verification layer builds on.
contract JobMarket is IJobMarket, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant BPS = 10_000;
    /// @notice Most jobs one finalizeBatch call handles.
    uint256 public constant MAX_BATCH = 100;

    IERC20 public immutable grid;
    IProtocolConfig public immutable config;
    IModelRegistry public immutable models;
    IWorkerRegistry public immutable workerRegistry;

    /// @inheritdoc IJobMarket
    uint256 public nextJobId = 1;
    mapping(uint256 jobId => Job) private _jobs;
    mapping(uint256 jobId => mapping(uint256 index => Assignment)) private _assignments;
    mapping(address account => uint256) private _balances;

    /// @param grid_ Payment token.
    /// @param config_ Protocol parameters.
    /// @param models_ Model registry (active flag and creator).
    /// @param workers_ Worker registry (eligibility, capacity, Elo, slashing).
    constructor(IERC20 grid_, IProtocolConfig config_, IModelRegistry models_, IWorkerRegistry workers_) {
        grid = grid_;
        config = config_;
        models = models_;
        workerRegistry = workers_;
    }

    // ---------------------------------------------------------------- posting

    /// @inheritdoc IJobMarket
    function postJob(JobRequest calldata request) external nonReentrant returns (uint256 jobId) {
        return _post(request);
    }

    /// @inheritdoc IJobMarket
    function postJobWithPermit(JobRequest calldata request, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 jobId)
    {
        // The escrow is not known to the signer here, so the permit carries its own value; a
        // front-run permit leaves the allowance in place and the transfer below still works.
        try IERC20Permit(address(grid)).permit(
            msg.sender, address(this), _escrowFor(request), permitDeadline, v, r, s
        ) {} catch {}
        return _post(request);
    }

    function _escrowFor(JobRequest calldata request) private pure returns (uint256) {
        uint256 perWorker = uint256(request.maxInputTokens) * request.maxPricePerInputToken
            + uint256(request.maxOutputTokens) * request.maxPricePerOutputToken;
        return perWorker * request.workers.length;
    }

    function _post(JobRequest calldata request) private returns (uint256 jobId) {
        IProtocolConfig.Params memory p = config.params();
        uint256 r = request.workers.length;
        if (r == 0 || r > p.maxRedundancy) revert InvalidRedundancy(r, p.maxRedundancy);
        if (request.maxInputTokens == 0 || request.maxOutputTokens == 0) revert ZeroMaxTokens();
        if (request.inputHash == bytes32(0)) revert ZeroInputHash();
        uint256 inputs = request.encryptedInputs.length;
        if (inputs == 0 ? bytes(request.inputURI).length == 0 : inputs != r) revert InputsMismatch(inputs, r);
        uint256 latest = block.timestamp + p.jobTimeout;
        if (request.deadline <= block.timestamp || request.deadline > latest) {
            revert DeadlineOutOfRange(request.deadline, block.timestamp + 1, latest);
        }
        (, bool active) = models.modelInfo(request.modelId);
        if (!active) revert ModelNotActive(request.modelId);
        uint256 escrow = _escrowFor(request);
        if (escrow > type(uint96).max) revert EscrowTooLarge(escrow);

        jobId = nextJobId++;
        _assign(jobId, request, request.deadline - block.timestamp);
        _jobs[jobId] = Job({
            poster: msg.sender,
            modelId: uint32(request.modelId),
            deadline: request.deadline,
            status: JobStatus.Open,
            redundancy: uint8(r),
            declined: 0,
            maxInputTokens: request.maxInputTokens,
            maxOutputTokens: request.maxOutputTokens,
            postedAt: uint40(block.timestamp),
            challengeEndsAt: 0,
            escrow: uint96(escrow),
            committed: 0,
            delivered: 0
        });
        _emitPosted(jobId, request, escrow);
        grid.safeTransferFrom(msg.sender, address(this), escrow);
    }

    function _emitPosted(uint256 jobId, JobRequest calldata request, uint256 escrow) private {
        emit JobPosted(
            jobId,
            msg.sender,
            request.modelId,
            request.inputHash,
            request.inputURI,
            request.maxInputTokens,
            request.maxOutputTokens,
            request.maxPricePerInputToken,
            request.maxPricePerOutputToken,
            request.deadline,
            escrow,
            request.workers
        );
    }

    /// @dev Reserves each named worker (the registry checks eligibility and reverts with the
    /// reason) and snapshots its prices.
    function _assign(uint256 jobId, JobRequest calldata request, uint256 duration) private {
        uint256 r = request.workers.length;
        bool inlineInputs = request.encryptedInputs.length != 0;
        for (uint256 i; i < r; ++i) {
            address w = request.workers[i];
            if (w == msg.sender) revert PosterIsWorker(w);
            for (uint256 j; j < i; ++j) {
                if (request.workers[j] == w) revert DuplicateWorker(w);
            }
            (uint64 priceIn, uint64 priceOut) = workerRegistry.reserve(
                w, request.modelId, request.maxPricePerInputToken, request.maxPricePerOutputToken, duration
            );
            Assignment storage a = _assignments[jobId][i];
            a.worker = w;
            a.pricePerInputToken = priceIn;
            a.pricePerOutputToken = priceOut;
            emit JobAssigned(jobId, w, i, priceIn, priceOut, inlineInputs ? request.encryptedInputs[i] : bytes(""));
        }
    }

    // ---------------------------------------------------------------- worker actions

    /// @inheritdoc IJobMarket
    function decline(uint256 jobId) external {
        Job storage job_ = _openJob(jobId);
        (Assignment storage a,) = _assignmentOf(jobId, job_.redundancy, msg.sender);
        if (a.status != WorkStatus.Assigned) revert AlreadyActed(jobId, msg.sender, a.status);
        uint256 closesAt = uint256(job_.postedAt) + config.params().declineWindow;
        if (block.timestamp > closesAt) revert DeclineWindowClosed(jobId, closesAt);

        a.status = WorkStatus.Declined;
        job_.declined += 1;
        uint256 refund = _refundShare(job_);
        emit JobDeclined(jobId, msg.sender, refund);
        workerRegistry.release(msg.sender);
        _afterProgress(jobId, job_);
    }

    /// @inheritdoc IJobMarket
    function submitResult(
        uint256 jobId,
        bytes32 commitment,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) external {
        Job storage job_ = _openJob(jobId);
        if (job_.redundancy != 1) revert CommitRevealRequired(jobId);
        if (block.timestamp > job_.deadline) revert DeadlinePassed(jobId, job_.deadline);
        (Assignment storage a,) = _assignmentOf(jobId, 1, msg.sender);
        if (a.status != WorkStatus.Assigned) revert AlreadyActed(jobId, msg.sender, a.status);
        _deliver(jobId, job_, a, commitment, outputRef, inputTokens, outputTokens);
        _afterProgress(jobId, job_);
    }

    /// @inheritdoc IJobMarket
    function commitResult(uint256 jobId, bytes32 sealedCommitment) external {
        Job storage job_ = _openJob(jobId);
        if (job_.redundancy == 1) revert SingleStepRequired(jobId);
        if (block.timestamp > job_.deadline) revert DeadlinePassed(jobId, job_.deadline);
        if (sealedCommitment == bytes32(0)) revert ZeroCommitment();
        (Assignment storage a,) = _assignmentOf(jobId, job_.redundancy, msg.sender);
        if (a.status != WorkStatus.Assigned) revert AlreadyActed(jobId, msg.sender, a.status);
        a.status = WorkStatus.Committed;
        a.commitment = sealedCommitment;
        job_.committed += 1;
        emit ResultCommitted(jobId, msg.sender, sealedCommitment);
    }

    /// @inheritdoc IJobMarket
    function revealResult(
        uint256 jobId,
        bytes32 commitment,
        bytes32 salt,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) external {
        Job storage job_ = _openJob(jobId);
        (Assignment storage a,) = _assignmentOf(jobId, job_.redundancy, msg.sender);
        if (a.status != WorkStatus.Committed) revert NotCommitted(jobId, msg.sender);
        // Reveals open once nobody can still commit: everyone left has committed, or time is up.
        if (job_.committed + job_.declined < job_.redundancy && block.timestamp <= job_.deadline) {
            revert RevealNotOpen(jobId);
        }
        uint256 closesAt = uint256(job_.deadline) + config.params().revealWindow;
        if (block.timestamp > closesAt) revert RevealWindowClosed(jobId, closesAt);
        // The seal binds the worker's address, so a seal copied from another worker never opens.
        if (keccak256(abi.encode(commitment, msg.sender, salt)) != a.commitment) revert SealMismatch(jobId, msg.sender);
        _deliver(jobId, job_, a, commitment, outputRef, inputTokens, outputTokens);
        _afterProgress(jobId, job_);
    }

    /// @inheritdoc IJobMarket
    function claimTimeout(uint256 jobId) external {
        Job storage job_ = _openJob(jobId);
        uint256 deadline = job_.deadline;
        if (block.timestamp <= deadline) revert TimeoutNotReached(jobId, deadline + 1);
        uint256 r = job_.redundancy;
        // Committed workers keep the reveal window to open their seals.
        if (job_.committed > job_.delivered) {
            uint256 closesAt = deadline + config.params().revealWindow;
            if (block.timestamp <= closesAt) revert TimeoutNotReached(jobId, closesAt + 1);
        }
        IProtocolConfig.Params memory p = config.params();
        address treasury = config.treasury();
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            WorkStatus s = a.status;
            if (s != WorkStatus.Assigned && s != WorkStatus.Committed) continue;
            a.status = WorkStatus.TimedOut;
            job_.declined += 1;
            uint256 refund = _refundShare(job_);
            address w = a.worker;
            workerRegistry.release(w);
            workerRegistry.recordOutcome(w, false, 0);
            // Slashed stake goes to the treasury, never to the poster: naming a worker and
            // waiting for it to fail must not pay.
            uint256 slashed = workerRegistry.slash(w, p.slashMissedBps, treasury);
            emit WorkerTimedOut(jobId, w, slashed, refund);
        }
        _afterProgress(jobId, job_);
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc IJobMarket
    function finalize(uint256 jobId) external nonReentrant {
        Job storage job_ = _jobs[jobId];
        if (job_.status != JobStatus.Challenge) revert JobNotInChallenge(jobId, job_.status);
        if (block.timestamp < job_.challengeEndsAt) revert ChallengeWindowOpen(jobId, job_.challengeEndsAt);
        IProtocolConfig.Params memory p = config.params();
        uint256 toTreasury = _finalize(jobId, job_, p);
        if (toTreasury != 0) _balances[config.treasury()] += toTreasury;
    }

    /// @inheritdoc IJobMarket
    function finalizeBatch(uint256[] calldata jobIds) external nonReentrant returns (uint256 count) {
        uint256 n = jobIds.length;
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        IProtocolConfig.Params memory p = config.params();
        uint256 toTreasury;
        for (uint256 i; i < n; ++i) {
            Job storage job_ = _jobs[jobIds[i]];
            if (job_.status != JobStatus.Challenge || block.timestamp < job_.challengeEndsAt) continue;
            toTreasury += _finalize(jobIds[i], job_, p);
            ++count;
        }
        if (toTreasury != 0) _balances[config.treasury()] += toTreasury;
    }

    /// @dev Pays every delivered worker its own fee, split worker / creator / treasury, and
    /// refunds the rest of the escrow. Returns the treasury's part, credited once by the caller.
    function _finalize(uint256 jobId, Job storage job_, IProtocolConfig.Params memory p)
        private
        returns (uint256 treasuryAmount)
    {
        job_.status = JobStatus.Finalized;
        uint256 r = job_.redundancy;
        uint256 totalFee;
        uint256 workerTotal;
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status != WorkStatus.Delivered) continue;
            uint256 inTok = a.inputTokens;
            uint256 outTok = a.outputTokens;
            uint256 fee = inTok * a.pricePerInputToken + outTok * a.pricePerOutputToken;
            uint256 toWorker = (fee * p.workerShareBps) / BPS;
            address w = a.worker;
            _balances[w] += toWorker;
            totalFee += fee;
            workerTotal += toWorker;
            emit WorkerPaid(jobId, w, fee, toWorker);
            workerRegistry.recordOutcome(w, true, inTok + outTok);
        }
        uint256 creatorAmount = (totalFee * p.creatorShareBps) / BPS;
        // Rounding dust goes to the treasury so the three parts always sum to the fee.
        treasuryAmount = totalFee - workerTotal - creatorAmount;
        if (creatorAmount != 0) {
            (address creator,) = models.modelInfo(job_.modelId);
            _balances[creator] += creatorAmount;
        }
        uint256 refund = job_.escrow - totalFee;
        job_.escrow = 0;
        if (refund != 0) _balances[job_.poster] += refund;
        emit JobFinalized(jobId, totalFee, workerTotal, creatorAmount, treasuryAmount, refund);
    }

    /// @inheritdoc IJobMarket
    function withdraw() external nonReentrant {
        _withdraw(msg.sender);
    }

    /// @inheritdoc IJobMarket
    function withdrawFor(address account) external nonReentrant {
        _withdraw(account);
    }

    function _withdraw(address account) private {
        uint256 amount = _balances[account];
        if (amount == 0) revert NothingToWithdraw(account);
        _balances[account] = 0;
        emit Withdrawn(account, amount);
        grid.safeTransfer(account, amount);
    }

    // ---------------------------------------------------------------- internals

    function _deliver(
        uint256 jobId,
        Job storage job_,
        Assignment storage a,
        bytes32 commitment,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) private {
        if (commitment == bytes32(0)) revert ZeroCommitment();
        if (inputTokens > job_.maxInputTokens || outputTokens > job_.maxOutputTokens) {
            revert TokenCountAboveMax(jobId, inputTokens, outputTokens);
        }
        a.status = WorkStatus.Delivered;
        a.commitment = commitment;
        a.inputTokens = inputTokens;
        a.outputTokens = outputTokens;
        if (job_.redundancy == 1) job_.committed = 1;
        job_.delivered += 1;
        emit ResultSubmitted(jobId, msg.sender, commitment, outputRef, inputTokens, outputTokens);
        workerRegistry.release(msg.sender);
    }

    /// @dev Settles the job once every worker has delivered, declined or timed out.
    function _afterProgress(uint256 jobId, Job storage job_) private {
        uint256 r = job_.redundancy;
        if (job_.delivered + job_.declined < r) return;
        if (job_.delivered == 0) {
            job_.status = JobStatus.Refunded;
            emit JobRefunded(jobId, 0);
            return;
        }
        bytes32 first;
        bool agreed = true;
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status != WorkStatus.Delivered) continue;
            if (first == bytes32(0)) first = a.commitment;
            else if (a.commitment != first) agreed = false;
        }
        if (agreed) {
            job_.status = JobStatus.Challenge;
            uint40 endsAt = uint40(block.timestamp + config.params().challengeWindow);
            job_.challengeEndsAt = endsAt;
            emit ChallengeStarted(jobId, first, endsAt);
        } else {
            job_.status = JobStatus.Disputed;
            emit JobDisputed(jobId, job_.delivered);
            _onDisputed(jobId);
        }
    }

    /// @dev Extension point for the verification layer; the core market holds the escrow.
    function _onDisputed(uint256 jobId) internal virtual {}

    /// @dev Credits one worker's share of the escrow back to the poster. Call after counting
    /// the worker in `declined`.
    function _refundShare(Job storage job_) private returns (uint256 share) {
        // Nothing is paid before finalization, so the escrow is still whole shares, one for
        // each worker not yet counted out, and the division is exact.
        uint256 holders = uint256(job_.redundancy) - job_.declined + 1;
        share = job_.escrow / holders;
        job_.escrow -= uint96(share);
        if (share != 0) _balances[job_.poster] += share;
    }

    function _openJob(uint256 jobId) private view returns (Job storage job_) {
        job_ = _jobs[jobId];
        if (job_.status != JobStatus.Open) {
            if (job_.status == JobStatus.None) revert UnknownJob(jobId);
            revert JobNotOpen(jobId, job_.status);
        }
    }

    function _assignmentOf(uint256 jobId, uint256 r, address account)
        private
        view
        returns (Assignment storage a, uint256 index)
    {
        for (uint256 i; i < r; ++i) {
            a = _assignments[jobId][i];
            if (a.worker == account) return (a, i);
        }
        revert NotAssigned(jobId, account);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IJobMarket
    function job(uint256 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc IJobMarket
    function assignments(uint256 jobId) external view returns (Assignment[] memory list) {
        uint256 r = _jobs[jobId].redundancy;
        list = new Assignment[](r);
        for (uint256 i; i < r; ++i) {
            list[i] = _assignments[jobId][i];
        }
    }

    /// @inheritdoc IJobMarket
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }
}
