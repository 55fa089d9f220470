// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IVerificationCourt
/// @notice Sampled audits, disputes and challenges, judged by stake-weighted random validators
/// voting with commit-reveal. The market holds the money and applies the verdict.
interface IVerificationCourt {
    enum CaseKind {
        None,
        Audit, // the workers agreed and the job was drawn for a sampled audit
        Dispute, // the workers' commitments differ
        Challenge // the poster challenged an agreed result with a bond
    }

    enum CaseStatus {
        None,
        AwaitingDraw, // waiting for the randomness that picks the validators
        Voting,
        Resolved
    }

    enum BallotStatus {
        Drawn,
        Committed,
        Revealed
    }

    struct Case {
        CaseKind kind;
        CaseStatus status;
        uint8 round; // 0, or 1 after one re-draw
        uint8 drawn;
        uint8 committed;
        uint8 revealed;
        uint40 randomnessRequest;
        uint40 commitEndsAt;
        uint40 revealEndsAt;
    }

    struct Ballot {
        address validator;
        BallotStatus status;
        bytes32 vote; // the seal while Committed, the verdict once Revealed
    }

    error NotMarket(address caller);
    error CaseAlreadyOpen(uint256 jobId);
    error WrongCaseStatus(uint256 jobId, CaseStatus status);
    error RandomnessPending(uint256 jobId, uint256 requestId);
    error NotDrawn(uint256 jobId, address account);
    error AlreadyVoted(uint256 jobId, address validator, BallotStatus status);
    error CommitWindowClosed(uint256 jobId, uint256 closedAt);
    error RevealNotOpen(uint256 jobId, uint256 opensAfter);
    error RevealWindowClosed(uint256 jobId, uint256 closedAt);
    error SealMismatch(uint256 jobId, address validator);
    error VotingNotOver(uint256 jobId, uint256 endsAt);
    error InvalidRandomnessRequest(uint256 requestId);

    event CaseOpened(uint256 indexed jobId, CaseKind kind, uint256 randomnessRequest);
    event RandomnessExpired(uint256 indexed jobId, uint256 expiredRequest, uint256 newRequest);
    event ValidatorsDrawn(uint256 indexed jobId, uint8 round, address[] validators, uint40 commitEndsAt, uint40 revealEndsAt);
    event AuditRequested(uint256 indexed jobId, address[] validators);
    event VoteCommitted(uint256 indexed jobId, address indexed validator, bytes32 sealedVerdict);
    event VoteRevealed(uint256 indexed jobId, address indexed validator, bytes32 verdict);
    event ValidatorPenalized(uint256 indexed jobId, address indexed validator, uint256 amount, bool revealed);
    event CaseRedrawn(uint256 indexed jobId, uint256 randomnessRequest);
    event CaseResolved(uint256 indexed jobId, bool hasVerdict, bytes32 verdict, uint256 votesFor, uint256 revealed);

    /// @notice Opens a case for a job. Market only. With a ready `seed` (audits) the validators
    /// are drawn at once; otherwise randomness is requested and `drawValidators` follows.
    /// @return drawn How many validators were drawn now (0 for an audit means none is eligible).
    function openCase(uint256 jobId, CaseKind kind, bytes32 seed) external returns (uint256 drawn);

    /// @notice Draws the validators once the requested randomness is ready. Anyone may call.
    /// An expired request is renewed (event RandomnessExpired) and must be drawn again later.
    function drawValidators(uint256 jobId) external;

    /// @notice A drawn validator seals its verdict: keccak256(abi.encode(verdict, validator, salt)).
    function commitVote(uint256 jobId, bytes32 sealedVerdict) external;

    /// @notice Opens a seal once every drawn validator committed or the commit window closed.
    /// @param verdict The result commitment the validator computed itself.
    function revealVote(uint256 jobId, bytes32 verdict, bytes32 salt) external;

    /// @notice Tallies once every drawn validator revealed or the reveal window closed, penalizes
    /// validators who did not reveal or voted against the majority, and has the market apply
    /// the verdict. No majority: one re-draw, then the market's fallback. Anyone may call.
    function resolve(uint256 jobId) external;

    /// @notice A job's case.
    function getCase(uint256 jobId) external view returns (Case memory);

    /// @notice A job's drawn validators and their votes.
    function ballots(uint256 jobId) external view returns (Ballot[] memory);
}
