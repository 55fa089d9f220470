// Error codes, and the offline steps of a job that have logic of their own: decoding the post's
// receipt, checking an output against its commitment, naming which option is wrong, and the
// router's reason codes for an unhealthy worker (against real local HTTP servers).
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { encodeAbiParameters, encodeEventTopics, keccak256, toHex, type Address, type Hex, type Log } from "viem";
import { jobMarketAbi } from "@infergrid/contracts/abis";
import { decodeJobPosted } from "../src/actions/postJob.ts";
import { parseRunJobOptions } from "../src/actions/runJob.ts";
import { verifyOutput } from "../src/actions/verifyOutput.ts";
import { DeploymentNotFoundError, IncompleteDeploymentError } from "../src/addresses.ts";
import { computeCommitment, hashFingerprint, InvalidCommitmentInputError } from "../src/commitment.ts";
import { ContractRevertError } from "../src/contracts.ts";
import { DecryptionError, InvalidKeyError } from "../src/crypto.ts";
import { findInferGridError, isInferGridError, type AnyInferGridError } from "../src/errorCodes.ts";
import {
  CommitmentMismatchError,
  DeadlinePassedError,
  EventNotFoundError,
  InactiveModelError,
  InferGridError,
  InsufficientBalanceError,
  InsufficientGasError,
  InvalidJobOptionsError,
  JobAbortedError,
  JobDeclinedError,
  JobWaitTimeoutError,
  NoEligibleWorkerError,
  TransactionRevertedError,
  UnknownModelError,
  WorkerRequestError,
  type InferGridErrorCode,
} from "../src/errors.ts";
import { InvalidFingerprintError, type FingerprintData } from "../src/fingerprint.ts";
import { AuthError } from "../src/protocol/messages.ts";
import { probeHealth } from "../src/router.ts";

const A: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const H: Hex = keccak256(toHex("h"));

/** One instance of every sdk error class, with the code it must carry. */
const everyError: [AnyInferGridError, InferGridErrorCode][] = [
  [new InvalidJobOptionsError(["x"]), "INVALID_JOB_OPTIONS"],
  [new UnknownModelError("m", []), "UNKNOWN_MODEL"],
  [new InactiveModelError(1n, "m"), "INACTIVE_MODEL"],
  [new NoEligibleWorkerError(1n, 1, 0, []), "NO_ELIGIBLE_WORKER"],
  [new InsufficientBalanceError(A, 1n, 2n), "INSUFFICIENT_BALANCE"],
  [new InsufficientGasError(A, "postJob"), "INSUFFICIENT_GAS"],
  [new CommitmentMismatchError(1n, []), "COMMITMENT_MISMATCH"],
  [new DeadlinePassedError(1n, 0, null), "DEADLINE_PASSED"],
  [new WorkerRequestError("http://w", 500, "x"), "WORKER_REQUEST_FAILED"],
  [new JobWaitTimeoutError(1n, "finalization", "challenge"), "JOB_WAIT_TIMEOUT"],
  [new JobAbortedError(1n), "JOB_ABORTED"],
  [new JobDeclinedError(1n), "JOB_DECLINED"],
  [new ContractRevertError({ errorName: "NothingToWithdraw", args: [A], data: "0x" }), "CONTRACT_REVERT"],
  [new TransactionRevertedError("postJob", H), "TRANSACTION_REVERTED"],
  [
    new EventNotFoundError({
      eventName: "JobPosted",
      transactionHash: H,
      address: A,
      contractName: "JobMarket",
      functionName: "postJob",
    }),
    "EVENT_NOT_FOUND",
  ],
  [new DeploymentNotFoundError(1, "/x"), "DEPLOYMENT_NOT_FOUND"],
  [new IncompleteDeploymentError("/x", ["JobMarket"]), "INCOMPLETE_DEPLOYMENT"],
  [new AuthError("no"), "UNAUTHORIZED"],
  [new DecryptionError("tag"), "DECRYPTION_FAILED"],
  [new InvalidKeyError("0x", "short"), "INVALID_KEY"],
  [new InvalidCommitmentInputError("jobId", "0x", "short"), "INVALID_COMMITMENT_INPUT"],
  [new InvalidFingerprintError("bad"), "INVALID_FINGERPRINT"],
];

