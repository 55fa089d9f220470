// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IJobMarket
/// @notice Jobs, escrow, result commitments, the challenge window, finalization and balances.
interface IJobMarket {
    /// @notice Where a job is in its life.
    enum JobStatus {
        None,
        Open, // posted; waiting for results (or commits and reveals when R > 1)
        Challenge, // all delivered results agree; finalizable once the challenge window ends
        Disputed, // delivered results differ; resolved by the verification layer
        Finalized, // paid out
        Refunded, // nobody delivered, or the verdict sided with no worker; escrow returned
        Audit // drawn for a sampled audit; the court's verdict settles it
    }

    /// @notice Where one named worker is on a job.
    enum WorkStatus {
        Assigned,
        Declined,
        Committed, // R > 1: sealed hash submitted, not yet revealed
        Delivered, // commitment known (submitted when R = 1, revealed when R > 1)
        TimedOut
    }

    /// @notice What a poster asks for. Escrow = workers.length x (maxInputTokens x maxPricePerInputToken
    /// + maxOutputTokens x maxPricePerOutputToken).
    struct JobRequest {
        uint256 modelId;
        address[] workers; // 1..maxRedundancy distinct workers
        bytes32 inputHash; // hash of the plaintext input, committed so nobody can swap it
        bytes[] encryptedInputs; // one per worker, encrypted to its X25519 key; or empty with inputURI
        string inputURI; // content address of the encrypted inputs when they are too large for calldata
        uint24 maxInputTokens;
        uint24 maxOutputTokens;
        uint64 maxPricePerInputToken;
        uint64 maxPricePerOutputToken;
        uint32 deadline; // unix time by which results must be submitted (committed when R > 1)
    }

    /// @notice A job, packed in two slots.
    struct Job {
        address poster;
        uint32 modelId;
        uint32 deadline;
        JobStatus status;
        uint8 redundancy;
        uint8 declined; // declined or timed out
        uint8 committed; // R > 1: workers that committed (delivered ones included)
        uint24 maxInputTokens;
        uint24 maxOutputTokens;
        uint32 postedAt;
        uint32 challengeEndsAt;
        uint40 auditRequest; // randomness request for the audit draw; 0 once drawn
        uint96 escrow; // what is still held for this job
        uint8 delivered; // workers whose commitment is known
    }

    /// @notice One named worker on a job, with the prices snapshotted when the job was posted.
    struct Assignment {
        address worker;
        uint64 pricePerInputToken;
        uint32 inputTokens;
        uint64 pricePerOutputToken;
        uint32 outputTokens;
        WorkStatus status;
        bytes32 commitment; // the sealed hash while Committed, the result commitment once Delivered
    }

    error UnknownJob(uint256 jobId);
    error ModelNotActive(uint256 modelId);
    error InvalidRedundancy(uint256 count, uint256 maxRedundancy);
    error DuplicateWorker(address worker);
    error PosterIsWorker(address worker);
    error ZeroMaxTokens();
    error ZeroInputHash();
    error InputsMismatch(uint256 encryptedInputs, uint256 workers);
    error DeadlineOutOfRange(uint256 deadline, uint256 earliest, uint256 latest);
    error JobNotOpen(uint256 jobId, JobStatus status);
    error JobNotInChallenge(uint256 jobId, JobStatus status);
    error NotAssigned(uint256 jobId, address account);
    error AlreadyActed(uint256 jobId, address worker, WorkStatus status);
    error DeclineWindowClosed(uint256 jobId, uint256 closedAt);
    error DeadlinePassed(uint256 jobId, uint256 deadline);
    error TokenCountAboveMax(uint256 jobId, uint256 inputTokens, uint256 outputTokens);
    error CommitRevealRequired(uint256 jobId);
    error SingleStepRequired(uint256 jobId);
    error ZeroCommitment();
    error NotCommitted(uint256 jobId, address worker);
    error RevealNotOpen(uint256 jobId);
    error RevealWindowClosed(uint256 jobId, uint256 closedAt);
    error SealMismatch(uint256 jobId, address worker);
    error TimeoutNotReached(uint256 jobId, uint256 at);
    error ChallengeWindowOpen(uint256 jobId, uint256 endsAt);
    error BatchTooLarge(uint256 size, uint256 maxSize);
    error NothingToWithdraw(address account);
    error RandomnessNotReady(uint256 jobId, uint256 requestId);
    error NotPoster(uint256 jobId, address account);
    error ChallengeWindowClosed(uint256 jobId, uint256 closedAt);
    error NoVerifier();
    error NotVerifier(address account);
    error JobNotUnderReview(uint256 jobId, JobStatus status);
    /// @notice The job cannot take a proof: its model has no zk verifier (or had none when the
    /// job was posted), or the job has more than one worker.
    error NotZkJob(uint256 jobId);
    /// @notice The Groth16 proof does not hold for (jobId, model hash, the job's inputHash, output).
    error InvalidProof(uint256 jobId);

