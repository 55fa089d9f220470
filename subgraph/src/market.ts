import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  AuditDrawExpired,
  AuditSkipped,
  AuditStarted,
  BondSettled,
  CaseSettled,
  ChallengeStarted,
  JobAssigned,
  JobChallenged,
  JobDeclined,
  JobDisputed,
  JobFinalized,
  JobPosted,
  JobRefunded,
  ResultCommitted,
  ResultSubmitted,
  SlashedStakeAbsorbed,
  ValidatorRewarded,
  Withdrawn,
  WorkerPaid,
  WorkerSlashedForFraud,
  WorkerTimedOut,
} from "../generated/JobMarket/JobMarket";
import { Case, Job, Model, Result, Vote, Withdrawal } from "../generated/schema";
import {
  BPS,
  dayOf,
  eventId,
  getAccount,
  getDaily,
  getModelDaily,
  getProtocol,
  loadJob,
  mean,
  recordJobEvent,
  recordPayout,
  zero,
} from "./helpers";
import { getValidator } from "./validators";
import { getWorker } from "./workers";

function resultId(jobId: BigInt, worker: Address): string {
  return jobId.toString() + "-" + worker.toHexString();
}

function loadResult(jobId: BigInt, worker: Address): Result {
  const r = Result.load(resultId(jobId, worker));
  if (r == null) throw new Error("Worker " + worker.toHexString() + " is not assigned to job " + jobId.toString());
  return r;
}

function loadModel(id: string): Model {
  const m = Model.load(id);
  if (m == null) throw new Error("Model " + id + " was never registered");
  return m;
}

function treasury(): Address {
  // Bytes overloads ==, so test nullable Bytes by truthiness (AssemblyScript cannot compare them to null).
  const t = getProtocol().treasury;
  if (!t) return Address.zero();
  return Address.fromBytes(t);
}

export function handleJobPosted(event: JobPosted): void {
  const id = event.params.jobId.toString();
  const job = new Job(id);
  const poster = getAccount(event.params.poster);
  poster.jobsPosted += 1;
  poster.save();
  const model = loadModel(event.params.modelId.toString());
  model.jobCount += 1;
  model.save();
  job.jobId = event.params.jobId;
  job.poster = poster.id;
  job.model = model.id;
  job.inputHash = event.params.inputHash;
  job.inputURI = event.params.inputURI;
  job.maxInputTokens = event.params.maxInputTokens;
  job.maxOutputTokens = event.params.maxOutputTokens;
  job.maxPricePerInputToken = event.params.maxPricePerInputToken;
  job.maxPricePerOutputToken = event.params.maxPricePerOutputToken;
  job.deadline = event.params.deadline;
  job.escrow = event.params.escrow;
  job.redundancy = event.params.workers.length;
  const named = event.params.workers;
  const workers = new Array<Bytes>(0);
  for (let i = 0; i < named.length; i++) workers.push(named[i]);
  job.workers = workers;
  job.status = "Open";
  job.postedAt = event.block.timestamp;
  job.postedBlock = event.block.number;
  job.postedTx = event.transaction.hash;
  job.audited = false;
  job.challenged = false;
  job.bond = zero();
  job.tokens = zero();
  job.paidWorkers = 0;
  job.totalFee = zero();
  job.workerAmount = zero();
  job.creatorAmount = zero();
  job.treasuryAmount = zero();
  job.refund = zero();
  job.save();

  const p = getProtocol();
  p.jobsPosted += 1;
  p.save();
  const day = dayOf(event.block.timestamp);
  const daily = getDaily(day);
  daily.jobsPosted += 1;
  daily.save();
  const md = getModelDaily(model.id, day);
  md.jobsPosted += 1;
  md.save();
  recordJobEvent(event, id, "Posted", event.params.poster, event.params.escrow);
}

export function handleJobAssigned(event: JobAssigned): void {
  const worker = getWorker(event.params.worker);
  worker.save();
  const r = new Result(resultId(event.params.jobId, event.params.worker));
  r.job = event.params.jobId.toString();
  r.worker = worker.id;
  r.index = event.params.index.toI32();
  r.pricePerInputToken = event.params.pricePerInputToken;
  r.pricePerOutputToken = event.params.pricePerOutputToken;
  r.status = "Assigned";
  r.inputTokens = 0;
  r.outputTokens = 0;
  r.fee = zero();
  r.workerAmount = zero();
  r.slashed = zero();
  r.refund = zero();
  r.save();
  recordJobEvent(event, r.job, "Assigned", event.params.worker, null);
}