describe("error codes", () => {
  it("every sdk error is an InferGridError with its own stable code", () => {
    for (const [e, code] of everyError) {
      assert.ok(e instanceof InferGridError, e.name);
      assert.equal(e.code, code, e.name);
      assert.ok(isInferGridError(e, code));
    }
    const codes = everyError.map(([, code]) => code);
    assert.equal(new Set(codes).size, codes.length, "no two classes share a code");
  });

  it("isInferGridError tells sdk errors from others; findInferGridError looks through causes", () => {
    assert.equal(isInferGridError(new Error("x")), false);
    assert.equal(isInferGridError(new JobAbortedError(1n), "JOB_DECLINED"), false);
    const revert = new ContractRevertError({ errorName: "WorkerAtCapacity", args: [A, 4], data: "0x" });
    const wrapped = new Error("outer", { cause: new Error("middle", { cause: revert }) });
    assert.equal(findInferGridError(wrapped, "CONTRACT_REVERT"), revert);
    assert.equal(findInferGridError(wrapped, "TRANSACTION_REVERTED"), undefined);
    // Narrowed by the code: the class's own fields are there without a cast.
    const e: unknown = new NoEligibleWorkerError(1n, 2, 0, [
      { worker: A, endpoint: "", code: "AT_CAPACITY", reason: "at capacity (4/4 jobs)" },
    ]);
    if (!isInferGridError(e)) assert.fail("not an sdk error");
    switch (e.code) {
      case "NO_ELIGIBLE_WORKER":
        assert.equal(e.exclusions[0]?.code, "AT_CAPACITY");
        break;
      default:
        assert.fail(`unexpected ${e.code}`);
    }
  });

  it("InvalidJobOptionsError names the option of each problem", () => {
    const base = { model: "m", prompt: "p", maxTokens: 8, maxPricePerToken: 1n } as const;
    const paths = (o: Parameters<typeof parseRunJobOptions>[0]) => {
      try {
        parseRunJobOptions(o);
      } catch (e) {
        assert.ok(isInferGridError(e, "INVALID_JOB_OPTIONS"));
        assert.deepEqual(
          e.issues,
          e.details.map((d) => d.message),
        );
        return e.details.map((d) => d.path);
      }
      assert.fail("expected INVALID_JOB_OPTIONS");
    };
    assert.deepEqual(paths({ ...base, sampling: { topP: 0 } }), ["sampling.topP"]);
    assert.deepEqual(paths({ ...base, maxTokens: 0, redundancy: 0 }), ["maxTokens", "redundancy"]);
    assert.deepEqual(paths({ ...base, messages: [{ role: "user", content: "x" }] }), ["prompt"]);
    assert.deepEqual(new InvalidJobOptionsError(["free text"]).details, [{ path: null, message: "free text" }]);
  });
});

describe("decodeJobPosted", () => {
  const market: Address = "0x5FbDB2315678afecb367f032d7c5b0D8d7B4cC0f";
  /** A JobPosted log as the market emits it, encoded from the ABI by hand. */
  function jobPostedLog(address: Address, jobId: bigint, escrow: bigint): Log {
    const topics = encodeEventTopics({
      abi: jobMarketAbi,
      eventName: "JobPosted",
      args: { jobId, poster: A, modelId: 1n },
    });
    const data = encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "string" },
        { type: "uint24" },
        { type: "uint24" },
        { type: "uint64" },
        { type: "uint64" },
        { type: "uint32" },
        { type: "uint256" },
        { type: "address[]" },
      ],
      [H, "", 10, 20, 3n, 7n, 1_000, escrow, [A]],
    );
    return {
      address,
      topics: topics as [Hex, ...Hex[]],
      data,
      blockHash: H,
      blockNumber: 5n,
      logIndex: 0,
      transactionHash: H,
      transactionIndex: 0,
      removed: false,
    };
  }

  it("reads the job id, poster, escrow and workers of the market's event", () => {
    const posted = decodeJobPosted({ logs: [jobPostedLog(market, 42n, 170n)], market });
    assert.deepEqual(posted, { jobId: 42n, poster: A, escrow: 170n, workers: [A] });
  });

  it("ignores a JobPosted event from another contract, and a receipt without one", () => {
    const other: Address = "0x000000000000000000000000000000000000dEaD";
    assert.equal(decodeJobPosted({ logs: [jobPostedLog(other, 1n, 1n)], market }), undefined);
    assert.equal(decodeJobPosted({ logs: [], market }), undefined);
    const both = [jobPostedLog(other, 1n, 1n), jobPostedLog(market, 9n, 2n)];
    assert.equal(decodeJobPosted({ logs: both, market })?.jobId, 9n);
  });
});