    event JobPosted(
        uint256 indexed jobId,
        address indexed poster,
        uint256 indexed modelId,
        bytes32 inputHash,
        string inputURI,
        uint24 maxInputTokens,
        uint24 maxOutputTokens,
        uint64 maxPricePerInputToken,
        uint64 maxPricePerOutputToken,
        uint32 deadline,
        uint256 escrow,
        address[] workers
    );
    /// @notice One per named worker, so a worker can filter for its own jobs by topic.
    event JobAssigned(
        uint256 indexed jobId,
        address indexed worker,
        uint256 index,
        uint64 pricePerInputToken,
        uint64 pricePerOutputToken,
        bytes encryptedInput
    );
    event JobDeclined(uint256 indexed jobId, address indexed worker, uint256 refund);
    event ResultCommitted(uint256 indexed jobId, address indexed worker, bytes32 sealedCommitment);
    event ResultSubmitted(
        uint256 indexed jobId,
        address indexed worker,
        bytes32 commitment,
        string outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    );
    event WorkerTimedOut(uint256 indexed jobId, address indexed worker, uint256 slashed, uint256 refund);
    event ChallengeStarted(uint256 indexed jobId, bytes32 commitment, uint32 endsAt, uint256 auditRequest);
    event JobDisputed(uint256 indexed jobId, uint8 delivered);
    event WorkerPaid(uint256 indexed jobId, address indexed worker, uint256 fee, uint256 workerAmount);
    event JobFinalized(
        uint256 indexed jobId,
        uint256 totalFee,
        uint256 workerAmount,
        uint256 creatorAmount,
        uint256 treasuryAmount,
        uint256 refund
    );
    event JobRefunded(uint256 indexed jobId, uint256 refund);
    /// @notice A zk proof of the result was verified on chain; the job finalizes in the same call.
    event ResultProven(uint256 indexed jobId, address indexed worker, uint256 output);
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice The audit draw's randomness expired unread; a new request replaces it.
    event AuditDrawExpired(uint256 indexed jobId, uint256 expiredRequest, uint256 newRequest);
    /// @notice The job was drawn for audit and validators were assigned (the court emits AuditRequested).
    event AuditStarted(uint256 indexed jobId);
    /// @notice The job was drawn for audit but no validator was eligible; it is paid as usual.
    event AuditSkipped(uint256 indexed jobId);
    event JobChallenged(uint256 indexed jobId, address indexed poster, uint256 bond);
    event WorkerSlashedForFraud(uint256 indexed jobId, address indexed worker, uint256 amount);
    event ValidatorRewarded(uint256 indexed jobId, address indexed validator, uint256 amount);
    event BondSettled(uint256 indexed jobId, bool upheld, uint256 toPoster, uint256 toWorkers);
    event CaseSettled(
        uint256 indexed jobId,
        bool hasVerdict,
        bytes32 verdict,
        uint256 totalFee,
        uint256 refund,
        uint256 slashed,
        uint256 toValidators,
        uint256 toTreasury
    );
    event SlashedStakeAbsorbed(uint256 indexed jobId, uint256 amount);

    /// @notice Posts a job, escrowing the maximum fee for every named worker (after `approve`).
    /// @return jobId The new job's id, starting at 1.
    function postJob(JobRequest calldata request) external returns (uint256 jobId);

    /// @notice Posts a job, paying the escrow with an ERC-2612 permit instead of an approval.
    function postJobWithPermit(JobRequest calldata request, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 jobId);

