// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IValidatorRegistry
/// @notice Validator stakes (separate from any worker stake of the same account), unbonding,
/// slashing and the stake-weighted draw of judges.
interface IValidatorRegistry {
    struct Validator {
        uint128 stake; // bonded; counts for the draw
        uint128 unbonding; // leaving, still slashable until withdrawn
        uint64 unbondingReadyAt;
        uint32 activeCases; // cases it was drawn for and that are not resolved
        bool listed; // in the draw list
    }

    error ZeroAmount();
    error ZeroAddress();
    error ValidatorSetFull(uint256 maxValidators);
    error UnbondExceedsStake(uint256 requested, uint256 staked);
    error NothingUnbonding(address validator);
    error UnbondingNotReady(uint256 readyAt, uint256 nowTimestamp);
    error HasActiveCases(address validator, uint256 activeCases);
    error InvalidBps(uint256 bps);
    error NotPrunable(address validator);

    event ValidatorStaked(address indexed validator, uint256 amount, uint256 totalStake);
    event ValidatorUnbondRequested(address indexed validator, uint256 amount, uint256 totalUnbonding, uint64 readyAt);
    event ValidatorUnbondWithdrawn(address indexed validator, uint256 amount);
    event ValidatorSlashed(address indexed validator, uint256 amount, uint256 bps, address indexed recipient);
    event ValidatorListed(address indexed validator);
    event ValidatorDelisted(address indexed validator);
    event CaseAssigned(address indexed validator, uint256 activeCases);
    event CaseReleased(address indexed validator, uint256 activeCases);

    /// @notice Adds GRID to the caller's validator stake (after `approve`).
    function stake(uint256 amount) external;

    /// @notice Adds GRID to the caller's validator stake with an ERC-2612 permit.
    function stakeWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Moves `amount` into unbonding; the timer (ProtocolConfig.unbondingPeriod) restarts.
    function requestUnbond(uint256 amount) external;

    /// @notice Withdraws unbonded stake once the period has passed and no case is open.
    function withdrawUnbonded() external;

    /// @notice Counts a case against the validator so it cannot leave mid-case. Court only.
    function assign(address validator) external;

    /// @notice Releases a case. Court only.
    function release(address validator) external;

    /// @notice Slashes `bps` of the validator's stake (bonded, then unbonding) to `recipient`. Slasher only.
    /// @return amount The GRID moved.
    function slash(address validator, uint256 bps, address recipient) external returns (uint256 amount);

    /// @notice Draws up to `count` distinct validators, stake-weighted, among those staked at least
    /// the minimum and not in `exclude`. Fewer when fewer are eligible.
    function select(bytes32 seed, uint256 count, address[] calldata exclude) external view returns (address[] memory);

    /// @notice Frees the list place of a validator whose stake fell under the minimum (slashed or
    /// unbonding) and that has no open case. Anyone may call; it can stake back in later.
    function prune(address validator) external;

    /// @notice A validator's stake and state.
    function validator(address account) external view returns (Validator memory);

    /// @notice The listed validators (at most MAX_VALIDATORS).
    function validators() external view returns (address[] memory);
}
