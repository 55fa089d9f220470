// The actions that talk to the contracts, against the real contracts on Hardhat's in-process
// EDR chain (@infergrid/contracts/testing), with the fixture's funded accounts as JSON-RPC
// wallets: posting (the job id from the receipt), allowances and permits, typed reverts,
// timeouts, finalization, balances and withdrawal. The worker side (streams, outputs) is
// covered end to end in e2e/test/sdk-run-job.test.ts.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { keccak256, toHex, type Address, type Hash } from "viem";
import {
  CHALLENGE_WINDOW,
  Param,
  PRICE_IN,
  PRICE_OUT,
  connectProtocol,
  type Protocol,
} from "@infergrid/contracts/testing";
import type { Deployment } from "../src/addresses.ts";
import {
  claimTimeout,
  ensureAllowance,
  finalizeJob,
  getBalances,
  getJobState,
  postJob,
  signPermit,
  waitForFinalization,
  waitForResult,
  withdraw,
  type JobRequest,
} from "../src/actions/index.ts";
import { createInferGridBaseClient, type InferGridBaseClient } from "../src/baseClient.ts";
import { ContractRevertError } from "../src/contracts.ts";
import { isInferGridError } from "../src/errorCodes.ts";
import { InsufficientBalanceError } from "../src/errors.ts";
import { jobEscrow } from "../src/protocol/fees.ts";

const fx = await connectProtocol();
const { accounts, publicClient, networkHelpers } = fx;
let c: Protocol;
let deployment: Deployment;

const clientOf = (wallet: (typeof accounts)["poster"]): InferGridBaseClient =>
  createInferGridBaseClient({
    walletClient: wallet as never,
    publicClient: publicClient as never,
    deployment,
    pollIntervalMs: 5,
    settleTimeoutSeconds: 30,
  });

async function request(deadlineIn = 600n, maxPrice = 10n ** 10n): Promise<JobRequest> {
  return {
    modelId: 1n,
    workers: [accounts.w1.account.address],
    inputHash: keccak256(toHex("prompt")),
    encryptedInputs: ["0x01"],
    inputURI: "",
    maxInputTokens: 100,
    maxOutputTokens: 200,
    maxPricePerInputToken: maxPrice,
    maxPricePerOutputToken: maxPrice,
    deadline: Number((await fx.now()) + deadlineIn),
  };
}
const escrowOf = (r: JobRequest) => jobEscrow({ redundancy: r.workers.length, ...r });

before(async () => {
  c = await fx.load();
  deployment = {
    chainId: await publicClient.getChainId(),
    GridToken: c.token.address,
    GridTimelock: c.timelock.address,
    GridGovernor: c.governor.address,
    ProtocolConfig: c.config.address,
    ModelRegistry: c.modelRegistry.address,
    WorkerRegistry: c.workerRegistry.address,
    JobMarket: c.jobMarket.address,
    ValidatorRegistry: c.validatorRegistry.address,
    BlockhashRandomness: c.randomness.address,
    VerificationCourt: c.court.address,
  };
  await fx.setParams(c, [[Param.AuditRateBps, 0n]]);
});

describe("postJob and paying the escrow", () => {
  it("ensureAllowance approves exactly what is short, once; postJob returns the id its JobPosted event names", async () => {
    const client = clientOf(accounts.other);
    const r = await request();
    const escrow = escrowOf(r);
    assert.equal((await getBalances(client)).allowance, 0n);
    const first = await ensureAllowance(client, { amount: escrow });
    assert.ok(first.transactionHash);
    assert.equal((await getBalances(client)).allowance, escrow);
    const again = await ensureAllowance(client, { amount: escrow });
    assert.equal(again.transactionHash, undefined, "no second approval while the allowance covers the amount");

    const expectedId = await c.jobMarket.read.nextJobId();
    let sent: Hash | undefined;
    const posted = await postJob(client, { request: r, onSent: (h) => (sent = h) });
    assert.equal(posted.jobId, expectedId);
    assert.equal(sent, posted.transactionHash);
    assert.equal(posted.escrow, escrow);
    const receipt = await publicClient.getTransactionReceipt({ hash: posted.transactionHash });
    assert.equal(receipt.blockNumber, posted.blockNumber);
    const job = await c.jobMarket.read.job([posted.jobId]);
    assert.equal(job.poster.toLowerCase(), accounts.other.account.address.toLowerCase());
    assert.equal(job.escrow, escrow);
  });

  it("pays with a permit: one transaction, no allowance left behind", async () => {
    const client = clientOf(accounts.w4);
    const r = await request();
    const before = await getBalances(client);
    assert.equal(before.allowance, 0n);
    const permit = await signPermit(client, { amount: escrowOf(r), deadline: BigInt(r.deadline) });
    const posted = await postJob(client, { request: r, permit });
    const after = await getBalances(client);
    assert.equal(after.wallet, before.wallet - escrowOf(r));
    assert.equal(after.allowance, 0n);
    assert.equal((await c.jobMarket.read.job([posted.jobId])).escrow, escrowOf(r));
  });

  it("refuses more than the wallet holds with INSUFFICIENT_BALANCE, sending nothing", async () => {
    const client = clientOf(accounts.other);
    const { wallet } = await getBalances(client);
    const nonce = await publicClient.getTransactionCount({ address: accounts.other.account.address });
    await assert.rejects(ensureAllowance(client, { amount: wallet + 1n }), (e: unknown) => {
      assert.ok(isInferGridError(e, "INSUFFICIENT_BALANCE"));
      assert.ok(e instanceof InsufficientBalanceError);
      assert.deepEqual([e.have, e.need], [wallet, wallet + 1n]);
      return true;
    });
    assert.equal(await publicClient.getTransactionCount({ address: accounts.other.account.address }), nonce);
  });

  it("turns a revert into CONTRACT_REVERT with the contract's error name, before anything is sent", async () => {
    const client = clientOf(accounts.poster);
    const next = await c.jobMarket.read.nextJobId();
    // The worker charges PRICE_IN / PRICE_OUT; a max of 1 wei per token is below it.
    await assert.rejects(postJob(client, { request: await request(600n, 1n) }), (e: unknown) => {
      assert.ok(isInferGridError(e, "CONTRACT_REVERT"));
      assert.equal(e.errorName, "PriceAboveMax");
      assert.equal(e.functionName, "postJob");
      assert.deepEqual(e.args.slice(2), [PRICE_IN, 1n]);
      return true;
    });
    assert.equal(await c.jobMarket.read.nextJobId(), next, "no job was posted");
  });

  it("names the sender that cannot pay gas with INSUFFICIENT_GAS", async () => {
    const broke = fx.validators.at(-1)!;
    const client = clientOf(broke);
    await networkHelpers.setBalance(broke.account.address, 0n);
    await assert.rejects(ensureAllowance(client, { amount: 1n }), (e: unknown) => {
      assert.ok(isInferGridError(e, "INSUFFICIENT_GAS"), `got ${String(e)}`);
      assert.equal(e.functionName, "approve");
      assert.equal(e.account.toLowerCase(), broke.account.address.toLowerCase());
      return true;
    });
  });
});

