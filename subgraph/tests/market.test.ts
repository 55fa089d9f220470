import { Address, BigInt } from "@graphprotocol/graph-ts";
import { afterEach, assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index";
import { TreasuryChanged, FeeSplitChanged } from "../generated/ProtocolConfig/ProtocolConfig";
import { ModelRegistered } from "../generated/ModelRegistry/ModelRegistry";
import {
  ChallengeStarted,
  JobFinalized,
  ResultSubmitted,
  JobDeclined,
  JobRefunded,
  Withdrawn,
  WorkerPaid,
  WorkerTimedOut,
} from "../generated/JobMarket/JobMarket";
import { handleFeeSplitChanged, handleTreasuryChanged } from "../src/config";
import { handleModelRegistered } from "../src/models";
import {
  handleChallengeStarted,
  handleJobDeclined,
  handleJobFinalized,
  handleJobRefunded,
  handleResultSubmitted,
  handleWorkerTimedOut,
  handleWithdrawn,
  handleWorkerPaid,
} from "../src/market";
import {
  postJob,
  CREATOR,
  POSTER,
  T0,
  TREASURY,
  WORKER_1,
  WORKER_2,
  addr,
  big,
  bigs,
  bytes32,
  fixed,
  i32p,
  mockEvent,
  str,
  uint,
} from "./utils";

function setup(): void {
  handleTreasuryChanged(
    changetype<TreasuryChanged>(mockEvent(T0, [addr("previousTreasury", Address.zero()), addr("newTreasury", TREASURY)])),
  );
  handleFeeSplitChanged(
    changetype<FeeSplitChanged>(mockEvent(T0, [i32p("workerBps", 7000), i32p("creatorBps", 2000), i32p("treasuryBps", 1000)])),
  );
  handleModelRegistered(
    changetype<ModelRegistered>(
      mockEvent(T0, [
        uint("modelId", big(1)),
        addr("creator", CREATOR),
        fixed("manifestHash", bytes32(7)),
        str("name", "tiny-gpt"),
        str("uri", "ipfs://tiny"),
        str("format", "text-generation/onnx"),
      ]),
    ),
  );
}

function submit(jobId: i32, at: i32, worker: Address): void {
  handleResultSubmitted(
    changetype<ResultSubmitted>(
      mockEvent(at, [
        uint("jobId", big(jobId)),
        addr("worker", worker),
        fixed("commitment", bytes32(9)),
        str("outputRef", "ref"),
        uint("inputTokens", big(50)),
        uint("outputTokens", big(100)),
      ]),
    ),
  );
}

function challenge(jobId: i32, at: i32): void {
  handleChallengeStarted(
    changetype<ChallengeStarted>(
      mockEvent(at, [uint("jobId", big(jobId)), fixed("commitment", bytes32(9)), uint("endsAt", big(at + 30)), uint("auditRequest", big(0))]),
    ),
  );
}

describe("JobMarket", () => {
  beforeEach(() => {
    setup();
  });
  afterEach(() => {
    clearStore();
  });

  test("JobPosted creates the job, its assignment, and counts it per day and model", () => {
    postJob(1, T0 + 10, [WORKER_1]);
    assert.fieldEquals("Job", "1", "status", "Open");
    assert.fieldEquals("Job", "1", "redundancy", "1");
    assert.fieldEquals("Job", "1", "poster", POSTER.toHexString());
    assert.fieldEquals("Job", "1", "escrow", "5000");
    assert.fieldEquals("Result", "1-" + WORKER_1.toHexString(), "status", "Assigned");
    assert.fieldEquals("Protocol", "protocol", "jobsPosted", "1");
    assert.fieldEquals("DailyStat", "20454", "jobsPosted", "1");
    assert.fieldEquals("ModelDailyStat", "1-20454", "jobsPosted", "1");
    assert.fieldEquals("Model", "1", "jobCount", "1");
    assert.fieldEquals("Account", POSTER.toHexString(), "jobsPosted", "1");
  });

  test("a result and the challenge window give the job its latency and the day its mean", () => {
    postJob(1, T0 + 10, [WORKER_1]);
    postJob(2, T0 + 20, [WORKER_1]);
    submit(1, T0 + 14, WORKER_1);
    challenge(1, T0 + 14);
    submit(2, T0 + 29, WORKER_1);
    challenge(2, T0 + 29);
    assert.fieldEquals("Job", "1", "latency", "4");
    assert.fieldEquals("Job", "2", "latency", "9");
    assert.fieldEquals("Job", "1", "status", "Challenge");
    assert.fieldEquals("Result", "1-" + WORKER_1.toHexString(), "outputTokens", "100");
    assert.fieldEquals("DailyStat", "20454", "meanLatency", "6.5");
    assert.fieldEquals("ModelDailyStat", "1-20454", "latencyCount", "2");
    assert.fieldEquals("Protocol", "protocol", "meanLatency", "6.5");
  });

  test("finalization pays worker, creator and treasury and refunds the rest", () => {
    postJob(1, T0 + 10, [WORKER_1]);
    submit(1, T0 + 14, WORKER_1);
    challenge(1, T0 + 14);
    // 50 x 10 + 100 x 20 = 2500: 1750 worker, 500 creator, 250 treasury, 2500 back.
    handleWorkerPaid(
      changetype<WorkerPaid>(mockEvent(T0 + 50, [uint("jobId", big(1)), addr("worker", WORKER_1), uint("fee", big(2500)), uint("workerAmount", big(1750))])),
    );
    handleJobFinalized(
      changetype<JobFinalized>(
        mockEvent(T0 + 50, [
          uint("jobId", big(1)),
          uint("totalFee", big(2500)),
          uint("workerAmount", big(1750)),
          uint("creatorAmount", big(500)),
          uint("treasuryAmount", big(250)),
          uint("refund", big(2500)),
        ]),
      ),
    );
    assert.fieldEquals("Job", "1", "status", "Finalized");
    assert.fieldEquals("Job", "1", "tokens", "150");
    assert.fieldEquals("Job", "1", "creatorAmount", "500");
    assert.fieldEquals("Worker", WORKER_1.toHexString(), "earnings", "1750");
    assert.fieldEquals("Model", "1", "royalties", "500");
    assert.fieldEquals("Model", "1", "tokensServed", "150");
    assert.fieldEquals("Protocol", "protocol", "fees", "2500");
    assert.fieldEquals("Protocol", "protocol", "treasuryIncome", "250");
    assert.fieldEquals("Protocol", "protocol", "jobsFinalized", "1");
    assert.fieldEquals("DailyStat", "20454", "fees", "2500");
    assert.fieldEquals("DailyStat", "20454", "tokensServed", "150");
    assert.fieldEquals("Account", CREATOR.toHexString(), "marketBalance", "500");
    assert.fieldEquals("Account", TREASURY.toHexString(), "marketBalance", "250");
    assert.fieldEquals("Account", POSTER.toHexString(), "marketBalance", "2500");
    assert.entityCount("Payout", 4);

    handleWithdrawn(changetype<Withdrawn>(mockEvent(T0 + 60, [addr("account", CREATOR), uint("amount", big(500))])));
    assert.fieldEquals("Account", CREATOR.toHexString(), "marketBalance", "0");
    assert.fieldEquals("Account", CREATOR.toHexString(), "withdrawn", "500");
    assert.fieldEquals("Protocol", "protocol", "withdrawn", "500");
    assert.entityCount("Withdrawal", 1);
  });

  test("big amounts stay exact", () => {
    postJob(1, T0 + 10, [WORKER_1]);
    const fee = bigs("123456789012345678901234567890");
    handleWorkerPaid(changetype<WorkerPaid>(mockEvent(T0 + 50, [uint("jobId", big(1)), addr("worker", WORKER_1), uint("fee", fee), uint("workerAmount", fee)])));
    assert.fieldEquals("Protocol", "protocol", "fees", "123456789012345678901234567890");
    assert.bigIntEquals(fee.times(BigInt.fromI32(2)), bigs("246913578024691357802469135780"));
  });

  test("a job that was never posted fails loudly", () => {
    submit(99, T0 + 10, WORKER_1);
  }, true);

  test("declines and timeouts refund their shares; nobody delivering refunds the job", () => {
    postJob(1, T0 + 10, [WORKER_1, WORKER_2]);
    handleJobDeclined(changetype<JobDeclined>(mockEvent(T0 + 11, [uint("jobId", big(1)), addr("worker", WORKER_1), uint("refund", big(5000))])));
    handleWorkerTimedOut(
      changetype<WorkerTimedOut>(
        mockEvent(T0 + 700, [uint("jobId", big(1)), addr("worker", WORKER_2), uint("slashed", big(50)), uint("refund", big(5000))]),
      ),
    );
    handleJobRefunded(changetype<JobRefunded>(mockEvent(T0 + 700, [uint("jobId", big(1)), uint("refund", big(0))])));
    assert.fieldEquals("Result", "1-" + WORKER_1.toHexString(), "status", "Declined");
    assert.fieldEquals("Result", "1-" + WORKER_2.toHexString(), "status", "TimedOut");
    assert.fieldEquals("Result", "1-" + WORKER_2.toHexString(), "slashed", "50");
    assert.fieldEquals("Job", "1", "status", "Refunded");
    assert.fieldEquals("Job", "1", "refund", "10000");
    assert.fieldEquals("Protocol", "protocol", "jobsRefunded", "1");
    assert.fieldEquals("Protocol", "protocol", "refunds", "10000");
    assert.fieldEquals("Protocol", "protocol", "latencyCount", "0");
    assert.fieldEquals("Account", POSTER.toHexString(), "marketBalance", "10000");
    assert.entityCount("Payout", 2);
    assert.entityCount("JobEvent", 6);
  });
});
