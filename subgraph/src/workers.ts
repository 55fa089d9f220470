import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  JobReleased,
  JobReserved,
  ModelPriceSet,
  ModelRemoved,
  OutcomeRecorded,
  PausedSet,
  ProfileUpdated,
  Slashed,
  Staked,
  UnbondRequested,
  UnbondWithdrawn,
  WorkerRegistered,
} from "../generated/WorkerRegistry/WorkerRegistry";
import { StakeChange, Worker, WorkerModel } from "../generated/schema";
import { eventId, getProtocol, zero } from "./helpers";

export const INITIAL_ELO: i32 = 1500;

/** A worker row; staking may come before registering, so both create it. */
export function getWorker(address: Address): Worker {
  let w = Worker.load(address);
  if (w != null) return w;
  w = new Worker(address);
  w.registered = false;
  w.endpoint = "";
  w.encryptionKey = Bytes.empty();
  w.region = 0;
  w.capacity = 0;
  w.minJobDuration = 0;
  w.paused = false;
  w.stake = zero();
  w.unbonding = zero();
  w.unbondingReadyAt = zero();
  w.elo = INITIAL_ELO;
  w.activeJobs = 0;
  w.jobsDone = 0;
  w.jobsFailed = 0;
  w.tokensServed = zero();
  w.earnings = zero();
  w.slashed = zero();
  return w;
}

function stakeChange(event: ethereum.Event, w: Worker, kind: string, amount: BigInt): void {
  const c = new StakeChange(eventId(event));
  c.account = w.id;
  c.role = "Worker";
  c.kind = kind;
  c.amount = amount;
  c.worker = w.id;
  c.timestamp = event.block.timestamp;
  c.block = event.block.number;
  c.save();
}

export function handleStaked(event: Staked): void {
  const w = getWorker(event.params.worker);
  const p = getProtocol();
  p.workerStake = p.workerStake.plus(event.params.amount);
  p.save();
  w.stake = event.params.totalStake;
  w.save();
  stakeChange(event, w, "Stake", event.params.amount);
}

function setProfile(w: Worker, endpoint: string, key: Bytes, region: i32, capacity: i32, minJobDuration: BigInt): void {
  w.endpoint = endpoint;
  w.encryptionKey = key;
  w.region = region;
  w.capacity = capacity;
  w.minJobDuration = minJobDuration.toI32();
}

export function handleWorkerRegistered(event: WorkerRegistered): void {
  const w = getWorker(event.params.worker);
  setProfile(w, event.params.endpoint, event.params.encryptionKey, event.params.region, event.params.capacity, event.params.minJobDuration);
  w.registered = true;
  w.registeredAt = event.block.timestamp;
  w.save();
  const p = getProtocol();
  p.workers += 1;
  p.save();
}

export function handleProfileUpdated(event: ProfileUpdated): void {
  const w = getWorker(event.params.worker);
  setProfile(w, event.params.endpoint, event.params.encryptionKey, event.params.region, event.params.capacity, event.params.minJobDuration);
  w.save();
}

export function handleModelPriceSet(event: ModelPriceSet): void {
  const id = event.params.worker.toHexString() + "-" + event.params.modelId.toString();
  let wm = WorkerModel.load(id);
  if (wm == null) wm = new WorkerModel(id);
  wm.worker = event.params.worker;
  wm.model = event.params.modelId.toString();
  wm.pricePerInputToken = event.params.pricePerInputToken;
  wm.pricePerOutputToken = event.params.pricePerOutputToken;
  wm.served = true;
  wm.updatedAt = event.block.timestamp;
  wm.save();
}

export function handleModelRemoved(event: ModelRemoved): void {
  const wm = WorkerModel.load(event.params.worker.toHexString() + "-" + event.params.modelId.toString());
  if (wm == null) return;
  wm.served = false;
  wm.updatedAt = event.block.timestamp;
  wm.save();
}

export function handlePausedSet(event: PausedSet): void {
  const w = getWorker(event.params.worker);
  w.paused = event.params.paused;
  w.save();
}

export function handleUnbondRequested(event: UnbondRequested): void {
  const w = getWorker(event.params.worker);
  w.stake = w.stake.minus(event.params.amount);
  w.unbonding = event.params.totalUnbonding;
  w.unbondingReadyAt = event.params.readyAt;
  w.save();
  const p = getProtocol();
  p.workerStake = p.workerStake.minus(event.params.amount);
  p.save();
  stakeChange(event, w, "UnbondRequested", event.params.amount);
}

export function handleUnbondWithdrawn(event: UnbondWithdrawn): void {
  const w = getWorker(event.params.worker);
  w.unbonding = w.unbonding.minus(event.params.amount);
  w.save();
  stakeChange(event, w, "UnbondWithdrawn", event.params.amount);
}

export function handleSlashed(event: Slashed): void {
  const w = getWorker(event.params.worker);
  // The registry takes bonded stake first, then unbonding stake.
  const amount = event.params.amount;
  const fromStake = amount.gt(w.stake) ? w.stake : amount;
  w.stake = w.stake.minus(fromStake);
  w.unbonding = w.unbonding.minus(amount.minus(fromStake));
  w.slashed = w.slashed.plus(amount);
  w.save();
  const p = getProtocol();
  p.workerStake = p.workerStake.minus(fromStake);
  p.slashed = p.slashed.plus(amount);
  p.save();
  stakeChange(event, w, "Slashed", amount);
}

export function handleJobReserved(event: JobReserved): void {
  const w = getWorker(event.params.worker);
  w.activeJobs = event.params.activeJobs.toI32();
  w.save();
}

export function handleJobReleased(event: JobReleased): void {
  const w = getWorker(event.params.worker);
  w.activeJobs = event.params.activeJobs.toI32();
  w.save();
}

export function handleOutcomeRecorded(event: OutcomeRecorded): void {
  const w = getWorker(event.params.worker);
  if (event.params.success) w.jobsDone += 1;
  else w.jobsFailed += 1;
  w.tokensServed = w.tokensServed.plus(event.params.tokens);
  w.elo = event.params.newElo;
  w.save();
}