describe("waiting, timeouts and settlement", () => {
  it("claimTimeout before the deadline reverts with TimeoutNotReached; waitForResult claims it after and reports the refund", async () => {
    const client = clientOf(accounts.poster);
    const r = await request(120n);
    const posted = await postJob(client, { request: r });
    await assert.rejects(
      claimTimeout(client, { jobId: posted.jobId }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "TimeoutNotReached",
    );
    await networkHelpers.time.increase(121n);
    const market = (await getBalances(client)).market;
    const settled = await waitForResult(client, {
      jobId: posted.jobId,
      deadline: r.deadline,
      fromBlock: posted.blockNumber,
    });
    assert.equal(settled.status, "refunded");
    assert.equal(settled.timedOut, true);
    assert.ok(settled.claimTransaction);
    assert.equal(settled.results.size, 0);
    const state = await getJobState(client, { jobId: posted.jobId });
    assert.equal(state.status, "refunded");
    assert.deepEqual(
      state.workers.map((w) => w.status),
      ["timed-out"],
    );
    assert.equal((await getBalances(client)).market, market + escrowOf(r));
  });

  it("waitForResult sees an agreed result; waitForFinalization finalizes after the window and the fee is what getJobState said", async () => {
    const client = clientOf(accounts.poster);
    const r = await request();
    const posted = await postJob(client, { request: r });
    const commitment = keccak256(toHex(`result ${posted.jobId}`));
    await c.jobMarket.write.submitResult([posted.jobId, commitment, "ref", 40, 120], {
      account: accounts.w1.account,
    });
    const settled = await waitForResult(client, {
      jobId: posted.jobId,
      deadline: r.deadline,
      fromBlock: posted.blockNumber,
    });
    assert.equal(settled.status, "challenge");
    const mine = settled.results.get(accounts.w1.account.address.toLowerCase());
    assert.deepEqual([mine?.commitment, mine?.inputTokens, mine?.outputTokens], [commitment, 40, 120]);
    const state = await getJobState(client, { jobId: posted.jobId });
    assert.equal(state.cost, 40n * PRICE_IN + 120n * PRICE_OUT);
    await assert.rejects(
      finalizeJob(client, { jobId: posted.jobId }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "ChallengeWindowOpen",
    );
    // The audit draw reads the hash of a block after the result's: an automining chain needs two more.
    await networkHelpers.time.increase(CHALLENGE_WINDOW);
    await networkHelpers.mine(2);
    const before = (await getBalances(client)).market;
    const done = await waitForFinalization(client, { jobId: posted.jobId });
    assert.equal(done.status, "finalized");
    assert.ok(done.transaction);
    assert.equal((await getBalances(client)).market, before + escrowOf(r) - state.cost, "the rest is refunded");
  });

  it("withdraw moves the whole credited balance to the wallet; a second one reverts with NothingToWithdraw", async () => {
    const client = clientOf(accounts.poster);
    const before = await getBalances(client);
    assert.ok(before.market > 0n);
    const { amount, transaction } = await withdraw(client);
    assert.equal(amount, before.market);
    const receipt = await publicClient.getTransactionReceipt({ hash: transaction });
    const after = await getBalances(client);
    assert.equal(receipt.status, "success");
    assert.deepEqual([after.market, after.wallet], [0n, before.wallet + amount]);
    await assert.rejects(withdraw(client), (e: unknown) => {
      assert.ok(isInferGridError(e, "CONTRACT_REVERT"));
      assert.equal(e.errorName, "NothingToWithdraw");
      assert.equal((e.args[0] as Address).toLowerCase(), accounts.poster.account.address.toLowerCase());
      return true;
    });
  });
});
