// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IRandomness} from "../../src/interfaces/IRandomness.sol";
import {InferGridFixture} from "./utils/InferGridFixture.sol";
import {vm} from "./utils/Vm.sol";

/// @dev A randomness source whose request ids are large, as a VRF coordinator's are (uint256 hashes).
contract WideIdRandomness is IRandomness {
    mapping(uint256 => uint256) public requestedAt;
    uint256 public last;

    function request() external returns (uint256 id) {
        id = uint256(keccak256(abi.encode(block.timestamp, last))) | 1;
        requestedAt[id] = block.timestamp;
        last = id;
    }

    function read(uint256 id) external view returns (Status, bytes32) {
        if (requestedAt[id] == 0) return (Status.Pending, bytes32(0)); // unknown id: never fulfilled
        return (Status.Ready, keccak256(abi.encode(id)));
    }
}

contract MarketRegressionsTest is InferGridFixture {
    function setUp() public {
        _deployProtocol();
    }

    function _postOne(uint256 duration) internal returns (uint256 id, address w) {
        w = workers[0];
        address[] memory named = new address[](1);
        named[0] = w;
        IJobMarket.JobRequest memory req;
        req.modelId = modelId;
        req.workers = named;
        req.inputHash = keccak256("input");
        req.inputURI = "ipfs://in";
        req.maxInputTokens = 10;
        req.maxOutputTokens = 10;
        (uint64 pin, uint64 pout) = _workerPrices(0);
        req.maxPricePerInputToken = pin;
        req.maxPricePerOutputToken = pout;
        req.deadline = uint32(block.timestamp + duration);
        vm.prank(posters[0]);
        id = market.postJob(req);
    }

    /// Regression: a worker that missed the deadline could decline (no slash) while the decline
    /// window was still open, front-running claimTimeout, whenever the job was shorter than the window.
    function test_decline_afterDeadline_reverts_soTimeoutSlashes() public {
        (uint256 id, address w) = _postOne(60); // the worker's minimum duration; decline window is 120 s
        vm.warp(block.timestamp + 90); // deadline passed, nothing delivered
        uint256 stakeBefore = registry.worker(w).stake;
        vm.prank(w);
        try market.decline(id) {
            assertEq(registry.worker(w).stake, stakeBefore, "(declined without penalty)");
            revert("decline accepted after the deadline: the missed-deadline slash was dodged");
        } catch {}
    }

    /// Regression: a randomness source with ids wider than the 40 bits stored used to have its id
    /// truncated into another request's, so the job could never be finalized; now such a job
    /// simply gets no audit draw and finalizes.
    function test_randomnessIdOver40Bits_isNeverTruncated() public {
        WideIdRandomness source = new WideIdRandomness();
        config.setRandomness(address(source));
        (uint256 id, address w) = _postOne(600);
        vm.prank(w);
        market.submitResult(id, keccak256("result"), "ipfs://out", 1, 1);
        // The source has long fulfilled the request, but the market reads a truncated id.
        vm.warp(block.timestamp + 30 days);
        try market.finalize(id) {} catch (bytes memory err) {
            assertEq(uint256(market.job(id).auditRequest), source.last(), "stored audit request id");
            revert(string(err));
        }
    }

    /// Regression: before the deadline, claimTimeout used to name deadline + 1 as the time it opens,
    /// even when committed seals keep it closed until the end of the reveal window.
    function test_claimTimeout_namesTheRealOpeningTime() public {
        address[] memory named = new address[](2);
        named[0] = workers[0];
        named[1] = workers[1];
        IJobMarket.JobRequest memory req;
        req.modelId = modelId;
        req.workers = named;
        req.inputHash = keccak256("input");
        req.inputURI = "ipfs://in";
        req.maxInputTokens = 10;
        req.maxOutputTokens = 10;
        req.maxPricePerInputToken = 1e12;
        req.maxPricePerOutputToken = 1e12;
        req.deadline = uint32(block.timestamp + 600);
        vm.prank(posters[0]);
        uint256 id = market.postJob(req);
        vm.prank(workers[0]);
        market.commitResult(id, keccak256("seal"));
        uint256 hinted;
        try market.claimTimeout(id) {} catch (bytes memory err) {
            assembly { hinted := mload(add(err, 68)) }
        }
        vm.warp(hinted);
        try market.claimTimeout(id) {} catch {
            revert("claimTimeout still refused at the time its own error named");
        }
    }
}