    /// @notice A named worker refuses the job within the decline window, without penalty.
    /// Its share of the escrow is credited back to the poster.
    function decline(uint256 jobId) external;

    /// @notice R = 1: the worker submits its result before the deadline.
    /// @param commitment keccak256 of (jobId, model hash, output token ids, fingerprint), see sdk/commitment.
    /// @param outputRef Where the poster fetches the (encrypted) output.
    function submitResult(
        uint256 jobId,
        bytes32 commitment,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) external;

    /// @notice R = 1 on a zk model: the worker submits its result with a Groth16 proof, verified
    /// on chain through the model's verifier (ModelRegistry.zkVerifierOf); the job finalizes at
    /// once (no audit, no challenge window) and pays the usual worker / creator / treasury split.
    /// @dev For a zk model the job's `inputHash` IS the Poseidon commitment of the input:
    /// Poseidon(quantized features..., salt) as a bytes32 (see sdk/src/zk.ts); the proof shows
    /// that `output` is the model's output on the committed input, which stays private. The
    /// stored commitment is keccak256(abi.encode(jobId, output)).
    /// @param output The model's output (for a classifier, the class index).
    /// @param proof Groth16 proof [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y].
    /// @param outputRef Where the poster fetches the output (may be empty: `output` is on chain).
    function submitResultWithProof(
        uint256 jobId,
        uint256 output,
        uint256[8] calldata proof,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) external;

    /// @notice R > 1: the worker seals its result before the deadline.
    /// @param sealedCommitment keccak256(abi.encode(commitment, worker, salt)).
    function commitResult(uint256 jobId, bytes32 sealedCommitment) external;

    /// @notice R > 1: the worker opens its seal, once every remaining worker committed or the
    /// deadline passed, and before the reveal window after the deadline closes.
    function revealResult(
        uint256 jobId,
        bytes32 commitment,
        bytes32 salt,
        string calldata outputRef,
        uint32 inputTokens,
        uint32 outputTokens
    ) external;

    /// @notice After the deadline (and, with R > 1, the reveal window or all reveals): slashes and
    /// refunds the workers that did not deliver, then settles with those that did.
    function claimTimeout(uint256 jobId) external;

    /// @notice Pays out a job whose challenge window has ended. Anyone may call.
    function finalize(uint256 jobId) external;

    /// @notice Finalizes every job in the list that can be finalized now; skips the others.
    /// @return count How many jobs were finalized.
    function finalizeBatch(uint256[] calldata jobIds) external returns (uint256 count);

    /// @notice The poster challenges an agreed result within the challenge window, with a bond
    /// (ProtocolConfig.challengeBond, after `approve`). Validators then judge it.
    function challenge(uint256 jobId) external;

    /// @notice Applies the court's verdict: workers whose commitment matches are paid, the others
    /// slashed (fraud bps) and marked failed; majority validators get the audit fee and a share of
    /// the slashed stake; the bond is returned with a reward or goes to the workers. Without a
    /// verdict, an agreed result stands and a disputed one is refunded. Verifier only.
    function resolveCase(
        uint256 jobId,
        bool hasVerdict,
        bytes32 verdict,
        address[] calldata majorityValidators,
        uint256 validatorSlashed
    ) external;

    /// @notice Credits stake slashed from validators mid-case (before a re-draw) to the treasury. Verifier only.
    function absorbSlashed(uint256 jobId, uint256 amount) external;

    /// @notice The challenge bond held for a job.
    function bondOf(uint256 jobId) external view returns (uint256);

    /// @notice Transfers the caller's whole credited balance to it.
    function withdraw() external;

    /// @notice Transfers `account`'s whole credited balance to `account` (lets anyone flush the treasury).
    function withdrawFor(address account) external;

    /// @notice A job.
    function job(uint256 jobId) external view returns (Job memory);

    /// @notice The named workers of a job with their state.
    function assignments(uint256 jobId) external view returns (Assignment[] memory);

    /// @notice GRID credited to `account` and not yet withdrawn.
    function balanceOf(address account) external view returns (uint256);

    /// @notice The id the next posted job will get.
    function nextJobId() external view returns (uint256);
}
