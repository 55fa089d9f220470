import { Address } from "@graphprotocol/graph-ts";
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index";
import { FeeSplitChanged, TreasuryChanged } from "../generated/ProtocolConfig/ProtocolConfig";
import { ModelRegistered } from "../generated/ModelRegistry/ModelRegistry";
import {
  BondSettled,
  CaseSettled,
  JobChallenged,
  JobDisputed,
  ResultSubmitted,
  ValidatorRewarded,
  WorkerPaid,
  WorkerSlashedForFraud,
} from "../generated/JobMarket/JobMarket";
import { CaseOpened, CaseResolved, ValidatorsDrawn, VoteCommitted, VoteRevealed } from "../generated/VerificationCourt/VerificationCourt";
import { handleFeeSplitChanged, handleTreasuryChanged } from "../src/config";
import { handleModelRegistered } from "../src/models";
import {
  handleBondSettled,
  handleCaseSettled,
  handleJobChallenged,
  handleJobDisputed,
  handleResultSubmitted,
  handleValidatorRewarded,
  handleWorkerPaid,
  handleWorkerSlashedForFraud,
} from "../src/market";
import { handleCaseOpened, handleCaseResolved, handleValidatorsDrawn, handleVoteCommitted, handleVoteRevealed } from "../src/court";
import {
  postJob,
  CREATOR,
  POSTER,
  T0,
  TREASURY,
  VALIDATOR,
  WORKER_1,
  WORKER_2,
  WORKER_3,
  addr,
  addrs,
  big,
  bool,
  bytes32,
  fixed,
  i32p,
  mockEvent,
  str,
  uint,
} from "./utils";

function deliver(worker: Address, commitment: i32): void {
  handleResultSubmitted(
    changetype<ResultSubmitted>(
      mockEvent(T0 + 20, [
        uint("jobId", big(1)),
        addr("worker", worker),
        fixed("commitment", bytes32(commitment)),
        str("outputRef", ""),
        uint("inputTokens", big(10)),
        uint("outputTokens", big(20)),
      ]),
    ),
  );
}

