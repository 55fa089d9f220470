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
import {IRandomness} from "../interfaces/IRandomness.sol";
import {IVerificationCourt} from "../interfaces/IVerificationCourt.sol";
import {IZkModelVerifier} from "../interfaces/IZkModelVerifier.sol";

/// @title JobMarket
/// @notice Jobs, escrow, result commitments, the challenge window and payouts.
/// @dev Funds: the market's GRID balance always equals the sum of `escrow` over unsettled jobs,
/// plus challenge bonds held, plus the sum of credited balances. Tokens enter in `postJob`,
/// `challenge` and as slashed stake (credited in the same call), and leave only in `withdraw`.
/// Verification: agreed results request randomness; `finalize` draws the audit from it and hands
/// drawn jobs to the court (ProtocolConfig.verifier). Disputes and challenges go to the court too;
/// its verdict comes back through `resolveCase`, which pays or refunds exactly once.
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
    mapping(uint256 jobId => uint256) private _bonds;
    /// @dev The input commitment of R = 1 jobs on zk models, kept until the proof arrives.
    mapping(uint256 jobId => bytes32) private _zkInputs;

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
        // At most 8 workers x 2 x 2^24 tokens x 2^64 wei per token < 2^96: the escrow always fits.
        uint256 escrow = _escrowFor(request);

        jobId = nextJobId++;
        _assign(jobId, request, request.deadline - block.timestamp);
        _jobs[jobId] = Job({
            poster: msg.sender,
            modelId: uint32(request.modelId),
            deadline: request.deadline,
            status: JobStatus.Open,
            redundancy: uint8(r),
            declined: 0,
            committed: 0,
            maxInputTokens: request.maxInputTokens,
            maxOutputTokens: request.maxOutputTokens,
            postedAt: uint32(block.timestamp),
            challengeEndsAt: 0,
            auditRequest: 0,
            escrow: uint96(escrow),
            delivered: 0
        });
        if (r == 1 && models.zkVerifierOf(request.modelId) != address(0)) _zkInputs[jobId] = request.inputHash;
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
        // Declining closes at the deadline too: past it, silence is a missed deadline, not a decline.
        uint256 closesAt = uint256(job_.postedAt) + config.params().declineWindow;
        if (closesAt > job_.deadline) closesAt = job_.deadline;
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
    function submitResultWithProof(
        uint256 jobId,
        uint256 output,
        uint256[8] calldata proof,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) external nonReentrant {
        Job storage job_ = _openJob(jobId);
        if (block.timestamp > job_.deadline) revert DeadlinePassed(jobId, job_.deadline);
        bytes32 input = _zkInputs[jobId];
        (address verifier, bytes32 manifestHash) = models.zkInfo(job_.modelId);
        // Set only for R = 1 jobs posted while the model had a verifier.
        if (input == bytes32(0) || verifier == address(0)) revert NotZkJob(jobId);
        (Assignment storage a,) = _assignmentOf(jobId, 1, msg.sender);
        if (a.status != WorkStatus.Assigned) revert AlreadyActed(jobId, msg.sender, a.status);
        if (!IZkModelVerifier(verifier).verify(jobId, manifestHash, input, output, proof)) revert InvalidProof(jobId);
        delete _zkInputs[jobId];
        emit ResultProven(jobId, msg.sender, output);
        _deliver(jobId, job_, a, keccak256(abi.encode(jobId, output)), outputRef, inputTokens, outputTokens);
        uint256 toTreasury = _finalize(jobId, job_, config.params());
        if (toTreasury != 0) _balances[config.treasury()] += toTreasury;
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
        IProtocolConfig.Params memory p = config.params();
        // Committed workers keep the reveal window to open their seals.
        uint256 closesAt = job_.committed > job_.delivered ? deadline + p.revealWindow : deadline;
        if (block.timestamp <= closesAt) revert TimeoutNotReached(jobId, closesAt + 1);
        uint256 r = job_.redundancy;
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
        uint256 toTreasury = _drawThenFinalize(jobId, job_, p, true);
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
            toTreasury += _drawThenFinalize(jobIds[i], job_, p, false);
            if (job_.status == JobStatus.Finalized) ++count;
        }
        if (toTreasury != 0) _balances[config.treasury()] += toTreasury;
    }

    /// @dev Draws the audit from the randomness requested when the results agreed, then pays
    /// unless the job was drawn. An expired request is renewed (the job waits for the next call);
    /// a pending one reverts in `finalize` (`strict`) and is skipped in a batch.
    function _drawThenFinalize(uint256 jobId, Job storage job_, IProtocolConfig.Params memory p, bool strict)
        private
        returns (uint256 treasuryAmount)
    {
        uint256 req = job_.auditRequest;
        if (req != 0) {
            IRandomness source = IRandomness(config.randomness());
            (IRandomness.Status s, bytes32 seed) = source.read(req);
            if (s == IRandomness.Status.Pending) {
                if (strict) revert RandomnessNotReady(jobId, req);
                return 0;
            }
            if (s == IRandomness.Status.Expired) {
                uint256 renewed = source.request();
                if (renewed > type(uint40).max) renewed = 0;
                job_.auditRequest = uint40(renewed);
                emit AuditDrawExpired(jobId, req, renewed);
                return 0;
            }
            job_.auditRequest = 0;
            bytes32 draw = keccak256(abi.encode(seed, jobId));
            if (uint256(draw) % BPS < p.auditRateBps) {
                address court = config.verifier();
                if (court != address(0)) {
                    // Mark first: the court reads the job while drawing.
                    job_.status = JobStatus.Audit;
                    if (IVerificationCourt(court).openCase(jobId, IVerificationCourt.CaseKind.Audit, draw) != 0) {
                        emit AuditStarted(jobId);
                        return 0;
                    }
                    job_.status = JobStatus.Challenge;
                }
                emit AuditSkipped(jobId);
            }
        }
        return _finalize(jobId, job_, p);
    }

    /// @dev Pays every delivered worker its own fee, split worker / creator / treasury, and
    /// refunds the rest of the escrow. Returns the treasury's part, credited once by the caller.
    function _finalize(uint256 jobId, Job storage job_, IProtocolConfig.Params memory p)
        private
        returns (uint256 treasuryAmount)
    {
        job_.status = JobStatus.Finalized;
        (uint256 totalFee, uint256 workerTotal,) = _payWorkers(jobId, job_, p, false, bytes32(0));
        uint256 creatorAmount;
        (creatorAmount, treasuryAmount) = _payCreator(job_, p, totalFee, workerTotal);
        uint256 refund = _refundRest(job_, totalFee);
        emit JobFinalized(jobId, totalFee, workerTotal, creatorAmount, treasuryAmount, refund);
    }

    /// @dev Pays each delivered worker (only those matching `verdict` when `filter`) its own fee's
    /// worker share and records the outcome; with `filter`, slashes the others for fraud to this
    /// contract.
    function _payWorkers(uint256 jobId, Job storage job_, IProtocolConfig.Params memory p, bool filter, bytes32 verdict)
        private
        returns (uint256 totalFee, uint256 workerTotal, uint256 slashed)
    {
        uint256 r = job_.redundancy;
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status != WorkStatus.Delivered) continue;
            if (filter && a.commitment != verdict) {
                slashed += _slashForFraud(jobId, a.worker, p.slashFraudBps);
                continue;
            }
            (uint256 fee, uint256 toWorker) = _payOne(jobId, a, p.workerShareBps);
            totalFee += fee;
            workerTotal += toWorker;
        }
    }

    function _payOne(uint256 jobId, Assignment storage a, uint256 workerShareBps)
        private
        returns (uint256 fee, uint256 toWorker)
    {
        uint256 inTok = a.inputTokens;
        uint256 outTok = a.outputTokens;
        fee = inTok * a.pricePerInputToken + outTok * a.pricePerOutputToken;
        toWorker = (fee * workerShareBps) / BPS;
        address w = a.worker;
        _balances[w] += toWorker;
        emit WorkerPaid(jobId, w, fee, toWorker);
        workerRegistry.recordOutcome(w, true, inTok + outTok);
    }

    function _slashForFraud(uint256 jobId, address w, uint256 bps) private returns (uint256 amount) {
        amount = workerRegistry.slash(w, bps, address(this));
        emit WorkerSlashedForFraud(jobId, w, amount);
        workerRegistry.recordOutcome(w, false, 0);
    }

    /// @dev Credits the creator's share; the treasury's part is what remains of the fee, so the
    /// three parts always sum to it (rounding dust goes to the treasury).
    function _payCreator(Job storage job_, IProtocolConfig.Params memory p, uint256 totalFee, uint256 workerTotal)
        private
        returns (uint256 creatorAmount, uint256 treasuryAmount)
    {
        creatorAmount = (totalFee * p.creatorShareBps) / BPS;
        treasuryAmount = totalFee - workerTotal - creatorAmount;
        if (creatorAmount != 0) {
            (address creator,) = models.modelInfo(job_.modelId);
            _balances[creator] += creatorAmount;
        }
    }

    function _refundRest(Job storage job_, uint256 spent) private returns (uint256 refund) {
        refund = job_.escrow - spent;
        job_.escrow = 0;
        if (refund != 0) _balances[job_.poster] += refund;
    }

    // ---------------------------------------------------------------- verification

    /// @inheritdoc IJobMarket
    function challenge(uint256 jobId) external nonReentrant {
        Job storage job_ = _jobs[jobId];
        if (job_.status != JobStatus.Challenge) revert JobNotInChallenge(jobId, job_.status);
        if (msg.sender != job_.poster) revert NotPoster(jobId, msg.sender);
        if (block.timestamp >= job_.challengeEndsAt) revert ChallengeWindowClosed(jobId, job_.challengeEndsAt);
        address court = config.verifier();
        if (court == address(0)) revert NoVerifier();
        uint256 bond = config.verificationParams().challengeBond;
        job_.status = JobStatus.Disputed;
        job_.auditRequest = 0;
        _bonds[jobId] = bond;
        emit JobChallenged(jobId, msg.sender, bond);
        grid.safeTransferFrom(msg.sender, address(this), bond);
        IVerificationCourt(court).openCase(jobId, IVerificationCourt.CaseKind.Challenge, bytes32(0));
    }

    /// @inheritdoc IJobMarket
    function resolveCase(
        uint256 jobId,
        bool hasVerdict,
        bytes32 verdict,
        address[] calldata majorityValidators,
        uint256 validatorSlashed
    ) external nonReentrant {
        if (msg.sender != config.verifier()) revert NotVerifier(msg.sender);
        Job storage job_ = _jobs[jobId];
        if (job_.status != JobStatus.Audit && job_.status != JobStatus.Disputed) {
            revert JobNotUnderReview(jobId, job_.status);
        }
        uint256 bond = _bonds[jobId];
        delete _bonds[jobId];
        (bool agreed, bytes32 agreedCommitment) = _agreement(jobId, job_.redundancy);
        uint256 toTreasury;
        if (!hasVerdict) {
            // Fallback: an agreed result stands, a dispute between workers is refunded; no worker
            // is slashed and the bond goes back.
            if (agreed) {
                toTreasury = _finalize(jobId, job_, config.params());
            } else {
                job_.status = JobStatus.Refunded;
                emit JobRefunded(jobId, _refundRest(job_, 0));
            }
            if (bond != 0) {
                _balances[job_.poster] += bond;
                emit BondSettled(jobId, false, bond, 0);
            }
            toTreasury += validatorSlashed;
            emit CaseSettled(jobId, false, bytes32(0), 0, 0, validatorSlashed, 0, toTreasury);
        } else {
            bool upheld = agreed && verdict != agreedCommitment;
            toTreasury = _applyVerdict(jobId, job_, verdict, majorityValidators, validatorSlashed, bond, upheld);
        }
        if (toTreasury != 0) _balances[config.treasury()] += toTreasury;
    }

    /// @dev Amounts of one verdict's settlement, kept in memory to stay clear of the stack limit.
    struct Verdict {
        uint256 totalFee;
        uint256 workerSlashed;
        uint256 auditFee;
        uint256 toTreasury;
        uint256 challengerReward;
    }

    /// @dev Pays the workers that match the verdict and slashes the others, then shares the audit
    /// fee and the slashed stake. Returns the treasury's part.
    function _applyVerdict(
        uint256 jobId,
        Job storage job_,
        bytes32 verdict,
        address[] calldata majority,
        uint256 validatorSlashed,
        uint256 bond,
        bool upheld
    ) private returns (uint256) {
        IProtocolConfig.VerificationParams memory vp = config.verificationParams();
        Verdict memory v = _verdictPayouts(jobId, job_, verdict, vp.auditFeeBps);
        if (bond != 0) {
            if (upheld) {
                v.challengerReward = (v.workerSlashed * vp.challengerRewardBps) / BPS;
                _balances[job_.poster] += bond + v.challengerReward;
                emit BondSettled(jobId, true, bond + v.challengerReward, 0);
            } else {
                _creditMatching(jobId, job_.redundancy, verdict, bond);
                emit BondSettled(jobId, false, 0, bond);
            }
        }
        uint256 slashedPool = v.workerSlashed + validatorSlashed - v.challengerReward;
        uint256 paid = _splitAmong(jobId, majority, v.auditFee + (slashedPool * vp.slashRewardBps) / BPS);
        v.toTreasury += slashedPool + v.auditFee - paid;

        uint256 refund = _refundRest(job_, v.totalFee);
        // A verdict that sides with no worker refunds the job; otherwise the matching workers were paid.
        job_.status = _anyMatch(jobId, job_.redundancy, verdict) ? JobStatus.Finalized : JobStatus.Refunded;
        emit CaseSettled(
            jobId, true, verdict, v.totalFee, refund, v.workerSlashed + validatorSlashed, paid, v.toTreasury
        );
        return v.toTreasury;
    }

    /// @dev Worker, creator and treasury parts of a verdict; the audit fee comes out of the
    /// treasury's share of the fee.
    function _verdictPayouts(uint256 jobId, Job storage job_, bytes32 verdict, uint256 auditFeeBps)
        private
        returns (Verdict memory v)
    {
        IProtocolConfig.Params memory p = config.params();
        uint256 workerTotal;
        (v.totalFee, workerTotal, v.workerSlashed) = _payWorkers(jobId, job_, p, true, verdict);
        (, v.toTreasury) = _payCreator(job_, p, v.totalFee, workerTotal);
        v.auditFee = (v.totalFee * auditFeeBps) / BPS;
        if (v.auditFee > v.toTreasury) v.auditFee = v.toTreasury;
        v.toTreasury -= v.auditFee;
    }

    /// @inheritdoc IJobMarket
    function absorbSlashed(uint256 jobId, uint256 amount) external {
        if (msg.sender != config.verifier()) revert NotVerifier(msg.sender);
        _balances[config.treasury()] += amount;
        emit SlashedStakeAbsorbed(jobId, amount);
    }

    /// @inheritdoc IJobMarket
    function bondOf(uint256 jobId) external view returns (uint256) {
        return _bonds[jobId];
    }

    /// @dev Whether every delivered worker committed to the same result, and that result.
    function _agreement(uint256 jobId, uint256 r) private view returns (bool agreed, bytes32 first) {
        agreed = true;
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status != WorkStatus.Delivered) continue;
            if (first == bytes32(0)) first = a.commitment;
            else if (a.commitment != first) agreed = false;
        }
    }

    function _anyMatch(uint256 jobId, uint256 r, bytes32 verdict) private view returns (bool) {
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status == WorkStatus.Delivered && a.commitment == verdict) return true;
        }
        return false;
    }

    /// @dev Splits `amount` equally among the delivered workers matching `verdict`.
    function _creditMatching(uint256 jobId, uint256 r, bytes32 verdict, uint256 amount) private {
        uint256 n;
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status == WorkStatus.Delivered && a.commitment == verdict) ++n;
        }
        uint256 each = amount / n;
        uint256 dust = amount - each * n;
        for (uint256 i; i < r; ++i) {
            Assignment storage a = _assignments[jobId][i];
            if (a.status != WorkStatus.Delivered || a.commitment != verdict) continue;
            _balances[a.worker] += each + dust;
            dust = 0;
        }
    }

    /// @dev Splits `amount` equally among `accounts`; returns what was credited (the rest is dust).
    function _splitAmong(uint256 jobId, address[] calldata accounts, uint256 amount) private returns (uint256 paid) {
        uint256 n = accounts.length;
        if (n == 0 || amount == 0) return 0;
        uint256 each = amount / n;
        for (uint256 i; i < n; ++i) {
            _balances[accounts[i]] += each;
            emit ValidatorRewarded(jobId, accounts[i], each);
        }
        return each * n;
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
        (bool agreed, bytes32 first) = _agreement(jobId, r);
        if (agreed) {
            job_.status = JobStatus.Challenge;
            uint32 endsAt = uint32(block.timestamp + config.params().challengeWindow);
            job_.challengeEndsAt = endsAt;
            // The seed for the audit draw comes from after this block, which nobody knew when
            // committing their result.
            address source = config.randomness();
            uint256 req = source == address(0) ? 0 : IRandomness(source).request();
            // Ids are stored in 40 bits (IRandomness says so); one that does not fit is never
            // truncated into another request's id: the job then gets no audit draw.
            if (req > type(uint40).max) req = 0;
            job_.auditRequest = uint40(req);
            emit ChallengeStarted(jobId, first, endsAt, req);
        } else {
            job_.status = JobStatus.Disputed;
            emit JobDisputed(jobId, job_.delivered);
            _onDisputed(jobId);
        }
    }

    /// @dev Hands the dispute to the court; without one configured the escrow stays held.
    function _onDisputed(uint256 jobId) private {
        address court = config.verifier();
        if (court != address(0)) {
            IVerificationCourt(court).openCase(jobId, IVerificationCourt.CaseKind.Dispute, bytes32(0));
        }
    }

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
