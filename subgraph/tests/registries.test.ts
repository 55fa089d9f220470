import { Address, Bytes } from "@graphprotocol/graph-ts";
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index";
import {
  ModelPriceSet,
  ModelRemoved,
  OutcomeRecorded,
  Slashed,
  Staked,
  UnbondRequested,
  UnbondWithdrawn,
  WorkerRegistered,
} from "../generated/WorkerRegistry/WorkerRegistry";
import { ValidatorListed, ValidatorSlashed, ValidatorStaked } from "../generated/ValidatorRegistry/ValidatorRegistry";
import { ModelActiveSet, ModelCreatorTransferred, ModelRegistered } from "../generated/ModelRegistry/ModelRegistry";
import { handleModelActiveSet, handleModelCreatorTransferred, handleModelRegistered } from "../src/models";
import {
  handleModelPriceSet,
  handleModelRemoved,
  handleOutcomeRecorded,
  handleSlashed,
  handleStaked,
  handleUnbondRequested,
  handleUnbondWithdrawn,
  handleWorkerRegistered,
} from "../src/workers";
import { handleValidatorListed, handleValidatorSlashed, handleValidatorStaked } from "../src/validators";
import { CREATOR, POSTER, T0, TREASURY, VALIDATOR, WORKER_1, addr, big, bool, bytes32, fixed, i32p, mockEvent, str, uint } from "./utils";

function stake(worker: Address, amount: i32, total: i32): void {
  handleStaked(changetype<Staked>(mockEvent(T0, [addr("worker", worker), uint("amount", big(amount)), uint("totalStake", big(total))])));
}

describe("WorkerRegistry", () => {
  afterEach(() => {
    clearStore();
  });

  test("staking and registering build the worker's profile", () => {
    stake(WORKER_1, 1000, 1000);
    handleWorkerRegistered(
      changetype<WorkerRegistered>(
        mockEvent(T0 + 1, [
          addr("worker", WORKER_1),
          str("endpoint", "https://w1.example"),
          fixed("encryptionKey", bytes32(3)),
          i32p("region", 276),
          i32p("capacity", 4),
          uint("minJobDuration", big(60)),
        ]),
      ),
    );
    const id = WORKER_1.toHexString();
    assert.fieldEquals("Worker", id, "registered", "true");
    assert.fieldEquals("Worker", id, "endpoint", "https://w1.example");
    assert.fieldEquals("Worker", id, "region", "276");
    assert.fieldEquals("Worker", id, "elo", "1500");
    assert.fieldEquals("Worker", id, "stake", "1000");
    assert.fieldEquals("Protocol", "protocol", "workers", "1");
    assert.fieldEquals("Protocol", "protocol", "workerStake", "1000");
    assert.entityCount("StakeChange", 1);
  });

  test("slashing takes bonded stake first, then unbonding stake", () => {
    stake(WORKER_1, 1000, 1000);
    handleUnbondRequested(
      changetype<UnbondRequested>(
        mockEvent(T0 + 1, [addr("worker", WORKER_1), uint("amount", big(800)), uint("totalUnbonding", big(800)), uint("readyAt", big(T0 + 3601))]),
      ),
    );
    handleSlashed(
      changetype<Slashed>(mockEvent(T0 + 2, [addr("worker", WORKER_1), uint("amount", big(300)), uint("bps", big(3000)), addr("recipient", TREASURY)])),
    );
    const id = WORKER_1.toHexString();
    assert.fieldEquals("Worker", id, "stake", "0");
    assert.fieldEquals("Worker", id, "unbonding", "700");
    assert.fieldEquals("Worker", id, "slashed", "300");
    assert.fieldEquals("Protocol", "protocol", "workerStake", "0");
    handleUnbondWithdrawn(changetype<UnbondWithdrawn>(mockEvent(T0 + 3700, [addr("worker", WORKER_1), uint("amount", big(700))])));
    assert.fieldEquals("Worker", id, "unbonding", "0");
    assert.entityCount("StakeChange", 4);
  });

  test("outcomes move Elo and the counters", () => {
    handleOutcomeRecorded(
      changetype<OutcomeRecorded>(
        mockEvent(T0, [addr("worker", WORKER_1), bool("success", true), uint("tokens", big(150)), i32p("oldElo", 1500), i32p("newElo", 1516)]),
      ),
    );
    handleOutcomeRecorded(
      changetype<OutcomeRecorded>(
        mockEvent(T0, [addr("worker", WORKER_1), bool("success", false), uint("tokens", big(0)), i32p("oldElo", 1516), i32p("newElo", 1498)]),
      ),
    );
    const id = WORKER_1.toHexString();
    assert.fieldEquals("Worker", id, "elo", "1498");
    assert.fieldEquals("Worker", id, "jobsDone", "1");
    assert.fieldEquals("Worker", id, "jobsFailed", "1");
    assert.fieldEquals("Worker", id, "tokensServed", "150");
  });

  test("model prices are kept per worker and model", () => {
    handleModelPriceSet(
      changetype<ModelPriceSet>(
        mockEvent(T0, [addr("worker", WORKER_1), uint("modelId", big(1)), uint("pricePerInputToken", big(10)), uint("pricePerOutputToken", big(20))]),
      ),
    );
    const id = WORKER_1.toHexString() + "-1";
    assert.fieldEquals("WorkerModel", id, "pricePerOutputToken", "20");
    assert.fieldEquals("WorkerModel", id, "served", "true");
    handleModelRemoved(changetype<ModelRemoved>(mockEvent(T0 + 5, [addr("worker", WORKER_1), uint("modelId", big(1))])));
    assert.fieldEquals("WorkerModel", id, "served", "false");
  });
});

