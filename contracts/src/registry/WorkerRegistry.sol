// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IWorkerRegistry} from "../interfaces/IWorkerRegistry.sol";
import {IProtocolConfig} from "../interfaces/IProtocolConfig.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {EloMath} from "../libraries/EloMath.sol";

/// @title WorkerRegistry
/// @notice Worker stakes and profiles, served models with per-token prices, Elo and counters.
/// The market reserves capacity and records outcomes; the market and verification contracts slash.
contract WorkerRegistry is IWorkerRegistry, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.UintSet;

    /// @notice May reserve and release capacity and record outcomes.
    bytes32 public constant MARKET_ROLE = keccak256("MARKET_ROLE");
    /// @notice May slash stake.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Bounds the loop in modelsOf and keeps a worker's model set small.
    uint256 public constant MAX_MODELS_PER_WORKER = 32;
    uint256 private constant MAX_ENDPOINT = 256;
    uint256 private constant MAX_PAGE = 200;
    uint256 private constant BPS = 10_000;

    IERC20 public immutable grid;
    IProtocolConfig public immutable config;
    IModelRegistry public immutable models;

    mapping(address account => Worker) private _workers;
    mapping(address account => Stats) private _stats;
    mapping(address account => Profile) private _profiles;
    mapping(address account => mapping(uint256 modelId => ModelPrice)) private _prices;
    mapping(address account => EnumerableSet.UintSet) private _served;
    address[] private _workerList;

    /// @param grid_ The staking token.
    /// @param config_ Protocol parameters (min stake, unbonding period, Elo K).
    /// @param models_ The model registry, to refuse prices for unknown models.
    /// @param admin Role admin; the timelock after deployment.
    constructor(IERC20 grid_, IProtocolConfig config_, IModelRegistry models_, address admin) {
        if (address(grid_) == address(0) || address(config_) == address(0) || address(models_) == address(0)) {
            revert ZeroAddress();
        }
        if (admin == address(0)) revert ZeroAddress();
        grid = grid_;
        config = config_;
        models = models_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- worker actions

    /// @inheritdoc IWorkerRegistry
    function stake(uint256 amount) external nonReentrant {
        _stake(amount);
    }

    /// @inheritdoc IWorkerRegistry
    function stakeWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        // A front-run permit leaves the allowance in place, so its failure alone is not fatal.
        try IERC20Permit(address(grid)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _stake(amount);
    }

    /// @inheritdoc IWorkerRegistry
    function register(Profile calldata p) external {
        Worker storage w = _workers[msg.sender];
        if (w.registered) revert AlreadyRegistered(msg.sender);
        _checkProfile(p);
        w.registered = true;
        w.elo = uint16(EloMath.INITIAL_RATING);
        _applyProfile(w, p);
        _workerList.push(msg.sender);
        emit WorkerRegistered(msg.sender, p.endpoint, p.encryptionKey, p.region, p.capacity, p.minJobDuration);
    }

    /// @inheritdoc IWorkerRegistry
    function updateProfile(Profile calldata p) external {
        Worker storage w = _registered(msg.sender);
        _checkProfile(p);
        _applyProfile(w, p);
        emit ProfileUpdated(msg.sender, p.endpoint, p.encryptionKey, p.region, p.capacity, p.minJobDuration);
    }

    /// @inheritdoc IWorkerRegistry
    function setModelPrice(uint256 modelId, uint64 pricePerInputToken, uint64 pricePerOutputToken) external {
        _registered(msg.sender);
        (address creator, bool active) = models.modelInfo(modelId);
        if (creator == address(0)) revert IModelRegistry.UnknownModel(modelId);
        if (!active) revert ModelInactive(modelId);
        EnumerableSet.UintSet storage served = _served[msg.sender];
        if (served.add(modelId) && served.length() > MAX_MODELS_PER_WORKER) {
            revert TooManyModels(msg.sender, MAX_MODELS_PER_WORKER);
        }
        _prices[msg.sender][modelId] = ModelPrice(pricePerInputToken, pricePerOutputToken, true);
        emit ModelPriceSet(msg.sender, modelId, pricePerInputToken, pricePerOutputToken);
    }

    /// @inheritdoc IWorkerRegistry
    function removeModel(uint256 modelId) external {
        if (!_served[msg.sender].remove(modelId)) revert ModelNotServed(msg.sender, modelId);
        delete _prices[msg.sender][modelId];
        emit ModelRemoved(msg.sender, modelId);
    }

    /// @inheritdoc IWorkerRegistry
    function setPaused(bool paused) external {
        _registered(msg.sender).paused = paused;
        emit PausedSet(msg.sender, paused);
    }

    /// @inheritdoc IWorkerRegistry
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Worker storage w = _workers[msg.sender];
        if (amount > w.stake) revert UnbondExceedsStake(amount, w.stake);
        w.stake -= uint128(amount);
        w.unbonding += uint128(amount);
        uint64 readyAt = uint64(block.timestamp) + config.params().unbondingPeriod;
        w.unbondingReadyAt = readyAt;
        emit UnbondRequested(msg.sender, amount, w.unbonding, readyAt);
    }

    /// @inheritdoc IWorkerRegistry
    function withdrawUnbonded() external nonReentrant {
        Worker storage w = _workers[msg.sender];
        uint256 amount = w.unbonding;
        if (amount == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < w.unbondingReadyAt) revert UnbondingNotReady(w.unbondingReadyAt, block.timestamp);
        // Stake must stay slashable while a job that could still time out is open.
        if (w.activeJobs != 0) revert HasActiveJobs(msg.sender, w.activeJobs);
        w.unbonding = 0;
        w.unbondingReadyAt = 0;
        emit UnbondWithdrawn(msg.sender, amount);
        grid.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- market and slasher hooks

    /// @inheritdoc IWorkerRegistry
    function reserve(
        address account,
        uint256 modelId,
        uint256 maxPricePerInputToken,
        uint256 maxPricePerOutputToken,
        uint256 duration
    ) external onlyRole(MARKET_ROLE) returns (uint64 pricePerInputToken, uint64 pricePerOutputToken) {
        Worker storage w = _workers[account];
        if (!w.registered || w.paused) revert WorkerUnavailable(account);
        uint256 minStake = config.params().minWorkerStake;
        if (w.stake < minStake) revert InsufficientStake(account, w.stake, minStake);
        ModelPrice memory price = _prices[account][modelId];
        if (!price.served) revert ModelNotServed(account, modelId);
        if (price.pricePerInputToken > maxPricePerInputToken) {
            revert PriceAboveMax(account, modelId, price.pricePerInputToken, maxPricePerInputToken);
        }
        if (price.pricePerOutputToken > maxPricePerOutputToken) {
            revert PriceAboveMax(account, modelId, price.pricePerOutputToken, maxPricePerOutputToken);
        }
        if (duration < w.minJobDuration) revert JobDurationTooShort(account, duration, w.minJobDuration);
        if (w.activeJobs >= w.capacity) revert WorkerAtCapacity(account, w.capacity);
        uint16 active = w.activeJobs + 1;
        w.activeJobs = active;
        emit JobReserved(account, active);
        return (price.pricePerInputToken, price.pricePerOutputToken);
    }

    /// @inheritdoc IWorkerRegistry
    function release(address account) external onlyRole(MARKET_ROLE) {
        Worker storage w = _workers[account];
        // The market releases exactly what it reserved; the guard keeps a bug from underflowing.
        if (w.activeJobs != 0) {
            uint16 active = w.activeJobs - 1;
            w.activeJobs = active;
            emit JobReleased(account, active);
        }
    }

    /// @inheritdoc IWorkerRegistry
    function recordOutcome(address account, bool success, uint256 tokens) external onlyRole(MARKET_ROLE) {
        Worker storage w = _workers[account];
        Stats storage s = _stats[account];
        if (success) {
            s.jobsDone += 1;
            s.tokensServed += uint128(tokens);
        } else {
            s.jobsFailed += 1;
        }
        uint16 oldElo = w.elo;
        // The opponent is the network's reference rating: delivering is a win, failing a loss.
        uint16 newElo = uint16(EloMath.update(oldElo, EloMath.INITIAL_RATING, success, config.params().eloK));
        w.elo = newElo;
        emit OutcomeRecorded(account, success, tokens, oldElo, newElo);
    }

    /// @inheritdoc IWorkerRegistry
    function slash(address account, uint256 bps, address recipient)
        external
        onlyRole(SLASHER_ROLE)
        nonReentrant
        returns (uint256 amount)
    {
        if (bps > BPS) revert InvalidBps(bps);
        if (recipient == address(0)) revert ZeroAddress();
        Worker storage w = _workers[account];
        uint256 total = uint256(w.stake) + w.unbonding;
        amount = (total * bps) / BPS;
        if (amount == 0) return 0;
        uint256 fromStake = amount <= w.stake ? amount : w.stake;
        w.stake -= uint128(fromStake);
        w.unbonding -= uint128(amount - fromStake);
        emit Slashed(account, amount, bps, recipient);
        grid.safeTransfer(recipient, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IWorkerRegistry
    function worker(address account) external view returns (Worker memory) {
        return _workers[account];
    }

    /// @inheritdoc IWorkerRegistry
    function profile(address account) external view returns (Profile memory) {
        return _profiles[account];
    }

    /// @inheritdoc IWorkerRegistry
    function stats(address account) external view returns (Stats memory) {
        return _stats[account];
    }

    /// @inheritdoc IWorkerRegistry
    function modelPrice(address account, uint256 modelId) external view returns (ModelPrice memory) {
        return _prices[account][modelId];
    }

    /// @inheritdoc IWorkerRegistry
    function modelsOf(address account) external view returns (uint256[] memory) {
        return _served[account].values();
    }

    /// @inheritdoc IWorkerRegistry
    function workers(uint256 offset, uint256 limit) external view returns (address[] memory page) {
        uint256 n = _workerList.length;
        if (limit > MAX_PAGE) limit = MAX_PAGE;
        if (offset >= n) return new address[](0);
        uint256 end = offset + limit > n ? n : offset + limit;
        page = new address[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = _workerList[i];
        }
    }

    /// @inheritdoc IWorkerRegistry
    function workerCount() external view returns (uint256) {
        return _workerList.length;
    }

    // ---------------------------------------------------------------- internals

    function _stake(uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        Worker storage w = _workers[msg.sender];
        uint256 total = uint256(w.stake) + amount;
        w.stake = uint128(total);
        emit Staked(msg.sender, amount, total);
        grid.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _registered(address account) private view returns (Worker storage w) {
        w = _workers[account];
        if (!w.registered) revert NotRegistered(account);
    }

    function _checkProfile(Profile calldata p) private pure {
        uint256 len = bytes(p.endpoint).length;
        if (len == 0 || len > MAX_ENDPOINT) revert InvalidEndpoint();
        if (p.capacity == 0) revert InvalidCapacity(p.capacity);
    }

    function _applyProfile(Worker storage w, Profile calldata p) private {
        w.capacity = p.capacity;
        w.minJobDuration = p.minJobDuration;
        w.region = p.region;
        _profiles[msg.sender] = p;
    }
}
