// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IProtocolConfig} from "../interfaces/IProtocolConfig.sol";

/// @title ProtocolConfig
/// @notice Every tunable number of InferGrid. Each value has hard bounds checked on every set, so
/// not even a passed proposal can move a parameter to a value the contracts were not written for.
/// The owner is the DAO's timelock.
contract ProtocolConfig is IProtocolConfig, Ownable {
    uint256 private constant BPS = 10_000;
    uint256 private constant PARAM_COUNT = 14;

    Params private _params;
    /// @inheritdoc IProtocolConfig
    address public treasury;

    /// @param owner_ The timelock.
    /// @param treasury_ Receives protocol fees and slashed stake (the timelock).
    /// @param initial Starting values; each must lie within its bounds.
    constructor(address owner_, address treasury_, Params memory initial) Ownable(owner_) {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasuryChanged(address(0), treasury_);
        for (uint256 i; i < PARAM_COUNT; ++i) {
            Param p = Param(i);
            if (_isFeeShare(p)) continue;
            uint256 value = _read(initial, p);
            _set(p, value);
            emit ParamChanged(p, 0, value);
        }
        _setFeeSplit(initial.workerShareBps, initial.creatorShareBps, initial.treasuryShareBps);
    }

    /// @inheritdoc IProtocolConfig
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IProtocolConfig
    function getParam(Param param) external view returns (uint256) {
        return _read(_params, param);
    }

    /// @inheritdoc IProtocolConfig
    function paramCount() external pure returns (uint256) {
        return PARAM_COUNT;
    }

    /// @inheritdoc IProtocolConfig
    function paramBounds(Param param) public pure returns (uint256 min, uint256 max) {
        if (param == Param.MinWorkerStake) return (1e18, 1e27);
        if (param == Param.UnbondingPeriod) return (1 hours, 90 days);
        if (param == Param.JobTimeout) return (1 minutes, 7 days);
        if (param == Param.ChallengeWindow) return (10 seconds, 7 days);
        if (param == Param.DeclineWindow) return (5 seconds, 1 hours);
        if (param == Param.RevealWindow) return (10 seconds, 1 days);
        if (param == Param.MaxRedundancy) return (1, 8);
        if (param == Param.SlashMissedBps) return (0, 5_000);
        if (param == Param.SlashFraudBps) return (0, BPS);
        if (param == Param.EloK) return (1, 64);
        if (param == Param.AuditRateBps) return (0, BPS);
        if (param == Param.WorkerShareBps) return (5_000, BPS);
        // Creator and treasury shares.
        return (0, 5_000);
    }

    /// @inheritdoc IProtocolConfig
    function setParam(Param param, uint256 value) external onlyOwner {
        if (_isFeeShare(param)) revert FeeShareNeedsSetFeeSplit(param);
        uint256 oldValue = _read(_params, param);
        _set(param, value);
        emit ParamChanged(param, oldValue, value);
    }

    /// @inheritdoc IProtocolConfig
    function setFeeSplit(uint16 workerBps, uint16 creatorBps, uint16 treasuryBps) external onlyOwner {
        _setFeeSplit(workerBps, creatorBps, treasuryBps);
    }

    /// @inheritdoc IProtocolConfig
    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert ZeroAddress();
        emit TreasuryChanged(treasury, newTreasury);
        treasury = newTreasury;
    }

    function _setFeeSplit(uint16 workerBps, uint16 creatorBps, uint16 treasuryBps) private {
        if (
            uint256(workerBps) + creatorBps + treasuryBps != BPS || !_inBounds(Param.WorkerShareBps, workerBps)
                || !_inBounds(Param.CreatorShareBps, creatorBps) || !_inBounds(Param.TreasuryShareBps, treasuryBps)
        ) revert InvalidFeeSplit(workerBps, creatorBps, treasuryBps);
        _params.workerShareBps = workerBps;
        _params.creatorShareBps = creatorBps;
        _params.treasuryShareBps = treasuryBps;
        emit FeeSplitChanged(workerBps, creatorBps, treasuryBps);
    }

    function _inBounds(Param param, uint256 value) private pure returns (bool) {
        (uint256 min, uint256 max) = paramBounds(param);
        return value >= min && value <= max;
    }

    /// @dev Every bound fits its field's type, so the casts below never truncate.
    function _set(Param param, uint256 value) private {
        (uint256 min, uint256 max) = paramBounds(param);
        if (value < min || value > max) revert ParamOutOfBounds(param, value, min, max);
        if (param == Param.MinWorkerStake) _params.minWorkerStake = uint128(value);
        else if (param == Param.UnbondingPeriod) _params.unbondingPeriod = uint32(value);
        else if (param == Param.JobTimeout) _params.jobTimeout = uint32(value);
        else if (param == Param.ChallengeWindow) _params.challengeWindow = uint32(value);
        else if (param == Param.DeclineWindow) _params.declineWindow = uint32(value);
        else if (param == Param.RevealWindow) _params.revealWindow = uint32(value);
        else if (param == Param.MaxRedundancy) _params.maxRedundancy = uint8(value);
        else if (param == Param.SlashMissedBps) _params.slashMissedBps = uint16(value);
        else if (param == Param.SlashFraudBps) _params.slashFraudBps = uint16(value);
        else if (param == Param.EloK) _params.eloK = uint16(value);
        else _params.auditRateBps = uint16(value);
    }

    function _read(Params memory p, Param param) private pure returns (uint256) {
        if (param == Param.MinWorkerStake) return p.minWorkerStake;
        if (param == Param.UnbondingPeriod) return p.unbondingPeriod;
        if (param == Param.JobTimeout) return p.jobTimeout;
        if (param == Param.ChallengeWindow) return p.challengeWindow;
        if (param == Param.DeclineWindow) return p.declineWindow;
        if (param == Param.RevealWindow) return p.revealWindow;
        if (param == Param.MaxRedundancy) return p.maxRedundancy;
        if (param == Param.SlashMissedBps) return p.slashMissedBps;
        if (param == Param.SlashFraudBps) return p.slashFraudBps;
        if (param == Param.EloK) return p.eloK;
        if (param == Param.AuditRateBps) return p.auditRateBps;
        if (param == Param.WorkerShareBps) return p.workerShareBps;
        if (param == Param.CreatorShareBps) return p.creatorShareBps;
        return p.treasuryShareBps;
    }

    function _isFeeShare(Param param) private pure returns (bool) {
        return param == Param.WorkerShareBps || param == Param.CreatorShareBps || param == Param.TreasuryShareBps;
    }
}
