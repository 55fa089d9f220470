// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IVerificationCourt} from "../interfaces/IVerificationCourt.sol";
import {IValidatorRegistry} from "../interfaces/IValidatorRegistry.sol";
import {IProtocolConfig} from "../interfaces/IProtocolConfig.sol";
import {IRandomness} from "../interfaces/IRandomness.sol";
import {IJobMarket} from "../interfaces/IJobMarket.sol";

/// @title VerificationCourt
/// @notice Runs audits, disputes and challenges: draws validators, collects commit-reveal votes,
/// penalizes validators who fail or vote against the majority, and hands the verdict to the
/// market, which slashes workers and pays or refunds exactly once.
/// @dev Resolution rule: the verdict with a strict majority of the REVEALED votes wins. Without
/// one (no reveals, or a tie), the case is re-drawn once with fresh randomness; a second failure
/// ends in the market's fallback: an agreed result (audit, challenge) stands and is paid; a
/// dispute between workers is refunded to the poster; no worker is slashed either way.
/// Validators who did not reveal are slashed in every outcome.
contract VerificationCourt is IVerificationCourt {

    IJobMarket public immutable market;
    IValidatorRegistry public immutable validatorRegistry;
    IProtocolConfig public immutable config;

    mapping(uint256 jobId => Case) private _cases;
    mapping(uint256 jobId => mapping(uint256 index => Ballot)) private _ballots;

    /// @param market_ The job market whose cases this court judges.
    /// @param validators_ The validator registry (draws, case counts, slashing).
    /// @param config_ Protocol parameters.
    constructor(IJobMarket market_, IValidatorRegistry validators_, IProtocolConfig config_) {
        market = market_;
        validatorRegistry = validators_;
        config = config_;
    }

    /// @inheritdoc IVerificationCourt
    function openCase(uint256 jobId, CaseKind kind, bytes32 seed) external returns (uint256 drawn) {
        if (msg.sender != address(market)) revert NotMarket(msg.sender);
        Case storage c = _cases[jobId];
        if (c.status != CaseStatus.None && c.status != CaseStatus.Resolved) revert CaseAlreadyOpen(jobId);
        delete _cases[jobId];
        c.kind = kind;
        if (seed != bytes32(0)) {
            emit CaseOpened(jobId, kind, 0);
            drawn = _draw(jobId, c, seed);
            if (drawn == 0) c.status = CaseStatus.Resolved;
            else if (kind == CaseKind.Audit) emit AuditRequested(jobId, _drawnList(jobId, drawn));
        } else {
            uint256 requestId = _checkedRequest();
            c.status = CaseStatus.AwaitingDraw;
            c.randomnessRequest = uint40(requestId);
            emit CaseOpened(jobId, kind, requestId);
        }
    }

    /// @inheritdoc IVerificationCourt
    function drawValidators(uint256 jobId) external {
        Case storage c = _cases[jobId];
        if (c.status != CaseStatus.AwaitingDraw) revert WrongCaseStatus(jobId, c.status);
        IRandomness source = _randomness();
        (IRandomness.Status s, bytes32 seed) = source.read(c.randomnessRequest);
        if (s == IRandomness.Status.Pending) revert RandomnessPending(jobId, c.randomnessRequest);
        if (s == IRandomness.Status.Expired) {
            uint256 renewed = _checkedRequest();
            emit RandomnessExpired(jobId, c.randomnessRequest, renewed);
            c.randomnessRequest = uint40(renewed);
            return;
        }
        if (_draw(jobId, c, keccak256(abi.encode(seed, jobId, c.round))) == 0) {
            // Nobody eligible to judge: settle on the market's fallback.
            c.status = CaseStatus.Resolved;
            emit CaseResolved(jobId, false, bytes32(0), 0, 0);
            market.resolveCase(jobId, false, bytes32(0), new address[](0), 0);
        }
    }

    /// @inheritdoc IVerificationCourt
    function commitVote(uint256 jobId, bytes32 sealedVerdict) external {
        Case storage c = _cases[jobId];
        if (c.status != CaseStatus.Voting) revert WrongCaseStatus(jobId, c.status);
        if (block.timestamp > c.commitEndsAt) revert CommitWindowClosed(jobId, c.commitEndsAt);
        Ballot storage b = _ballotOf(jobId, c.drawn, msg.sender);
        if (b.status != BallotStatus.Drawn) revert AlreadyVoted(jobId, msg.sender, b.status);
        b.status = BallotStatus.Committed;
        b.vote = sealedVerdict;
        c.committed += 1;
        emit VoteCommitted(jobId, msg.sender, sealedVerdict);
    }

    /// @inheritdoc IVerificationCourt
    function revealVote(uint256 jobId, bytes32 verdict, bytes32 salt) external {
        Case storage c = _cases[jobId];
        if (c.status != CaseStatus.Voting) revert WrongCaseStatus(jobId, c.status);
        if (c.committed < c.drawn && block.timestamp <= c.commitEndsAt) revert RevealNotOpen(jobId, c.commitEndsAt);
        if (block.timestamp > c.revealEndsAt) revert RevealWindowClosed(jobId, c.revealEndsAt);
        Ballot storage b = _ballotOf(jobId, c.drawn, msg.sender);
        if (b.status != BallotStatus.Committed) revert AlreadyVoted(jobId, msg.sender, b.status);
        // The seal binds the validator's address: copying another validator's seal never opens.
        if (keccak256(abi.encode(verdict, msg.sender, salt)) != b.vote) revert SealMismatch(jobId, msg.sender);
        b.status = BallotStatus.Revealed;
        b.vote = verdict;
        c.revealed += 1;
        emit VoteRevealed(jobId, msg.sender, verdict);
    }

    /// @inheritdoc IVerificationCourt
    function resolve(uint256 jobId) external {
        Case storage c = _cases[jobId];
        if (c.status != CaseStatus.Voting) revert WrongCaseStatus(jobId, c.status);
        if (c.revealed < c.drawn && block.timestamp <= c.revealEndsAt) revert VotingNotOver(jobId, c.revealEndsAt);
        uint256 n = c.drawn;
        (bytes32 verdict, uint256 votesFor) = _tally(jobId, n);
        bool majority = votesFor * 2 > c.revealed;
        IProtocolConfig.VerificationParams memory vp = config.verificationParams();
        address[] memory winners = new address[](majority ? votesFor : 0);
        uint256 slashed;
        uint256 w;
        for (uint256 i; i < n; ++i) {
            Ballot storage b = _ballots[jobId][i];
            bool revealed = b.status == BallotStatus.Revealed;
            validatorRegistry.release(b.validator);
            if (majority && revealed && b.vote == verdict) {
                winners[w++] = b.validator;
            } else if (!revealed || majority) {
                // Not revealing is always penalized; a wrong vote only when there is a majority.
                uint256 amount = validatorRegistry.slash(b.validator, vp.validatorSlashBps, address(market));
                slashed += amount;
                emit ValidatorPenalized(jobId, b.validator, amount, revealed);
            }
        }
        if (!majority && c.round == 0) {
            c.round = 1;
            c.status = CaseStatus.AwaitingDraw;
            uint256 requestId = _checkedRequest();
            c.randomnessRequest = uint40(requestId);
            emit CaseRedrawn(jobId, requestId);
            if (slashed != 0) market.absorbSlashed(jobId, slashed);
            return;
        }
        c.status = CaseStatus.Resolved;
        emit CaseResolved(jobId, majority, majority ? verdict : bytes32(0), votesFor, c.revealed);
        market.resolveCase(jobId, majority, majority ? verdict : bytes32(0), winners, slashed);
    }

    /// @inheritdoc IVerificationCourt
    function getCase(uint256 jobId) external view returns (Case memory) {
        return _cases[jobId];
    }

    /// @inheritdoc IVerificationCourt
    function ballots(uint256 jobId) external view returns (Ballot[] memory list) {
        uint256 n = _cases[jobId].drawn;
        list = new Ballot[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _ballots[jobId][i];
        }
    }

    function _draw(uint256 jobId, Case storage c, bytes32 seed) private returns (uint256 drawn) {
        IProtocolConfig.VerificationParams memory vp = config.verificationParams();
        uint256 want = c.kind == CaseKind.Audit ? vp.validatorsPerAudit : vp.validatorsPerDispute;
        address[] memory chosen = validatorRegistry.select(seed, want, _excluded(jobId));
        drawn = chosen.length;
        for (uint256 i; i < drawn; ++i) {
            _ballots[jobId][i] = Ballot({validator: chosen[i], status: BallotStatus.Drawn, vote: bytes32(0)});
            validatorRegistry.assign(chosen[i]);
        }
        if (drawn == 0) return 0;
        uint40 commitEndsAt = uint40(block.timestamp + vp.voteCommitWindow);
        uint40 revealEndsAt = commitEndsAt + vp.voteRevealWindow;
        c.status = CaseStatus.Voting;
        c.drawn = uint8(drawn);
        c.committed = 0;
        c.revealed = 0;
        c.randomnessRequest = 0;
        c.commitEndsAt = commitEndsAt;
        c.revealEndsAt = revealEndsAt;
        emit ValidatorsDrawn(jobId, c.round, chosen, commitEndsAt, revealEndsAt);
    }

    /// @dev A job's poster and named workers never judge it.
    function _excluded(uint256 jobId) private view returns (address[] memory list) {
        IJobMarket.Assignment[] memory a = market.assignments(jobId);
        list = new address[](a.length + 1);
        for (uint256 i; i < a.length; ++i) {
            list[i] = a[i].worker;
        }
        list[a.length] = market.job(jobId).poster;
    }

    /// @dev The most revealed verdict and its count (first seen wins a tie; a tie is never a majority).
    function _tally(uint256 jobId, uint256 n) private view returns (bytes32 best, uint256 bestCount) {
        for (uint256 i; i < n; ++i) {
            Ballot storage b = _ballots[jobId][i];
            if (b.status != BallotStatus.Revealed) continue;
            uint256 count;
            for (uint256 j; j < n; ++j) {
                Ballot storage o = _ballots[jobId][j];
                if (o.status == BallotStatus.Revealed && o.vote == b.vote) ++count;
            }
            if (count > bestCount) (best, bestCount) = (b.vote, count);
        }
    }

    function _ballotOf(uint256 jobId, uint256 n, address account) private view returns (Ballot storage b) {
        for (uint256 i; i < n; ++i) {
            b = _ballots[jobId][i];
            if (b.validator == account) return b;
        }
        revert NotDrawn(jobId, account);
    }

    function _drawnList(uint256 jobId, uint256 n) private view returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _ballots[jobId][i].validator;
        }
    }

    function _randomness() private view returns (IRandomness) {
        return IRandomness(config.randomness());
    }

    /// @dev A request id that does not fit the 40 bits stored would be read as another request.
    function _checkedRequest() private returns (uint256 requestId) {
        requestId = _randomness().request();
        if (requestId == 0 || requestId > type(uint40).max) revert InvalidRandomnessRequest(requestId);
    }
}