export function handleJobDeclined(event: JobDeclined): void {
  const r = loadResult(event.params.jobId, event.params.worker);
  r.status = "Declined";
  r.refund = event.params.refund;
  r.save();
  const job = loadJob(event.params.jobId);
  job.refund = job.refund.plus(event.params.refund);
  job.save();
  recordPayout(event, job.id, Address.fromBytes(job.poster), "Refund", event.params.refund, "");
  addRefunds(event.params.refund);
  recordJobEvent(event, job.id, "Declined", event.params.worker, event.params.refund);
}

export function handleResultCommitted(event: ResultCommitted): void {
  const r = loadResult(event.params.jobId, event.params.worker);
  r.status = "Committed";
  r.sealedCommitment = event.params.sealedCommitment;
  r.committedAt = event.block.timestamp;
  r.save();
  recordJobEvent(event, r.job, "ResultCommitted", event.params.worker, null);
}

export function handleResultSubmitted(event: ResultSubmitted): void {
  const r = loadResult(event.params.jobId, event.params.worker);
  r.status = "Delivered";
  r.commitment = event.params.commitment;
  r.outputRef = event.params.outputRef;
  r.inputTokens = event.params.inputTokens.toI32();
  r.outputTokens = event.params.outputTokens.toI32();
  r.deliveredAt = event.block.timestamp;
  r.save();
  recordJobEvent(event, r.job, "ResultSubmitted", event.params.worker, null);
}

export function handleWorkerTimedOut(event: WorkerTimedOut): void {
  const r = loadResult(event.params.jobId, event.params.worker);
  r.status = "TimedOut";
  r.slashed = event.params.slashed;
  r.refund = event.params.refund;
  r.save();
  const job = loadJob(event.params.jobId);
  job.refund = job.refund.plus(event.params.refund);
  job.save();
  recordPayout(event, job.id, Address.fromBytes(job.poster), "Refund", event.params.refund, "");
  addRefunds(event.params.refund);
  recordJobEvent(event, job.id, "TimedOut", event.params.worker, event.params.slashed);
}

function addRefunds(amount: BigInt): void {
  if (amount.isZero()) return;
  const p = getProtocol();
  p.refunds = p.refunds.plus(amount);
  p.save();
}

/** Latency = when every result was in minus when the job was posted, counted on the posting day. */
function recordResultsIn(event: ethereum.Event, job: Job): void {
  if (job.resultsAt) return;
  const latency = event.block.timestamp.minus(job.postedAt);
  job.resultsAt = event.block.timestamp;
  job.latency = latency;
  const p = getProtocol();
  p.latencySum = p.latencySum.plus(latency);
  p.latencyCount += 1;
  p.meanLatency = mean(p.latencySum, p.latencyCount);
  p.save();
  const day = dayOf(job.postedAt);
  const d = getDaily(day);
  d.latencySum = d.latencySum.plus(latency);
  d.latencyCount += 1;
  d.meanLatency = mean(d.latencySum, d.latencyCount);
  d.save();
  const md = getModelDaily(job.model, day);
  md.latencySum = md.latencySum.plus(latency);
  md.latencyCount += 1;
  md.meanLatency = mean(md.latencySum, md.latencyCount);
  md.save();
}

export function handleChallengeStarted(event: ChallengeStarted): void {
  const job = loadJob(event.params.jobId);
  job.status = "Challenge";
  job.challengeEndsAt = event.params.endsAt;
  job.commitment = event.params.commitment;
  recordResultsIn(event, job);
  job.save();
  recordJobEvent(event, job.id, "ChallengeStarted", null, null);
}

export function handleJobDisputed(event: JobDisputed): void {
  const job = loadJob(event.params.jobId);
  job.status = "Disputed";
  recordResultsIn(event, job);
  job.save();
  const p = getProtocol();
  p.jobsDisputed += 1;
  p.save();
  recordJobEvent(event, job.id, "Disputed", null, null);
}

export function handleWorkerPaid(event: WorkerPaid): void {
  const r = loadResult(event.params.jobId, event.params.worker);
  r.status = "Paid";
  r.fee = event.params.fee;
  r.workerAmount = event.params.workerAmount;
  r.save();
  const tokens = BigInt.fromI32(r.inputTokens + r.outputTokens);
  const fee = event.params.fee;

  const job = loadJob(event.params.jobId);
  job.paidWorkers += 1;
  job.workerAmount = job.workerAmount.plus(event.params.workerAmount);
  job.tokens = job.tokens.plus(tokens);
  job.save();
  const w = getWorker(event.params.worker);
  w.earnings = w.earnings.plus(event.params.workerAmount);
  w.save();
  const model = loadModel(job.model);
  model.tokensServed = model.tokensServed.plus(tokens);
  model.fees = model.fees.plus(fee);
  model.save();
  const p = getProtocol();
  p.tokensServed = p.tokensServed.plus(tokens);
  p.fees = p.fees.plus(fee);
  p.workerEarnings = p.workerEarnings.plus(event.params.workerAmount);
  p.save();
  const day = dayOf(event.block.timestamp);
  const d = getDaily(day);
  d.tokensServed = d.tokensServed.plus(tokens);
  d.fees = d.fees.plus(fee);
  d.save();
  const md = getModelDaily(model.id, day);
  md.tokensServed = md.tokensServed.plus(tokens);
  md.fees = md.fees.plus(fee);
  md.save();
  recordPayout(event, job.id, event.params.worker, "Worker", event.params.workerAmount, "");
  recordJobEvent(event, job.id, "WorkerPaid", event.params.worker, event.params.workerAmount);
}

