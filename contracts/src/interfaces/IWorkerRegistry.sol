// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IWorkerRegistry
/// @notice Worker stakes, profiles, served models with prices, Elo ratings and counters.
interface IWorkerRegistry {
    /// @notice What a worker tells clients about itself.
    struct Profile {
        string endpoint; // HTTPS URL of the worker's API
        bytes32 encryptionKey; // X25519 public key that job inputs are encrypted to
        uint16 region; // ISO 3166-1 numeric country code, 0 when unspecified
        uint16 capacity; // most jobs it runs at once
        uint32 minJobDuration; // shortest (deadline - post time) it accepts, seconds
    }

    /// @notice A worker's stake and live state, packed in two slots.
    struct Worker {
        uint128 stake; // bonded, slashable, counts for eligibility
        uint128 unbonding; // leaving, still slashable until withdrawn
        uint64 unbondingReadyAt; // when `unbonding` can be withdrawn
        uint16 elo; // Elo rating, starts at 1500
        uint16 capacity;
        uint16 activeJobs; // jobs assigned and not yet released
        uint32 minJobDuration;
        uint16 region;
        bool registered;
        bool paused; // the worker took itself offline
    }

    /// @notice Counters that reward schemes and leaderboards read.
    struct Stats {
        uint64 jobsDone;
        uint64 jobsFailed;
        uint128 tokensServed;
    }

    /// @notice A worker's per-token prices for one model, in GRID wei.
    struct ModelPrice {
        uint64 pricePerInputToken;
        uint64 pricePerOutputToken;
        bool served;
    }

    error ZeroAmount();
    error AlreadyRegistered(address worker);
    error NotRegistered(address worker);
    error WorkerUnavailable(address worker);
    error InsufficientStake(address worker, uint256 stake, uint256 required);
    error ModelNotServed(address worker, uint256 modelId);
    error ModelInactive(uint256 modelId);
    error PriceAboveMax(address worker, uint256 modelId, uint256 price, uint256 maxPrice);
    error JobDurationTooShort(address worker, uint256 duration, uint256 minDuration);
    error WorkerAtCapacity(address worker, uint256 capacity);
    error InvalidCapacity(uint256 capacity);
    error InvalidEndpoint();
    error TooManyModels(address worker, uint256 maxModels);
    error UnbondExceedsStake(uint256 requested, uint256 staked);
    error NothingUnbonding(address worker);
    error UnbondingNotReady(uint256 readyAt, uint256 nowTimestamp);
    error HasActiveJobs(address worker, uint256 activeJobs);
    error InvalidBps(uint256 bps);
    error ZeroAddress();

    event Staked(address indexed worker, uint256 amount, uint256 totalStake);
    event WorkerRegistered(address indexed worker, string endpoint, bytes32 encryptionKey, uint16 region, uint16 capacity, uint32 minJobDuration);
    event ProfileUpdated(address indexed worker, string endpoint, bytes32 encryptionKey, uint16 region, uint16 capacity, uint32 minJobDuration);
    event ModelPriceSet(address indexed worker, uint256 indexed modelId, uint64 pricePerInputToken, uint64 pricePerOutputToken);
    event ModelRemoved(address indexed worker, uint256 indexed modelId);
    event PausedSet(address indexed worker, bool paused);
    event UnbondRequested(address indexed worker, uint256 amount, uint256 totalUnbonding, uint64 readyAt);
    event UnbondWithdrawn(address indexed worker, uint256 amount);
    event Slashed(address indexed worker, uint256 amount, uint256 bps, address indexed recipient);
    event JobReserved(address indexed worker, uint256 activeJobs);
    event JobReleased(address indexed worker, uint256 activeJobs);
    event OutcomeRecorded(address indexed worker, bool success, uint256 tokens, uint16 oldElo, uint16 newElo);

    /// @notice Adds GRID to the caller's stake (after `approve`).
    function stake(uint256 amount) external;

    /// @notice Adds GRID to the caller's stake with an ERC-2612 permit instead of an approval.
    function stakeWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice Registers the caller as a worker with its profile. Elo starts at 1500.
    function register(Profile calldata profile) external;

    /// @notice Replaces the caller's profile.
    function updateProfile(Profile calldata profile) external;

    /// @notice Adds a model to the caller's served models, or changes its prices.
    function setModelPrice(uint256 modelId, uint64 pricePerInputToken, uint64 pricePerOutputToken) external;

    /// @notice Stops serving a model.
    function removeModel(uint256 modelId) external;

    /// @notice Takes the caller offline (no new jobs) or back online.
    function setPaused(bool paused) external;

    /// @notice Moves `amount` of stake into unbonding; the unbonding timer restarts.
    function requestUnbond(uint256 amount) external;

    /// @notice Withdraws all unbonded stake once the unbonding period has passed and no job is open.
    function withdrawUnbonded() external;

    /// @notice Checks that `worker` can take a job and counts it against its capacity. Market only.
    /// @return pricePerInputToken The worker's input price for the model, snapshotted by the market.
    /// @return pricePerOutputToken The worker's output price for the model.
    function reserve(
        address worker,
        uint256 modelId,
        uint256 maxPricePerInputToken,
        uint256 maxPricePerOutputToken,
        uint256 duration
    ) external returns (uint64 pricePerInputToken, uint64 pricePerOutputToken);

    /// @notice Frees one unit of the worker's capacity. Market only.
    function release(address worker) external;

    /// @notice Records a finished (success) or failed job: counters and Elo. Market only.
    function recordOutcome(address worker, bool success, uint256 tokens) external;

    /// @notice Slashes `bps` of the worker's stake (bonded first, then unbonding) to `recipient`.
    /// Slasher role only (market, verification).
    /// @return amount The GRID moved.
    function slash(address worker, uint256 bps, address recipient) external returns (uint256 amount);

    /// @notice A worker's stake and live state.
    function worker(address account) external view returns (Worker memory);

    /// @notice A worker's profile.
    function profile(address account) external view returns (Profile memory);

    /// @notice A worker's counters.
    function stats(address account) external view returns (Stats memory);

    /// @notice A worker's prices for a model.
    function modelPrice(address account, uint256 modelId) external view returns (ModelPrice memory);

    /// @notice The models a worker serves (at most MAX_MODELS_PER_WORKER).
    function modelsOf(address account) external view returns (uint256[] memory);

    /// @notice Registered workers in registration order, a page at a time.
    function workers(uint256 offset, uint256 limit) external view returns (address[] memory);

    /// @notice Number of registered workers.
    function workerCount() external view returns (uint256);
}
