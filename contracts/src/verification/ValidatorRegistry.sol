// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IValidatorRegistry} from "../interfaces/IValidatorRegistry.sol";
import {IProtocolConfig} from "../interfaces/IProtocolConfig.sol";

/// @title ValidatorRegistry
/// @notice Validator stakes and the stake-weighted draw. An account that is also a worker has a
/// separate worker stake in WorkerRegistry; the court never draws a job's own workers.
contract ValidatorRegistry is IValidatorRegistry, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice May assign and release cases (the verification contract).
    bytes32 public constant COURT_ROLE = keccak256("COURT_ROLE");
    /// @notice May slash (the verification contract).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Bounds every loop over the validator list.
    uint256 public constant MAX_VALIDATORS = 64;
    uint256 private constant BPS = 10_000;

    IERC20 public immutable grid;
    IProtocolConfig public immutable config;

    mapping(address account => Validator) private _validators;
    address[] private _list;
    mapping(address account => uint256 indexPlusOne) private _index;

    /// @param grid_ The staking token.
    /// @param config_ Protocol parameters (minimum validator stake, unbonding period).
    /// @param admin Role admin; the timelock after deployment.
    constructor(IERC20 grid_, IProtocolConfig config_, address admin) {
        if (address(grid_) == address(0) || address(config_) == address(0) || admin == address(0)) {
            revert ZeroAddress();
        }
        grid = grid_;
        config = config_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IValidatorRegistry
    function stake(uint256 amount) external nonReentrant {
        _stake(amount);
    }

    /// @inheritdoc IValidatorRegistry
    function stakeWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        // A front-run permit leaves the allowance in place, so its failure alone is not fatal.
        try IERC20Permit(address(grid)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _stake(amount);
    }

    /// @inheritdoc IValidatorRegistry
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Validator storage val = _validators[msg.sender];
        if (amount > val.stake) revert UnbondExceedsStake(amount, val.stake);
        val.stake -= uint128(amount);
        val.unbonding += uint128(amount);
        uint64 readyAt = uint64(block.timestamp) + config.params().unbondingPeriod;
        val.unbondingReadyAt = readyAt;
        emit ValidatorUnbondRequested(msg.sender, amount, val.unbonding, readyAt);
    }

    /// @inheritdoc IValidatorRegistry
    function withdrawUnbonded() external nonReentrant {
        Validator storage val = _validators[msg.sender];
        uint256 amount = val.unbonding;
        if (amount == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < val.unbondingReadyAt) revert UnbondingNotReady(val.unbondingReadyAt, block.timestamp);
        if (val.activeCases != 0) revert HasActiveCases(msg.sender, val.activeCases);
        val.unbonding = 0;
        val.unbondingReadyAt = 0;
        if (val.stake == 0 && val.listed) _delist(msg.sender, val);
        emit ValidatorUnbondWithdrawn(msg.sender, amount);
        grid.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IValidatorRegistry
    function assign(address account) external onlyRole(COURT_ROLE) {
        uint32 n = _validators[account].activeCases + 1;
        _validators[account].activeCases = n;
        emit CaseAssigned(account, n);
    }

    /// @inheritdoc IValidatorRegistry
    function release(address account) external onlyRole(COURT_ROLE) {
        Validator storage val = _validators[account];
        if (val.activeCases != 0) {
            uint32 n = val.activeCases - 1;
            val.activeCases = n;
            emit CaseReleased(account, n);
        }
    }

    /// @inheritdoc IValidatorRegistry
    function slash(address account, uint256 bps, address recipient)
        external
        onlyRole(SLASHER_ROLE)
        nonReentrant
        returns (uint256 amount)
    {
        if (bps > BPS) revert InvalidBps(bps);
        if (recipient == address(0)) revert ZeroAddress();
        Validator storage val = _validators[account];
        amount = ((uint256(val.stake) + val.unbonding) * bps) / BPS;
        if (amount == 0) return 0;
        uint256 fromStake = amount <= val.stake ? amount : val.stake;
        val.stake -= uint128(fromStake);
        val.unbonding -= uint128(amount - fromStake);
        emit ValidatorSlashed(account, amount, bps, recipient);
        grid.safeTransfer(recipient, amount);
    }

    /// @inheritdoc IValidatorRegistry
    function select(bytes32 seed, uint256 count, address[] calldata exclude)
        external
        view
        returns (address[] memory chosen)
    {
        uint256 minStake = config.verificationParams().minValidatorStake;
        uint256 n = _list.length;
        // Weight per listed validator; 0 when ineligible, excluded or already chosen.
        uint256[] memory weight = new uint256[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            address a = _list[i];
            uint256 s = _validators[a].stake;
            if (s < minStake || _contains(exclude, a)) continue;
            weight[i] = s;
            total += s;
        }
        chosen = new address[](count);
        uint256 picked;
        for (; picked < count && total != 0; ++picked) {
            uint256 r = uint256(keccak256(abi.encode(seed, picked))) % total;
            uint256 i;
            // Walk the cumulative weights; r < total guarantees a hit.
            while (r >= weight[i]) {
                r -= weight[i];
                ++i;
            }
            chosen[picked] = _list[i];
            total -= weight[i];
            weight[i] = 0;
        }
        assembly ("memory-safe") {
            mstore(chosen, picked)
        }
    }

    /// @inheritdoc IValidatorRegistry
    function prune(address account) external {
        Validator storage val = _validators[account];
        uint256 minStake = config.verificationParams().minValidatorStake;
        if (!val.listed || val.stake >= minStake || val.activeCases != 0) revert NotPrunable(account);
        _delist(account, val);
    }

    /// @inheritdoc IValidatorRegistry
    function validator(address account) external view returns (Validator memory) {
        return _validators[account];
    }

    /// @inheritdoc IValidatorRegistry
    function validators() external view returns (address[] memory) {
        return _list;
    }

    function _stake(uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        Validator storage val = _validators[msg.sender];
        uint256 total = uint256(val.stake) + amount;
        // Only a full minimum stake takes a place in the bounded list, so filling it costs
        // MAX_VALIDATORS minimum stakes.
        if (!val.listed && total >= config.verificationParams().minValidatorStake) {
            if (_list.length >= MAX_VALIDATORS) revert ValidatorSetFull(MAX_VALIDATORS);
            val.listed = true;
            _list.push(msg.sender);
            _index[msg.sender] = _list.length;
            emit ValidatorListed(msg.sender);
        }
        val.stake = uint128(total);
        emit ValidatorStaked(msg.sender, amount, total);
        grid.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _delist(address account, Validator storage val) private {
        uint256 i = _index[account] - 1;
        address last = _list[_list.length - 1];
        _list[i] = last;
        _index[last] = i + 1;
        _list.pop();
        delete _index[account];
        val.listed = false;
        emit ValidatorDelisted(account);
    }

    function _contains(address[] calldata list, address a) private pure returns (bool) {
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == a) return true;
        }
        return false;
    }
}