describe("VerificationCourt", () => {
  afterEach(() => {
    clearStore();
  });

  test("a dispute is drawn, voted, resolved and settled", () => {
    handleTreasuryChanged(changetype<TreasuryChanged>(mockEvent(T0, [addr("previousTreasury", Address.zero()), addr("newTreasury", TREASURY)])));
    handleFeeSplitChanged(changetype<FeeSplitChanged>(mockEvent(T0, [i32p("workerBps", 7000), i32p("creatorBps", 2000), i32p("treasuryBps", 1000)])));
    handleModelRegistered(
      changetype<ModelRegistered>(
        mockEvent(T0, [uint("modelId", big(1)), addr("creator", CREATOR), fixed("manifestHash", bytes32(7)), str("name", "m"), str("uri", ""), str("format", "f")]),
      ),
    );
    postJob(1, T0 + 10, [WORKER_1, WORKER_2, WORKER_3]);
    deliver(WORKER_1, 9);
    deliver(WORKER_2, 9);
    deliver(WORKER_3, 8);
    handleJobDisputed(changetype<JobDisputed>(mockEvent(T0 + 20, [uint("jobId", big(1)), i32p("delivered", 3)])));
    handleCaseOpened(changetype<CaseOpened>(mockEvent(T0 + 20, [uint("jobId", big(1)), i32p("kind", 2), uint("randomnessRequest", big(42))])));
    assert.fieldEquals("Job", "1", "status", "Disputed");
    assert.fieldEquals("Job", "1", "latency", "10");
    assert.fieldEquals("Job", "1", "review", "1");
    assert.fieldEquals("Case", "1", "kind", "Dispute");
    assert.fieldEquals("Case", "1", "status", "AwaitingDraw");

    handleValidatorsDrawn(
      changetype<ValidatorsDrawn>(
        mockEvent(T0 + 25, [uint("jobId", big(1)), i32p("round", 0), addrs("validators", [VALIDATOR]), uint("commitEndsAt", big(T0 + 85)), uint("revealEndsAt", big(T0 + 145))]),
      ),
    );
    const vote = "1-" + VALIDATOR.toHexString();
    assert.fieldEquals("Case", "1", "status", "Voting");
    assert.fieldEquals("Case", "1", "validators", "[" + VALIDATOR.toHexString() + "]");
    assert.fieldEquals("Vote", vote, "status", "Drawn");
    handleVoteCommitted(changetype<VoteCommitted>(mockEvent(T0 + 30, [uint("jobId", big(1)), addr("validator", VALIDATOR), fixed("sealedVerdict", bytes32(5))])));
    handleVoteRevealed(changetype<VoteRevealed>(mockEvent(T0 + 90, [uint("jobId", big(1)), addr("validator", VALIDATOR), fixed("verdict", bytes32(9))])));
    assert.fieldEquals("Vote", vote, "status", "Revealed");
    assert.fieldEquals("Vote", vote, "verdict", bytes32(9).toHexString());
    handleCaseResolved(
      changetype<CaseResolved>(
        mockEvent(T0 + 91, [uint("jobId", big(1)), bool("hasVerdict", true), fixed("verdict", bytes32(9)), uint("votesFor", big(1)), uint("revealed", big(1))]),
      ),
    );
    assert.fieldEquals("Case", "1", "status", "Resolved");
    assert.fieldEquals("Case", "1", "hasVerdict", "true");

    // Two matching workers paid (10 x 10 + 20 x 20 = 500 each), the third slashed.
    handleWorkerPaid(changetype<WorkerPaid>(mockEvent(T0 + 91, [uint("jobId", big(1)), addr("worker", WORKER_1), uint("fee", big(500)), uint("workerAmount", big(350))])));
    handleWorkerPaid(changetype<WorkerPaid>(mockEvent(T0 + 91, [uint("jobId", big(1)), addr("worker", WORKER_2), uint("fee", big(500)), uint("workerAmount", big(350))])));
    handleWorkerSlashedForFraud(
      changetype<WorkerSlashedForFraud>(mockEvent(T0 + 91, [uint("jobId", big(1)), addr("worker", WORKER_3), uint("amount", big(500))])),
    );
    handleValidatorRewarded(
      changetype<ValidatorRewarded>(mockEvent(T0 + 91, [uint("jobId", big(1)), addr("validator", VALIDATOR), uint("amount", big(300))])),
    );
    handleCaseSettled(
      changetype<CaseSettled>(
        mockEvent(T0 + 91, [
          uint("jobId", big(1)),
          bool("hasVerdict", true),
          fixed("verdict", bytes32(9)),
          uint("totalFee", big(1000)),
          uint("refund", big(14000)),
          uint("slashed", big(500)),
          uint("toValidators", big(300)),
          uint("toTreasury", big(250)),
        ]),
      ),
    );
    assert.fieldEquals("Job", "1", "status", "Finalized");
    assert.fieldEquals("Job", "1", "creatorAmount", "200");
    assert.fieldEquals("Job", "1", "workerAmount", "700");
    assert.fieldEquals("Result", "1-" + WORKER_3.toHexString(), "status", "Slashed");
    assert.fieldEquals("Vote", vote, "reward", "300");
    assert.fieldEquals("Validator", VALIDATOR.toHexString(), "rewards", "300");
    assert.fieldEquals("Case", "1", "toTreasury", "250");
    assert.fieldEquals("Model", "1", "royalties", "200");
    assert.fieldEquals("Protocol", "protocol", "jobsDisputed", "1");
    assert.fieldEquals("Protocol", "protocol", "cases", "1");
  });

  test("a rejected challenge pays the poster's bond to the workers matching the verdict", () => {
    handleTreasuryChanged(changetype<TreasuryChanged>(mockEvent(T0, [addr("previousTreasury", Address.zero()), addr("newTreasury", TREASURY)])));
    handleModelRegistered(
      changetype<ModelRegistered>(
        mockEvent(T0, [uint("modelId", big(1)), addr("creator", CREATOR), fixed("manifestHash", bytes32(7)), str("name", "m"), str("uri", ""), str("format", "f")]),
      ),
    );
    postJob(1, T0 + 10, [WORKER_1, WORKER_2]);
    deliver(WORKER_1, 9);
    deliver(WORKER_2, 9);
    handleJobChallenged(changetype<JobChallenged>(mockEvent(T0 + 30, [uint("jobId", big(1)), addr("poster", POSTER), uint("bond", big(101))])));
    handleCaseOpened(changetype<CaseOpened>(mockEvent(T0 + 30, [uint("jobId", big(1)), i32p("kind", 3), uint("randomnessRequest", big(5))])));
    assert.fieldEquals("Job", "1", "status", "Disputed");
    assert.fieldEquals("Job", "1", "challenged", "true");
    assert.fieldEquals("Case", "1", "kind", "Challenge");
    handleCaseResolved(
      changetype<CaseResolved>(
        mockEvent(T0 + 99, [uint("jobId", big(1)), bool("hasVerdict", true), fixed("verdict", bytes32(9)), uint("votesFor", big(1)), uint("revealed", big(1))]),
      ),
    );
    handleBondSettled(
      changetype<BondSettled>(mockEvent(T0 + 99, [uint("jobId", big(1)), bool("upheld", false), uint("toPoster", big(0)), uint("toWorkers", big(101))])),
    );
    assert.fieldEquals("Account", WORKER_1.toHexString(), "marketBalance", "51");
    assert.fieldEquals("Account", WORKER_2.toHexString(), "marketBalance", "50");
    assert.entityCount("Payout", 2);
  });
});