/** Creator royalty, treasury share and refund of a settled job, and the per-day counts. */
function settle(
  event: ethereum.Event,
  job: Job,
  totalFee: BigInt,
  creatorAmount: BigInt,
  treasuryAmount: BigInt,
  refund: BigInt,
  finalized: boolean,
): void {
  const model = loadModel(job.model);
  job.totalFee = totalFee;
  job.creatorAmount = creatorAmount;
  job.treasuryAmount = job.treasuryAmount.plus(treasuryAmount);
  job.refund = job.refund.plus(refund);
  job.status = finalized ? "Finalized" : "Refunded";
  job.settledAt = event.block.timestamp;
  job.save();
  recordPayout(event, job.id, Address.fromBytes(model.creator), "Creator", creatorAmount, "-creator");
  recordPayout(event, job.id, treasury(), "Treasury", treasuryAmount, "-treasury");
  recordPayout(event, job.id, Address.fromBytes(job.poster), "Refund", refund, "-refund");
  model.royalties = model.royalties.plus(creatorAmount);
  if (finalized) model.jobsFinalized += 1;
  model.save();
  const p = getProtocol();
  p.creatorRoyalties = p.creatorRoyalties.plus(creatorAmount);
  p.treasuryIncome = p.treasuryIncome.plus(treasuryAmount);
  p.refunds = p.refunds.plus(refund);
  if (finalized) p.jobsFinalized += 1;
  else p.jobsRefunded += 1;
  p.save();
  const day = dayOf(event.block.timestamp);
  const md = getModelDaily(model.id, day);
  md.royalties = md.royalties.plus(creatorAmount);
  if (finalized) md.jobsFinalized += 1;
  md.save();
  if (finalized) {
    const d = getDaily(day);
    d.jobsFinalized += 1;
    d.save();
  }
}

export function handleJobFinalized(event: JobFinalized): void {
  const job = loadJob(event.params.jobId);
  settle(
    event,
    job,
    event.params.totalFee,
    event.params.creatorAmount,
    event.params.treasuryAmount,
    event.params.refund,
    true,
  );
  recordJobEvent(event, job.id, "Finalized", null, event.params.totalFee);
}

export function handleJobRefunded(event: JobRefunded): void {
  const job = loadJob(event.params.jobId);
  settle(event, job, zero(), zero(), zero(), event.params.refund, false);
  recordJobEvent(event, job.id, "Refunded", null, event.params.refund);
}

export function handleWithdrawn(event: Withdrawn): void {
  const w = new Withdrawal(eventId(event));
  const account = getAccount(event.params.account);
  account.withdrawn = account.withdrawn.plus(event.params.amount);
  account.marketBalance = account.marketBalance.minus(event.params.amount);
  account.save();
  w.account = account.id;
  w.amount = event.params.amount;
  w.timestamp = event.block.timestamp;
  w.block = event.block.number;
  w.tx = event.transaction.hash;
  w.save();
  const p = getProtocol();
  p.withdrawn = p.withdrawn.plus(event.params.amount);
  p.save();
}

export function handleAuditDrawExpired(event: AuditDrawExpired): void {
  recordJobEvent(event, event.params.jobId.toString(), "AuditDrawExpired", null, null);
}

export function handleAuditStarted(event: AuditStarted): void {
  const job = loadJob(event.params.jobId);
  job.status = "Audit";
  job.audited = true;
  job.save();
  recordJobEvent(event, job.id, "AuditStarted", null, null);
}

export function handleAuditSkipped(event: AuditSkipped): void {
  // The court opened the case but found nobody eligible to judge.
  const c = Case.load(event.params.jobId.toString());
  if (c != null) {
    c.status = "Resolved";
    c.resolvedAt = event.block.timestamp;
    c.save();
  }
  recordJobEvent(event, event.params.jobId.toString(), "AuditSkipped", null, null);
}