describe("ModelRegistry and ValidatorRegistry", () => {
  afterEach(() => {
    clearStore();
  });

  test("models change creator and active flag", () => {
    handleModelRegistered(
      changetype<ModelRegistered>(
        mockEvent(T0, [uint("modelId", big(3)), addr("creator", CREATOR), fixed("manifestHash", bytes32(7)), str("name", "m"), str("uri", "u"), str("format", "f")]),
      ),
    );
    handleModelCreatorTransferred(
      changetype<ModelCreatorTransferred>(mockEvent(T0 + 1, [uint("modelId", big(3)), addr("previousCreator", CREATOR), addr("newCreator", POSTER)])),
    );
    handleModelActiveSet(changetype<ModelActiveSet>(mockEvent(T0 + 2, [uint("modelId", big(3)), bool("active", false)])));
    assert.fieldEquals("Model", "3", "creator", POSTER.toHexString());
    assert.fieldEquals("Model", "3", "active", "false");
    assert.fieldEquals("Model", "3", "manifestHash", Bytes.fromHexString("0x0707070707070707070707070707070707070707070707070707070707070707").toHexString());
    assert.fieldEquals("Protocol", "protocol", "models", "1");
  });

  test("validators stake, list once and get slashed", () => {
    handleValidatorStaked(
      changetype<ValidatorStaked>(mockEvent(T0, [addr("validator", VALIDATOR), uint("amount", big(2000)), uint("totalStake", big(2000))])),
    );
    handleValidatorListed(changetype<ValidatorListed>(mockEvent(T0, [addr("validator", VALIDATOR)])));
    handleValidatorListed(changetype<ValidatorListed>(mockEvent(T0, [addr("validator", VALIDATOR)])));
    handleValidatorSlashed(
      changetype<ValidatorSlashed>(
        mockEvent(T0 + 1, [addr("validator", VALIDATOR), uint("amount", big(200)), uint("bps", big(1000)), addr("recipient", TREASURY)]),
      ),
    );
    const id = VALIDATOR.toHexString();
    assert.fieldEquals("Validator", id, "listed", "true");
    assert.fieldEquals("Validator", id, "stake", "1800");
    assert.fieldEquals("Validator", id, "slashed", "200");
    assert.fieldEquals("Protocol", "protocol", "validators", "1");
    assert.fieldEquals("Protocol", "protocol", "validatorStake", "1800");
    assert.fieldEquals("Protocol", "protocol", "slashed", "200");
  });
});
