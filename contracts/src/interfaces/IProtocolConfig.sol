// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IProtocolConfig
/// @notice Every tunable number of the protocol, each with hard bounds, changed only by the timelock.
interface IProtocolConfig {
    /// @notice Identifies one tunable parameter. The fee shares are read through this enum too,
    /// but they change together through `setFeeSplit` so their sum stays 10000.
    enum Param {
        MinWorkerStake,
        UnbondingPeriod,
        JobTimeout,
        ChallengeWindow,
        DeclineWindow,
        RevealWindow,
        MaxRedundancy,
        SlashMissedBps,
        SlashFraudBps,
        EloK,
        AuditRateBps,
        WorkerShareBps,
        CreatorShareBps,
        TreasuryShareBps,
        MinValidatorStake,
        ChallengeBond,
        VoteCommitWindow,
        VoteRevealWindow,
        ValidatorsPerAudit,
        ValidatorsPerDispute,
        ValidatorSlashBps,
        AuditFeeBps,
        SlashRewardBps,
        ChallengerRewardBps
    }

    /// @notice All parameters, packed into two storage slots so a market call reads them cheaply.
    struct Params {
        uint128 minWorkerStake; // GRID wei a worker must stake to be assigned jobs
        uint32 unbondingPeriod; // seconds between requestUnbond and withdrawUnbonded
        uint32 jobTimeout; // longest allowed (deadline - now) when a job is posted, seconds
        uint32 challengeWindow; // seconds an agreed result waits before it can be finalized
        uint32 declineWindow; // seconds after posting in which a named worker may decline
        uint32 revealWindow; // seconds after the job deadline in which R>1 results may be revealed
        uint8 maxRedundancy; // most workers one job may name
        uint16 slashMissedBps; // share of stake slashed for a missed deadline
        uint16 slashFraudBps; // share of stake slashed for a wrong result (verification)
        uint16 eloK; // Elo K factor
        uint16 auditRateBps; // probability that an agreed job is audited (verification)
        uint16 workerShareBps; // fee share to the worker(s)
        uint16 creatorShareBps; // fee share to the model creator
        uint16 treasuryShareBps; // fee share to the DAO treasury
    }

    /// @notice Parameters of validators, audits and disputes, in two slots of their own so the
    /// market's hot path reads only `Params`.
    struct VerificationParams {
        uint128 minValidatorStake; // GRID wei a validator must stake to be drawn
        uint96 challengeBond; // GRID wei a poster puts up to challenge an agreed result
        uint32 voteCommitWindow; // seconds validators have to commit their sealed verdicts
        uint32 voteRevealWindow; // seconds after the commit window to reveal them
        uint8 validatorsPerAudit; // V for a sampled audit
        uint8 validatorsPerDispute; // V for a dispute or a challenge
        uint16 validatorSlashBps; // share of a validator's stake slashed for not revealing or voting against the majority
        uint16 auditFeeBps; // share of the job fee paid to the majority validators (out of the treasury's share)
        uint16 slashRewardBps; // share of the stake slashed in a case paid to the majority validators
        uint16 challengerRewardBps; // share of the workers' slashed stake paid to a poster whose challenge is upheld
    }

    /// @notice A value outside the hard bounds of its parameter.
    error ParamOutOfBounds(Param param, uint256 value, uint256 min, uint256 max);
    /// @notice Fee shares that do not sum to 10000 or leave their bounds.
    error InvalidFeeSplit(uint256 workerBps, uint256 creatorBps, uint256 treasuryBps);
    /// @notice The fee shares change only together, through setFeeSplit.
    error FeeShareNeedsSetFeeSplit(Param param);
    /// @notice The zero address where an account is required.
    error ZeroAddress();

    /// @notice A parameter changed.
    event ParamChanged(Param indexed param, uint256 oldValue, uint256 newValue);
    /// @notice The fee split changed.
    event FeeSplitChanged(uint16 workerBps, uint16 creatorBps, uint16 treasuryBps);
    /// @notice The treasury that receives protocol fees and slashed stake changed.
    event TreasuryChanged(address indexed previousTreasury, address indexed newTreasury);
    /// @notice The verification contract (audits, disputes) changed.
    event VerifierChanged(address indexed previousVerifier, address indexed newVerifier);
    /// @notice The randomness source for audit draws and validator selection changed.
    event RandomnessChanged(address indexed previousRandomness, address indexed newRandomness);

    /// @notice All parameters at once.
    function params() external view returns (Params memory);

    /// @notice The verification parameters at once.
    function verificationParams() external view returns (VerificationParams memory);

    /// @notice One parameter's current value.
    function getParam(Param param) external view returns (uint256);

    /// @notice One parameter's hard bounds, inclusive.
    function paramBounds(Param param) external pure returns (uint256 min, uint256 max);

    /// @notice Number of entries in `Param`, so clients can list them all.
    function paramCount() external pure returns (uint256);

    /// @notice Sets one parameter within its bounds. Only the owner (the timelock).
    function setParam(Param param, uint256 value) external;

    /// @notice Sets the three fee shares, which must sum to 10000. Only the owner (the timelock).
    function setFeeSplit(uint16 workerBps, uint16 creatorBps, uint16 treasuryBps) external;

    /// @notice The account that receives protocol fees and slashed stake (the timelock).
    function treasury() external view returns (address);

    /// @notice Moves the treasury. Only the owner (the timelock).
    function setTreasury(address newTreasury) external;

    /// @notice The contract that runs audits and disputes; the market obeys its verdicts.
    function verifier() external view returns (address);

    /// @notice Replaces the verification contract. Only the owner.
    function setVerifier(address newVerifier) external;

    /// @notice The randomness source (IRandomness) for audit draws and validator selection.
    function randomness() external view returns (address);

    /// @notice Replaces the randomness source, for example with a VRF. Only the owner.
    function setRandomness(address newRandomness) external;
}