describe("verifyOutput", () => {
  const fingerprint: FingerprintData = { version: 1, topK: 2, scale: 1024, ids: [5, 6, 7, 8], q: [10, 9, 8, 7] };
  const jobId = 7n;
  const output = { outputTokenIds: [5, 7], fingerprint };
  const commitment = computeCommitment({
    jobId: toHex(jobId, { size: 32 }),
    modelHash: H,
    outputTokenIds: [5, 7],
    fingerprint: hashFingerprint(fingerprint),
  });

  it("accepts an output that hashes to the on-chain commitment with the billed token count", () => {
    assert.deepEqual(verifyOutput({ jobId, modelHash: H, output, onChain: { commitment, outputTokens: 2 } }), {
      matched: true,
      problem: null,
    });
  });

  it("refuses another job id, other tokens, another token count, or an unhashable fingerprint", () => {
    const check = (p: Partial<Parameters<typeof verifyOutput>[0]>) =>
      verifyOutput({ jobId, modelHash: H, output, onChain: { commitment, outputTokens: 2 }, ...p });
    assert.match(check({ jobId: 8n }).problem ?? "", /output hashes to 0x[0-9a-f]{64}, the chain holds/);
    assert.match(check({ output: { ...output, outputTokenIds: [5, 8] } }).problem ?? "", /output hashes to/);
    assert.match(
      check({ onChain: { commitment, outputTokens: 3 } }).problem ?? "",
      /output has 2 tokens, the worker billed 3/,
    );
    const broken = { ...output, fingerprint: { ...fingerprint, ids: [5] } };
    assert.match(check({ output: broken }).problem ?? "", /output cannot be hashed/);
  });
});

describe("router exclusion codes", () => {
  async function server(handler: (res: import("node:http").ServerResponse) => void): Promise<[string, Server]> {
    const s = createServer((_req, res) => handler(res));
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    return [`http://127.0.0.1:${(s.address() as AddressInfo).port}`, s];
  }
  const close = (s: Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });

  it("HEALTH_TIMEOUT for a worker too slow to answer, UNHEALTHY for a bad answer, UNREACHABLE for none", async () => {
    const [slowUrl, slow] = await server((res) => setTimeout(() => res.end("{}"), 500));
    const [badUrl, bad] = await server((res) => res.writeHead(503).end("{}"));
    const [wrongUrl, wrong] = await server((res) =>
      res.end(JSON.stringify({ status: "ok", address: "0x000000000000000000000000000000000000dEaD" })),
    );
    const [okUrl, ok] = await server((res) => res.end(JSON.stringify({ status: "ok", address: A })));
    try {
      const code = async (url: string) => {
        const r = await probeHealth(url, { address: A }, { timeoutMs: 100 });
        return r.ok ? "ok" : r.code;
      };
      assert.equal(await code(slowUrl), "HEALTH_TIMEOUT");
      assert.equal(await code(badUrl), "UNHEALTHY");
      assert.equal(await code(wrongUrl), "UNHEALTHY");
      assert.equal(await code(okUrl), "ok");
      await close(ok);
      assert.equal(await code(okUrl), "UNREACHABLE");
    } finally {
      await Promise.all([slow, bad, wrong, ok].filter((s) => s.listening).map(close));
    }
  });
});
