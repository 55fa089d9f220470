// Shared loaders and counters. Every entity is created with all of its required fields set, so
// a handler only touches what its event changes.
import { Address, BigDecimal, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  Account,
  DailyStat,
  Job,
  JobEvent,
  ModelDailyStat,
  Param,
  ParamChange,
  Payout,
  Protocol,
} from "../generated/schema";

export const PROTOCOL_ID = "protocol";
export const SECONDS_PER_DAY: i32 = 86400;
export const BPS = BigInt.fromI32(10000);

export function zero(): BigInt {
  return BigInt.zero();
}

/** "<txHash>-<logIndex>": unique per log, stable across re-indexing. */
export function eventId(event: ethereum.Event): string {
  return event.transaction.hash.toHexString() + "-" + event.logIndex.toString();
}

export function mean(sum: BigInt, count: i32): BigDecimal {
  if (count == 0) return BigDecimal.zero();
  return sum.toBigDecimal().div(BigInt.fromI32(count).toBigDecimal());
}

export function getProtocol(): Protocol {
  let p = Protocol.load(PROTOCOL_ID);
  if (p != null) return p;
  p = new Protocol(PROTOCOL_ID);
  p.models = 0;
  p.workers = 0;
  p.validators = 0;
  p.jobsPosted = 0;
  p.jobsFinalized = 0;
  p.jobsRefunded = 0;
  p.jobsDisputed = 0;
  p.cases = 0;
  p.proposals = 0;
  p.tokensServed = zero();
  p.fees = zero();
  p.workerEarnings = zero();
  p.creatorRoyalties = zero();
  p.treasuryIncome = zero();
  p.refunds = zero();
  p.slashed = zero();
  p.withdrawn = zero();
  p.workerStake = zero();
  p.validatorStake = zero();
  p.latencySum = zero();
  p.latencyCount = 0;
  p.meanLatency = BigDecimal.zero();
  p.workerShareBps = 0;
  p.creatorShareBps = 0;
  p.treasuryShareBps = 0;
  return p;
}

export function getAccount(address: Address): Account {
  let a = Account.load(address);
  if (a != null) return a;
  a = new Account(address);
  a.tokenBalance = zero();
  a.votes = zero();
  a.jobsPosted = 0;
  a.marketBalance = zero();
  a.withdrawn = zero();
  a.save();
  return a;
}

export function dayOf(timestamp: BigInt): i32 {
  return timestamp.toI32() / SECONDS_PER_DAY;
}

export function getDaily(day: i32): DailyStat {
  const id = day.toString();
  let d = DailyStat.load(id);
  if (d != null) return d;
  d = new DailyStat(id);
  d.day = day;
  d.date = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
  d.jobsPosted = 0;
  d.jobsFinalized = 0;
  d.tokensServed = zero();
  d.fees = zero();
  d.latencySum = zero();
  d.latencyCount = 0;
  d.meanLatency = BigDecimal.zero();
  return d;
}

export function getModelDaily(modelId: string, day: i32): ModelDailyStat {
  const id = modelId + "-" + day.toString();
  let d = ModelDailyStat.load(id);
  if (d != null) return d;
  d = new ModelDailyStat(id);
  d.model = modelId;
  d.day = day;
  d.date = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
  d.jobsPosted = 0;
  d.jobsFinalized = 0;
  d.tokensServed = zero();
  d.fees = zero();
  d.royalties = zero();
  d.latencySum = zero();
  d.latencyCount = 0;
  d.meanLatency = BigDecimal.zero();
  return d;
}

/** Appends one entry to a job's timeline. */
export function recordJobEvent(
  event: ethereum.Event,
  jobId: string,
  kind: string,
  account: Bytes | null,
  amount: BigInt | null,
): void {
  const e = new JobEvent(eventId(event));
  e.job = jobId;
  e.kind = kind;
  e.account = account;
  e.amount = amount;
  e.timestamp = event.block.timestamp;
  e.block = event.block.number;
  e.logIndex = event.logIndex;
  e.sequence = event.block.number.times(BigInt.fromI32(100000)).plus(event.logIndex);
  e.tx = event.transaction.hash;
  e.save();
}

/** Records money the market credited to `recipient`; zero amounts leave no row. */
export function recordPayout(
  event: ethereum.Event,
  jobId: string,
  recipient: Address,
  kind: string,
  amount: BigInt,
  suffix: string,
): void {
  if (amount.isZero()) return;
  const p = new Payout(eventId(event) + suffix);
  p.job = jobId;
  const account = getAccount(recipient);
  account.marketBalance = account.marketBalance.plus(amount);
  account.save();
  p.recipient = account.id;
  p.kind = kind;
  p.amount = amount;
  p.timestamp = event.block.timestamp;
  p.block = event.block.number;
  p.save();
}

/** Sets a parameter's current value and records the change. */
export function recordParamChange(
  event: ethereum.Event,
  name: string,
  source: string,
  oldValue: BigInt | null,
  newValue: BigInt | null,
  oldAddress: Bytes | null,
  newAddress: Bytes | null,
  suffix: string,
): void {
  let param = Param.load(name);
  if (param == null) param = new Param(name);
  param.value = newValue;
  param.address = newAddress;
  param.updatedAt = event.block.timestamp;
  param.save();
  const c = new ParamChange(eventId(event) + suffix);
  c.param = name;
  c.name = name;
  c.source = source;
  c.oldValue = oldValue;
  c.newValue = newValue;
  c.oldAddress = oldAddress;
  c.newAddress = newAddress;
  c.timestamp = event.block.timestamp;
  c.block = event.block.number;
  c.tx = event.transaction.hash;
  c.save();
}

export function loadJob(jobId: BigInt): Job {
  const job = Job.load(jobId.toString());
  if (job == null) throw new Error("Job " + jobId.toString() + " was never posted");
  return job;
}
