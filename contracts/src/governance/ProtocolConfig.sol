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
    uint256 private constant PARAM_COUNT = 24;
    uint256 private constant FIRST_VERIFICATION_PARAM = uint256(Param.MinValidatorStake);

    Params private _params;
    VerificationParams private _vparams;
    /// @inheritdoc IProtocolConfig
    address public treasury;
    /// @inheritdoc IProtocolConfig
    address public verifier;
    /// @inheritdoc IProtocolConfig
    address public randomness;

    /// @param owner_ The timelock (or the deployer, which wires the verifier and hands over).
    /// @param treasury_ Receives protocol fees and slashed stake (the timelock).
    /// @param initial Starting values; each must lie within its bounds.
    /// @param initialVerification Starting verification values; each must lie within its bounds.
    constructor(
        address owner_,
        address treasury_,
        Params memory initial,
        VerificationParams memory initialVerification
    ) Ownable(owner_) {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasuryChanged(address(0), treasury_);
        for (uint256 i; i < PARAM_COUNT; ++i) {
            Param p = Param(i);
            if (_isFeeShare(p)) continue;
            uint256 value = i < FIRST_VERIFICATION_PARAM ? _read(initial, p) : _readVerification(initialVerification, p);
            _set(p, value);
            emit ParamChanged(p, 0, value);
        }
        _setFeeSplit(initial.workerShareBps, initial.creatorShareBps, initial.treasuryShareBps);
    }

    /// @inheritdoc IProtocolConfig
    function verificationParams() external view returns (VerificationParams memory) {
        return _vparams;
    }

    /// @inheritdoc IProtocolConfig
    function setVerifier(address newVerifier) external onlyOwner {
        if (newVerifier == address(0)) revert ZeroAddress();
        emit VerifierChanged(verifier, newVerifier);
        verifier = newVerifier;
    }

    /// @inheritdoc IProtocolConfig
    function setRandomness(address newRandomness) external onlyOwner {
        if (newRandomness == address(0)) revert ZeroAddress();
        emit RandomnessChanged(randomness, newRandomness);
        randomness = newRandomness;
    }

    /// @inheritdoc IProtocolConfig
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IProtocolConfig
    function getParam(Param param) external view returns (uint256) {
        return _get(param);
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
        if (param == Param.CreatorShareBps || param == Param.TreasuryShareBps) return (0, 5_000);
        if (param == Param.MinValidatorStake) return (1e18, 1e27);
        if (param == Param.ChallengeBond) return (1e18, 1e24);
        if (param == Param.VoteCommitWindow) return (10 seconds, 3 days);
        if (param == Param.VoteRevealWindow) return (10 seconds, 3 days);
        if (param == Param.ValidatorsPerAudit) return (1, 5);
        if (param == Param.ValidatorsPerDispute) return (1, 7);
        if (param == Param.ValidatorSlashBps) return (0, 5_000);
        if (param == Param.AuditFeeBps) return (0, 1_000);
        if (param == Param.SlashRewardBps) return (0, BPS);
        // ChallengerRewardBps
        return (0, 5_000);
    }

    /// @inheritdoc IProtocolConfig
    function setParam(Param param, uint256 value) external onlyOwner {
        if (_isFeeShare(param)) revert FeeShareNeedsSetFeeSplit(param);
        uint256 oldValue = _get(param);
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
        else if (param == Param.AuditRateBps) _params.auditRateBps = uint16(value);
        else if (param == Param.MinValidatorStake) _vparams.minValidatorStake = uint128(value);
        else if (param == Param.ChallengeBond) _vparams.challengeBond = uint96(value);
        else if (param == Param.VoteCommitWindow) _vparams.voteCommitWindow = uint32(value);
        else if (param == Param.VoteRevealWindow) _vparams.voteRevealWindow = uint32(value);
        else if (param == Param.ValidatorsPerAudit) _vparams.validatorsPerAudit = uint8(value);
        else if (param == Param.ValidatorsPerDispute) _vparams.validatorsPerDispute = uint8(value);
        else if (param == Param.ValidatorSlashBps) _vparams.validatorSlashBps = uint16(value);
        else if (param == Param.AuditFeeBps) _vparams.auditFeeBps = uint16(value);
        else if (param == Param.SlashRewardBps) _vparams.slashRewardBps = uint16(value);
        else _vparams.challengerRewardBps = uint16(value);
    }

    function _get(Param param) private view returns (uint256) {
        return uint256(param) < FIRST_VERIFICATION_PARAM ? _read(_params, param) : _readVerification(_vparams, param);
    }

    function _readVerification(VerificationParams memory v, Param param) private pure returns (uint256) {
        if (param == Param.MinValidatorStake) return v.minValidatorStake;
        if (param == Param.ChallengeBond) return v.challengeBond;
        if (param == Param.VoteCommitWindow) return v.voteCommitWindow;
        if (param == Param.VoteRevealWindow) return v.voteRevealWindow;
        if (param == Param.ValidatorsPerAudit) return v.validatorsPerAudit;
        if (param == Param.ValidatorsPerDispute) return v.validatorsPerDispute;
        if (param == Param.ValidatorSlashBps) return v.validatorSlashBps;
        if (param == Param.AuditFeeBps) return v.auditFeeBps;
        if (param == Param.SlashRewardBps) return v.slashRewardBps;
        return v.challengerRewardBps;
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