export function handleJobChallenged(event: JobChallenged): void {
  const job = loadJob(event.params.jobId);
  job.status = "Disputed";
  job.challenged = true;
  job.bond = event.params.bond;
  job.save();
  recordJobEvent(event, job.id, "Challenged", event.params.poster, event.params.bond);
}

export function handleWorkerSlashedForFraud(event: WorkerSlashedForFraud): void {
  const r = loadResult(event.params.jobId, event.params.worker);
  r.status = "Slashed";
  r.slashed = event.params.amount;
  r.save();
  recordJobEvent(event, r.job, "WorkerSlashedForFraud", event.params.worker, event.params.amount);
}

export function handleValidatorRewarded(event: ValidatorRewarded): void {
  const v = getValidator(event.params.validator);
  v.rewards = v.rewards.plus(event.params.amount);
  v.save();
  const vote = Vote.load(event.params.jobId.toString() + "-" + event.params.validator.toHexString());
  if (vote != null) {
    vote.reward = vote.reward.plus(event.params.amount);
    vote.save();
  }
  const id = event.params.jobId.toString();
  recordPayout(event, id, event.params.validator, "Validator", event.params.amount, "");
  recordJobEvent(event, id, "ValidatorRewarded", event.params.validator, event.params.amount);
}

export function handleBondSettled(event: BondSettled): void {
  const job = loadJob(event.params.jobId);
  recordPayout(event, job.id, Address.fromBytes(job.poster), "Bond", event.params.toPoster, "");
  const toWorkers = event.params.toWorkers;
  const c = Case.load(job.id);
  if (!toWorkers.isZero() && c != null && c.verdict) {
    // The market splits a lost bond equally among the delivered workers that match the verdict,
    // the first of them also taking the rounding dust (JobMarket._creditMatching).
    const verdict = changetype<Bytes>(c.verdict);
    const matching = new Array<Address>(0);
    const workers = job.workers;
    for (let i = 0; i < workers.length; i++) {
      const r = Result.load(resultId(job.jobId, Address.fromBytes(workers[i])));
      if (r == null || !r.commitment || r.status == "Declined" || r.status == "TimedOut") continue;
      if (changetype<Bytes>(r.commitment).equals(verdict)) matching.push(Address.fromBytes(workers[i]));
    }
    if (matching.length > 0) {
      const n = BigInt.fromI32(matching.length);
      const each = toWorkers.div(n);
      const dust = toWorkers.minus(each.times(n));
      for (let i = 0; i < matching.length; i++) {
        recordPayout(event, job.id, matching[i], "Bond", i == 0 ? each.plus(dust) : each, "-w" + i.toString());
      }
    }
  }
  recordJobEvent(event, job.id, event.params.upheld ? "BondUpheld" : "BondSettled", null, event.params.toPoster);
}

export function handleCaseSettled(event: CaseSettled): void {
  const job = loadJob(event.params.jobId);
  const c = Case.load(job.id);
  if (c != null) {
    c.settledFee = event.params.totalFee;
    c.settledRefund = event.params.refund;
    c.settledSlashed = event.params.slashed;
    c.toValidators = event.params.toValidators;
    c.toTreasury = event.params.toTreasury;
    c.save();
  }
  if (event.params.hasVerdict) {
    // The market credits the creator its usual share of the fee but reports only the fee.
    const creatorAmount = event.params.totalFee.times(BigInt.fromI32(getProtocol().creatorShareBps)).div(BPS);
    settle(
      event,
      job,
      event.params.totalFee,
      creatorAmount,
      event.params.toTreasury,
      event.params.refund,
      job.paidWorkers > 0,
    );
  } else {
    // Fallback: JobFinalized or JobRefunded already settled the job; only slashed validator
    // stake is new money for the treasury.
    const slashed = event.params.slashed;
    recordPayout(event, job.id, treasury(), "Treasury", slashed, "-treasury");
    job.treasuryAmount = job.treasuryAmount.plus(slashed);
    job.save();
    const p = getProtocol();
    p.treasuryIncome = p.treasuryIncome.plus(slashed);
    p.save();
  }
  recordJobEvent(event, job.id, "CaseSettled", null, event.params.totalFee);
}

export function handleSlashedStakeAbsorbed(event: SlashedStakeAbsorbed): void {
  const id = event.params.jobId.toString();
  recordPayout(event, id, treasury(), "Treasury", event.params.amount, "");
  const p = getProtocol();
  p.treasuryIncome = p.treasuryIncome.plus(event.params.amount);
  p.save();
  recordJobEvent(event, id, "SlashedStakeAbsorbed", null, event.params.amount);
}
