// The gateway answers each sdk error by its code with the status and OpenAI error code of the
// README's table ("OpenAI-compatible gateway", Errors), and retries routing only for the
// capacity races its comment names. The table is the spec these expectations come from.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError, keccak256, toHex, type Address } from "viem";
import {
  CommitmentMismatchError,
  ContractRevertError,
  DeadlinePassedError,
  InactiveModelError,
  InsufficientBalanceError,
  InsufficientGasError,
  InvalidJobOptionsError,
  JobDeclinedError,
  JobWaitTimeoutError,
  NoEligibleWorkerError,
  parseRunJobOptions,
  TransactionRevertedError,
  UnknownModelError,
  WorkerRequestError,
  type Exclusion,
} from "@infergrid/sdk";
import { GatewayError, toGatewayError } from "../src/gateway/errors.ts";
import { isCapacityRace } from "../src/gateway/jobs.ts";

const A: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const H = keccak256(toHex("tx"));
const revert = (errorName: string, args: unknown[] = []) => new ContractRevertError({ errorName, args, data: "0x" });
const exclusion = (code: Exclusion["code"]): Exclusion => ({ worker: A, endpoint: "http://w", code, reason: "r" });

/** What the gateway answers: [status, type, code, param]. */
const answer = (e: unknown) => {
  const g = toGatewayError(e);
  return [g.status, g.type, g.code, g.param] as const;
};

/** The option problem parseRunJobOptions reports for these options. */
const optionError = (o: Record<string, unknown>): InvalidJobOptionsError => {
  try {
    parseRunJobOptions({ model: "m", prompt: "p", maxTokens: 8, maxPricePerToken: 1n, ...o });
  } catch (e) {
    if (e instanceof InvalidJobOptionsError) return e;
  }
  assert.fail("expected InvalidJobOptionsError");
};

describe("toGatewayError", () => {
  it("400 invalid_value naming the request field of the first bad option", () => {
    assert.deepEqual(answer(optionError({ sampling: { temperature: 3 } })), [
      400,
      "invalid_request_error",
      "invalid_value",
      "temperature",
    ]);
    assert.equal(answer(optionError({ sampling: { topP: 0 } }))[3], "top_p");
    assert.equal(answer(optionError({ sampling: { stop: ["", ""] } }))[3], "stop");
    assert.equal(answer(optionError({ redundancy: 0 }))[3], "redundancy");
    assert.equal(answer(optionError({ maxTokens: 0 }))[3], "max_tokens");
    assert.equal(answer(optionError({ maxPricePerToken: -1n }))[3], "max_price_per_token");
    assert.equal(answer(optionError({ messages: [] }))[3], "messages");
    // Problems runJob finds against the protocol's parameters name their option too.
    const deadline = new InvalidJobOptionsError([
      { path: "deadlineSeconds", message: "deadlineSeconds 9999 is above" },
    ]);
    assert.equal(answer(deadline)[3], "infergrid.deadline_seconds");
    assert.equal(answer(new InvalidJobOptionsError(["something else"]))[3], null);
  });

  it("404 for an unknown or deactivated model", () => {
    assert.deepEqual(answer(new UnknownModelError("x", [])), [
      404,
      "invalid_request_error",
      "model_not_found",
      "model",
    ]);
    assert.deepEqual(answer(new InactiveModelError(1n, "x")), [
      404,
      "invalid_request_error",
      "model_inactive",
      "model",
    ]);
  });

  it("402 when the operator lacks GRID for the escrow, allowance, or gas", () => {
    const balance = toGatewayError(new InsufficientBalanceError(A, 1n, 2n));
    assert.deepEqual([balance.status, balance.type, balance.code], [402, "insufficient_funds", "insufficient_balance"]);
    assert.match(balance.message, /^The gateway's operator account cannot pay for this job: /);
    for (const name of ["ERC20InsufficientAllowance", "ERC20InsufficientBalance"])
      assert.deepEqual(answer(new Error("wrapped", { cause: revert(name) })).slice(0, 3), [
        402,
        "insufficient_funds",
        "insufficient_allowance",
      ]);
    assert.deepEqual(answer(new InsufficientGasError(A, "postJob")).slice(0, 3), [
      402,
      "insufficient_funds",
      "insufficient_gas",
    ]);
  });

  it("502 for an unverified output, a failed worker or a contract revert", () => {
    assert.deepEqual(answer(new CommitmentMismatchError(1n, [])).slice(0, 3), [
      502,
      "upstream_error",
      "unverified_output",
    ]);
    assert.deepEqual(answer(new WorkerRequestError("http://w", null, "down")).slice(0, 3), [
      502,
      "upstream_error",
      "worker_unavailable",
    ]);
    assert.deepEqual(answer(revert("JobNotOpen", [1n, 4])).slice(0, 3), [502, "upstream_error", "contract_revert"]);
  });

  it("503 for no eligible worker or every worker declining; 504 for a deadline or a wait that ran out", () => {
    assert.deepEqual(answer(new NoEligibleWorkerError(1n, 1, 0, [])).slice(0, 3), [
      503,
      "service_unavailable",
      "no_eligible_worker",
    ]);
    assert.deepEqual(answer(new JobDeclinedError(1n)).slice(0, 3), [503, "service_unavailable", "job_declined"]);
    assert.deepEqual(answer(new DeadlinePassedError(1n, 0, H)).slice(0, 3), [504, "timeout", "deadline_passed"]);
    assert.deepEqual(answer(new JobWaitTimeoutError(1n, "finalization", "audit")).slice(0, 3), [
      504,
      "timeout",
      "job_wait_timeout",
    ]);
  });

  it("500 for anything else, without mistaking its text for a known failure; a GatewayError stays itself", () => {
    const g = toGatewayError(new BaseError("insufficient funds for gas * price + value"));
    assert.deepEqual([g.status, g.code], [500, null], "classified by code, not by message text");
    assert.deepEqual(answer(new Error("WorkerAtCapacity")).slice(0, 3), [500, "server_error", null]);
    const own = new GatewayError(401, "no key", { type: "invalid_request_error", code: "missing_api_key" });
    assert.equal(toGatewayError(own), own);
  });
});

describe("isCapacityRace", () => {
  it("retries when every eligible worker is full or too busy to answer its health check", () => {
    assert.equal(isCapacityRace(new NoEligibleWorkerError(1n, 1, 0, [exclusion("AT_CAPACITY")])), true);
    assert.equal(
      isCapacityRace(new NoEligibleWorkerError(1n, 1, 0, [exclusion("PAUSED"), exclusion("HEALTH_TIMEOUT")])),
      true,
    );
    assert.equal(isCapacityRace(new NoEligibleWorkerError(1n, 1, 0, [exclusion("INPUT_PRICE_ABOVE_MAX")])), false);
    assert.equal(isCapacityRace(new NoEligibleWorkerError(1n, 1, 0, [exclusion("UNREACHABLE")])), false);
  });

  it("retries when a post lost the last slot: WorkerAtCapacity, or a post reverted after its simulation", () => {
    assert.equal(isCapacityRace(new Error("send failed", { cause: revert("WorkerAtCapacity", [A, 4]) })), true);
    assert.equal(isCapacityRace(revert("PriceAboveMax")), false);
    assert.equal(isCapacityRace(new TransactionRevertedError("postJob", H)), true);
    assert.equal(isCapacityRace(new TransactionRevertedError("approve", H)), false);
    assert.equal(isCapacityRace(new Error("WorkerAtCapacity")), false, "a message is not a code");
  });
});
